using Rapport.Analytics.Prediction;
using Rapport.Analytics.Recommendations;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Tests;

/// <summary>Recommendations: the matrix, the split, the metrics and each algorithm on examples small enough to compute by hand.</summary>
public sealed class RecommendationTests
{
    private static readonly int D0 = new DateOnly(2024, 1, 1).DayNumber;

    private sealed class ListSource(string[] customers, string[] items, TransactionLine[] lines) : ITransactionSource
    {
        public IReadOnlyList<string> CustomerKeys => customers;
        public IReadOnlyList<string> OrderKeys => [];
        public IReadOnlyList<string> ItemKeys => items;
        public IEnumerable<TransactionLine> ReadLines() => lines;
    }

    private static InteractionLog Log(params (int Customer, int Item, int Day)[] lines) =>
        InteractionLog.FromArrays(["a", "b", "c", "d"], ["x", "y", "z", "w"],
            [.. lines.Select(l => l.Customer)], [.. lines.Select(l => l.Item)], [.. lines.Select(l => D0 + l.Day)]);

    [Fact]
    public void Log_keeps_purchases_and_skips_returns()
    {
        var source = new ListSource(["a"], ["x", "y"],
        [
            new TransactionLine(0, D0, 10, 0, 0, 2),
            new TransactionLine(0, D0 + 1, -5, 0, 0, -1),   // return
            new TransactionLine(0, D0 + 2, 3, 1, 1, 1),
        ]);
        var log = InteractionLog.Read(source);
        Assert.Equal(2, log.Count);
        Assert.Equal(1, log.SkippedLines);
        Assert.Equal([0, 1], log.Item);
        Assert.Equal(2f, log.Quantity[0]);
    }

