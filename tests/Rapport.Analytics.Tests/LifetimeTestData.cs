using System.Globalization;
using MathNet.Numerics.Distributions;
using Rapport.Analytics.Lifetime;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Tests;

/// <summary>Real data (CDNOW) and BG/NBD / Pareto/NBD / Gamma-Gamma simulators for the lifetime tests.</summary>
internal static class LifetimeTestData
{
    /// <summary>The shared data sets folder: the first ancestor of the test assembly's folder that holds
    /// <c>shared/datasets</c> (the repository is /work/main, the data /work/shared/datasets).</summary>
    public static string? DatasetsRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "datasets");
                if (Directory.Exists(candidate)) return candidate;
            }
            return null;
        }
    }

    /// <summary>The CDNOW folder, or null (tests return early with a message) when the data sets are absent.</summary>
    public static string? CdnowDir
    {
        get
        {
            var root = DatasetsRoot;
            var dir = root is null ? null : Path.Combine(root, "cdnow");
            return dir != null && File.Exists(Path.Combine(dir, "CDNOW_sample.txt")) ? dir : null;
        }
    }

    public static readonly DateOnly CdnowCalibrationEnd = new(1997, 9, 30);
    public static readonly DateOnly CdnowObservationEnd = new(1998, 6, 30);

    /// <summary>
    /// The raw 2,357-customer CDNOW sample through the shared <see cref="TransactionFileReader"/>: whitespace-separated,
    /// no header; customer = the sample id (column 2), date yyyymmdd (column 3), CDs (column 4), dollar value (column 5).
    /// </summary>
    public static ITransactionSource CdnowSample(string dir) => new TransactionFileReader(new TransactionFileOptions
    {
        Path = Path.Combine(dir, "CDNOW_sample.txt"),
        HasHeader = false,
        Delimiter = ' ',
        CustomerColumn = "2",
        DateColumn = "3",
        QuantityColumn = "4",
        AmountColumn = "5",
        DateFormat = "yyyyMMdd",
        KeepZeroAmounts = true, // CDNOW's 8 zero-dollar lines are real (free) purchases; the published summary counts them
    });

    /// <summary>Reads a lifetimes-style summary CSV (ID, then numeric columns) into rows keyed by ID.</summary>
    public static Dictionary<int, double[]> ReadSummaryCsv(string path)
    {
        var rows = new Dictionary<int, double[]>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Trim().Split(',');
            rows[int.Parse(f[0], CultureInfo.InvariantCulture)] = f.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        }
        return rows;
    }

    public static CustomerSummary CdnowSummary(string dir, DateOnly? observationEnd = null) =>
        CustomerSummaryBuilder.Build(CdnowSample(dir), new CustomerSummaryOptions(CdnowCalibrationEnd, observationEnd, TimeUnit.Weeks));

    /// <summary>
    /// Simulates BG/NBD customers: λ ~ Gamma(r, α), p ~ Beta(a, b); Poisson purchases at rate λ from the first
    /// purchase at 0; after each repeat purchase the customer drops out with probability p. Ages T are drawn
    /// uniformly from [tMin, tMax]; with <paramref name="wholeDays"/> times are rounded to whole days (unit = days)
    /// as in real data.
    /// </summary>
    public static (int[] X, double[] Tx, double[] T) SimulateBgNbd(int n, double r, double alpha, double a, double b,
        double tMin, double tMax, int seed, bool wholeDays = false)
    {
        var rng = new Random(seed);
        var x = new int[n];
        var tx = new double[n];
        var T = new double[n];
        for (int i = 0; i < n; i++)
        {
            double age = tMin + (tMax - tMin) * rng.NextDouble();
            if (wholeDays) age = Math.Round(age);
            double lambda = Gamma.Sample(rng, r, alpha);
            double p = Beta.Sample(rng, a, b);
            double t = 0, last = 0;
            int k = 0;
            while (true)
            {
                t += -Math.Log(1 - rng.NextDouble()) / lambda;
                if (t > age) break;
                if (!wholeDays)
                {
                    k++;
                    last = t;
                }
                else if (Math.Floor(t) > last) // purchases on the same day merge into one
                {
                    k++;
                    last = Math.Floor(t);
                }
                if (rng.NextDouble() < p) break;
            }
            x[i] = k;
            tx[i] = k > 0 ? last : 0;
            T[i] = age;
        }
        return (x, tx, T);
    }

    /// <summary>Simulates Pareto/NBD customers: λ ~ Gamma(r, α), μ ~ Gamma(s, β), lifetime ~ Exp(μ).</summary>
    public static (int[] X, double[] Tx, double[] T) SimulateParetoNbd(int n, double r, double alpha, double s, double beta,
        double tMin, double tMax, int seed)
    {
        var rng = new Random(seed);
        var x = new int[n];
        var tx = new double[n];
        var T = new double[n];
        for (int i = 0; i < n; i++)
        {
            double age = tMin + (tMax - tMin) * rng.NextDouble();
            double lambda = Gamma.Sample(rng, r, alpha);
            double mu = Gamma.Sample(rng, s, beta);
            double death = -Math.Log(1 - rng.NextDouble()) / mu;
            double end = Math.Min(age, death), t = 0, last = 0;
            int k = 0;
            while (true)
            {
                t += -Math.Log(1 - rng.NextDouble()) / lambda;
                if (t > end) break;
                k++;
                last = t;
            }
            x[i] = k;
            tx[i] = last;
            T[i] = age;
        }
        return (x, tx, T);
    }

    /// <summary>Simulates Gamma-Gamma spend: ν ~ Gamma(q, γ), each of x transactions ~ Gamma(p, ν); returns the mean.</summary>
    public static double[] SimulateSpend(int[] x, double p, double q, double gamma, int seed)
    {
        var rng = new Random(seed);
        var m = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] == 0) continue;
            double nu = Gamma.Sample(rng, q, gamma);
            double sum = 0;
            for (int k = 0; k < x[i]; k++) sum += Gamma.Sample(rng, p, nu);
            m[i] = sum / x[i];
        }
        return m;
    }

    public static void AssertRelative(double expected, double actual, double tolerance, string what)
    {
        double rel = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(rel <= tolerance, $"{what}: expected {expected} ± {tolerance:P1}, got {actual} ({rel:P2} off)");
    }
}
