using Rapport.Core.Domain;
using Rapport.Web.Features.Service;

namespace Rapport.Web.Tests;

/// <summary>The desk's arithmetic with hand-checked numbers: the helpful-vote boost and the SLA clock.</summary>
public sealed class SuggestionRankingTests
{
    [Theory]
    [InlineData(0, 0, 1.0)]          // no votes: BM25 unchanged
    [InlineData(1, 0, 4.0 / 3.0)]    // 2 × 2/3
    [InlineData(2, 0, 1.5)]          // 2 × 3/4
    [InlineData(0, 1, 2.0 / 3.0)]    // 2 × 1/3
    [InlineData(3, 1, 4.0 / 3.0)]    // 2 × 4/6
    public void The_boost_is_twice_the_smoothed_helpful_rate(int helpful, int notHelpful, double expected)
        => Assert.Equal(expected, SuggestionRanking.Boost(helpful, notHelpful), 12);

    [Fact]
    public void One_helpful_vote_lifts_a_close_second_above_the_first()
    {
        var matches = new[] { C(1, 3.0), C(2, 2.5), C(3, 1.0) };
        var before = SuggestionRanking.Rank(matches, null, new Dictionary<long, (int, int)>(), 3);
        Assert.Equal([1L, 2L, 3L], before.Select(r => r.ArticleId));

        var after = SuggestionRanking.Rank(matches, null, new Dictionary<long, (int, int)> { [2] = (1, 0) }, 3);
        Assert.Equal([2L, 1L, 3L], after.Select(r => r.ArticleId));
        Assert.Equal(2.5 * 4 / 3, after[0].Score, 12); // 3.3333 > 3.0
        Assert.Equal(2.5, after[0].Bm25Score);
    }

    [Fact]
    public void A_not_helpful_vote_sinks_an_article_and_votes_never_add_articles()
    {
        var matches = new[] { C(1, 3.0), C(2, 2.5) };
        var ranked = SuggestionRanking.Rank(matches, null, new Dictionary<long, (int, int)> { [1] = (0, 1), [9] = (5, 0) }, 5);
        Assert.Equal([2L, 1L], ranked.Select(r => r.ArticleId)); // A: 3 × 2/3 = 2 < 2.5
        Assert.Equal(2.0, ranked[1].Score, 12);
    }

    [Fact]
    public void Only_the_top_few_are_kept()
        => Assert.Single(SuggestionRanking.Rank([C(1, 1.0), C(2, 2.0)], null, new Dictionary<long, (int, int)>(), 1), r => r.ArticleId == 2);

    [Fact]
    public void An_article_of_the_tickets_intent_counts_double_and_votes_multiply_on_top()
    {
        var matches = new[] { C(1, 3.0, "account_login"), C(2, 2.0, "refund_request"), C(3, 1.2, "refund_request") };
        var ranked = SuggestionRanking.Rank(matches, "refund_request", new Dictionary<long, (int, int)> { [3] = (2, 0) }, 3);
        // 1: 3.0; 2: 2.0 × 2 = 4.0; 3: 1.2 × 2 × 1.5 = 3.6
        Assert.Equal([2L, 3L, 1L], ranked.Select(r => r.ArticleId));
        Assert.Equal([4.0, 3.6, 3.0], ranked.Select(r => Math.Round(r.Score, 12)));
        Assert.True(ranked[0].IntentMatch);
        Assert.False(ranked[2].IntentMatch);
    }

    private static ArticleCandidate C(long id, double bm25, string category = "") => new(id, $"Article {id}", category, bm25);
}

public sealed class SlaClockTests
{
    private static readonly DateTime Created = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private readonly SlaClock _clock = new(new ServiceDeskOptions());

    [Theory]
    [InlineData(TicketPriority.Urgent, 4)]
    [InlineData(TicketPriority.High, 8)]
    [InlineData(TicketPriority.Normal, 24)]
    [InlineData(TicketPriority.Low, 72)]
    public void Due_time_is_creation_plus_the_priority_hours(TicketPriority priority, int hours)
        => Assert.Equal(Created.AddHours(hours), _clock.DueAt(Created, priority));

    [Fact]
    public void Configured_hours_replace_the_defaults()
    {
        var options = new ServiceDeskOptions();
        options.SlaHours[TicketPriority.High] = 2;
        Assert.Equal(new DateTime(2026, 3, 2, 11, 0, 0, DateTimeKind.Utc), new SlaClock(options).DueAt(Created, TicketPriority.High));
    }

