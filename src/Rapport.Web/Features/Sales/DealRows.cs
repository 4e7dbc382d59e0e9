using Rapport.Core.Domain;

namespace Rapport.Web.Features.Sales;

/// <summary>A deal as lists, the board and the API show it, with its scored win probability and staleness.</summary>
public sealed record DealRow
{
    public required long Id { get; init; }
    public required string Title { get; init; }
    public long PipelineId { get; init; }
    public long StageId { get; init; }
    public string Stage { get; init; } = "";
    public DealStatus Status { get; init; }
    public decimal Amount { get; init; }
    public string Currency { get; init; } = "EUR";
    /// <summary>The deal's own probability: its stage's default, set on every move (editable on the deal).</summary>
    public double StageProbability { get; init; }
    /// <summary>Learnt from closed deals; null when there is no model yet.</summary>
    public double? WinProbability { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public DateOnly? ExpectedClose { get; init; }
    public long? OwnerId { get; init; }
    public string? Owner { get; init; }
    public long? CompanyId { get; init; }
    public string? Company { get; init; }
    public long? CustomerId { get; init; }
    public string? NextStep { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public DateTime LastTouched { get; init; }
    public bool Stale { get; init; }
    /// <summary>Custom field values by key (filled by the list only; personal ones masked for viewers without personal-data.read).</summary>
    public IReadOnlyDictionary<string, object?> CustomFields { get; init; } = new Dictionary<string, object?>();
}

public enum DealSort { Newest, Amount, ExpectedClose, Title }

/// <summary>What the deal list asks for.</summary>
public sealed record DealQuery
{
    public long? PipelineId { get; init; }
    public long? StageId { get; init; }
    public DealStatus? Status { get; init; }
    public long? OwnerId { get; init; }
    public DateOnly? CloseFrom { get; init; }
    public DateOnly? CloseTo { get; init; }
    public bool StaleOnly { get; init; }
    /// <summary>Filters on custom fields: equals, or a range for numbers and dates.</summary>
    public IReadOnlyList<Rapport.Core.CustomFields.CustomFieldFilter> CustomFields { get; init; } = [];
    public DealSort Sort { get; init; } = DealSort.Newest;
    public bool Descending { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
    /// <summary>The records the viewer may see (<see cref="Common.RecordScope"/>).</summary>
    public Common.RecordScope Scope { get; init; } = Common.RecordScope.Everything;
}

public sealed record DealPage(IReadOnlyList<DealRow> Items, long Total);

/// <summary>One stage column of the board.</summary>
public sealed record BoardColumn(PipelineStage Stage, IReadOnlyList<DealRow> Deals, decimal Amount);

public sealed record OwnerOption(long Id, string Name);

/// <summary>An interaction shown on the deal page; <c>Linked</c> when it was logged against the deal itself.</summary>
public sealed record DealActivity(DateTime At, InteractionKind Kind, string Subject, string? User, bool Linked);
