using System.Globalization;
using Rapport.Core.Domain;

namespace Rapport.Core.Demo;

internal sealed partial class DemoBuilder
{
    public static readonly DemoFeedbackModel FeedbackModel = new()
    {
        NpsSegmentMean = DemoSegments.All.ToDictionary(s => s.Name, s => s.NpsMean),
        NpsTicketEffect = -1.5,
        NpsReturnEffect = -1.0,
        NpsNoiseSd = 1.6,
        NpsResponseRate = 0.2,
        CsatBase = 4.3,
        CsatSlowResolutionEffect = -0.7,
        CsatNegativeIntentEffect = -0.8,
        CsatSlaMissedEffect = -0.5,
        CsatNoiseSd = 0.8,
        CsatResponseRate = 0.35,
        NegativeIntents = DemoTexts.NegativeIntents,
    };

    private static readonly Dictionary<string, IntentSpec> IntentsByName = DemoTexts.Intents.ToDictionary(i => i.Name, StringComparer.Ordinal);

    private sealed record TicketDraft(CustomerProfile Customer, IntentSpec Intent, Order? Order, int? Product, double At, string Language);

    private readonly List<DemoTicketTruth> _ticketTruth = [];
    private readonly Dictionary<string, Dictionary<string, long>> _articles = new(StringComparer.Ordinal);
    private readonly List<(Ticket Ticket, double Created, double? Resolved, bool SlaMissed)> _ticketTimes = [];

    private void CreateTickets()
    {
        CreateKnowledgeArticles();
        // Tickets about orders: each order has its own random stream, so the scan runs in parallel.
        var perOrder = new List<TicketDraft>?[_data.Orders.Count];
        Parallel.For(0, perOrder.Length, i => perOrder[i] = OrderTickets(_data.Orders[i]));
        var drafts = new List<TicketDraft>();
        foreach (var list in perOrder)
            if (list is not null) drafts.AddRange(list);

        foreach (var c in _profiles)
        {
            var rng = DemoRandom.For(_seed, "customer-tickets", c.Index);
            var from = _cal.ToDays(c.Customer.CreatedAt);
            var to = Math.Min(_cal.Days - 1e-6, c.Orders.Max(o => _cal.ToDays(o.OrderedAt)) + 120);
            var logins = rng.Poisson(0.05 + 0.01 * c.Purchases.Length);
            for (var i = 0; i < logins; i++)
                drafts.Add(new TicketDraft(c, IntentsByName["account_login"], null, null, from + rng.NextDouble() * (to - from), TicketLanguage(c, rng)));
            var questions = rng.Poisson(0.04);
            for (var i = 0; i < questions; i++)
            {
                var product = _catalogue.PickProduct(c.Favourite, c.Bin, rng);
                drafts.Add(new TicketDraft(c, IntentsByName["product_question"], null, product, from + rng.NextDouble() * (to - from), TicketLanguage(c, rng)));
            }
        }

        // Stable sort: equal times keep the order above.
        foreach (var draft in drafts.OrderBy(d => d.At)) AddTicket(draft);
    }

    private List<TicketDraft>? OrderTickets(Order order)
    {
        var c = _profiles[order.CustomerId - 1];
        var rng = DemoRandom.For(_seed, "order-tickets", order.Id);
        var orderT = _cal.ToDays(order.OrderedAt);
        List<TicketDraft>? drafts = null;

        void Maybe(string intent, double probability, double minDays, double maxDays)
        {
            if (!rng.Chance(probability)) return;
            var at = orderT + rng.Uniform(minDays, maxDays);
            if (at >= _cal.Days) return;
            (drafts ??= []).Add(new TicketDraft(c, IntentsByName[intent], order, null, at, TicketLanguage(c, rng)));
        }

        switch (order.Status)
        {
            case OrderStatus.Cancelled:
                Maybe("cancel_order", 0.35, 0.02, 0.5);
                Maybe("payment_failed", 0.12, 0.001, 0.1);
                break;
            case OrderStatus.Returned:
                Maybe("refund_request", 0.30, 10, 30);
                Maybe("damaged_item", 0.15, 2, 8);
                Maybe("complaint", 0.05, 5, 20);
                break;
            case OrderStatus.PartiallyReturned:
                Maybe("refund_request", 0.20, 10, 30);
                Maybe("damaged_item", 0.15, 2, 8);
                Maybe("complaint", 0.03, 5, 20);
                break;
            default:
                Maybe("order_status", 0.025, 2, 6);
                Maybe("delivery_delay", 0.02, 5, 12);
                Maybe("change_address", 0.01, 0.02, 0.4);
                Maybe("invoice_request", c.IsB2B ? 0.06 : 0.008, 1, 20);
                Maybe("payment_failed", 0.004, 0.001, 0.05);
                Maybe("complaint", 0.004, 5, 20);
                Maybe("product_question", 0.004, 1, 30);
                if (HasDurableGoods(order)) Maybe("warranty_claim", 0.012, 60, 500);
                break;
        }
        return drafts;
    }

