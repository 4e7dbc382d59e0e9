using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Sales;

/// <summary>Configures pipelines and their stages: add, rename, reorder, default probability, won/lost flags.</summary>
public sealed class PipelineAdmin(IDbContextFactory<RapportDb> databases)
{
    public async Task<long> AddPipelineAsync(string name, CancellationToken ct = default)
    {
        var clean = Name(name, "name");
        await using var db = await databases.CreateDbContextAsync(ct);
        var pipeline = new Pipeline
        {
            Name = clean,
            IsDefault = !await db.Pipelines.AnyAsync(ct),
            Stages = Core.Sales.StandardPipeline.NewStages(),
        };
        db.Pipelines.Add(pipeline);
        await db.SaveChangesAsync(ct);
        return pipeline.Id;
    }

    public async Task<long> AddStageAsync(long pipelineId, string name, double probability, bool won, bool lost, CancellationToken ct = default)
    {
        Check(name, probability, won, lost);
        await using var db = await databases.CreateDbContextAsync(ct);
        if (!await db.Pipelines.AnyAsync(p => p.Id == pipelineId, ct)) throw Invalid("pipelineId", "no such pipeline");
        var last = await db.PipelineStages.Where(s => s.PipelineId == pipelineId).MaxAsync(s => (int?)s.Position, ct) ?? 0;
        var stage = new PipelineStage { PipelineId = pipelineId, Name = name.Trim(), Position = last + 1, Probability = probability, IsWon = won, IsLost = lost };
        db.PipelineStages.Add(stage);
        await db.SaveChangesAsync(ct);
        return stage.Id;
    }

    public async Task UpdateStageAsync(long stageId, string name, double probability, bool won, bool lost, CancellationToken ct = default)
    {
        Check(name, probability, won, lost);
        await using var db = await databases.CreateDbContextAsync(ct);
        var stage = await db.PipelineStages.FirstOrDefaultAsync(s => s.Id == stageId, ct) ?? throw Invalid("stageId", "no such stage");
        stage.Name = name.Trim();
        stage.Probability = probability;
        stage.IsWon = won;
        stage.IsLost = lost;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Swaps the stage with its neighbour (<paramref name="offset"/> −1 = earlier, +1 = later).</summary>
    public async Task MoveStageAsync(long stageId, int offset, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var stage = await db.PipelineStages.FirstOrDefaultAsync(s => s.Id == stageId, ct) ?? throw Invalid("stageId", "no such stage");
        var stages = await db.PipelineStages.Where(s => s.PipelineId == stage.PipelineId).OrderBy(s => s.Position).ThenBy(s => s.Id).ToListAsync(ct);
        var index = stages.FindIndex(s => s.Id == stageId);
        var other = index + Math.Sign(offset);
        if (offset == 0 || other < 0 || other >= stages.Count) return;
        (stages[index], stages[other]) = (stages[other], stages[index]);
        // Renumber 1..n so positions stay dense whatever they were.
        for (var i = 0; i < stages.Count; i++) stages[i].Position = i + 1;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deletes a stage no deal is or was in; otherwise says why not.</summary>
    public async Task DeleteStageAsync(long stageId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var stage = await db.PipelineStages.FirstOrDefaultAsync(s => s.Id == stageId, ct) ?? throw Invalid("stageId", "no such stage");
        if (await db.Deals.AnyAsync(d => d.StageId == stageId, ct) || await db.DealStageChanges.AnyAsync(c => c.ToStageId == stageId || c.FromStageId == stageId, ct))
            throw Invalid("stageId", "deals are or were in this stage");
        db.PipelineStages.Remove(stage);
        await db.SaveChangesAsync(ct);
    }

    public async Task SetDefaultAsync(long pipelineId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var pipelines = await db.Pipelines.ToListAsync(ct);
        if (pipelines.All(p => p.Id != pipelineId)) throw Invalid("pipelineId", "no such pipeline");
        foreach (var p in pipelines) p.IsDefault = p.Id == pipelineId;
        await db.SaveChangesAsync(ct);
    }

    private static void Check(string name, double probability, bool won, bool lost)
    {
        Name(name, "name");
        if (double.IsNaN(probability) || probability is < 0 or > 1) throw Invalid("probability", "between 0 and 1");
        if (won && lost) throw Invalid("isLost", "a stage cannot be both won and lost");
    }

    private static string Name(string? name, string field)
        => string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200 ? throw Invalid(field, "1 to 200 characters") : name.Trim();

    private static DealValidationException Invalid(string field, string problem) => new(new Dictionary<string, string[]> { [field] = [problem] });
}
