using MudBlazor;

namespace Rapport.Web.Features.Common;

/// <summary>
/// Keeps a server-paged table on the newest request's rows: when a slow load (the first page) finishes after a later one
/// (a search typed meanwhile), the table keeps the later rows instead of going back to the stale ones.
/// </summary>
public sealed class NewestTableLoad<T>
{
    private long _started, _shown;
    private TableData<T> _rows = new() { Items = [], TotalItems = 0 };

    public async Task<TableData<T>> RunAsync(Func<Task<Paged<T>>> load)
    {
        var mine = Interlocked.Increment(ref _started);
        var rows = (await load()).ToTable();
        lock (this)
        {
            if (mine < _shown) return _rows;
            _shown = mine;
            _rows = rows;
            return rows;
        }
    }
}