    [Fact]
    public void Log_without_item_column_is_refused_with_a_clear_message()
    {
        var source = new ListSource(["a"], [], [new TransactionLine(0, D0, 10, -1, -1, 1)]);
        var ex = Assert.Throws<ArgumentException>(() => InteractionLog.Read(source));
        Assert.Contains("item column", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matrix_counts_lines_days_spend_and_first_last_day_per_customer_and_item()
    {
        var log = InteractionLog.FromArrays(["a", "b"], ["x", "y", "z"],
            customer: [0, 0, 0, 0, 1, 1], item: [0, 0, 0, 1, 2, 0], day: [D0 + 1, D0 + 1, D0 + 5, D0 + 3, D0 + 2, D0 + 10],
            amount: [1, 2, 3, 4, 5, 6]);
        var m = InteractionMatrix.Build(log, endDay: D0 + 10);
        Assert.Equal(D0 + 10, m.EndDay);
        Assert.Equal([0, 2, 3], m.Counts.RowStart);
        Assert.Equal([0, 1, 2], m.Counts.Columns);
        Assert.Equal([3f, 1f, 1f], m.Counts.Values);
        Assert.Equal([6f, 4f, 5f], m.Spend);
        Assert.Equal([2, 1, 1], m.PurchaseDays);
        Assert.Equal([D0 + 1, D0 + 3, D0 + 2], m.FirstDay);
        Assert.Equal([D0 + 5, D0 + 3, D0 + 2], m.LastDay);
        Assert.Equal(2, m.ActiveCustomers);
        Assert.Equal(3, m.ActiveItems);
        var t = m.ByItem;
        Assert.Equal([0, 1, 2, 3], t.RowStart);
        Assert.Equal([0, 0, 1], t.Columns);
        Assert.Equal(3f, m.Counts.Get(0, 0));
        Assert.Equal(0f, m.Counts.Get(1, 1));
    }

    [Fact]
    public void Split_tests_customers_with_history_on_their_distinct_holdout_items()
    {
        var log = Log((0, 0, 0), (0, 1, 5), (1, 2, 3), (0, 3, 10), (0, 3, 11), (0, 1, 12), (2, 0, 10), (3, 1, 1));
        var split = TimeSplit.At(log, D0 + 10);
        Assert.Equal([0], split.TestCustomers);               // b and d bought nothing after; c is new
        Assert.Equal([1, 3], split.TestItems[0]);
        Assert.Equal(1, split.NewCustomersInHoldout);
        Assert.Equal(3, split.HoldoutDays);
        Assert.Equal(3, split.Train.ActiveCustomers);
        Assert.Equal(0f, split.Train.Counts.Get(0, 3));        // nothing from the holdout leaks into training
    }

    [Fact]
    public void Split_that_leaves_no_test_customers_says_so()
    {
        var log = Log((0, 0, 0), (1, 1, 5), (2, 2, 20));
        var ex = Assert.Throws<ArgumentException>(() => TimeSplit.At(log, D0 + 10));
        Assert.Contains("leaves no test customers", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1 customers bought only in the holdout", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TimeSplit.StartForDays(log, 21));
        Assert.Equal(D0 + 11, TimeSplit.StartForDays(log, 10));
        Assert.Equal(D0 + 20, TimeSplit.StartForFraction(log, 0.3));
    }

    [Fact]
    public void Metrics_match_hand_computed_values()
    {
        var acc = new RankingMetricsAccumulator(4, catalogueSize: 10);
        acc.Add([1, 2, 3, 4], [2, 4, 9]);   // hits at ranks 2 and 4
        acc.Add([5], [6]);                  // a miss, with a short list
        var m = acc.Result();
        Assert.Equal(2, m.Customers);
        Assert.Equal((0.5 + 0) / 2, m.Precision, 10);
        Assert.Equal((2.0 / 3 + 0) / 2, m.Recall, 10);
        var dcg = 1 / Math.Log2(3) + 1 / Math.Log2(5);
        var idcg = 1 + 1 / Math.Log2(3) + 1 / Math.Log2(4);
        Assert.Equal(dcg / idcg / 2, m.Ndcg, 10);
        Assert.Equal((0.5 + 0.5) / 3 / 2, m.Map, 10);   // AP = (1/2 + 2/4) / min(3, 4)
        Assert.Equal(0.5, m.HitRate, 10);
        Assert.Equal(0.5, m.Coverage, 10);              // items 1–5 of 10
    }

    [Fact]
    public void Perfect_ranking_scores_one()
    {
        var acc = new RankingMetricsAccumulator(2, 5);
        acc.Add([3, 1, 4], [1, 3]);
        var m = acc.Result();
        Assert.Equal(1.0, m.Precision, 10);
        Assert.Equal(1.0, m.Recall, 10);
        Assert.Equal(1.0, m.Ndcg, 10);
        Assert.Equal(1.0, m.Map, 10);
    }

    [Fact]
    public void Item_knn_uses_cosine_and_names_the_item_bought_together()
    {
        // a {x,y}, b {x,y}, c {x,z}, d {y}: cos(x,y) = 2/3, cos(x,z) = 1/√3, cos(y,z) = 0.
        var log = Log((0, 0, 0), (0, 1, 0), (1, 0, 1), (1, 1, 1), (2, 0, 2), (2, 2, 2), (3, 1, 3));
        var knn = new ItemKnnRecommender();
        knn.Fit(InteractionMatrix.Build(log));
        var xNeighbours = knn.NeighboursOf(0).ToList();
        Assert.Equal(1, xNeighbours[0].Item);
        Assert.Equal(2.0 / 3, xNeighbours[0].Similarity, 5);
        Assert.Equal(2, xNeighbours[0].Together);
        Assert.Equal(1 / Math.Sqrt(3), xNeighbours[1].Similarity, 5);
        var forD = knn.Recommend(3, 5);
        var top = Assert.Single(forD);                         // z shares no customer with y
        Assert.Equal(0, top.Item);
        Assert.Equal(2.0 / 3 * Math.Log(2), top.Score, 5);
        Assert.Equal(new Reason(ReasonKind.BoughtTogether, 1, 2), top.Because);
        Assert.Equal("bought together with y by 2 customers", new RecommendationReasonText(log.ItemKeys, null).Format(top.Because, top.Item));
    }

    [Fact]
    public void Item_knn_bm25_still_ranks_the_co_bought_item_first()
    {
        var log = Log((0, 0, 0), (0, 1, 0), (1, 0, 1), (1, 1, 1), (2, 0, 2), (2, 2, 2), (3, 1, 3));
        var knn = new ItemKnnRecommender(weighting: ItemWeighting.Bm25);
        knn.Fit(InteractionMatrix.Build(log));
        Assert.Equal(0, knn.Recommend(3, 5)[0].Item);
    }

    [Fact]
    public void Als_recovers_the_missing_item_of_a_customer_group()
    {
        // Customers 0–19 buy items 0–4, customers 20–39 buy items 5–9; customer 0 never bought item 4.
        var lines = new List<(int, int, int)>();
        for (var u = 0; u < 40; u++)
            for (var i = 0; i < 5; i++)
                if (u != 0 || i != 4) lines.Add((u, u < 20 ? i : 5 + i, (u + i) % 30));
        var keys = Enumerable.Range(0, 40).Select(u => "c" + u).ToArray();
        var log = InteractionLog.FromArrays(keys, [.. Enumerable.Range(0, 10).Select(i => "i" + i)],
            [.. lines.Select(l => l.Item1)], [.. lines.Select(l => l.Item2)], [.. lines.Select(l => D0 + l.Item3)]);
        var als = new AlsRecommender(factors: 8, iterations: 10);
        als.Fit(InteractionMatrix.Build(log));
        var list = als.Recommend(0, 10);
        Assert.Equal(10, list.Count);
        var rankOf4 = list.ToList().FindIndex(r => r.Item == 4);
        Assert.InRange(rankOf4, 0, 4);                       // among the group's items, ahead of every other group's item
        Assert.All(list.Take(5), r => Assert.True(r.Item < 5));
        Assert.Equal(ReasonKind.OwnFavourite, list.Single(r => r.Item == 0).Because.Kind);
        Assert.Equal(ReasonKind.SimilarCustomers, list.Single(r => r.Item == 4).Because.Kind);
    }

    [Fact]
    public void Repeat_pattern_gives_interval_due_date_and_score()
    {
        var p = RepeatPurchaseRecommender.Pattern(firstDay: 0, lastDay: 60, purchaseDays: 3, endDay: 70, horizonDays: 30)!.Value;
        Assert.Equal(30, p.Interval, 10);
        Assert.Equal(20, p.Due);
        Assert.Equal((1 - Math.Exp(-1)) * (1 - 1.0 / 3), p.Score, 10);
        // Long overdue (200 days since the last of a 30-day habit): damped by e^(−(200 − 60)/30).
        var lapsed = RepeatPurchaseRecommender.Pattern(0, 60, 3, 260, 30)!.Value;
        Assert.Equal(p.Score * Math.Exp(-140.0 / 30), lapsed.Score, 10);
        Assert.Null(RepeatPurchaseRecommender.Pattern(5, 5, 1, 10, 30));
        Assert.Equal("you buy this every ~30 days, next due in ~20 days", new RecommendationReasonText(["x"], null).Format(new Reason(ReasonKind.Repeat, 0, 3, 30, 20), 0));
    }

    [Fact]
    public void Popularity_counts_buyers_of_the_last_window_only()
    {
        // x: 3 buyers long ago; y: 2 buyers in the last 90 days; z: 1 recent buyer.
        var log = Log((0, 0, 0), (1, 0, 1), (2, 0, 2), (0, 1, 200), (1, 1, 210), (3, 2, 205));
        var pop = new PopularityRecommender(90);
        pop.Fit(InteractionMatrix.Build(log));
        var list = pop.Recommend(0, 3);
        Assert.Equal([1, 2, 0], list.Select(r => r.Item));
        Assert.Equal(2, list[0].Because.Count);
    }

    [Fact]
    public void Own_history_ranks_the_most_bought_items()
    {
        var log = Log((0, 0, 0), (0, 1, 1), (0, 1, 2), (0, 2, 3), (0, 2, 4), (0, 2, 5), (1, 3, 0));
        var own = new OwnHistoryRecommender();
        own.Fit(InteractionMatrix.Build(log));
        Assert.Equal([2, 1, 0], own.Recommend(0, 10).Select(r => r.Item));
        Assert.Equal("you bought this 3 times", new RecommendationReasonText(log.ItemKeys, null).Format(own.Recommend(0, 1)[0].Because, 2));
    }

    [Fact]
    public void Content_prefers_items_of_the_bought_category_and_price_band()
    {
        var catalog = ProductCatalog.Read(TableReader.Parse(
            "sku,name,category,subcategory,brand,price,description\n" +
            "x,Green tea,Tea,Green,Leafy,5,loose leaf green tea from japan\n" +
            "y,Sencha,Tea,Green,Leafy,6,japanese green tea sencha leaf\n" +
            "z,Espresso beans,Coffee,Beans,Roast,5,dark roast coffee beans\n" +
            "w,Mug,Kitchen,Cups,Roast,20,ceramic mug\n"));
        var log = Log((0, 0, 0), (1, 1, 0), (1, 2, 1), (2, 3, 2));
        var content = new ContentRecommender(catalog);
        content.Fit(InteractionMatrix.Build(log));
        var list = content.Recommend(0, 4);
        Assert.Equal(0, list[0].Item);                       // its own item is the most similar
        Assert.Equal(new Reason(ReasonKind.OwnFavourite, 0, 1), list[0].Because);
        Assert.Equal(1, list[1].Item);                       // then the other green tea
        Assert.True(list[1].Score > list.Where(r => r.Item == 2).Select(r => r.Score).DefaultIfEmpty(0).Single());
        Assert.Equal("like Green tea (x) you bought (category Tea)", new RecommendationReasonText(log.ItemKeys, catalog).Format(list[1].Because, list[1].Item));
    }

    [Fact]
    public void Products_with_a_bad_price_name_the_row_and_field()
    {
        var ex = Assert.Throws<ArgumentException>(() => ProductCatalog.Read(TableReader.Parse("sku,category,price\na,Tea,5\nb,Tea,cheap\n")));
        Assert.Equal("Row 2: field 'price' value 'cheap' is not a non-negative number.", ex.Message);
    }

    [Fact]
    public void Hybrid_blends_min_max_normalised_lists_and_keeps_the_strongest_reason()
    {
        IReadOnlyList<Recommendation>[] lists =
        [
            [new(1, 10, new Reason(ReasonKind.Popular)), new(2, 5, new Reason(ReasonKind.Popular)), new(3, 0, new Reason(ReasonKind.Popular))],
            [new(3, 0.2, new Reason(ReasonKind.SimilarCustomers))],
        ];
        var blended = HybridRecommender.Blend(lists, [1.0, 1.0], 3);
        Assert.Equal([3, 1, 2], blended.Select(r => r.Item));
        Assert.Equal(1.05, blended[0].Score, 10);             // 0.05 (last of list 1) + 1 (only item of list 2)
        Assert.Equal(0.525, blended[2].Score, 10);            // 0.05 + 0.95 × 0.5
        Assert.Equal(ReasonKind.SimilarCustomers, blended[0].Because.Kind);
        // An absolute-scale component keeps its 0.2 (0.05 + 0.95 × 0.2 = 0.24) instead of being stretched to 1.
        var absolute = HybridRecommender.Blend(lists, [1.0, 1.0], 3, [false, true]);
        Assert.Equal([1, 2, 3], absolute.Select(r => r.Item));
        Assert.Equal(0.05 + 0.24, absolute[2].Score, 10);
        var onlyFirst = HybridRecommender.Blend(lists, [1.0, 0.0], 3);
        Assert.Equal([1, 2, 3], onlyFirst.Select(r => r.Item));
    }

    [Fact]
    public void Hybrid_tuner_learns_weights_on_a_window_before_the_holdout()
    {
        // 30 customers each rebuy their own item every 10 days; all bought item 0 once, early. The own item is what
        // they buy next, so the tuner must weight "history" above "popularity" (equal weights tie, and item 0 wins ties).
        var lines = new List<(int Customer, int Item, int Day)>();
        for (var u = 0; u < 30; u++)
        {
            for (var d = 0; d <= 100; d += 10) lines.Add((u, u + 1, d));
            lines.Add((u, 0, 5 + u % 3));
        }
        var log = InteractionLog.FromArrays([.. Enumerable.Range(0, 30).Select(u => "c" + u)], [.. Enumerable.Range(0, 31).Select(i => "i" + i)],
            [.. lines.Select(l => l.Customer)], [.. lines.Select(l => l.Item)], [.. lines.Select(l => D0 + l.Day)]);
        var tuning = HybridTuner.Tune(log, trainEnd: D0 + 101, validationDays: 20, ["popularity", "history"], new RecommenderSettings(), k: 1);
        Assert.Equal(D0 + 81, tuning.ValidationStart);
        Assert.Equal(30, tuning.ValidationCustomers);
        Assert.True(tuning.Weights[1] > tuning.Weights[0], string.Join(", ", tuning.Weights));
        Assert.Equal(1.0, tuning.Metrics!.Recall, 10);
        // A window that cannot be carved falls back to equal weights and says why.
        var fallback = HybridTuner.Tune(log, D0 + 101, 200, ["popularity", "history"], new RecommenderSettings(), 1);
        Assert.Equal([1.0, 1.0], fallback.Weights);
        Assert.Null(fallback.ValidationStart);
        Assert.StartsWith("equal weights", fallback.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void Runner_reports_baselines_first_and_refuses_unknown_algorithms()
    {
        Assert.Equal(["popularity", "history", "als", "itemknn", "hybrid"], RecommendationRunner.Names(["hybrid", "als", "itemknn", "als"]));
        var ex = Assert.Throws<ArgumentException>(() => RecommendationRunner.Names(["rules2"]));
        Assert.Contains("Unknown algorithm 'rules2'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registered_recommender_is_evaluated_by_name()
    {
        RecommenderRegistry.Register("test-fixed", _ => new OwnHistoryRecommender());
        var log = Log((0, 0, 0), (0, 1, 1), (0, 0, 20), (1, 2, 2), (1, 2, 21));
        var report = RecommendationRunner.Run(log, new RecommendOptions(["test-fixed"], K: 2, HoldoutStart: D0 + 20));
        Assert.Equal(["popularity", "history", "test-fixed"], report.Evaluation.Select(e => e.Algorithm));
        var custom = report.Evaluation[2].Metrics;
        Assert.Equal(2, custom.Customers);
        Assert.Equal(1.0, custom.Recall, 10);                  // both customers re-bought an item they had bought
    }
}
