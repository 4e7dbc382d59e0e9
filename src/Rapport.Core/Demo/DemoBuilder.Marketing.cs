using Rapport.Core.Domain;

namespace Rapport.Core.Demo;

internal sealed partial class DemoBuilder
{
    public static readonly DemoCampaignResponseModel ResponseModel = new()
    {
        Form = "P(stage | previous stage) = 1 / (1 + exp(-(intercept[channel][stage] + recencyCoefficient * recencyMonths + frequencyCoefficient * frequencyLog + segmentEffect[segment])))",
        Features = new()
        {
            ["recencyMonths"] = "min(days from the customer's last non-cancelled order before the send to the send, 730) / 30",
            ["frequencyLog"] = "ln(1 + number of non-cancelled orders in the 365 days before the send)",
            ["segment"] = "the customer's latent segment",
        },
        Intercepts = new()
        {
            ["Email"] = new DemoStageIntercepts(Opened: -1.0, Clicked: -2.0, Purchased: -1.6),
            ["Sms"] = new DemoStageIntercepts(Opened: null, Clicked: -2.6, Purchased: -1.3),
        },
        RecencyCoefficient = -0.06,
        FrequencyCoefficient = 0.55,
        SegmentEffects = DemoSegments.All.ToDictionary(s => s.Name, s => s.CampaignEffect),
        UnsubscribeProbability = 0.015,
        Notes = "Only members that were sent the campaign respond (holdout and failed sends never do). E-mail: opened, then (unless the member unsubscribes) clicked, then purchased; " +
                "SMS has no opened stage. A purchase also needs the customer alive (not dropped out) at the purchase time, and creates an extra order with campaign_id set " +
                "whose total is the response revenue; such orders are incremental, outside the buy-till-you-die process. Responses at or after the window end are not recorded.",
    };

    private sealed record CampaignPlan(string Name, CampaignChannel Channel, DateTime SendAt, int DurationDays, string Target, double Holdout);

    private static readonly (string Name, string Definition)[] SegmentRules =
    [
        ("E-mail subscribers", "consent(email, marketing) = granted"),
        ("SMS subscribers", "consent(sms, marketing) = granted"),
        ("Lapsed customers", "consent(email, marketing) = granted and days_since_last_order between 180 and 720"),
        ("Top spenders (12 months)", "consent(email, marketing) = granted and spend_365d >= 90th percentile"),
    ];

    private readonly List<DemoCampaignTruth> _campaignTruth = [];

