using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Service;

/// <summary>
/// The service desk's use cases: create a ticket (intent, sentiment, SLA due time and suggested answers on the way
/// in), list, read, change, reply or note, vote on suggestions, record satisfaction. Shared by the API, the pages and
/// the e-mail drop folder.
/// </summary>
public sealed class TicketDesk(RapportDb db, IntentModelCache intents, SentimentModelCache sentiment, KnowledgeIndex knowledge,
    IOptions<ServiceDeskOptions> options, TimeProvider clock)
{
    public const int MaxSubjectLength = 500;
    public const int MaxMessageLength = 20_000;
    public const int MaxPageSize = 100;
    private const int Candidates = 20;

    private ServiceDeskOptions O => options.Value;
    private SlaClock Sla => new(O);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<DeskResult<TicketView>> CreateAsync(NewTicket request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var subject = request.Subject?.Trim() ?? "";
        var description = request.Description?.Trim() ?? "";
        if (subject.Length == 0) errors.Add("subject", "The subject is required.");
        else if (subject.Length > MaxSubjectLength) errors.Add("subject", $"At most {MaxSubjectLength} characters.");
        if (description.Length > O.MaxDescriptionLength) errors.Add("description", $"At most {O.MaxDescriptionLength} characters.");
        if (request.CustomerId is { } customerId && !await db.Customers.AnyAsync(c => c.Id == customerId, ct))
            errors.Add("customerId", $"No customer {customerId}.");
        if (request.AssigneeId is { } assigneeId && !await db.Users.AnyAsync(u => u.Id == assigneeId, ct))
            errors.Add("assigneeId", $"No user {assigneeId}.");
        if (errors.Count > 0) return DeskResult<TicketView>.Invalid(errors);

        var text = TicketText.Of(subject, description);
        var intent = await intents.PredictAsync(text, ct);
        var mood = await sentiment.PredictAsync(text);
        var now = Now;
        var priority = request.Priority ?? TicketPriority.Normal;
        var ticket = new Ticket
        {
            CustomerId = request.CustomerId, Subject = subject, Description = description, Status = TicketStatus.New, Priority = priority,
            Channel = request.Channel, Language = TicketText.LanguageOf(text), Intent = intent.Intent, IntentConfidence = intent.Confidence,
            Sentiment = mood.Value, AssigneeId = request.AssigneeId, CreatedAt = now, SlaDueAt = Sla.DueAt(now, priority),
        };
        if (description.Length > 0) ticket.Messages.Add(new TicketMessage { FromCustomer = true, Body = description, SentAt = now });
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync(ct);
        return new DeskResult<TicketView>(await ViewAsync(ticket, intent, mood, withMessages: false, ct));
    }

    public async Task<TicketPage> ListAsync(TicketQuery query, CancellationToken ct = default)
    {
        var tickets = db.Tickets.AsNoTracking();
        if (query.Status is { } status) tickets = tickets.Where(t => t.Status == status);
        if (query.OpenOnly) tickets = tickets.Where(t => t.Status == TicketStatus.New || t.Status == TicketStatus.Open || t.Status == TicketStatus.Pending);
        if (query.Priority is { } priority) tickets = tickets.Where(t => t.Priority == priority);
        if (query.AssigneeId is { } assignee) tickets = tickets.Where(t => t.AssigneeId == assignee);
        var total = await tickets.CountAsync(ct);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var rows = await tickets.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Skip((Math.Max(query.Page, 1) - 1) * size).Take(size)
            .Select(t => new { t.Id, t.Subject, t.CustomerId, t.Status, t.Priority, t.Intent, t.AssigneeId, t.CreatedAt, t.SlaDueAt, t.FirstResponseAt, t.ResolvedAt })
            .ToListAsync(ct);
        var customers = await CustomerNamesAsync(rows.Select(r => r.CustomerId), ct);
        var users = await UserNamesAsync(rows.Select(r => r.AssigneeId), ct);
        var now = Now;
        return new TicketPage(rows.Select(r => new TicketRow(r.Id, r.Subject, r.CustomerId, Name(customers, r.CustomerId), r.Status, r.Priority, r.Intent,
            r.AssigneeId, Name(users, r.AssigneeId), r.CreatedAt, r.SlaDueAt, Sla.StateOf(r.CreatedAt, r.SlaDueAt, r.FirstResponseAt, r.ResolvedAt, now))).ToList(), total);
    }

    public async Task<TicketView?> GetAsync(long id, CancellationToken ct = default)
    {
        var ticket = await db.Tickets.AsNoTracking().Include(t => t.Messages).SingleOrDefaultAsync(t => t.Id == id, ct);
        return ticket is null ? null : await ViewAsync(ticket, null, null, withMessages: true, ct);
    }

    public async Task<DeskResult<TicketView>> UpdateAsync(long id, TicketChange change, CancellationToken ct = default)
    {
        var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null) return DeskResult<TicketView>.Missing();
        var errors = new FieldErrors();
        if (change.AssigneeId is { } assigneeId && !await db.Users.AnyAsync(u => u.Id == assigneeId, ct)) errors.Add("assigneeId", $"No user {assigneeId}.");
        if (change.Intent is { Length: > 100 }) errors.Add("intent", "At most 100 characters.");
        if (errors.Count > 0) return DeskResult<TicketView>.Invalid(errors);

        var now = Now;
        if (change.Priority is { } priority && priority != ticket.Priority)
        {
            ticket.Priority = priority;
            ticket.SlaDueAt = Sla.DueAt(ticket.CreatedAt, priority);
        }
        if (change.Unassign) ticket.AssigneeId = null;
        else if (change.AssigneeId is { } assignee) ticket.AssigneeId = assignee;
        if (change.Intent is { } confirmed)
        {
            ticket.Intent = confirmed.Trim().Length == 0 ? null : confirmed.Trim();
            ticket.IntentConfidence = null; // confirmed by an agent: a training example once resolved
        }
        if (change.Status is { } status && status != ticket.Status)
        {
            var wasResolved = ticket.Status is TicketStatus.Resolved or TicketStatus.Closed;
            var isResolved = status is TicketStatus.Resolved or TicketStatus.Closed;
            ticket.Status = status;
            if (isResolved && !wasResolved)
            {
                ticket.ResolvedAt = now;
                intents.TicketResolved();
            }
            else if (!isResolved) ticket.ResolvedAt = null;
        }
        await db.SaveChangesAsync(ct);
        return new DeskResult<TicketView>(await GetAsync(id, ct));
    }

    /// <summary>A reply to the customer (starts the SLA's first response) or an internal note.</summary>
    public async Task<DeskResult<TicketMessageView>> AddMessageAsync(long ticketId, string? body, bool isInternal, long? userId, CancellationToken ct = default)
    {
        var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return DeskResult<TicketMessageView>.Missing();
        var text = body?.Trim() ?? "";
        var errors = new FieldErrors();
        if (text.Length == 0) errors.Add("body", "The message is empty.");
        else if (text.Length > MaxMessageLength) errors.Add("body", $"At most {MaxMessageLength} characters.");
        if (errors.Count > 0) return DeskResult<TicketMessageView>.Invalid(errors);
        var now = Now;
        var message = new TicketMessage { TicketId = ticketId, AuthorUserId = userId, IsInternal = isInternal, Body = text, SentAt = now };
        db.TicketMessages.Add(message);
        if (!isInternal)
        {
            ticket.FirstResponseAt ??= now;
            if (ticket.Status == TicketStatus.New) ticket.Status = TicketStatus.Open;
        }
        await db.SaveChangesAsync(ct);
        var users = await UserNamesAsync([userId], ct);
        return new DeskResult<TicketMessageView>(new TicketMessageView(message.Id, userId, Name(users, userId), false, isInternal, text, now));
    }

    /// <summary>An agent's verdict on a suggested article for this ticket: counted on the article and kept per (intent, article) for re-ranking.</summary>
    public async Task<DeskResult<SuggestedAnswer[]>> VoteAsync(long ticketId, long articleId, bool helpful, long? userId, CancellationToken ct = default)
    {
        var ticket = await db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return DeskResult<SuggestedAnswer[]>.Missing();
        var article = await db.KnowledgeArticles.SingleOrDefaultAsync(a => a.Id == articleId, ct);
        if (article is null)
        {
            var errors = new FieldErrors();
            errors.Add("articleId", $"No article {articleId}.");
            return DeskResult<SuggestedAnswer[]>.Invalid(errors);
        }
        db.SuggestionVotes.Add(new SuggestionVote { TicketId = ticketId, ArticleId = articleId, Intent = ticket.Intent ?? "", Helpful = helpful, UserId = userId, VotedAt = Now });
        if (helpful) article.HelpfulCount++;
        else article.NotHelpfulCount++;
        await db.SaveChangesAsync(ct);
        return new DeskResult<SuggestedAnswer[]>([.. await SuggestAsync(TicketText.Of(ticket.Subject, ticket.Description), ticket.Intent, ct)]);
    }

    /// <summary>The best articles for a ticket text: BM25 candidates re-ranked by its intent and the votes for that intent (<see cref="SuggestionRanking"/>).</summary>
    public async Task<IReadOnlyList<SuggestedAnswer>> SuggestAsync(string text, string? intent, CancellationToken ct = default)
    {
        var matches = await knowledge.SearchAsync(text, Candidates, ct);
        if (matches.Count == 0) return [];
        var ids = matches.Select(m => m.ArticleId).ToList();
        var key = intent ?? "";
        var votes = (await db.SuggestionVotes.AsNoTracking().Where(v => v.Intent == key && ids.Contains(v.ArticleId))
                .GroupBy(v => v.ArticleId)
                .Select(g => new { ArticleId = g.Key, Helpful = g.Count(v => v.Helpful), NotHelpful = g.Count(v => !v.Helpful) })
                .ToListAsync(ct))
            .ToDictionary(v => v.ArticleId, v => (v.Helpful, v.NotHelpful));
        return SuggestionRanking.Rank(matches.Select(m => new ArticleCandidate(m.ArticleId, m.Title, m.Category, m.Score)), intent, votes, O.Suggestions)
            .Select(r => new SuggestedAnswer(r.ArticleId, r.Title, Math.Round(r.Score, 4), Math.Round(r.Bm25Score, 4), r.Helpful, r.NotHelpful)).ToList();
    }

    /// <summary>The customer's satisfaction (1–5) with a resolved ticket, kept as CSAT <see cref="Feedback"/>.</summary>
    public async Task<DeskResult<Feedback>> RecordSatisfactionAsync(long ticketId, int score, string? comment, CancellationToken ct = default)
    {
        var ticket = await db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return DeskResult<Feedback>.Missing();
        var errors = new FieldErrors();
        if (score is < 1 or > 5) errors.Add("score", "Between 1 and 5.");
        if (comment is { Length: > 2000 }) errors.Add("comment", "At most 2000 characters.");
        if (ticket.Status is not (TicketStatus.Resolved or TicketStatus.Closed)) errors.Add("ticketId", "The ticket is not resolved yet.");
        if (ticket.CustomerId is null) errors.Add("customerId", "The ticket has no customer to survey.");
        if (errors.Count > 0) return DeskResult<Feedback>.Invalid(errors);
        var feedback = await db.Feedback.SingleOrDefaultAsync(f => f.TicketId == ticketId && f.Kind == FeedbackKind.Csat, ct);
        if (feedback is null) db.Feedback.Add(feedback = new Feedback { TicketId = ticketId, CustomerId = ticket.CustomerId!.Value, Kind = FeedbackKind.Csat });
        feedback.Score = score;
        feedback.Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        feedback.SubmittedAt = Now;
        await db.SaveChangesAsync(ct);
        return new DeskResult<Feedback>(feedback);
    }

    /// <summary>The service users (holders of a role that manages the desk) for assignment.</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> AgentsAsync(CancellationToken ct = default)
    {
        var roles = Rapport.Core.Security.RolePermissions.RolesWith(Rapport.Core.Security.Permissions.ServiceManage);
        var ids = await db.UserRoles.Join(db.Roles.Where(r => roles.Contains(r.Name!)), ur => ur.RoleId, r => r.Id, (ur, r) => ur.UserId).Distinct().ToListAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.UserName).Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(ct);
        return users.Select(u => (u.Id, u.DisplayName.Length > 0 ? u.DisplayName : u.UserName ?? "")).ToList();
    }

    private async Task<TicketView> ViewAsync(Ticket t, IntentGuess? guess, SentimentGuess? mood, bool withMessages, CancellationToken ct)
    {
        var customers = await CustomerNamesAsync([t.CustomerId], ct);
        var userIds = t.Messages.Select(m => m.AuthorUserId).Append(t.AssigneeId);
        var users = await UserNamesAsync(userIds, ct);
        var source = guess?.Source ?? (t.Intent is null ? IntentModelState.None : t.IntentConfidence is null ? "confirmed" : "predicted");
        var csat = withMessages ? await db.Feedback.Where(f => f.TicketId == t.Id && f.Kind == FeedbackKind.Csat).Select(f => (int?)f.Score).FirstOrDefaultAsync(ct) : null;
        return new TicketView
        {
            Id = t.Id, CustomerId = t.CustomerId, CustomerName = Name(customers, t.CustomerId), Subject = t.Subject, Description = t.Description,
            Status = t.Status, Priority = t.Priority, Channel = t.Channel, Language = t.Language,
            Intent = t.Intent, IntentConfidence = t.IntentConfidence, IntentSource = source, IntentReason = guess?.Reason,
            Sentiment = t.Sentiment, SentimentLabel = mood?.Label ?? SentimentLabelOf(t.Sentiment), SentimentReason = mood?.Reason,
            AssigneeId = t.AssigneeId, Assignee = Name(users, t.AssigneeId), CreatedAt = t.CreatedAt, SlaDueAt = t.SlaDueAt, Sla = Sla.StateOf(t, Now),
            FirstResponseAt = t.FirstResponseAt, ResolvedAt = t.ResolvedAt,
            SuggestedAnswers = await SuggestAsync(TicketText.Of(t.Subject, t.Description), t.Intent, ct),
            Messages = withMessages
                ? t.Messages.OrderBy(m => m.SentAt).ThenBy(m => m.Id)
                    .Select(m => new TicketMessageView(m.Id, m.AuthorUserId, Name(users, m.AuthorUserId), m.FromCustomer, m.IsInternal, m.Body, m.SentAt)).ToList()
                : null,
            Csat = csat,
        };
    }

    /// <summary>The label of a stored sentiment value (the model's neutral band is 0.35–0.65 in probability, ±0.3 here).</summary>
    public static string? SentimentLabelOf(double? sentiment) => sentiment switch
    {
        null => null,
        < -0.3 => "negative",
        > 0.3 => "positive",
        _ => "neutral",
    };

    private static string? Name(Dictionary<long, string> names, long? id) => id is { } key && names.TryGetValue(key, out var name) ? name : null;

    private async Task<Dictionary<long, string>> CustomerNamesAsync(IEnumerable<long?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<long>().Distinct().ToList();
        if (wanted.Count == 0) return [];
        return (await db.Customers.AsNoTracking().Where(c => wanted.Contains(c.Id)).Select(c => new { c.Id, c.FirstName, c.LastName }).ToListAsync(ct))
            .ToDictionary(c => c.Id, c => $"{c.FirstName} {c.LastName}".Trim());
    }

    private async Task<Dictionary<long, string>> UserNamesAsync(IEnumerable<long?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<long>().Distinct().ToList();
        if (wanted.Count == 0) return [];
        return (await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(ct))
            .ToDictionary(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.UserName ?? "");
    }
}
