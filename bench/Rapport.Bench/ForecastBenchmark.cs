using System.Diagnostics;
using Rapport.Analytics.Forecasting;

namespace Rapport.Bench;

/// <summary>
/// Issue 4's forecast benchmark: N synthetic monthly series (default 10,000 of 60 points), each through the full
/// model selection of <see cref="Forecaster"/> (7 models × 3 backtest origins, then the chosen model refitted with
/// intervals), horizon 12, in parallel over the cores.
/// </summary>
internal static class ForecastBenchmark
{
    public static int Run(string[] args)
    {
        var n = int.Parse(Args.Option(args, "--series") ?? "10000");
        var length = int.Parse(Args.Option(args, "--length") ?? "60");
        var horizon = int.Parse(Args.Option(args, "--horizon") ?? "12");
        var series = Synthesize(n, length, seed: 42);
        var options = new ForecastOptions { Horizon = horizon, Season = 12 };

        // Warm up the JIT on a few series so the figure is steady-state throughput.
        Forecaster.RunMany(series.Take(Math.Min(50, n)).ToList(), options);

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var results = Forecaster.RunMany(series, options);
        var elapsed = watch.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var done = results.Where(r => r.Forecast is not null).Select(r => r.Forecast!).ToList();
        var chosen = done.GroupBy(r => r.Chosen).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
        var mase = done.Select(r => r.Models.First(m => m.Model == r.Chosen).Mase ?? double.NaN).Where(double.IsFinite).Average();
        var naive = done.Select(r => r.Models[0].Mase ?? double.NaN).Where(double.IsFinite).Average();
        Console.WriteLine($"forecast: {n:N0} monthly series × {length} points, horizon {horizon}, {options.Models.Count} models × up to {options.Origins} origins, {Environment.ProcessorCount} cores");
        Console.WriteLine($"  {elapsed.TotalSeconds:F2} s, {n / elapsed.TotalSeconds:N0} series/s ({done.Count:N0} forecast, {results.Count(r => r.Error is not null)} too short)");
        Console.WriteLine($"  CPU {cpu.TotalSeconds:F2} s = {cpu.TotalMilliseconds / n:F2} ms per series ({n / cpu.TotalSeconds:N0} series per CPU-second; load from other processes changes the wall time, less so this)");
        Console.WriteLine($"  chosen: {string.Join(", ", chosen)}");
        Console.WriteLine($"  mean backtest MASE: chosen {mase:0.###}, seasonal naive {naive:0.###}");
        return 0;
    }

    /// <summary>Level × (1 + trend) with an additive or multiplicative yearly season and Gaussian noise; some damped, some flat.</summary>
    private static List<TimeSeries> Synthesize(int n, int length, int seed)
    {
        var rng = new Random(seed);
        var list = new List<TimeSeries>(n);
        for (var i = 0; i < n; i++)
        {
            var level = 50 + 950 * rng.NextDouble();
            var slope = level * (rng.NextDouble() * 0.02 - 0.005);
            var amplitude = rng.NextDouble() * 0.4;
            var phase = rng.Next(12);
            var multiplicative = rng.NextDouble() < 0.5;
            var noise = level * (0.02 + 0.1 * rng.NextDouble());
            var values = new double[length];
            for (var t = 0; t < length; t++)
            {
                var trendLevel = level + slope * t;
                var season = Math.Sin(2 * Math.PI * (t + phase) / 12);
                var mean = multiplicative ? trendLevel * (1 + amplitude * season) : trendLevel + level * amplitude * season;
                values[t] = Math.Max(1, mean + noise * Normal(rng));
            }
            list.Add(new TimeSeries("s" + i, ForecastFrequency.Month, new DateOnly(2020, 1, 1), values));
        }
        return list;
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
