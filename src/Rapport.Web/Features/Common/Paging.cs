using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Rapport.Web.Features.Common;

/// <summary>What a list asks for: a page (from 1), its size, and a sort ("field" ascending, "-field" descending).</summary>
public sealed record PageRequest(int Page = 1, int PageSize = Paging.DefaultPageSize, string? Sort = null);

/// <summary>One page of a list and how many rows match in all.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, long Total);

/// <summary>
/// The sortable fields of one entity by their public names (as the API and the page's sort labels spell them). A list
/// always ends its order with the id, so pages never overlap when the sort field has ties.
/// </summary>
public sealed class SortFields<T>(Expression<Func<T, long>> id, string defaultSort)
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, IOrderedQueryable<T>>> _fields = new(StringComparer.OrdinalIgnoreCase);

    public SortFields<T> Add<TKey>(string name, Expression<Func<T, TKey>> key)
    {
        _fields[name] = (q, descending) => descending ? q.OrderByDescending(key) : q.OrderBy(key);
        return this;
    }

    public IEnumerable<string> Names => _fields.Keys.Order(StringComparer.Ordinal);

    public bool IsKnown(string sort)
    {
        var name = sort.StartsWith('-') ? sort[1..] : sort;
        return name.Equals("id", StringComparison.OrdinalIgnoreCase) || _fields.ContainsKey(name);
    }

    public IQueryable<T> Apply(IQueryable<T> query, string? sort)
    {
        sort = string.IsNullOrWhiteSpace(sort) ? defaultSort : sort.Trim();
        var descending = sort.StartsWith('-');
        var name = descending ? sort[1..] : sort;
        if (name.Equals("id", StringComparison.OrdinalIgnoreCase))
            return descending ? query.OrderByDescending(id) : query.OrderBy(id);
        if (!_fields.TryGetValue(name, out var order)) throw new ArgumentException($"unknown sort field '{name}'", nameof(sort));
        var ordered = order(query, descending);
        return descending ? ordered.ThenByDescending(id) : ordered.ThenBy(id);
    }
}

/// <summary>The one place lists are paged and sorted, for the pages and the API alike.</summary>
public static class Paging
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    /// <summary>Checks the paging parameters of an API call; the errors name the parameter.</summary>
    public static void Validate<T>(int? page, int? pageSize, string? sort, SortFields<T> fields, IDictionary<string, string[]> errors)
    {
        if (page is < 1) errors["page"] = ["must be 1 or more"];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"must be between 1 and {MaxPageSize}"];
        if (!string.IsNullOrWhiteSpace(sort) && !fields.IsKnown(sort.Trim()))
            errors["sort"] = [$"unknown field '{sort}'; one of {string.Join(", ", fields.Names.Prepend("id"))} (prefix '-' for descending)"];
    }

    public static PageRequest Request(int? page, int? pageSize, string? sort) => new(page ?? 1, pageSize ?? DefaultPageSize, sort);

    /// <summary>Counts, sorts and pages in the database, then projects the page's rows.</summary>
    public static async Task<Paged<TRow>> PageAsync<T, TRow>(IQueryable<T> query, SortFields<T> fields, PageRequest request,
        Expression<Func<T, TRow>> select, CancellationToken ct)
    {
        var total = await query.LongCountAsync(ct);
        var size = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var skip = (Math.Max(request.Page, 1) - 1) * size;
        var rows = await fields.Apply(query, request.Sort).Skip(skip).Take(size).Select(select).ToListAsync(ct);
        return new Paged<TRow>(rows, total);
    }

    /// <summary>A MudTable's state as a page request (its sort label is the field name).</summary>
    public static PageRequest FromTable(TableState state) => new(state.Page + 1, state.PageSize,
        string.IsNullOrEmpty(state.SortLabel) || state.SortDirection == SortDirection.None ? null
            : (state.SortDirection == SortDirection.Descending ? "-" : "") + state.SortLabel);

    /// <summary>The page's total for a MudTable (which counts in int).</summary>
    public static TableData<T> ToTable<T>(this Paged<T> page) => new() { Items = page.Items, TotalItems = (int)Math.Min(page.Total, int.MaxValue) };
}
