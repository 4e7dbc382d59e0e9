using System.Globalization;
using System.Text;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Rules;

/// <summary>One rule with item names, as written to CSV and JSON.</summary>
public sealed record RuleRow(
    IReadOnlyList<string> Antecedent, IReadOnlyList<string> Consequent, double Support, double Confidence, double Lift,
    double Leverage, double? Conviction, int Count);

/// <summary>
/// Writes rules. CSV columns: <c>antecedent,consequent,support,confidence,lift,leverage,conviction,count</c>; each side's
/// items in ordinal order joined by <c> &amp; </c>; numbers in invariant culture, shortest round-trip form; an infinite
/// conviction (confidence 1) as <c>inf</c>. Cells are quoted and protected against formula injection by
/// <see cref="CsvText"/>.
/// </summary>
public static class RuleWriter
{
    public const string Separator = " & ";
    public const string Header = "antecedent,consequent,support,confidence,lift,leverage,conviction,count";

    public static string Side(FrequentItemsets itemsets, int index) => string.Join(Separator, itemsets.Names(index));

    public static RuleRow Row(FrequentItemsets itemsets, AssociationRule rule)
    {
        ArgumentNullException.ThrowIfNull(itemsets);
        return new RuleRow(itemsets.Names(rule.Antecedent), itemsets.Names(rule.Consequent), rule.Support, rule.Confidence, rule.Lift,
            rule.Leverage, double.IsInfinity(rule.Conviction) ? null : rule.Conviction, rule.Count);
    }

    public static void WriteCsv(RuleResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(Header);
        var names = new Dictionary<int, string>();
        string Cached(int index)
        {
            if (!names.TryGetValue(index, out var text))
            {
                text = CsvText.Cell(Side(result.Itemsets, index));
                names[index] = text;
            }
            return text;
        }
        Span<char> number = stackalloc char[32];
        foreach (var rule in result.Rules)
        {
            writer.Write(Cached(rule.Antecedent));
            writer.Write(',');
            writer.Write(Cached(rule.Consequent));
            Write(writer, rule.Support, number);
            Write(writer, rule.Confidence, number);
            Write(writer, rule.Lift, number);
            Write(writer, rule.Leverage, number);
            if (double.IsPositiveInfinity(rule.Conviction)) writer.Write(",inf");
            else Write(writer, rule.Conviction, number);
            writer.Write(',');
            writer.Write(rule.Count.ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    private static void Write(StreamWriter writer, double value, Span<char> buffer)
    {
        writer.Write(',');
        if (value.TryFormat(buffer, out int written, "R", CultureInfo.InvariantCulture)) writer.Write(buffer[..written]);
        else writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>The summary figures (itemsets by length, rules by antecedent length, thresholds, timings) as a plain object for JSON.</summary>
    public static RuleSummary Summary(RuleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        return new RuleSummary(
            Algorithm: o.Algorithm == ItemsetAlgorithm.Apriori ? "apriori" : "fpgrowth",
            Baskets: result.Itemsets.Transactions,
            Items: result.Itemsets.Items.Count,
            FrequentItems: result.Itemsets.FrequentItems,
            MinSupport: o.MinSupport,
            MinCount: result.MinCount,
            MinConfidence: o.MinConfidence,
            MinLift: o.MinLift,
            MaxLength: o.MaxLength,
            MaxConsequent: o.MaxConsequent,
            FrequentItemsets: result.Itemsets.Count,
            ItemsetsByLength: result.ItemsetsByLength().ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value),
            Rules: result.Rules.Count,
            RulesByAntecedentLength: result.RulesByAntecedentLength().ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value),
            MiningMilliseconds: Math.Round(result.MiningTime.TotalMilliseconds, 1),
            RuleMilliseconds: Math.Round(result.RuleTime.TotalMilliseconds, 1));
    }
}

/// <summary>The summary block of a rules output.</summary>
public sealed record RuleSummary(
    string Algorithm, int Baskets, int Items, int FrequentItems, double MinSupport, int MinCount, double MinConfidence, double MinLift,
    int? MaxLength, int MaxConsequent, int FrequentItemsets, IReadOnlyDictionary<string, int> ItemsetsByLength, int Rules,
    IReadOnlyDictionary<string, int> RulesByAntecedentLength, double MiningMilliseconds, double RuleMilliseconds);
