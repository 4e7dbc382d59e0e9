using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Customers;

/// <summary>What a saved view of the customer list restores: its filters and its sort.</summary>
public sealed record CustomerViewState(string? Search, string? Segment, long? SegmentId, double? MinChurnRisk, double? MinClv, double? MaxClv,
    string? SortLabel, bool SortDescending);

/// <summary>A saved view in the list's menu: the user's own, or one someone shared.</summary>
public sealed record SavedViewItem(long Id, string Name, bool Shared, bool Mine, CustomerViewState State);

/// <summary>The customer list's saved views, per user in the database; shared ones are offered to everyone.</summary>
public sealed class SavedViews(IDbContextFactory<RapportDb> databases, TimeProvider clock)
{
    public const int MaxNameLength = 100;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<SavedViewItem>> ListAsync(long userId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var views = await db.SavedViews.AsNoTracking().Where(v => v.List == SavedViewLists.Customers && (v.OwnerId == userId || v.Shared))
            .OrderBy(v => v.Name).ThenBy(v => v.Id).ToListAsync(ct);
        return views.Select(v => Item(v, userId)).ToList();
    }

    /// <summary>Saves the state under a name (replacing the user's view of that name); returns it, or why not.</summary>
    public async Task<(SavedViewItem? View, string? Error)> SaveAsync(long userId, string? name, bool shared, CustomerViewState state, CancellationToken ct = default)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name)) return (null, "name: a name is required");
        if (name.Length > MaxNameLength) return (null, $"name: at most {MaxNameLength} characters");
        await using var db = await databases.CreateDbContextAsync(ct);
        var view = await db.SavedViews.FirstOrDefaultAsync(v => v.List == SavedViewLists.Customers && v.OwnerId == userId && v.Name == name, ct);
        if (view is null)
        {
            view = new SavedView { List = SavedViewLists.Customers, OwnerId = userId, Name = name, CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.SavedViews.Add(view);
        }
        view.Shared = shared;
        view.Query = JsonSerializer.Serialize(state, Json);
        await db.SaveChangesAsync(ct);
        return (Item(view, userId), null);
    }

    /// <summary>Deletes one of the user's own views (others' shared views are theirs to delete).</summary>
    public async Task<bool> DeleteAsync(long userId, long id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.SavedViews.Where(v => v.Id == id && v.OwnerId == userId).ExecuteDeleteAsync(ct) > 0;
    }

    private static SavedViewItem Item(SavedView v, long userId)
        => new(v.Id, v.Name, v.Shared, v.OwnerId == userId,
            JsonSerializer.Deserialize<CustomerViewState>(v.Query, Json) ?? new CustomerViewState(null, null, null, null, null, null, null, false));
}
