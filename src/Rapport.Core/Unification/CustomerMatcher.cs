using System.Diagnostics;
using System.Globalization;
using F23.StringSimilarity;

namespace Rapport.Core.Unification;

/// <summary>A proposed pair of records of the same person: <see cref="A"/> &lt; <see cref="B"/>, a confidence in [0, 1] and the reasons in words.</summary>
public sealed record MatchPair(long A, long B, double Confidence, IReadOnlyList<string> Reasons)
{
    public string ReasonText => string.Join("; ", Reasons);
}

/// <summary>What a matching run found and how much work it did.</summary>
public sealed record MatchRun(
    IReadOnlyList<MatchPair> Pairs,
    int Records,
    long PairsCompared,
    int Blocks,
    int OversizedBlocksSkipped,
    TimeSpan Elapsed);

/// <summary>
/// Identity resolution, pure: blocking, then pair scoring.
/// <para><b>Blocking</b>: every record emits keys; only records sharing a key are compared. Exact keys: source + external id,
/// normalised e-mail, e-mail without dots/"+tag", normalised phone. Fuzzy keys: last-name prefix + postal code,
/// first-name prefix + postal code, last-name prefix + last 4 phone digits, last-name prefix + first initial + birth date,
/// and the whole folded name (either order). A fuzzy block with more than <see cref="UnificationOptions.MaxBlockSize"/> records
/// (a very common name) is skipped and counted, exact blocks up to ten times that, so the work grows with the records, not their square.</para>
/// <para><b>Scoring</b> (Fellegi–Sunter style): each comparison adds a log-odds weight — same external id +12, same e-mail +7,
/// same Gmail mailbox (dots/+tag differ) +5, other e-mails equal apart from dots/+tag +2.5, same phone +4.5, first and last name by Jaro-Winkler (≥ 0.97: +2.5, ≥ 0.90: +1.5,
/// ≥ 0.80: 0, else −3 for the last name and −5.5 for the first; a known nickname counts as 0.95), same birth date +3 / different −4,
/// same postal code +1.5 and then a similar street +2, same city +0.3, different e-mails/phones/addresses −0.5 each —
/// to a prior of −6, and the confidence is the logistic of the sum. The weights are set by hand from what each piece of
/// evidence means (a shared e-mail almost never happens by chance; a shared address does, in families), not fitted to the demo.</para>
/// </summary>
public sealed class CustomerMatcher(UnificationOptions options)
{
    private const double Prior = -6;
    private static readonly JaroWinkler Jw = new();

    public UnificationOptions Options { get; } = options;

    /// <summary>
    /// Pairs with confidence ≥ <see cref="UnificationOptions.ReviewThreshold"/>, most confident first. With <paramref name="focus"/>,
    /// only pairs with at least one record in it (the new records of an import batch against everyone).
    /// </summary>
    public MatchRun Match(IReadOnlyList<MatchRecord> records, IReadOnlySet<long>? focus = null, CancellationToken ct = default)
    {
        Options.Validate();
        var watch = Stopwatch.StartNew();
        var prepared = new PreparedRecord[records.Count];
        Parallel.For(0, records.Count, new ParallelOptions { CancellationToken = ct }, i => prepared[i] = PreparedRecord.From(records[i], Options.DefaultCountry));

        var blocks = new Dictionary<string, List<int>>(records.Count * 6, StringComparer.Ordinal);
        var keys = new List<(string Key, bool Exact)>(12);
        for (var i = 0; i < prepared.Length; i++)
        {
            keys.Clear();
            BlockingKeys(prepared[i], keys);
            foreach (var (key, _) in keys)
            {
                if (!blocks.TryGetValue(key, out var list)) blocks[key] = list = new List<int>(2);
                if (list.Count == 0 || list[^1] != i) list.Add(i);
            }
        }

        var inFocus = focus is null ? null : prepared.Select(p => focus.Contains(p.Id)).ToArray();
        var pairs = new HashSet<long>();
        int used = 0, skipped = 0;
        foreach (var (key, members) in blocks)
        {
            if (members.Count < 2) continue;
            var limit = IsExactKey(key) ? Options.MaxBlockSize * 10 : Options.MaxBlockSize;
            if (members.Count > limit)
            {
                skipped++;
                continue;
            }
            used++;
            for (var x = 0; x < members.Count; x++)
                for (var y = x + 1; y < members.Count; y++)
                {
                    int i = members[x], j = members[y];
                    if (inFocus is not null && !inFocus[i] && !inFocus[j]) continue;
                    pairs.Add(((long)Math.Min(i, j) << 32) | (uint)Math.Max(i, j));
                }
        }
        ct.ThrowIfCancellationRequested();

        var candidates = pairs.ToArray();
        var results = new MatchPair?[candidates.Length];
        Parallel.For(0, candidates.Length, new ParallelOptions { CancellationToken = ct }, k =>
        {
            var code = candidates[k];
            var a = prepared[(int)(code >> 32)];
            var b = prepared[(int)(code & 0xFFFFFFFF)];
            var (confidence, reasons) = Score(a, b);
            if (confidence >= Options.ReviewThreshold)
                results[k] = a.Id < b.Id ? new MatchPair(a.Id, b.Id, confidence, reasons) : new MatchPair(b.Id, a.Id, confidence, reasons);
        });
        var found = results.OfType<MatchPair>().OrderByDescending(p => p.Confidence).ThenBy(p => p.A).ThenBy(p => p.B).ToList();
        return new MatchRun(found, records.Count, candidates.LongLength, used, skipped, watch.Elapsed);
    }

