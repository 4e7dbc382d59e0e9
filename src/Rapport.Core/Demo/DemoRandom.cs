using System.Numerics;

namespace Rapport.Core.Demo;

/// <summary>
/// Small, fast, seedable generator (xoshiro256** seeded through SplitMix64) with the samplers the demo needs.
/// Every stream is derived from (seed, stream name, index) with a stable hash, so a customer's history does not
/// depend on how many other customers were drawn before it, and the output never changes between runs or
/// .NET versions (unlike <see cref="Random.Shared"/> or <see cref="string.GetHashCode()"/>).
/// </summary>
internal sealed class DemoRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public DemoRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>An independent stream for one purpose (<paramref name="stream"/>) and one item (<paramref name="index"/>).</summary>
    public static DemoRandom For(int seed, string stream, long index = 0)
        => new(Mix(Mix(Mix((ulong)(uint)seed) ^ Fnv1a(stream)) ^ (ulong)index));

    /// <summary>A non-negative 31-bit seed for libraries that take an <see cref="int"/> (Bogus).</summary>
    public int NextSeed() => (int)(NextUInt64() >> 33);

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    public bool Chance(double probability) => NextDouble() < probability;

    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    public double Exponential(double rate) => -Math.Log(1.0 - NextDouble()) / rate;

    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double Normal(double mean, double sd) => mean + sd * Normal();

    public double LogNormal(double mu, double sigma) => Math.Exp(Normal(mu, sigma));

    /// <summary>Gamma(shape, scale), mean shape·scale (Marsaglia–Tsang).</summary>
    public double Gamma(double shape, double scale)
    {
        if (shape < 1.0) return Gamma(shape + 1.0, scale) * Math.Pow(1.0 - NextDouble(), 1.0 / shape);
        var d = shape - 1.0 / 3.0;
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal();
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            var u = 1.0 - NextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x) return d * v * scale;
            if (Math.Log(u) < 0.5 * x * x + d * (1.0 - v + Math.Log(v))) return d * v * scale;
        }
    }

    /// <summary>Beta(a, b), mean a/(a+b).</summary>
    public double Beta(double a, double b)
    {
        var x = Gamma(a, 1.0);
        var y = Gamma(b, 1.0);
        return x / (x + y);
    }

    public int Poisson(double mean)
    {
        if (mean <= 0) return 0;
        if (mean >= 30) return Math.Max(0, (int)Math.Round(Normal(mean, Math.Sqrt(mean))));
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = NextDouble();
        while (p > limit)
        {
            k++;
            p *= NextDouble();
        }
        return k;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Index drawn in proportion to the increments of a cumulative weight table (last entry = total).</summary>
    public int PickCumulative(ReadOnlySpan<double> cumulative)
    {
        var u = NextDouble() * cumulative[^1];
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>Index drawn in proportion to <paramref name="weights"/> (not necessarily normalised).</summary>
    public int PickWeighted(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (var w in weights) total += w;
        var u = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0) return i;
        }
        return weights.Length - 1;
    }

    /// <summary>A GUID-shaped string from this stream (for Identity stamps), never <see cref="Guid.NewGuid"/>.</summary>
    public string NextGuidString()
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], NextUInt64());
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }

    public static double[] Cumulative(ReadOnlySpan<double> weights)
    {
        var result = new double[weights.Length];
        double sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            result[i] = sum;
        }
        return result;
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
