namespace Rapport.Core.Storage;

/// <summary>
/// Loads many rows of domain entities at once, bypassing change tracking
/// (prepared statements on SQLite, binary COPY on PostgreSQL).
/// </summary>
public interface IBulkWriter
{
    /// <summary>Starts a session whose writes become visible together on <see cref="IBulkSession.CommitAsync"/>.</summary>
    Task<IBulkSession> BeginAsync(CancellationToken ct = default);
}

public interface IBulkSession : IAsyncDisposable
{
    /// <summary>Writes the rows (ids included) to the entity's table; returns how many were written.</summary>
    Task<long> WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct = default) where T : class;

    /// <summary>
    /// The first id no row of <typeparamref name="T"/>'s table has used. The session holds the table's write lock from
    /// this call on, so ids counted up from here stay free until commit.
    /// </summary>
    Task<long> NextIdAsync<T>(CancellationToken ct = default) where T : class;

    /// <summary>Makes every write of the session durable; without it, disposing rolls them all back.</summary>
    Task CommitAsync(CancellationToken ct = default);
}
