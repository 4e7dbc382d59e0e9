namespace Rapport.Core.Domain;

/// <summary>
/// A list's filters and sort saved under a name by a user, picked again later from the list's menu; shared views are
/// offered to everyone who can open that list.
/// </summary>
public class SavedView
{
    public long Id { get; set; }
    /// <summary>Which list the view belongs to: see <see cref="SavedViewLists"/>.</summary>
    public string List { get; set; } = "";
    public long OwnerId { get; set; }
    public string Name { get; set; } = "";
    public bool Shared { get; set; }
    /// <summary>The list's own query (filters and sort) as JSON.</summary>
    public string Query { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
}

public static class SavedViewLists
{
    public const string Customers = "customers";
}
