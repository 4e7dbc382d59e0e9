using System.Globalization;
using System.Text;

namespace Rapport.Analytics.Rules;

/// <summary>
/// Synthetic market baskets in the manner of IBM's Quest generator (Agrawal &amp; Srikant 1994, the source of the
/// classic <c>T10I4D100K</c> files): a pool of "potential patterns" (Poisson-sized, each sharing part of its items with
/// the previous one, exponentially distributed weights, a corruption level each), and baskets of Poisson size filled
/// with weighted patterns, items dropped by the corruption level. Deterministic for a seed; for benchmarks and tests.
/// </summary>
public sealed class SyntheticBaskets
{
    private readonly int[][] _patterns;
    private readonly double[] _cumulative;
    private readonly double[] _corruption;
    private readonly Random _random;
    private readonly double _basketSize;

    /// <param name="items">Distinct items (N, default 1,000).</param>
    /// <param name="patterns">Potential patterns (L, default 2,000).</param>
    /// <param name="patternSize">Mean pattern size (I, default 4).</param>
    /// <param name="basketSize">Mean basket size (T, default 10).</param>
    public SyntheticBaskets(int seed, int items = 1000, int patterns = 2000, double patternSize = 4, double basketSize = 10)
    {
        _random = new Random(seed);
        _basketSize = basketSize;
        _patterns = new int[patterns][];
        _cumulative = new double[patterns];
        _corruption = new double[patterns];
        int[] previous = [];
        double total = 0;
        for (int p = 0; p < patterns; p++)
        {
            int size = Math.Max(1, Poisson(patternSize));
            var set = new HashSet<int>();
            // Part of the items come from the previous pattern (exponential share, mean 0.5).
            int fromPrevious = Math.Min(previous.Length, (int)Math.Round(size * Math.Min(1, -0.5 * Math.Log(1 - _random.NextDouble()))));
            foreach (int item in previous.OrderBy(_ => _random.Next()).Take(fromPrevious)) set.Add(item);
            while (set.Count < Math.Min(size, items)) set.Add(_random.Next(items));
            _patterns[p] = [.. set];
            previous = _patterns[p];
            total += -Math.Log(1 - _random.NextDouble());
            _cumulative[p] = total;
            _corruption[p] = Math.Clamp(0.5 + 0.1 * Normal(), 0, 1);
        }
        for (int p = 0; p < patterns; p++) _cumulative[p] /= total;
    }

    private int Poisson(double mean)
    {
        double limit = Math.Exp(-mean), product = _random.NextDouble();
        int k = 0;
        while (product > limit)
        {
            product *= _random.NextDouble();
            k++;
        }
        return k;
    }

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    /// <summary>Item ids of the next basket (distinct, unordered).</summary>
    public List<int> Next()
    {
        int size = Math.Max(1, Poisson(_basketSize));
        var basket = new HashSet<int>();
        while (basket.Count < size)
        {
            int p = Array.BinarySearch(_cumulative, _random.NextDouble());
            if (p < 0) p = Math.Min(~p, _patterns.Length - 1);
            var pattern = _patterns[p];
            var kept = pattern.Where(_ => _random.NextDouble() >= _corruption[p]).ToList();
            if (kept.Count == 0) continue;
            if (basket.Count > 0 && basket.Count + kept.Count > size && _random.NextDouble() < 0.5) break;
            foreach (int item in kept) basket.Add(item);
        }
        return [.. basket];
    }

    /// <summary>Writes <paramref name="baskets"/> baskets as a FIMI-style file: one line per basket, item numbers separated by spaces.</summary>
    public static void WriteFile(string path, int baskets, int seed, int items = 1000)
    {
        var generator = new SyntheticBaskets(seed, items);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
            var line = new StringBuilder();
            for (int b = 0; b < baskets; b++)
            {
                line.Clear();
                foreach (int item in generator.Next())
                {
                    if (line.Length > 0) line.Append(' ');
                    line.Append(item.ToString(CultureInfo.InvariantCulture));
                }
                writer.WriteLine(line);
            }
        });
    }
}
