using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Sales;

/// <summary>The editable fields of a deal (create and update); null pipeline/stage = the default pipeline's first stage.</summary>
public sealed record DealInput
{
    public string? Title { get; init; }
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }
    public DateOnly? ExpectedClose { get; init; }
    public long? OwnerId { get; init; }
    public long? CompanyId { get; init; }
    public long? CustomerId { get; init; }
    public long? PipelineId { get; init; }
    public long? StageId { get; init; }
    public string? NextStep { get; init; }
    public string? LostReason { get; init; }
    /// <summary>Overrides the stage's default probability (0–1).</summary>
    public double? Probability { get; init; }
}

/// <summary>Field → problems, named as the API's JSON names them.</summary>
public sealed class DealValidationException(IDictionary<string, string[]> errors) : Exception("The deal is not valid.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>
/// Writes deals through the tracked (audited) path: create, update, and move to a stage — each move is recorded as a
/// <see cref="DealStageChange"/>, sets the probability to the stage's default and the status and close time from the
/// stage's won/lost flags.
/// </summary>
public sealed class DealEditor(IDbContextFactory<RapportDb> databases, TimeProvider clock)
{
    public async Task<long> CreateAsync(DealInput input, long? userId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var errors = await ValidateAsync(db, input, creating: true, ct);
        var pipeline = input.PipelineId is { } p
            ? await db.Pipelines.FirstOrDefaultAsync(x => x.Id == p, ct)
            : await db.Pipelines.Where(x => x.IsDefault).OrderBy(x => x.Id).FirstOrDefaultAsync(ct);
        if (pipeline is null) errors.TryAdd("pipelineId", ["no such pipeline"]);
        PipelineStage? stage = null;
        if (pipeline is not null)
        {
            stage = input.StageId is { } s
                ? await db.PipelineStages.FirstOrDefaultAsync(x => x.Id == s && x.PipelineId == pipeline.Id, ct)
                : await db.PipelineStages.Where(x => x.PipelineId == pipeline.Id).OrderBy(x => x.Position).FirstOrDefaultAsync(ct);
            if (stage is null) errors.TryAdd("stageId", ["not a stage of the pipeline"]);
        }
        if (errors.Count > 0) throw new DealValidationException(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var deal = new Deal
        {
            PipelineId = pipeline!.Id, StageId = stage!.Id, CreatedAt = now, Status = StatusOf(stage), ClosedAt = stage.IsWon || stage.IsLost ? now : null,
            Probability = input.Probability ?? stage.Probability,
        };
        Apply(deal, input);
        deal.StageChanges.Add(new DealStageChange { ToStageId = stage.Id, ChangedAt = now, UserId = userId });
        db.Deals.Add(deal);
        await db.SaveChangesAsync(ct);
        return deal.Id;
    }

    /// <summary>Updates the fields; a different stage is a move (recorded). False when the deal does not exist.</summary>
    public async Task<bool> UpdateAsync(long id, DealInput input, long? userId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var deal = await db.Deals.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (deal is null) return false;
        var errors = await ValidateAsync(db, input, creating: false, ct);
        PipelineStage? stage = null;
        if (input.StageId is { } s && s != deal.StageId)
        {
            stage = await db.PipelineStages.FirstOrDefaultAsync(x => x.Id == s && x.PipelineId == deal.PipelineId, ct);
            if (stage is null) errors.TryAdd("stageId", ["not a stage of the deal's pipeline"]);
        }
        if (errors.Count > 0) throw new DealValidationException(errors);
        Apply(deal, input);
        if (stage is not null) MoveTo(db, deal, stage, userId);
        if (input.Probability is { } probability) deal.Probability = probability;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Moves a deal to a stage of its pipeline. Null when the deal does not exist; throws when the stage is not in its pipeline.</summary>
    public async Task<bool?> MoveAsync(long id, long stageId, long? userId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var deal = await db.Deals.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (deal is null) return null;
        var stage = await db.PipelineStages.FirstOrDefaultAsync(s => s.Id == stageId && s.PipelineId == deal.PipelineId, ct)
                    ?? throw new DealValidationException(new Dictionary<string, string[]> { ["stageId"] = ["not a stage of the deal's pipeline"] });
        if (deal.StageId == stage.Id) return false;
        MoveTo(db, deal, stage, userId);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private void MoveTo(RapportDb db, Deal deal, PipelineStage stage, long? userId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.DealStageChanges.Add(new DealStageChange { DealId = deal.Id, FromStageId = deal.StageId, ToStageId = stage.Id, ChangedAt = now, UserId = userId });
        deal.StageId = stage.Id;
        deal.Probability = stage.Probability;
        deal.Status = StatusOf(stage);
        // Reopening a closed deal clears its close time; closing it again stamps a new one.
        deal.ClosedAt = deal.Status == DealStatus.Open ? null : now;
    }

    private static DealStatus StatusOf(PipelineStage stage) => stage.IsWon ? DealStatus.Won : stage.IsLost ? DealStatus.Lost : DealStatus.Open;

    private static void Apply(Deal deal, DealInput input)
    {
        if (input.Title is not null) deal.Title = input.Title.Trim();
        if (input.Amount is { } amount) deal.Amount = amount;
        if (input.Currency is not null) deal.Currency = input.Currency.Trim().ToUpperInvariant();
        if (input.ExpectedClose is not null) deal.ExpectedClose = input.ExpectedClose;
        if (input.OwnerId is not null) deal.OwnerId = input.OwnerId;
        if (input.CompanyId is not null) deal.CompanyId = input.CompanyId;
        if (input.CustomerId is not null) deal.CustomerId = input.CustomerId;
        if (input.NextStep is not null) deal.NextStep = input.NextStep.Trim().Length == 0 ? null : input.NextStep.Trim();
        if (input.LostReason is not null) deal.LostReason = input.LostReason.Trim().Length == 0 ? null : input.LostReason.Trim();
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(RapportDb db, DealInput input, bool creating, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (creating && string.IsNullOrWhiteSpace(input.Title)) errors["title"] = ["is required"];
        else if (input.Title is not null && (input.Title.Trim().Length == 0 || input.Title.Length > 300)) errors["title"] = ["1 to 300 characters"];
        if (creating && input.Amount is null) errors["amount"] = ["is required"];
        else if (input.Amount is < 0 or > 1_000_000_000_000m) errors["amount"] = ["must be 0 or more (and below 10^12)"];
        if (input.Currency is not null && (input.Currency.Trim().Length != 3 || !input.Currency.Trim().All(char.IsAsciiLetter))) errors["currency"] = ["a three-letter code such as EUR"];
        if (input.Probability is < 0 or > 1 || input.Probability is { } p && double.IsNaN(p)) errors["probability"] = ["between 0 and 1"];
        if (input.NextStep is { Length: > 500 }) errors["nextStep"] = ["at most 500 characters"];
        if (input.LostReason is { Length: > 500 }) errors["lostReason"] = ["at most 500 characters"];
        if (input.OwnerId is { } owner && !await db.Users.AnyAsync(u => u.Id == owner, ct)) errors["ownerId"] = ["no such user"];
        if (input.CompanyId is { } company && !await db.Companies.AnyAsync(c => c.Id == company, ct)) errors["companyId"] = ["no such company"];
        if (input.CustomerId is { } customer && !await db.Customers.AnyAsync(c => c.Id == customer, ct)) errors["customerId"] = ["no such customer"];
        return errors;
    }
}
