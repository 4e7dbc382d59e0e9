namespace Rapport.Core.Automation;

/// <summary>
/// The loop guard's memory: while a rule's actions write, this flow carries the chain of rules that caused the write,
/// so the outbox event it produces says so and the worker does not fire those rules again (A → B → A …).
/// </summary>
public static class AutomationCause
{
    private static readonly AsyncLocal<string?> Current = new();

    /// <summary>The comma-separated rule ids behind the writes of this flow; empty for a user's own change.</summary>
    public static string Chain => Current.Value ?? "";

    public static IDisposable Enter(string chain)
    {
        var previous = Current.Value;
        Current.Value = chain;
        return new Restore(() => Current.Value = previous);
    }

    public static string Extend(string chain, long ruleId) => chain.Length == 0 ? ruleId.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{chain},{ruleId}";

    public static IReadOnlyList<long> Parse(string? chain)
        => string.IsNullOrEmpty(chain) ? [] : chain.Split(',').Select(s => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
