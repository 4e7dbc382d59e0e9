using System.Globalization;
using System.Text.Json.Serialization;

namespace Rapport.Analytics.Prediction;

/// <summary>One leaf of the decision tree as a readable rule.</summary>
/// <param name="Conditions">The tests on the path, merged per column ("tenure ≤ 16.5", "contract is Month-to-month").</param>
/// <param name="Probability">Share of the positive value among the training rows of the leaf (Laplace-smoothed).</param>
/// <param name="Rows">Training rows reaching the leaf.</param>
/// <param name="Positives">Of which positive.</param>
/// <param name="Text">"IF contract is Month-to-month AND tenure ≤ 16.5 THEN Churn = Yes in 55 % (1,234 rows)".</param>
public sealed record PredictionRule(
    [property: JsonPropertyName("conditions")] IReadOnlyList<string> Conditions,
    [property: JsonPropertyName("probability")] double Probability,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("positives")] int Positives,
    [property: JsonPropertyName("text")] string Text);

/// <summary>Turns a <see cref="DecisionTreeModel"/> back into conditions on the original columns and values.</summary>
internal static class TreeRules
{
    public static List<PredictionRule> Describe(TreeNode root, IReadOnlyList<FeatureColumn> features, double[] mean, double[] std, string target, string positive)
    {
        var rules = new List<PredictionRule>();
        Walk(root, []);
        return rules.OrderByDescending(r => r.Probability).ThenByDescending(r => r.Rows).ToList();

        void Walk(TreeNode node, List<(int Feature, float Threshold, bool Left)> path)
        {
            if (node.IsLeaf)
            {
                var conditions = Merge(path, features, mean, std);
                var share = node.Probability.ToString("0%", CultureInfo.InvariantCulture);
                var text = (conditions.Count == 0 ? "ALWAYS" : "IF " + string.Join(" AND ", conditions)) +
                           $" THEN {target} = {positive} in {share} ({node.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows)";
                rules.Add(new PredictionRule(conditions, Math.Round(node.Probability, 4), node.Rows, node.Positives, text));
                return;
            }
            Walk(node.Left!, [.. path, (node.Feature, node.Threshold, true)]);
            Walk(node.Right!, [.. path, (node.Feature, node.Threshold, false)]);
        }
    }

    private static List<string> Merge(List<(int Feature, float Threshold, bool Left)> path, IReadOnlyList<FeatureColumn> features, double[] mean, double[] std)
    {
        var result = new List<string>();
        foreach (var column in features)
        {
            var tests = path.Where(t => t.Feature >= column.Offset && t.Feature < column.Offset + column.Width).ToList();
            if (tests.Count == 0) continue;
            var name = ReasonText.Humanise(column.Name);
            switch (column.Kind)
            {
                case PredictionColumnKind.Numeric:
                {
                    // The tightest bounds on the path: lower < value ≤ upper.
                    double? lower = null, upper = null;
                    foreach (var t in tests)
                    {
                        var raw = t.Threshold * std[t.Feature] + mean[t.Feature];
                        if (t.Left) upper = upper is null ? raw : Math.Min(upper.Value, raw);
                        else lower = lower is null ? raw : Math.Max(lower.Value, raw);
                    }
                    result.Add(lower is { } lo && upper is { } hi ? $"{ReasonText.Number(lo)} < {name} ≤ {ReasonText.Number(hi)}"
                        : upper is { } u ? $"{name} ≤ {ReasonText.Number(u)}" : $"{name} > {ReasonText.Number(lower!.Value)}");
                    break;
                }
                case PredictionColumnKind.Boolean:
                    // Encoded 0/1: left of the cut is "no".
                    result.Add($"{name} is " + (tests[^1].Left ? "no" : "yes"));
                    break;
                default:
                {
                    // One-hot levels: right of the cut is "is the level", left is "is not".
                    var isLevel = tests.Where(t => !t.Left).Select(t => column.Levels[t.Feature - column.Offset]).Distinct().ToList();
                    var notLevel = tests.Where(t => t.Left).Select(t => column.Levels[t.Feature - column.Offset]).Distinct().ToList();
                    if (isLevel.Count > 0) result.Add($"{name} is {isLevel[0]}");
                    else result.Add(notLevel.Count == 1 ? $"{name} is not {notLevel[0]}" : $"{name} is not any of {string.Join(", ", notLevel)}");
                    break;
                }
            }
        }
        return result;
    }
}
