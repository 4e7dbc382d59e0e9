using System.Globalization;
using Rapport.Core.Domain;

namespace Rapport.Core.Demo;

internal sealed partial class DemoBuilder
{
    public static readonly DemoDealWinModel WinModel = new()
    {
        Form = "P(won) = 1 / (1 + exp(-(intercept + log10Employees * log10(employees) + log10Amount * (log10(amount) - 4) + existingCustomer * [a contact of the company ordered before the deal was created])))",
        Intercept = -2.3,
        Log10Employees = 0.45,
        Log10Amount = -0.6,
        ExistingCustomer = 0.7,
        MeanDaysPerStage = 12,
        DealsPerAccount = 4,
        LostAtStageWeights = [0.35, 0.30, 0.20, 0.15],
    };

    /// <summary>Expected number of deals in the whole demo when the accounts alone would give fewer.</summary>
    private const double MinimumDeals = 150;

    private readonly List<DemoDealTruth> _dealTruth = [];
    private readonly List<(Interaction Interaction, double At)> _interactions = [];

    private sealed record DealDraft(Deal Deal, DemoDealTruth Truth, List<(long Stage, double At)> Path, CustomerProfile? Contact);

    /// <summary>Deals with B2B accounts on the "Sales" pipeline, moving forward stage by stage until won, lost or the window ends.</summary>
    private void CreateDeals()
    {
        _data.Pipelines.Add(new Pipeline { Id = 1, Name = Sales.StandardPipeline.Name, IsDefault = true });
        foreach (var stage in Sales.StandardPipeline.NewStages())
        {
            stage.Id = stage.Position;
            stage.PipelineId = 1;
            _data.PipelineStages.Add(stage);
        }

        // Accounts buy repeatedly: several deals each over the window, and at least about MinimumDeals in all, so that
        // even a small demo has a history of won and lost deals for win scoring to learn from.
        static double BaseRate(CompanyDraft c) => 0.6 + 0.35 * Math.Log10(c.Company.EmployeeCount ?? 10);
        var baseTotal = _companies.Sum(BaseRate);
        var perCompany = baseTotal <= 0 ? 0 : Math.Max(WinModel.DealsPerAccount, MinimumDeals / baseTotal);
        var drafts = new List<DealDraft>();
        foreach (var company in _companies)
        {
            var rng = DemoRandom.For(_seed, "deals", company.Company.Id);
            var employees = company.Company.EmployeeCount ?? 10;
            var count = rng.Poisson(perCompany * BaseRate(company));
            var from = _cal.ToDays(company.Company.CreatedAt) + 7;
            var to = _cal.Days - 3.0;
            if (from >= to) continue;
            for (var d = 0; d < count; d++)
            {
                var created = from + rng.NextDouble() * (to - from);
                var amount = Math.Max(300, Math.Round(rng.LogNormal(Math.Log(1500 * Math.Pow(employees / 20.0, 0.35)), 0.6) / 50) * 50);
                var contacts = company.Contacts.Where(c => _cal.ToDays(c.Customer.CreatedAt) < created).ToList();
                var contact = contacts.Count > 0 ? rng.Pick(contacts) : null;
                var existing = company.Contacts.Any(c => c.Orders.Any(o => o.Status != OrderStatus.Cancelled && _cal.ToDays(o.OrderedAt) < created));
                var p = WinModel.Probability(employees, amount, existing);
                var won = rng.Chance(p);
                var lastStage = won ? 4 : 1 + rng.PickWeighted(WinModel.LostAtStageWeights);
                var path = new List<(long Stage, double At)>();
                var t = created;
                for (var stage = 1; stage <= lastStage; stage++)
                {
                    if (stage > 1) t += 0.5 + rng.Exponential(1.0 / WinModel.MeanDaysPerStage);
                    if (t >= _cal.Days) break;
                    path.Add((stage, t));
                }
                var closeT = t + 0.5 + rng.Exponential(1.0 / WinModel.MeanDaysPerStage);
                if (path.Count == lastStage && closeT < _cal.Days) path.Add((won ? 5 : 6, closeT));

                var (finalStage, finalAt) = path[^1];
                var status = finalStage == 5 ? DealStatus.Won : finalStage == 6 ? DealStatus.Lost : DealStatus.Open;
                var titles = company.Locale.IsChinese ? DemoTexts.DealTitlesChinese : DemoTexts.DealTitlesEnglish;
                var deal = new Deal
                {
                    PipelineId = 1,
                    StageId = finalStage,
                    Title = rng.Pick(titles),
                    CompanyId = company.Company.Id,
                    CustomerId = contact?.Id,
                    Amount = (decimal)amount,
                    Currency = "EUR",
                    Probability = Sales.StandardPipeline.Stages[(int)finalStage - 1].Probability,
                    OwnerId = company.Company.OwnerId,
                    Status = status,
                    CreatedAt = _cal.ToInstant(created),
                    ClosedAt = status == DealStatus.Open ? null : _cal.ToInstant(finalAt),
                    LostReason = status == DealStatus.Lost ? rng.Pick(DemoTexts.LostReasons) : null,
                    NextStep = status == DealStatus.Open ? rng.Pick(DemoTexts.NextSteps) : null,
                };
                var expectedClose = status == DealStatus.Open
                    ? _cal.EndDate.AddDays(rng.Next(7, 75))
                    : DateOnly.FromDateTime(deal.ClosedAt!.Value);
                deal.ExpectedClose = expectedClose;
                var truth = new DemoDealTruth { Id = 0, WinProbability = Math.Round(p, 6), Outcome = won ? "won" : "lost", ExistingCustomer = existing };
                drafts.Add(new DealDraft(deal, truth, path, contact));
            }
        }

        var ordered = drafts.Select((d, i) => (d, i)).OrderBy(x => x.d.Deal.CreatedAt).ThenBy(x => x.i).Select(x => x.d).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (deal, truth, path, contact) = ordered[i];
            deal.Id = i + 1;
            var company = _companies[(int)deal.CompanyId!.Value - 1];
            _data.Deals.Add(deal);
            _dealTruth.Add(truth with { Id = deal.Id });
            long? from = null;
            var rng = DemoRandom.For(_seed, "deal-interactions", deal.Id);
            foreach (var (stage, at) in path)
            {
                _data.DealStageChanges.Add(new DealStageChange
                {
                    Id = _data.DealStageChanges.Count + 1,
                    DealId = deal.Id,
                    FromStageId = from,
                    ToStageId = stage,
                    ChangedAt = _cal.ToInstant(at),
                    UserId = deal.OwnerId,
                });
                from = stage;
                if (contact is null) continue;
                var (kind, direction, subject, minutes) = stage switch
                {
                    1 => (InteractionKind.Call, InteractionDirection.Inbound, "Enquiry", rng.Next(5, 25)),
                    2 => (InteractionKind.Call, InteractionDirection.Outbound, "Discovery call", rng.Next(15, 45)),
                    3 => (InteractionKind.Email, InteractionDirection.Outbound, "Proposal sent", 0),
                    4 => (InteractionKind.Meeting, InteractionDirection.Outbound, "Negotiation meeting", rng.Next(30, 90)),
                    5 => (InteractionKind.Email, InteractionDirection.Inbound, "Contract signed", 0),
                    _ => (InteractionKind.Note, InteractionDirection.Internal, "Deal lost", 0),
                };
                var interactionAt = Math.Max(at - rng.NextDouble() * 0.2, _cal.ToDays(contact.Customer.CreatedAt) + 1.0 / 1440);
                if (interactionAt >= _cal.Days) continue;
                _interactions.Add((new Interaction
                {
                    CustomerId = contact.Id,
                    CompanyId = company.Company.Id,
                    DealId = deal.Id,
                    Kind = kind,
                    Direction = direction,
                    OccurredAt = _cal.ToInstant(interactionAt),
                    DurationMinutes = minutes == 0 ? null : minutes,
                    Subject = $"{subject}: {deal.Title}",
                    Body = stage == 6 ? $"Lost: {deal.LostReason}." : string.Create(CultureInfo.InvariantCulture, $"{subject} with {company.Company.Name} about '{deal.Title}' (EUR {deal.Amount:0})."),
                    UserId = deal.OwnerId,
                }, interactionAt));
            }
            company.Company.UpdatedAt = Max(company.Company.UpdatedAt, _cal.ToInstant(path[^1].At));
        }
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>Calls, e-mails, chats, social mentions and notes, more for active and business customers.</summary>
    private void CreateInteractions()
    {
        foreach (var c in _profiles)
        {
            var rng = DemoRandom.For(_seed, "interactions", c.Index);
            var count = c.IsB2B ? rng.Poisson(1.5 + 0.1 * c.Purchases.Length) : rng.Poisson(0.1 + 0.08 * c.Purchases.Length);
            if (count == 0) continue;
            var from = _cal.ToDays(c.Customer.CreatedAt) + 1.0 / 1440;
            var lastActive = c.Orders.Max(o => _cal.ToDays(o.OrderedAt));
            var to = Math.Min(_cal.Days - 1e-6, lastActive + 90);
            for (var i = 0; i < count; i++)
            {
                var at = from + rng.NextDouble() * (to - from);
                var template = c.IsB2B && rng.Chance(0.7) ? rng.Pick(DemoTexts.Business) : rng.Pick(DemoTexts.Consumer);
                long? user = template.Kind switch
                {
                    InteractionKind.Social => rng.Pick(MarketingUsers),
                    InteractionKind.Meeting => c.Company?.OwnerId ?? rng.Pick(SalesUsers),
                    _ when c.IsB2B && template.Direction != InteractionDirection.Inbound => c.Company?.OwnerId ?? rng.Pick(SalesUsers),
                    _ => rng.Pick(c.Locale.IsChinese ? ServiceUsersChinese : ServiceUsersEnglish),
                };
                int? minutes = template.Kind switch
                {
                    InteractionKind.Call => rng.Next(3, 26),
                    InteractionKind.Meeting => rng.Next(30, 91),
                    InteractionKind.Chat => rng.Next(2, 21),
                    _ => null,
                };
                _interactions.Add((new Interaction
                {
                    CustomerId = c.Id,
                    CompanyId = c.Company?.Id,
                    Kind = template.Kind,
                    Direction = template.Direction,
                    OccurredAt = _cal.ToInstant(at),
                    DurationMinutes = minutes,
                    Subject = c.Locale.IsChinese && rng.Chance(0.7) ? template.Chinese : template.English,
                    Body = template.Body,
                    UserId = user,
                }, at));
            }
        }

        var ordered = _interactions.Select((x, i) => (x.Interaction, x.At, i)).OrderBy(x => x.At).ThenBy(x => x.i).ToList();
        foreach (var (interaction, _, _) in ordered)
        {
            interaction.Id = _data.Interactions.Count + 1;
            _data.Interactions.Add(interaction);
        }
    }
}
