using System.Text.Json.Serialization;
using Rapport.Core.Domain;

namespace Rapport.Web.Features.Service;

/// <summary>What a new ticket needs (API body, form, parsed e-mail).</summary>
public sealed record NewTicket(long? CustomerId, string? Subject, string? Description, TicketPriority? Priority = null,
    TicketChannel Channel = TicketChannel.Web, long? AssigneeId = null);

/// <summary>Changes to a ticket; null leaves a value as it is. Setting <see cref="Intent"/> confirms it (the desk model learns from confirmed intents).</summary>
public sealed record TicketChange(TicketStatus? Status = null, TicketPriority? Priority = null, long? AssigneeId = null, bool Unassign = false, string? Intent = null);

/// <summary>A suggested knowledge-base answer.</summary>
public sealed record SuggestedAnswer(long ArticleId, string Title, double Score, double Bm25Score, int Helpful, int NotHelpful);

public sealed record TicketMessageView(long Id, long? AuthorUserId, string? Author, bool FromCustomer, bool IsInternal, string Body, DateTime SentAt);

/// <summary>A ticket as the API and the pages show it.</summary>
public sealed record TicketView
{
    public long Id { get; init; }
    public long? CustomerId { get; init; }
    public string? CustomerName { get; init; }
    public string Subject { get; init; } = "";
    public string Description { get; init; } = "";
    [JsonConverter(typeof(JsonStringEnumConverter<TicketStatus>))]
    public TicketStatus Status { get; init; }
    [JsonConverter(typeof(JsonStringEnumConverter<TicketPriority>))]
    public TicketPriority Priority { get; init; }
    [JsonConverter(typeof(JsonStringEnumConverter<TicketChannel>))]
    public TicketChannel Channel { get; init; }
    public string? Language { get; init; }
    public string? Intent { get; init; }
    public double? IntentConfidence { get; init; }
    /// <summary>"desk", "starter", "confirmed" or "none".</summary>
    public string IntentSource { get; init; } = "";
    public string? IntentReason { get; init; }
    public double? Sentiment { get; init; }
    public string? SentimentLabel { get; init; }
    public string? SentimentReason { get; init; }
    public long? AssigneeId { get; init; }
    public string? Assignee { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? SlaDueAt { get; init; }
    public SlaState Sla { get; init; }
    public DateTime? FirstResponseAt { get; init; }
    public DateTime? ResolvedAt { get; init; }
    public IReadOnlyList<SuggestedAnswer> SuggestedAnswers { get; init; } = [];
    public IReadOnlyList<TicketMessageView>? Messages { get; init; }
    public int? Csat { get; init; }
}

/// <summary>One row of the ticket list.</summary>
public sealed record TicketRow(long Id, string Subject, long? CustomerId, string? CustomerName,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TicketStatus>))] TicketStatus Status,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TicketPriority>))] TicketPriority Priority,
    string? Intent, long? AssigneeId, string? Assignee, DateTime CreatedAt, DateTime? SlaDueAt, SlaState Sla);

public sealed record TicketQuery
{
    public TicketStatus? Status { get; init; }
    public TicketPriority? Priority { get; init; }
    public long? AssigneeId { get; init; }
    /// <summary>Only tickets still open (new, open, pending).</summary>
    public bool OpenOnly { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
}

public sealed record TicketPage(IReadOnlyList<TicketRow> Items, int Total);

/// <summary>Field errors (field → messages), as validation problem details name them.</summary>
public sealed class FieldErrors : Dictionary<string, string[]>
{
    public void Add(string field, string message) => this[field] = [message];
}

/// <summary>A result or the field errors that prevented it; <see cref="NotFound"/> when the target does not exist.</summary>
public sealed record DeskResult<T>(T? Value, FieldErrors? Errors = null, bool NotFound = false)
{
    public static DeskResult<T> Invalid(FieldErrors errors) => new(default, errors);
    public static DeskResult<T> Missing() => new(default, null, true);
}
