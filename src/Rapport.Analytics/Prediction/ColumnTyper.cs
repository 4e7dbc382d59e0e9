using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Rapport.Analytics.Prediction;

/// <summary>How a column of the input table is used.</summary>
public enum PredictionColumnKind
{
    /// <summary>Number (≥ 95 % of non-blank cells parse with the invariant culture); blanks and unparsable cells → median.</summary>
    Numeric,
    /// <summary>Two values among Yes/No, True/False, Y/N, 0/1; blanks → the commoner value.</summary>
    Boolean,
    /// <summary>Text with levels, one-hot encoded; rare levels → "other".</summary>
    Categorical,
    /// <summary>Identifier (named like an id, or unique per row): never a feature.</summary>
    Id,
    /// <summary>The column to predict.</summary>
    Target,
    /// <summary>Not used: constant, or free text with too many distinct values.</summary>
    Excluded,
}

/// <summary>What was found and done to one column.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Kind">How it is used.</param>
/// <param name="Blanks">Blank (empty or whitespace) cells.</param>
/// <param name="Imputed">Cells replaced (blanks and, for numbers, unparsable text).</param>
/// <param name="Unparsable">Non-blank cells of a numeric column that are not numbers.</param>
/// <param name="ImputedWith">Value put in imputed cells ("1397.475", "No", "(blank)").</param>
/// <param name="Levels">Distinct values kept (categorical), else 0.</param>
/// <param name="RareLevelsToOther">Distinct values merged into "other".</param>
/// <param name="Note">Why the column was typed so, in words.</param>
public sealed record PredictionColumnReport(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind"), JsonConverter(typeof(JsonStringEnumConverter<PredictionColumnKind>))] PredictionColumnKind Kind,
    [property: JsonPropertyName("blanks")] int Blanks,
    [property: JsonPropertyName("imputed")] int Imputed,
    [property: JsonPropertyName("unparsable")] int Unparsable,
    [property: JsonPropertyName("imputedWith")] string? ImputedWith,
    [property: JsonPropertyName("levels")] int Levels,
    [property: JsonPropertyName("rareLevelsToOther")] int RareLevelsToOther,
    [property: JsonPropertyName("note")] string Note);

/// <summary>The data-quality part of a prediction report.</summary>
/// <param name="Rows">Data rows read (training table, plus the test table when one was given).</param>
/// <param name="RowsWithoutTarget">Rows dropped because the target cell was blank.</param>
/// <param name="RaggedRows">Rows whose cell count differed from the header's.</param>
/// <param name="Columns">Every column, in file order.</param>
/// <param name="ExcludedColumns">Columns not used as features (id-like, constant, free text).</param>
/// <param name="ImputedCells">Total imputed cells.</param>
public sealed record PredictionDataQuality(
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("rowsWithoutTarget")] int RowsWithoutTarget,
    [property: JsonPropertyName("raggedRows")] int RaggedRows,
    [property: JsonPropertyName("columns")] IReadOnlyList<PredictionColumnReport> Columns,
    [property: JsonPropertyName("excludedColumns")] IReadOnlyList<string> ExcludedColumns,
    [property: JsonPropertyName("imputedCells")] int ImputedCells);

/// <summary>One feature column: its type and the encoding learnt from the table (median, levels, boolean tokens).</summary>
internal sealed class FeatureColumn
{
    public required string Name { get; init; }
    public required int Source { get; init; }
    public required PredictionColumnKind Kind { get; init; }
    public double Median { get; init; }
    public bool BooleanDefault { get; init; }
    public string[] Levels { get; init; } = [];
    public Dictionary<string, int> LevelIndex { get; init; } = new(StringComparer.Ordinal);
    public int OtherIndex { get; init; } = -1;
    public int Offset { get; set; }
    public int Width => Kind == PredictionColumnKind.Categorical ? Levels.Length : 1;

    public void Encode(string raw, float[] dst, int rowOffset)
    {
        switch (Kind)
        {
            case PredictionColumnKind.Numeric:
                dst[rowOffset + Offset] = (float)(ColumnTyper.TryNumber(raw, out var v) ? v : Median);
                break;
            case PredictionColumnKind.Boolean:
                dst[rowOffset + Offset] = (ColumnTyper.TryBoolean(raw, out var b) ? b : BooleanDefault) ? 1f : 0f;
                break;
            default:
                for (var k = 0; k < Levels.Length; k++) dst[rowOffset + Offset + k] = 0f;
                dst[rowOffset + Offset + LevelOf(raw)] = 1f;
                break;
        }
    }

