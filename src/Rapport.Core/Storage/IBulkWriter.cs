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
    /// Deletes the entity's rows in the session's transaction: all of them, or those whose <paramref name="property"/>
    /// equals <paramref name="value"/> (stored as the ORM stores it, e.g. an enum by name). Returns how many went.
    /// </summary>
    Task<long> DeleteAsync<T>(string? property = null, object? value = null, CancellationToken ct = default) where T : class;

    /// <summary>
    /// Sets one property of the row with id <paramref name="id"/> in the session's transaction (stored as the ORM stores
    /// it), so a job can keep a row others refer to instead of replacing it. Returns how many rows changed (0 or 1).
    /// </summary>
    Task<long> UpdateAsync<T>(long id, string property, object? value, CancellationToken ct = default) where T : class;

    /// <summary>The largest id in the entity's table (0 when empty), so new rows can be numbered without reusing ids.</summary>
    Task<long> MaxIdAsync<T>(CancellationToken ct = default) where T : class;

    /// <summary>Makes every write of the session durable; without it, disposing rolls them all back.</summary>
    Task CommitAsync(CancellationToken ct = default);
}