    /// <summary>Electronics, computers and home appliances: the categories with warranty claims.</summary>
    private bool HasDurableGoods(Order order)
    {
        foreach (var line in order.Lines)
            if (_catalogue.Items[(int)line.ProductId - 1].Category <= 2) return true;
        return false;
    }

    private static string TicketLanguage(CustomerProfile c, DemoRandom rng) => c.Locale.IsChinese && rng.Chance(0.92) ? "zh-CN" : "en";

    private void AddTicket(TicketDraft draft)
    {
        var id = _data.Tickets.Count + 1L;
        var rng = DemoRandom.For(_seed, "ticket", id);
        var c = draft.Customer;
        var intent = draft.Intent;
        var chinese = draft.Language == "zh-CN";
        var order = draft.Order;
        var product = draft.Product is { } p
            ? _catalogue.Items[p].Product.Name
            : order is not null ? _catalogue.Items[(int)order.Lines[rng.Next(order.Lines.Count)].ProductId - 1].Product.Name : "";
        var name = chinese && c.Locale.IsChinese ? c.Customer.LastName + c.Customer.FirstName : c.Customer.FirstName;
        var slots = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = name,
            ["product"] = product,
            ["order"] = order?.OrderNumber ?? "",
            ["days"] = order is null ? "" : Math.Max(1, (int)(draft.At - _cal.ToDays(order.OrderedAt))).ToString(CultureInfo.InvariantCulture),
            ["amount"] = order?.TotalAmount.ToString("0.00", CultureInfo.InvariantCulture) ?? "",
            ["date"] = order?.OrderedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        };
        var template = rng.Pick(chinese ? intent.Chinese : intent.English);
        var greeting = rng.Pick(chinese ? DemoTexts.GreetingsChinese : DemoTexts.GreetingsEnglish);
        var closing = DemoTexts.Fill(rng.Pick(chinese ? DemoTexts.ClosingsChinese : DemoTexts.ClosingsEnglish), slots);
        var body = DemoTexts.Fill(template.Body, slots);
        var description = string.Join("\n", new[] { greeting, body, closing }.Where(s => s.Length > 0));

        var priority = intent.Priority;
        if (priority == TicketPriority.High && (c.IsB2B || (order?.TotalAmount ?? 0) > 500) && rng.Chance(0.3)) priority = TicketPriority.Urgent;
        var slaHours = priority switch { TicketPriority.Urgent => 4, TicketPriority.High => 8, TicketPriority.Normal => 24, _ => 72 };
        var created = draft.At;
        var first = created + rng.LogNormal(Math.Log(3.0), 0.9) / 24.0;
        var resolved = first + rng.LogNormal(Math.Log(1.2), 0.8);
        var assignee = rng.Pick(chinese ? ServiceUsersChinese : ServiceUsersEnglish);

