namespace Rapport.Core.Import;

/// <summary>What a file holds; each kind has its own fields (<see cref="ImportFieldCatalog"/>).</summary>
public enum ImportKind { Customers, Companies, Products, Orders, Interactions, Tickets }

public static class ImportKinds
{
    /// <summary>The kind's name as users type it ("orders").</summary>
    public static string Name(this ImportKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out ImportKind kind) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out kind) && Enum.IsDefined(kind);
}
