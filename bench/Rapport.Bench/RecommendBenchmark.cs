using System.Diagnostics;
using System.Globalization;
using Rapport.Analytics.Recommendations;

namespace Rapport.Bench;

/// <summary>
/// Issue 5's recommendation benchmark: item-kNN and implicit ALS training on a synthetic log (default 100,000
/// customers × 10,000 items, 5,000,000 purchase lines with group structure and Zipf popularity), then single-customer
/// recommendation latency (p50/p99 over random customers) for item-kNN, ALS and a hybrid of the fitted models.
/// </summary>
internal static class RecommendBenchmark
{
    public static int Run(string[] args)
    {
        int Int(string name, int fallback) => int.Parse(Args.Option(args, name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var customers = Int("--customers", 100_000);
        var items = Int("--items", 10_000);
        var lines = Int("--interactions", 5_000_000);
        var factors = Int("--factors", 64);
        var iterations = Int("--iterations", 15);
        var queries = Int("--queries", 10_000);
        Console.WriteLine($"recommend: {customers:N0} customers × {items:N0} items, {lines:N0} interactions; ALS {factors} factors × {iterations} iterations; {Environment.ProcessorCount} cores");

        var watch = Stopwatch.StartNew();
        var log = Synthetic(customers, items, lines, seed: 7);
        Console.WriteLine($"  synthetic log            {watch.Elapsed.TotalSeconds,7:F2} s");
        watch.Restart();
        var matrix = InteractionMatrix.Build(log);
        Console.WriteLine($"  interaction matrix (CSR) {watch.Elapsed.TotalSeconds,7:F2} s   {matrix.Counts.NonZeros:N0} non-zeros, {matrix.ActiveCustomers:N0} customers, {matrix.ActiveItems:N0} items");
        _ = matrix.ByItem;

        var knn = new ItemKnnRecommender(50);
        watch.Restart();
        knn.Fit(matrix);
        Console.WriteLine($"  item-kNN fit (cosine, 50 neighbours) {watch.Elapsed.TotalSeconds,7:F2} s");
        var bm25 = new ItemKnnRecommender(50, ItemWeighting.Bm25);
        watch.Restart();
        bm25.Fit(matrix);
        Console.WriteLine($"  item-kNN fit (BM25, 50 neighbours)   {watch.Elapsed.TotalSeconds,7:F2} s");
        var als = new AlsRecommender(factors, iterations);
        watch.Restart();
        als.Fit(matrix);
        var alsSeconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"  ALS fit (CG, 3 steps)    {alsSeconds,7:F2} s   {alsSeconds / iterations:F2} s per iteration, {GC.GetTotalMemory(false) / (1 << 20):N0} MiB managed");
        var popularity = new PopularityRecommender();
        popularity.Fit(matrix);
        var history = new OwnHistoryRecommender();
        history.Fit(matrix);
        var repeat = new RepeatPurchaseRecommender();
        repeat.Fit(matrix);
        var hybrid = new HybridRecommender([popularity, history, knn, als, repeat], [1, 1, 2, 1, 0.5], fitComponents: false);

        var random = new Random(3);
        var sample = Enumerable.Range(0, queries).Select(_ => random.Next(customers)).Where(u => matrix.Counts.RowLength(u) > 0).ToArray();
        foreach (var model in new IRecommender[] { knn, als, hybrid })
        {
            for (var n = 0; n < Math.Min(500, sample.Length); n++) model.Recommend(sample[n], 10);   // warm-up (JIT, scratch arrays)
            var times = new double[sample.Length];
            for (var n = 0; n < sample.Length; n++)
            {
                var start = Stopwatch.GetTimestamp();
                model.Recommend(sample[n], 10);
                times[n] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            Array.Sort(times);
            Console.WriteLine($"  {model.Name,-8} recommend 10 for one customer: p50 {Percentile(times, 0.50):F3} ms, p99 {Percentile(times, 0.99):F3} ms, max {times[^1]:F3} ms ({times.Length:N0} customers)");
        }
        return 0;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(p * sorted.Length))];

    /// <summary>Customers in 100 taste groups; 70% of lines from the group's 300 items, the rest from the whole catalogue, both Zipf-like.</summary>
    private static InteractionLog Synthetic(int customers, int items, int lines, int seed)
    {
        var random = new Random(seed);
        const int groups = 100;
        var pools = new int[groups][];
        for (var g = 0; g < groups; g++) pools[g] = [.. Enumerable.Range(0, 300).Select(_ => random.Next(items))];
        int Zipf(int n) => (int)Math.Min(n - 1, Math.Floor(Math.Pow(n + 1, random.NextDouble()) - 1));
        var customer = new int[lines];
        var item = new int[lines];
        var day = new int[lines];
        var first = new DateOnly(2023, 1, 1).DayNumber;
        for (var n = 0; n < lines; n++)
        {
            var u = n < customers ? n : random.Next(customers);
            customer[n] = u;
            item[n] = random.NextDouble() < 0.7 ? pools[u % groups][Zipf(300)] : Zipf(items);
            day[n] = first + random.Next(730);
        }
        return InteractionLog.FromArrays([.. Enumerable.Range(0, customers).Select(u => "c" + u)], [.. Enumerable.Range(0, items).Select(i => "i" + i)], customer, item, day);
    }
}
