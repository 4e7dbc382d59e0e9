using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Sales;

/// <summary>
/// Makes sure a default pipeline exists (<c>Pipelines.Where(p =&gt; p.IsDefault)</c>), so a deal can always be put into
/// its first stage: "Sales" with Lead → Qualified → Proposal → Negotiation → Won / Lost, as the demo has it.
/// </summary>
public static class DefaultPipeline
{
    public static readonly (string Name, double Probability, bool Won, bool Lost)[] Stages =
    [
        ("Lead", 0.10, false, false),
        ("Qualified", 0.25, false, false),
        ("Proposal", 0.50, false, false),
        ("Negotiation", 0.75, false, false),
        ("Won", 1.0, true, false),
        ("Lost", 0.0, false, true),
    ];

    public static async Task EnsureAsync(RapportDb db, CancellationToken ct = default)
    {
        if (await db.Pipelines.AnyAsync(p => p.IsDefault, ct)) return;
        var first = await db.Pipelines.OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
        if (first is not null)
        {
            // Pipelines exist but none is marked: the oldest becomes the default.
            first.IsDefault = true;
        }
        else
        {
            db.Pipelines.Add(new Pipeline
            {
                Name = "Sales",
                IsDefault = true,
                Stages = Stages.Select((s, i) => new PipelineStage { Name = s.Name, Position = i + 1, Probability = s.Probability, IsWon = s.Won, IsLost = s.Lost }).ToList(),
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