    public int LevelOf(string raw)
    {
        var key = ColumnTyper.LevelKey(raw);
        return LevelIndex.TryGetValue(key, out var k) ? k : OtherIndex >= 0 ? OtherIndex : 0;
    }

    /// <summary>The cell as a salesperson would read it (after cleaning).</summary>
    public string Display(string raw)
    {
        switch (Kind)
        {
            case PredictionColumnKind.Numeric:
                return ColumnTyper.TryNumber(raw, out var v)
                    ? v.ToString("0.##", CultureInfo.InvariantCulture)
                    : "blank (taken as " + Median.ToString("0.##", CultureInfo.InvariantCulture) + ")";
            case PredictionColumnKind.Boolean:
                return ColumnTyper.TryBoolean(raw, out var b) ? (b ? "Yes" : "No") : "blank (taken as " + (BooleanDefault ? "Yes" : "No") + ")";
            default:
                return Levels[LevelOf(raw)];
        }
    }
}

/// <summary>Types the columns of a <see cref="RawTable"/> and learns how to encode them.</summary>
internal static partial class ColumnTyper
{
    public const int MaxLevels = 50;
    public const double NumericShare = 0.95;
    public const string Other = "other";
    public const string Blank = "(blank)";

    private static readonly HashSet<string> TrueTokens = new(StringComparer.OrdinalIgnoreCase) { "yes", "true", "y", "t", "1" };
    private static readonly HashSet<string> FalseTokens = new(StringComparer.OrdinalIgnoreCase) { "no", "false", "n", "f", "0" };

    public static bool IsBlank(string s) => string.IsNullOrWhiteSpace(s);