        var ticket = new Ticket
        {
            Id = id,
            CustomerId = c.Id,
            Subject = DemoTexts.Fill(template.Subject, slots),
            Description = description,
            Priority = priority,
            Channel = (TicketChannel)rng.PickWeighted([0.45, 0.30, 0.08, 0.15, 0.02]),
            Language = draft.Language,
            Category = intent.Category,
            Intent = intent.Name,
            AssigneeId = assignee,
            CreatedAt = _cal.ToInstant(created),
            SlaDueAt = _cal.ToInstant(created + slaHours / 24.0),
        };
        double? resolvedAt = null;
        if (first >= _cal.Days)
        {
            ticket.Status = TicketStatus.New;
            if (rng.Chance(0.5)) ticket.AssigneeId = null;
        }
        else
        {
            ticket.FirstResponseAt = _cal.ToInstant(first);
            if (resolved >= _cal.Days)
            {
                ticket.Status = rng.Chance(0.4) ? TicketStatus.Pending : TicketStatus.Open;
            }
            else
            {
                resolvedAt = resolved;
                ticket.ResolvedAt = _cal.ToInstant(resolved);
                ticket.Status = _cal.Days - resolved > 3 ? TicketStatus.Closed : TicketStatus.Resolved;
            }
        }
        _data.Tickets.Add(ticket);
        _ticketTruth.Add(new DemoTicketTruth { Id = id, Intent = intent.Name, Language = draft.Language, OrderId = order?.Id });
        _ticketTimes.Add((ticket, created, resolvedAt, first > created + slaHours / 24.0));

