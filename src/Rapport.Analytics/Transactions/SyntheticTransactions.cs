using System.Buffers.Text;

namespace Rapport.Analytics.Transactions;

/// <summary>What <see cref="SyntheticTransactions.WriteFile"/> wrote.</summary>
public sealed record SyntheticTransactionsSummary(
    long Rows, int Customers, int Orders, long Bytes, long CancelledLines, long ReturnLines, long ZeroPriceLines, double NetAmount);

/// <summary>
/// Deterministic synthetic transaction files for benchmarks and tests: CSV with header
/// <c>customer_id,invoice,date,quantity,price</c>, rows grouped by invoice and sorted by date (as retail exports are).
/// Every customer has at least one order; further orders go to customers with a skewed (power-law-like) propensity.
/// About 2.5 lines per order, 1% cancelled invoices (prefix "C", negative quantities), 0.5% return lines (negative
/// quantity), 0.02% zero-price lines; dates over 2021-01-01 … 2023-12-31. The same arguments give the same bytes on
/// every machine (own SplitMix64 generator).
/// </summary>
public static class SyntheticTransactions
{
    public static readonly DateOnly FirstDay = new(2021, 1, 1);
    public const int DaySpan = 1095;

    public static SyntheticTransactionsSummary WriteFile(string path, int customers, long rows, int seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        if (rows < customers) throw new ArgumentOutOfRangeException(nameof(rows), "rows must be at least the number of customers (every customer buys once).");
        long ordersLong = Math.Max(customers, rows * 2 / 5);
        if (ordersLong > int.MaxValue / 2) throw new ArgumentOutOfRangeException(nameof(rows), "too many rows");
        int orders = (int)ordersLong;
        var rng = new SplitMix64((ulong)seed);

        // Customer id permutation: c -> (c * a + b) mod customers, a coprime with customers.
        ulong a = (ulong)customers <= 2 ? 1UL : PickCoprime((ulong)customers, ref rng);
        ulong b = rng.Next() % (ulong)customers;

        // Orders: (day, time of day, customer) packed and sorted.
        var packed = new long[orders];
        for (int k = 0; k < orders; k++)
        {
            int c;
            if (k < customers) c = k;
            else c = (int)Math.Min(customers - 1, Math.Floor(customers * Math.Pow(rng.NextDouble(), 2.2)));
            int id = (int)(((ulong)c * a + b) % (ulong)customers);
            int day = (int)(rng.Next() % DaySpan);
            long timeOfDay = (long)(rng.Next() & 0xFFFFF); // random order of the day's invoices
            packed[k] = ((long)day << 52) | (timeOfDay << 32) | (uint)id;
        }
        Array.Sort(packed);

        // Prices of a catalogue of items, log-uniform 0.29 … 99.99, in cents.
        var priceCents = new int[5000];
        for (int i = 0; i < priceCents.Length; i++) priceCents[i] = (int)Math.Round(29 * Math.Pow(99.99 / 0.29, rng.NextDouble()));

        var dates = new byte[DaySpan][];
        for (int d = 0; d < DaySpan; d++) dates[d] = System.Text.Encoding.ASCII.GetBytes(FirstDay.AddDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        long written = 0, cancelled = 0, returns = 0, zero = 0;
        double net = 0;
        long remainingRows = rows;
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var buf = new byte[1 << 20];
        int pos = 0;
        void Put(ReadOnlySpan<byte> s)
        {
            if (pos + s.Length > buf.Length)
            {
                fs.Write(buf, 0, pos);
                written += pos;
                pos = 0;
            }
            s.CopyTo(buf.AsSpan(pos));
            pos += s.Length;
        }
        Put("customer_id,invoice,date,quantity,price\n"u8);
        Span<byte> line = stackalloc byte[96];
        for (int k = 0; k < orders; k++)
        {
            int remainingOrders = orders - k;
            long extraLeft = remainingRows - remainingOrders;
            int lines;
            if (remainingOrders == 1) lines = (int)remainingRows;
            else
            {
                double mean = extraLeft / (double)remainingOrders;
                lines = 1 + (int)Math.Min(extraLeft, Poisson(mean, ref rng));
            }
            remainingRows -= lines;
            int day = (int)(packed[k] >> 52);
            int customer = (int)(packed[k] & 0xFFFFFFFF);
            bool cancel = rng.NextDouble() < 0.01;
            for (int l = 0; l < lines; l++)
            {
                int n = 0;
                Utf8Formatter.TryFormat(1_000_000 + customer, line, out int w);
                n += w;
                line[n++] = (byte)',';
                if (cancel) line[n++] = (byte)'C';
                Utf8Formatter.TryFormat(500_000 + k, line[n..], out w);
                n += w;
                line[n++] = (byte)',';
                dates[day].CopyTo(line[n..]);
                n += 10;
                line[n++] = (byte)',';
                int quantity = 1;
                while (quantity < 24 && (rng.Next() & 1) == 0) quantity++;
                if (cancel) quantity = -quantity;
                else if (rng.NextDouble() < 0.005)
                {
                    quantity = -quantity;
                    returns++;
                }
                Utf8Formatter.TryFormat(quantity, line[n..], out w);
                n += w;
                line[n++] = (byte)',';
                int cents = priceCents[rng.Next() % (ulong)priceCents.Length];
                if (rng.NextDouble() < 0.0002)
                {
                    cents = 0;
                    zero++;
                }
                Utf8Formatter.TryFormat(cents / 100, line[n..], out w);
                n += w;
                line[n++] = (byte)'.';
                line[n++] = (byte)('0' + cents / 10 % 10);
                line[n++] = (byte)('0' + cents % 10);
                line[n++] = (byte)'\n';
                Put(line[..n]);
                if (cancel) cancelled++;
                else if (cents > 0) net += quantity * (cents / 100.0);
            }
        }
        fs.Write(buf, 0, pos);
        written += pos;
        return new SyntheticTransactionsSummary(rows, customers, orders, written, cancelled, returns, zero, net);
    }

    private static ulong PickCoprime(ulong n, ref SplitMix64 rng)
    {
        while (true)
        {
            ulong a = 1 + rng.Next() % (n - 1);
            if (Gcd(a, n) == 1) return a;
        }
    }

    private static ulong Gcd(ulong x, ulong y)
    {
        while (y != 0) (x, y) = (y, x % y);
        return x;
    }

    private static int Poisson(double mean, ref SplitMix64 rng)
    {
        if (mean <= 0) return 0;
        if (mean > 30) return (int)Math.Max(0, Math.Round(mean + Math.Sqrt(mean) * Normal(ref rng)));
        double l = Math.Exp(-mean), p = 1;
        int k = 0;
        do
        {
            k++;
            p *= rng.NextDouble();
        } while (p > l);
        return k - 1;
    }

    private static double Normal(ref SplitMix64 rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
    }
}