    /// <summary>The confidence and reasons for one pair, without blocking (for a person's review, or tests).</summary>
    public (double Confidence, IReadOnlyList<string> Reasons) Compare(MatchRecord a, MatchRecord b)
        => Score(PreparedRecord.From(a, Options.DefaultCountry), PreparedRecord.From(b, Options.DefaultCountry));

    private static bool IsExactKey(string key) => key[0] is 'x' or 'e' or 'l' or 'p';

    private static void BlockingKeys(PreparedRecord r, List<(string, bool)> keys)
    {
        if (r.SourceKey.Length > 0) keys.Add(("x|" + r.SourceKey, true));
        foreach (var e in r.Emails) keys.Add(("e|" + e, true));
        foreach (var e in r.LooseEmails) keys.Add(("l|" + e, true));
        foreach (var p in r.Phones) keys.Add(("p|" + p, true));
        var last = Compact(r.Last);
        var first = Compact(r.First);
        // CJK names are one to three characters: the whole name is the prefix.
        var lastPrefix = r.Cjk ? last : Prefix(last, 4);
        var firstPrefix = r.Cjk ? first : Prefix(first, 3);
        foreach (var (postal, _, _) in r.Addresses)
        {
            if (postal.Length == 0) continue;
            if (lastPrefix.Length > 0) keys.Add(($"np|{lastPrefix}|{postal}", false));
            if (firstPrefix.Length > 0) keys.Add(($"fp|{firstPrefix}|{postal}", false));
        }
        if (lastPrefix.Length > 0)
        {
            foreach (var p in r.Phones)
                if (p.Length >= 4) keys.Add(($"ns|{Prefix(lastPrefix, 3)}|{p[^4..]}", false));
            if (r.BirthDate is { } birth && first.Length > 0)
                keys.Add(($"nb|{lastPrefix}|{first[0]}|{birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}", false));
        }
        if (first.Length > 0 && last.Length > 0)
            keys.Add((string.CompareOrdinal(first, last) <= 0 ? $"nn|{first}|{last}" : $"nn|{last}|{first}", false));
    }

    private static string Compact(string folded) => folded.Replace(" ", "", StringComparison.Ordinal);

    private static string Prefix(string text, int length) => text.Length <= length ? text : text[..length];

    internal static double Similarity(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        if (a == b) return 1;
        return Jw.Similarity(a, b);
    }