    [Fact]
    public void An_open_ticket_is_on_track_then_due_soon_in_the_last_quarter_then_breached()
    {
        var due = Created.AddHours(8); // window 8 h; warning in the last 2 h
        Assert.Equal(SlaState.OnTrack, _clock.StateOf(Created, due, null, null, Created.AddHours(5)));
        Assert.Equal(SlaState.OnTrack, _clock.StateOf(Created, due, null, null, Created.AddHours(6)));       // exactly 2 h left: not yet
        Assert.Equal(SlaState.DueSoon, _clock.StateOf(Created, due, null, null, Created.AddHours(6.5)));
        Assert.Equal(SlaState.DueSoon, _clock.StateOf(Created, due, null, null, due));
        Assert.Equal(SlaState.Breached, _clock.StateOf(Created, due, null, null, due.AddMinutes(1)));
    }

    [Fact]
    public void The_clock_stops_at_the_first_reply_or_the_resolution()
    {
        var due = Created.AddHours(4);
        var late = due.AddHours(10);
        Assert.Equal(SlaState.Met, _clock.StateOf(Created, due, Created.AddHours(3), null, late));
        Assert.Equal(SlaState.Missed, _clock.StateOf(Created, due, Created.AddHours(5), null, late));
        Assert.Equal(SlaState.Met, _clock.StateOf(Created, due, null, Created.AddHours(1), late));
        Assert.Equal(SlaState.Met, _clock.StateOf(Created, due, Created.AddHours(6), Created.AddHours(2), late)); // resolved first
        Assert.Equal(SlaState.None, _clock.StateOf(Created, null, null, null, late));
    }
}

public sealed class SatisfactionGroupingTests
{
    [Fact]
    public void Groups_count_average_and_share_satisfied()
    {
        var rows = SatisfactionReport.Group([("ann", 5), ("ann", 4), ("ann", 2), ("bo", 3), ("", 5)]);
        var ann = rows.Single(r => r.Group == "ann");
        Assert.Equal(3, ann.Responses);
        Assert.Equal(11.0 / 3, ann.Average, 12);
        Assert.Equal(2.0 / 3, ann.SatisfiedShare, 12);
        Assert.Equal(0.0, rows.Single(r => r.Group == "bo").SatisfiedShare);
        Assert.Equal("ann", rows[0].Group); // most responses first
    }

    [Fact]
    public void Nps_is_the_share_of_promoters_minus_the_share_of_detractors()
    {
        // Ten answers: promoters 9, 10, 10, 9 (4 = 40 %), passives 7, 8 (2), detractors 0, 6, 5, 3 (4 = 40 %) → NPS 0.
        var even = NpsRow.Of("all", [9, 10, 10, 9, 7, 8, 0, 6, 5, 3]);
        Assert.Equal((10, 4, 2, 4), (even.Responses, even.Promoters, even.Passives, even.Detractors));
        Assert.Equal(0, even.Score, 12);
        // Eight answers: 5 promoters (62.5 %), 2 passives, 1 detractor (12.5 %) → 62.5 − 12.5 = +50.
        Assert.Equal(50, NpsRow.Of("", [10, 9, 9, 10, 9, 8, 7, 6]).Score, 12);
        // All detractors → −100; no answers → 0; answers outside 0–10 are not NPS answers.
        Assert.Equal(-100, NpsRow.Of("", [0, 1, 6]).Score, 12);
        Assert.Equal(0, NpsRow.Of("", []).Score, 12);
        Assert.Equal(1, NpsRow.Of("", [11, -1, 9]).Responses);
        // By group, 7 and 8 count in the total only: a = (1 − 1) / 3 → 0; b = 2 / 2 → +100; most answers first.
        var groups = NpsRow.ByGroup([("a", 9), ("a", 7), ("a", 2), ("b", 10), ("b", 9)]);
        Assert.Equal(["a", "b"], groups.Select(g => g.Group));
        Assert.Equal(0, groups[0].Score, 12);
        Assert.Equal(100, groups[1].Score, 12);
    }

    [Theory]
    [InlineData("Where is my order?", "en")]
    [InlineData("我的订单在哪里", "zh-CN")]
    public void Ticket_language_follows_the_script(string text, string language) => Assert.Equal(language, TicketText.LanguageOf(text));
}
