using Microsoft.AspNetCore.Identity;

namespace Rapport.Core.Domain;

public class Ticket
{
    public long Id { get; set; }
    public long? CustomerId { get; set; }
    public string Subject { get; set; } = "";
    [ProtectedPersonalData] public string Description { get; set; } = "";
    public TicketStatus Status { get; set; }
    public TicketPriority Priority { get; set; } = TicketPriority.Normal;
    public TicketChannel Channel { get; set; }
    /// <summary>Language the customer wrote in ("en", "zh-CN").</summary>
    public string? Language { get; set; }
    public string? Category { get; set; }
    /// <summary>Predicted or confirmed intent of the request.</summary>
    public string? Intent { get; set; }
    public double? IntentConfidence { get; set; }
    /// <summary>Sentiment of the customer's text, −1 (negative) to 1 (positive).</summary>
    public double? Sentiment { get; set; }
    public long? AssigneeId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SlaDueAt { get; set; }
    public DateTime? FirstResponseAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public long? ImportBatchId { get; set; }

    public List<TicketMessage> Messages { get; set; } = [];
}

public class TicketMessage
{
    public long Id { get; set; }
    public long TicketId { get; set; }
    /// <summary>Staff author; null when the customer wrote it.</summary>
    public long? AuthorUserId { get; set; }
    public bool FromCustomer { get; set; }
    /// <summary>Internal notes are never shown to the customer.</summary>
    public bool IsInternal { get; set; }
    [ProtectedPersonalData] public string Body { get; set; } = "";
    public DateTime SentAt { get; set; }
}

public class KnowledgeArticle
{
    public long Id { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string Category { get; set; } = "";
    public string Language { get; set; } = "en";
    public bool IsPublished { get; set; } = true;
    public int ViewCount { get; set; }
    public int HelpfulCount { get; set; }
    public int NotHelpfulCount { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// An agent's verdict on a suggested knowledge-base answer for a ticket: the votes per (intent, article) re-rank
/// later suggestions for tickets of the same intent.
/// </summary>
public class SuggestionVote
{
    public long Id { get; set; }
    public long TicketId { get; set; }
    public long ArticleId { get; set; }
    /// <summary>The ticket's intent when the vote was cast ("" when it had none).</summary>
    public string Intent { get; set; } = "";
    public bool Helpful { get; set; }
    public long? UserId { get; set; }
    public DateTime VotedAt { get; set; }
}
