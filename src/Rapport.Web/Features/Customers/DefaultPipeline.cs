using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Customers;

/// <summary>
/// Where a new deal starts: the first open stage of the default pipeline (else the oldest pipeline). A database without
/// any pipeline gets the demo's "Sales" pipeline, so the first deal never fails for want of configuration.
/// </summary>
public static class DefaultPipeline
{
    private static readonly (string Name, double Probability, bool Won, bool Lost)[] Stages =
    [
        ("Lead", 0.10, false, false), ("Qualified", 0.25, false, false), ("Proposal", 0.50, false, false),
        ("Negotiation", 0.75, false, false), ("Won", 1.0, true, false), ("Lost", 0.0, false, true),
    ];

    public static async Task<PipelineStage> FirstStageAsync(RapportDb db, CancellationToken ct)
    {
        var pipeline = await db.Pipelines.Include(p => p.Stages).OrderByDescending(p => p.IsDefault).ThenBy(p => p.Id).FirstOrDefaultAsync(ct);
        if (pipeline is null)
        {
            pipeline = new Pipeline { Name = "Sales", IsDefault = true };
            for (var i = 0; i < Stages.Length; i++)
                pipeline.Stages.Add(new PipelineStage { Name = Stages[i].Name, Position = i + 1, Probability = Stages[i].Probability, IsWon = Stages[i].Won, IsLost = Stages[i].Lost });
            db.Pipelines.Add(pipeline);
            await db.SaveChangesAsync(ct);
        }
        return pipeline.Stages.Where(s => !s.IsWon && !s.IsLost).OrderBy(s => s.Position).FirstOrDefault()
               ?? pipeline.Stages.OrderBy(s => s.Position).FirstOrDefault()
               ?? throw new InvalidOperationException($"pipeline '{pipeline.Name}' has no stages");
    }
}
