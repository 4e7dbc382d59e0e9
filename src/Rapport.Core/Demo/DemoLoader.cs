using System.Diagnostics;
using System.Globalization;
using Rapport.Core.Storage;

namespace Rapport.Core.Demo;

public sealed record DemoLoadResult(long Rows, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? Rows / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Loads a demo data set through one bulk session: every table in foreign-key order, then one commit, so the
/// database gets all of it or (on any error or cancellation) none of it. The target should hold no rows with the
/// same ids (the demo assigns ids 1..n per table, including staff users 1..10).
/// </summary>
public sealed class DemoLoader(IBulkWriter bulk)
{
    public async Task<DemoLoadResult> LoadAsync(DemoDataSet data, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var clock = Stopwatch.StartNew();
        long rows = 0;
        await using (var session = await bulk.BeginAsync(ct).ConfigureAwait(false))
        {
            foreach (var table in data.TableList)
            {
                ct.ThrowIfCancellationRequested();
                var started = clock.Elapsed;
                var written = await table.WriteAsync(session, ct).ConfigureAwait(false);
                if (written != table.Count)
                    throw new InvalidOperationException($"The bulk writer wrote {written} of {table.Count} rows into {table.Name}.");
                rows += written;
                progress?.Report(string.Create(CultureInfo.InvariantCulture,
                    $"{table.Name}: {written:N0} rows in {(clock.Elapsed - started).TotalSeconds:0.00} s"));
            }
            await session.CommitAsync(ct).ConfigureAwait(false);
        }
        clock.Stop();
        var result = new DemoLoadResult(rows, clock.Elapsed);
        progress?.Report(string.Create(CultureInfo.InvariantCulture,
            $"loaded {rows:N0} rows in {result.Elapsed.TotalSeconds:0.0} s ({result.RowsPerSecond:N0} rows/s)"));
        return result;
    }
}