    public static bool TryNumber(string s, out double v)
    {
        var t = s.Trim();
        if (t.Length > 0 && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v)) return true;
        v = 0;
        return false;
    }

    public static bool TryBoolean(string s, out bool v)
    {
        var t = s.Trim();
        if (TrueTokens.Contains(t)) { v = true; return true; }
        if (FalseTokens.Contains(t)) { v = false; return true; }
        v = false;
        return false;
    }

    public static string LevelKey(string raw) => IsBlank(raw) ? Blank : raw.Trim();

    [GeneratedRegex(@"(^|[_\-\s.])(id|uuid|guid|key)$", RegexOptions.IgnoreCase)]
    private static partial Regex IdSuffix();

    [GeneratedRegex(@"[a-z0-9](ID|Id|UUID|Uuid|GUID|Guid)$")]
    private static partial Regex IdCamel();

    public static bool IsIdName(string name) =>
        IdSuffix().IsMatch(name.Trim()) || IdCamel().IsMatch(name.Trim()) ||
        name.Trim().Equals("id", StringComparison.OrdinalIgnoreCase);

    /// <summary>Types every column except <paramref name="target"/>; rows are those used for the statistics.</summary>
    public static (List<FeatureColumn> Features, List<PredictionColumnReport> Reports) Type(
        RawTable table, IReadOnlyList<int> rows, int target, int? id, int? time = null)
    {
        var features = new List<FeatureColumn>();
        var reports = new List<PredictionColumnReport>();
        var n = rows.Count;
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var name = table.Columns[c];
            if (c == target)
            {
                reports.Add(new PredictionColumnReport(name, PredictionColumnKind.Target, 0, 0, 0, null, 0, 0, "the column to predict"));
                continue;
            }
            if (id == c)
            {
                reports.Add(new PredictionColumnReport(name, PredictionColumnKind.Id, 0, 0, 0, null, 0, 0, "the id column given; never a feature"));
                continue;
            }
            if (time == c)
            {
                reports.Add(new PredictionColumnReport(name, PredictionColumnKind.Excluded, 0, 0, 0, null, 0, 0, "the time column: orders the rows for the split; never a feature"));
                continue;
            }
            var blanks = 0; var numbers = 0; var booleans = 0;
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var allIntegers = true;
            var numericValues = new List<double>(n);
            foreach (var r in rows)
            {
                var cell = table.Rows[r][c];
                if (IsBlank(cell)) { blanks++; continue; }
                var key = cell.Trim();
                counts[key] = counts.GetValueOrDefault(key) + 1;
                if (TryNumber(cell, out var v)) { numbers++; numericValues.Add(v); if (v != Math.Floor(v)) allIntegers = false; }
                if (TryBoolean(cell, out _)) booleans++;
            }
            var nonBlank = n - blanks;
            var distinct = counts.Count;
            if (IsIdName(name))
            {
                reports.Add(new PredictionColumnReport(name, PredictionColumnKind.Id, blanks, 0, 0, null, 0, 0, "named like an identifier; never a feature"));
                continue;
            }
            if (nonBlank == 0 || distinct <= 1)
            {
                reports.Add(new PredictionColumnReport(name, PredictionColumnKind.Excluded, blanks, 0, 0, null, distinct, 0, "constant or empty; carries no signal"));
                continue;
            }
            var isNumeric = numbers >= NumericShare * nonBlank;
            var isBoolean = booleans == nonBlank && distinct == 2;
            // Unique per row: text is an id; integers only when they look like a sequence (range < 2 × rows), since a
            // measured amount can be unique in a small table.
            var sequential = isNumeric && allIntegers && numericValues.Count > 0 && numericValues.Max() - numericValues.Min() < 2.0 * nonBlank;
            if (distinct == nonBlank && nonBlank >= 20 && (!isNumeric || sequential) && !isBoolean)
            {
                reports.Add(new PredictionColumnReport(name, PredictionColumnKind.Id, blanks, 0, 0, null, 0, 0, "a different value in every row (id-like); never a feature"));
                continue;
            }
            if (isBoolean)
            {
                var trues = 0;
                foreach (var r in rows) if (TryBoolean(table.Rows[r][c], out var b) && b) trues++;
                var def = trues * 2 > nonBlank;
                features.Add(new FeatureColumn { Name = name, Source = c, Kind = PredictionColumnKind.Boolean, BooleanDefault = def });
                reports.Add(new PredictionColumnReport(name, PredictionColumnKind.Boolean, blanks, blanks, 0, blanks > 0 ? (def ? "Yes" : "No") : null, 2, 0,
                    "yes/no values (" + string.Join("/", counts.Keys.Order(StringComparer.Ordinal)) + ")" + (blanks > 0 ? "; blanks set to the commoner value" : "")));
                continue;
            }
            if (isNumeric)
            {
                numericValues.Sort();
                var median = numericValues.Count % 2 == 1
                    ? numericValues[numericValues.Count / 2]
                    : (numericValues[numericValues.Count / 2 - 1] + numericValues[numericValues.Count / 2]) / 2;
                var unparsable = nonBlank - numbers;
                features.Add(new FeatureColumn { Name = name, Source = c, Kind = PredictionColumnKind.Numeric, Median = median });
                var imputed = blanks + unparsable;
                reports.Add(new PredictionColumnReport(name, PredictionColumnKind.Numeric, blanks, imputed, unparsable,
                    imputed > 0 ? median.ToString("0.####", CultureInfo.InvariantCulture) : null, 0, 0,
                    imputed > 0 ? $"numbers; {blanks} blank and {unparsable} unparsable cells set to the median" : "numbers"));
                continue;
            }
            if (distinct > MaxLevels && distinct > 0.5 * nonBlank)
            {
                reports.Add(new PredictionColumnReport(name, PredictionColumnKind.Excluded, blanks, 0, 0, null, distinct, 0, "free text: too many distinct values to be a category"));
                continue;
            }
            // Categorical: the commonest levels (at least 5 rows each, or 1 % of rows when smaller), at most 50 with "other".
            if (blanks > 0) counts[Blank] = blanks;
            var minCount = Math.Min(5, Math.Max(1, (int)Math.Ceiling(0.01 * n)));
            var ordered = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
            var kept = ordered.Where(kv => kv.Value >= minCount).Select(kv => kv.Key).ToList();
            var needOther = kept.Count < ordered.Count;
            if (kept.Count > MaxLevels - (needOther ? 1 : 0) || (kept.Count == MaxLevels + 1 && !needOther))
            {
                kept = kept.Take(MaxLevels - 1).ToList();
                needOther = true;
            }
            var rare = ordered.Count - kept.Count;
            if (needOther && !kept.Contains(Other)) kept.Add(Other);
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var k = 0; k < kept.Count; k++) index[kept[k]] = k;
            features.Add(new FeatureColumn
            {
                Name = name, Source = c, Kind = PredictionColumnKind.Categorical, Levels = kept.ToArray(), LevelIndex = index,
                OtherIndex = needOther ? index[Other] : -1,
            });
            reports.Add(new PredictionColumnReport(name, PredictionColumnKind.Categorical, blanks, 0, 0, blanks > 0 ? Blank : null, kept.Count, rare,
                $"categories, one-hot encoded ({kept.Count} levels" + (rare > 0 ? $", {rare} rare values merged into \"other\"" : "") + ")" +
                (blanks > 0 ? "; blanks kept as their own level" : "") +
                (numbers > 0 && numbers < NumericShare * nonBlank ? $"; {numbers} of {nonBlank} cells are numbers (below 95 %)" : "")));
        }
        var offset = 0;
        foreach (var f in features) { f.Offset = offset; offset += f.Width; }
        return (features, reports);
    }
}