        // Conversation: the customer's message, the first reply, maybe a note and a follow-up, the resolution.
        AddMessage(id, null, true, false, description, created);
        if (ticket.FirstResponseAt is null) return;
        AddMessage(id, ticket.AssigneeId, false, false, DemoTexts.Fill(rng.Pick(chinese ? intent.ReplyChinese : intent.ReplyEnglish), slots), first);
        var until = resolvedAt ?? _cal.Days;
        if (rng.Chance(0.2)) AddMessage(id, ticket.AssigneeId, false, true, rng.Pick(DemoTexts.InternalNotes), first + (until - first) * rng.Uniform(0.1, 0.4));
        if (rng.Chance(0.45)) AddMessage(id, null, true, false, rng.Pick(chinese ? DemoTexts.FollowUpsChinese : DemoTexts.FollowUpsEnglish), first + (until - first) * rng.Uniform(0.4, 0.8));
        if (resolvedAt is { } r) AddMessage(id, ticket.AssigneeId, false, false, chinese ? DemoTexts.ResolvedChinese : DemoTexts.ResolvedEnglish, r);
    }

    private void AddMessage(long ticketId, long? author, bool fromCustomer, bool isInternal, string body, double at)
    {
        if (at >= _cal.Days) return;
        _data.TicketMessages.Add(new TicketMessage
        {
            Id = _data.TicketMessages.Count + 1,
            TicketId = ticketId,
            AuthorUserId = author,
            FromCustomer = fromCustomer,
            IsInternal = isInternal,
            Body = body,
            SentAt = _cal.ToInstant(at),
        });
    }

    private void CreateKnowledgeArticles()
    {
        var rng = DemoRandom.For(_seed, "knowledge");
        foreach (var intent in DemoTexts.Intents)
        {
            var ids = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (language, article) in new[] { ("en", intent.ArticleEnglish), ("zh-CN", intent.ArticleChinese) })
            {
                var created = _cal.Start.AddDays(-rng.Next(30, 300)).AddHours(rng.Next(8, 18));
                var views = rng.Next(50, 5000);
                var kb = new KnowledgeArticle
                {
                    Id = _data.KnowledgeArticles.Count + 1,
                    Title = article.Subject,
                    Body = article.Body,
                    Category = intent.Name,
                    Language = language,
                    IsPublished = true,
                    ViewCount = views,
                    HelpfulCount = (int)(views * rng.Uniform(0.05, 0.2)),
                    NotHelpfulCount = (int)(views * rng.Uniform(0.005, 0.04)),
                    CreatedAt = created,
                    UpdatedAt = created.AddDays(rng.Next(0, 200)),
                };
                _data.KnowledgeArticles.Add(kb);
                ids[language] = kb.Id;
            }
            _articles[intent.Name] = ids;
        }
    }

    /// <summary>CSAT after resolved tickets; NPS surveys twice a year for recently active customers.</summary>
    private void CreateFeedback()
    {
        var model = FeedbackModel;
        var drafts = new List<(Feedback Feedback, double At)>();
        foreach (var (ticket, created, resolved, slaMissed) in _ticketTimes)
        {
            if (resolved is not { } r) continue;
            var rng = DemoRandom.For(_seed, "csat", ticket.Id);
            if (!rng.Chance(model.CsatResponseRate)) continue;
            var at = r + rng.Uniform(0.05, 2.0);
            if (at >= _cal.Days) continue;
            var mu = model.CsatBase
                     + (r - created > 3 ? model.CsatSlowResolutionEffect : 0)
                     + (model.NegativeIntents.Contains(ticket.Intent!) ? model.CsatNegativeIntentEffect : 0)
                     + (slaMissed ? model.CsatSlaMissedEffect : 0);
            var score = (int)Math.Clamp(Math.Round(rng.Normal(mu, model.CsatNoiseSd)), 1, 5);
            var chinese = ticket.Language == "zh-CN";
            drafts.Add((new Feedback
            {
                CustomerId = ticket.CustomerId!.Value,
                Kind = FeedbackKind.Csat,
                Score = score,
                Comment = rng.Chance(0.3) ? Comment(score >= 4 ? 2 : score == 3 ? 1 : 0, chinese, rng) : null,
                TicketId = ticket.Id,
                SubmittedAt = _cal.ToInstant(at),
            }, at));
        }

        // Per customer: ticket times and returned-order times, for the NPS model.
        var ticketsByCustomer = _ticketTimes.ToLookup(t => t.Ticket.CustomerId!.Value, t => t.Created);
        for (var survey = 180.0; survey < _cal.Days - 7; survey += 182.5)
        {
            foreach (var c in _profiles)
            {
                var active = false;
                var returned = false;
                foreach (var o in c.Orders)
                {
                    if (o.Status == OrderStatus.Cancelled) continue;
                    var t = _cal.ToDays(o.OrderedAt);
                    if (t >= survey || t < survey - 180) continue;
                    if (t >= survey - 120) active = true;
                    if (o.Status is OrderStatus.Returned or OrderStatus.PartiallyReturned) returned = true;
                }
                if (!active) continue;
                var rng = DemoRandom.For(_seed, "nps-" + survey.ToString("0", CultureInfo.InvariantCulture), c.Index);
                if (!rng.Chance(model.NpsResponseRate)) continue;
                var at = survey + rng.Exponential(1.0 / 2.0);
                if (at >= _cal.Days) continue;
                var hadTicket = ticketsByCustomer[c.Id].Any(t => t < survey && t >= survey - 180);
                var mu = model.NpsSegmentMean[c.Spec.Name] + (hadTicket ? model.NpsTicketEffect : 0) + (returned ? model.NpsReturnEffect : 0);
                var score = (int)Math.Clamp(Math.Round(rng.Normal(mu, model.NpsNoiseSd)), 0, 10);
                drafts.Add((new Feedback
                {
                    CustomerId = c.Id,
                    Kind = FeedbackKind.Nps,
                    Score = score,
                    Comment = rng.Chance(0.35) ? Comment(score >= 9 ? 2 : score >= 7 ? 1 : 0, c.Locale.IsChinese, rng) : null,
                    SubmittedAt = _cal.ToInstant(at),
                }, at));
            }
        }

        foreach (var (feedback, _) in drafts.Select((d, i) => (d, i)).OrderBy(x => x.d.At).ThenBy(x => x.i).Select(x => x.d))
        {
            feedback.Id = _data.Feedback.Count + 1;
            _data.Feedback.Add(feedback);
        }
    }

    private static string Comment(int band, bool chinese, DemoRandom rng) => (band, chinese) switch
    {
        (2, false) => rng.Pick(DemoTexts.PromoterEnglish),
        (1, false) => rng.Pick(DemoTexts.PassiveEnglish),
        (_, false) => rng.Pick(DemoTexts.DetractorEnglish),
        (2, true) => rng.Pick(DemoTexts.PromoterChinese),
        (1, true) => rng.Pick(DemoTexts.PassiveChinese),
        _ => rng.Pick(DemoTexts.DetractorChinese),
    };
}
