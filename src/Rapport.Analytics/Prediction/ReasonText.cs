using System.Globalization;
using System.Text;

namespace Rapport.Analytics.Prediction;

/// <summary>
/// Phrases a column and its value as a salesperson reads them: "contract: Month-to-month (+0.18)",
/// "tenure of 2, lower than typical (29) (+0.15)", "paperless billing: yes (+0.03)".
/// </summary>
internal static class ReasonText
{
    public static string For(FeatureColumn column, string raw, double delta)
    {
        var effect = " (" + delta.ToString("+0.00;-0.00", CultureInfo.InvariantCulture) + ")";
        return Describe(column, raw) + effect;
    }

    public static string Describe(FeatureColumn column, string raw)
    {
        var name = Humanise(column.Name);
        switch (column.Kind)
        {
            case PredictionColumnKind.Numeric:
                if (!ColumnTyper.TryNumber(raw, out var v)) return $"{name} unknown (taken as typical {Number(column.Median)})";
                var comparison = v > column.Median ? "higher than" : v < column.Median ? "lower than" : "same as";
                return $"{name} of {Number(v)}, {comparison} typical ({Number(column.Median)})";
            case PredictionColumnKind.Boolean:
                return $"{name}: " + (ColumnTyper.TryBoolean(raw, out var b) ? (b ? "yes" : "no") : "unknown");
            default:
                return $"{name}: {column.Display(raw)}";
        }
    }

    public static string Number(double v) => v.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>"MonthlyCharges" → "monthly charges", "support_calls" → "support calls", "TVPlan" → "TV plan".</summary>
    public static string Humanise(string column)
    {
        var sb = new StringBuilder(column.Length + 8);
        for (var i = 0; i < column.Length; i++)
        {
            var c = column[i];
            if (c is '_' or '-' or '.' or ' ')
            {
                if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
                continue;
            }
            var startsWord = char.IsUpper(c) && i > 0 &&
                (char.IsLower(column[i - 1]) || char.IsDigit(column[i - 1]) || (i + 1 < column.Length && char.IsLower(column[i + 1]) && char.IsUpper(column[i - 1])));
            if (startsWord && sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
            sb.Append(c);
        }
        // Lower-case words that are capitalised words (keep acronyms such as TV or ID).
        var words = sb.ToString().Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Length > 1 && w.Skip(1).All(char.IsLower) || w.Length == 1 ? w.ToLowerInvariant() : w);
        return string.Join(' ', words);
    }
}