    private List<CampaignPlan> PlanCampaigns()
    {
        var plans = new List<CampaignPlan>();
        for (var year = _cal.StartDate.Year; year <= _cal.EndDate.Year; year++)
        {
            plans.Add(new($"Spring sale {year}", CampaignChannel.Sms, new DateTime(year, 3, 14, 9, 0, 0, DateTimeKind.Utc), 10, "SMS subscribers", 0.10));
            plans.Add(new($"Summer newsletter {year}", CampaignChannel.Email, new DateTime(year, 6, 20, 10, 0, 0, DateTimeKind.Utc), 7, "E-mail subscribers", 0.05));
            var blackFriday = DemoCalendar.BlackFriday(year).AddDays(-6).ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc);
            plans.Add(new($"Black Friday {year}", CampaignChannel.Email, blackFriday, 11, "E-mail subscribers", 0.10));
        }
        var endDay = _cal.EndDate.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        plans.Add(new("Win-back: we miss you", CampaignChannel.Email, endDay.AddDays(-75), 21, "Lapsed customers", 0.20));
        plans.Add(new("VIP early access", CampaignChannel.Email, endDay.AddDays(-40), 10, "Top spenders (12 months)", 0.10));
        return [.. plans
            .Where(p => p.SendAt >= _cal.Start.AddDays(90) && p.SendAt <= _cal.End.AddDays(-14))
            .OrderBy(p => p.SendAt)
            .TakeLast(8)];
    }

    /// <summary>Campaigns in time order: members (consent and target rule at send time, some held out), staged responses, campaign orders, unsubscribes.</summary>
    private void RunCampaigns()
    {
        var plans = PlanCampaigns();
        var segmentIds = new Dictionary<string, Segment>(StringComparer.Ordinal);
        foreach (var (name, definition) in SegmentRules)
        {
            var uses = plans.Where(p => p.Target == name).ToList();
            if (uses.Count == 0) continue;
            var segment = new Segment
            {
                Id = _data.Segments.Count + 1,
                Name = name,
                Description = "Rule segment used for campaign targeting.",
                Kind = SegmentKind.Rule,
                Definition = definition,
                CreatedAt = uses[0].SendAt.AddDays(-20),
                RefreshedAt = uses[^1].SendAt.AddHours(-2),
            };
            segmentIds[name] = segment;
            _data.Segments.Add(segment);
        }

        var lastOrder = new double[_profiles.Length];
        var orders365 = new int[_profiles.Length];
        var spend365 = new double[_profiles.Length];
        for (var k = 0; k < plans.Count; k++)
        {
            var plan = plans[k];
            var sendT = _cal.ToDays(plan.SendAt);
            var campaign = new Campaign
            {
                Id = k + 1,
                Name = plan.Name,
                Channel = plan.Channel,
                SegmentId = segmentIds[plan.Target].Id,
                TargetRule = segmentIds[plan.Target].Definition,
                ScheduledAt = plan.SendAt,
                EndsAt = plan.SendAt.AddDays(plan.DurationDays),
                CostPerContact = plan.Channel == CampaignChannel.Sms ? 0.09m : 0.02m,
                HoldoutFraction = plan.Holdout,
                WindowDays = plan.DurationDays,
                AudienceBuiltAt = plan.SendAt.AddHours(-2),
                SentAt = plan.SendAt,
                CreatedAt = plan.SendAt.AddDays(-14),
            };
            campaign.Status = campaign.EndsAt <= _cal.End ? CampaignStatus.Completed : CampaignStatus.Running;

            // Features at send time, from the orders generated so far (campaign orders of earlier campaigns included).
            Parallel.For(0, _profiles.Length, i =>
            {
                var c = _profiles[i];
                lastOrder[i] = double.NegativeInfinity;
                orders365[i] = 0;
                spend365[i] = 0;
                if (c.AcquiredAt >= sendT - 1) return;
                foreach (var o in c.Orders)
                {
                    if (o.Status == OrderStatus.Cancelled) continue;
                    var t = _cal.ToDays(o.OrderedAt);
                    if (t >= sendT) continue;
                    if (t > lastOrder[i]) lastOrder[i] = t;
                    if (t > sendT - 365)
                    {
                        orders365[i]++;
                        spend365[i] += (double)o.TotalAmount;
                    }
                }
            });
            var spends = new List<double>();
            if (plan.Target == "Top spenders (12 months)")
                foreach (var c in _profiles)
                    if (c.AcquiredAt < sendT - 1 && c.EmailOk(sendT) && spend365[c.Index] > 0) spends.Add(spend365[c.Index]);
            spends.Sort();
            var spendThreshold = spends.Count == 0 ? double.PositiveInfinity : spends[(int)Math.Floor(0.9 * (spends.Count - 1))];

            var members = 0;
            var sent = 0;
            foreach (var c in _profiles)
            {
                if (c.AcquiredAt >= sendT - 1) continue;
                var recencyDays = sendT - lastOrder[c.Index];
                var eligible = plan.Target switch
                {
                    "SMS subscribers" => c.SmsOk(sendT),
                    "E-mail subscribers" => c.EmailOk(sendT),
                    "Lapsed customers" => c.EmailOk(sendT) && recencyDays is >= 180 and <= 720,
                    _ => c.EmailOk(sendT) && spend365[c.Index] >= spendThreshold,
                };
                if (!eligible) continue;

                var rng = DemoRandom.For(_seed, "campaign-" + campaign.Id, c.Index);
                var member = new CampaignMember { Id = _data.CampaignMembers.Count + 1, CampaignId = campaign.Id, CustomerId = c.Id };
                members++;
                _data.CampaignMembers.Add(member);
                if (rng.Chance(plan.Holdout))
                {
                    member.IsHoldout = true;
                    member.Status = CampaignMemberStatus.Suppressed;
                    continue;
                }
                if (rng.Chance(0.015))
                {
                    member.Status = CampaignMemberStatus.Failed;
                    continue;
                }
                member.Status = CampaignMemberStatus.Sent;
                var sentT = sendT + rng.Next(0, 180) / 1440.0;
                member.SentAt = _cal.ToInstant(sentT);
                sent++;
                Respond(c, campaign, sentT, DemoCampaignResponseModel.RecencyMonths(recencyDays), DemoCampaignResponseModel.FrequencyLog(orders365[c.Index]), rng);
            }
            campaign.Budget = sent * campaign.CostPerContact;
            _data.Campaigns.Add(campaign);
            _campaignTruth.Add(new DemoCampaignTruth
            {
                Id = campaign.Id,
                Name = campaign.Name,
                Channel = campaign.Channel.ToString(),
                SentAt = plan.SendAt,
                Target = plan.Target,
                HoldoutFraction = plan.Holdout,
                Members = members,
            });
        }
    }

    private void Respond(CustomerProfile c, Campaign campaign, double sentT, double recency, double frequency, DemoRandom rng)
    {
        var model = ResponseModel;
        var segment = c.Spec.Name;
        var channel = campaign.Channel;
        double clickT;
        if (channel == CampaignChannel.Email)
        {
            if (!rng.Chance(model.Probability(channel, CampaignResponseKind.Opened, recency, frequency, segment)!.Value)) return;
            var openT = sentT + rng.Exponential(1.0 / 0.5);
            if (openT > sentT + 7) openT = sentT + rng.NextDouble() * 7;
            if (!AddResponse(c, campaign, CampaignResponseKind.Opened, openT, null)) return;
            if (rng.Chance(model.UnsubscribeProbability))
            {
                var unsubscribeT = openT + rng.Next(1, 10) / 1440.0;
                if (AddResponse(c, campaign, CampaignResponseKind.Unsubscribed, unsubscribeT, null) && unsubscribeT < c.EmailWithdrawnAt)
                {
                    c.EmailWithdrawnAt = unsubscribeT;
                    c.EmailWithdrawSource = $"unsubscribe link ({campaign.Name})";
                }
                return;
            }
            if (!rng.Chance(model.Probability(channel, CampaignResponseKind.Clicked, recency, frequency, segment)!.Value)) return;
            clickT = openT + rng.Exponential(1.0 / (3.0 / 1440));
        }
        else
        {
            if (!rng.Chance(model.Probability(channel, CampaignResponseKind.Clicked, recency, frequency, segment)!.Value)) return;
            clickT = sentT + rng.Exponential(1.0 / (2.0 / 24));
        }
        if (!AddResponse(c, campaign, CampaignResponseKind.Clicked, clickT, null)) return;

        if (!rng.Chance(model.Probability(channel, CampaignResponseKind.Purchased, recency, frequency, segment)!.Value)) return;
        var buyT = clickT + rng.Exponential(1.0 / 0.3);
        if (buyT >= _cal.Days || !c.Alive(buyT)) return;
        var order = NewOrder(c, buyT, campaign.Id, cancelled: false, rng);
        AddResponse(c, campaign, CampaignResponseKind.Purchased, buyT, order.TotalAmount);
    }

    private bool AddResponse(CustomerProfile c, Campaign campaign, CampaignResponseKind kind, double t, decimal? revenue)
    {
        if (t >= _cal.Days) return false;
        _data.CampaignResponses.Add(new CampaignResponse
        {
            Id = _data.CampaignResponses.Count + 1,
            CampaignId = campaign.Id,
            CustomerId = c.Id,
            Kind = kind,
            OccurredAt = _cal.ToInstant(t),
            Revenue = revenue,
        });
        return true;
    }
}