    private static (double Confidence, List<string> Reasons) Score(PreparedRecord a, PreparedRecord b)
    {
        var reasons = new List<string>(6);
        var w = Prior;

        if (a.SourceKey.Length > 0 && a.SourceKey == b.SourceKey)
        {
            w += 12;
            reasons.Add("same external id");
        }

        if (Shares(a.Emails, b.Emails))
        {
            w += 7;
            reasons.Add("same e-mail");
        }
        else if (SharedLooseEmail(a.LooseEmails, b.LooseEmails) is { } loose)
        {
            // Gmail documents that dots and +tags do not change the mailbox: the same mailbox, nearly as good as the same
            // address. Elsewhere the two addresses may belong to two people (john.smith@ and johnsmith@): weak evidence.
            var gmail = loose.EndsWith("@gmail.com", StringComparison.Ordinal) || loose.EndsWith("@googlemail.com", StringComparison.Ordinal);
            w += gmail ? 5 : 2.5;
            reasons.Add(gmail ? "same Gmail mailbox (dots or +tag differ)" : "e-mails differ only in dots or +tag");
        }
        else if (a.Emails.Length > 0 && b.Emails.Length > 0)
        {
            w -= 0.5;
        }

        if (Shares(a.Phones, b.Phones))
        {
            w += 4.5;
            reasons.Add("same phone");
        }
        else if (a.Phones.Length > 0 && b.Phones.Length > 0)
        {
            w -= 0.5;
        }

        w += NameWeight(a, b, reasons);

        if (a.BirthDate is { } da && b.BirthDate is { } db)
        {
            if (da == db)
            {
                w += 3;
                reasons.Add("same birth date");
            }
            else
            {
                w -= 4;
                reasons.Add("different birth dates");
            }
        }

        w += AddressWeight(a, b, reasons);
        return (1.0 / (1.0 + Math.Exp(-w)), reasons);
    }

    private static double NameWeight(PreparedRecord a, PreparedRecord b, List<string> reasons)
    {
        if (a.FullName.Length == 0 || b.FullName.Length == 0) return 0;
        var first = Similarity(a.First, b.First);
        var last = Similarity(a.Last, b.Last);
        string? note = null;
        if (first < 0.95 && Nicknames.AreVariants(a.First, b.First))
        {
            first = 0.95;
            note = "first names are nickname forms of one name";
        }
        else if (first < 0.88 && IsInitialOf(a.First, b.First))
        {
            first = 0.88;
            note = "first name given as an initial";
        }
        // First and last name in the wrong fields (common with CJK names, where the family name comes first).
        var swappedFirst = Similarity(a.First, b.Last);
        var swappedLast = Similarity(a.Last, b.First);
        if (Math.Min(swappedFirst, swappedLast) > Math.Min(first, last) && Math.Min(swappedFirst, swappedLast) >= 0.9)
        {
            first = swappedFirst;
            last = swappedLast;
            note = "first and last name swapped";
        }
        var full = (first + last) / 2;
        reasons.Add(string.Create(CultureInfo.InvariantCulture, $"names {full:0.00} Jaro-Winkler"));
        if (note is not null) reasons.Add(note);
        return Band(last, -3) + Band(first, -5.5);
    }

    private static double Band(double similarity, double disagreement) => similarity switch
    {
        >= 0.97 => 2.5,
        >= 0.90 => 1.5,
        >= 0.80 => 0,
        _ => disagreement,
    };

    private static bool IsInitialOf(string x, string y)
        => (x.Length == 1 && y.Length > 1 && y[0] == x[0]) || (y.Length == 1 && x.Length > 1 && x[0] == y[0]);

    private static double AddressWeight(PreparedRecord a, PreparedRecord b, List<string> reasons)
    {
        if (a.Addresses.Length == 0 || b.Addresses.Length == 0) return 0;
        double best = double.NegativeInfinity;
        string? reason = null;
        foreach (var x in a.Addresses)
            foreach (var y in b.Addresses)
            {
                double w;
                string? r;
                if (x.Postal.Length > 0 && x.Postal == y.Postal)
                {
                    var street = Similarity(x.Street, y.Street);
                    if (street >= 0.93)
                    {
                        w = 3.5;
                        r = "same postal address";
                    }
                    else
                    {
                        w = 1.5;
                        r = "same postal code";
                    }
                }
                else if (x.City.Length > 0 && x.City == y.City)
                {
                    w = 0.3;
                    r = "same city";
                }
                else
                {
                    w = -0.5;
                    r = null;
                }
                if (w > best)
                {
                    best = w;
                    reason = r;
                }
            }
        if (reason is not null) reasons.Add(reason);
        return best;
    }

    private static string? SharedLooseEmail(string[] x, string[] y)
    {
        foreach (var a in x)
            foreach (var b in y)
                if (a == b) return a;
        return null;
    }

    private static bool Shares(string[] x, string[] y)
    {
        foreach (var a in x)
            foreach (var b in y)
                if (a == b) return true;
        return false;
    }
}
