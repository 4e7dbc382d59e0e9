namespace Rapport.Core.Domain;

public class Pipeline
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public bool IsDefault { get; set; }
    public List<PipelineStage> Stages { get; set; } = [];
}

public class PipelineStage
{
    public long Id { get; set; }
    public long PipelineId { get; set; }
    public string Name { get; set; } = "";
    public int Position { get; set; }
    /// <summary>Default win probability of a deal in this stage (0–1).</summary>
    public double Probability { get; set; }
    public bool IsWon { get; set; }
    public bool IsLost { get; set; }
}

public class Deal
{
    public long Id { get; set; }
    public long PipelineId { get; set; }
    public long StageId { get; set; }
    public PipelineStage? Stage { get; set; }
    public string Title { get; set; } = "";
    public long? CompanyId { get; set; }
    public long? CustomerId { get; set; }
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "EUR";
    public double Probability { get; set; }
    public DateOnly? ExpectedClose { get; set; }
    public long? OwnerId { get; set; }
    public DealStatus Status { get; set; }
    public string? LostReason { get; set; }
    public string? NextStep { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    public List<DealStageChange> StageChanges { get; set; } = [];
}

/// <summary>One move of a deal from one stage to another: the history scoring learns from.</summary>
public class DealStageChange
{
    public long Id { get; set; }
    public long DealId { get; set; }
    public long? FromStageId { get; set; }
    public long ToStageId { get; set; }
    public DateTime ChangedAt { get; set; }
    public long? UserId { get; set; }
}

/// <summary>A follow-up someone must do (call back, send the quote), optionally about a deal or a customer; listed on "my day".</summary>
public class SalesTask
{
    public long Id { get; set; }
    public string Title { get; set; } = "";
    /// <summary>When it is due (UTC); null = no date.</summary>
    public DateTime? DueAt { get; set; }
    public long? OwnerId { get; set; }
    public long? DealId { get; set; }
    public long? CustomerId { get; set; }
    public bool Done { get; set; }
    public DateTime? DoneAt { get; set; }
    public DateTime CreatedAt { get; set; }
}
