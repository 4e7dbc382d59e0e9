namespace Rapport.Analytics.Segmentation;

/// <summary>
/// Splits rows into fixed-size chunks processed in parallel. Chunk boundaries depend only on the row count,
/// never on the number of threads, and per-chunk partial results are combined in chunk order, so parallel
/// results are bit-for-bit the same on any machine and on every run.
/// </summary>
internal static class RowChunks
{
    public const int DefaultRowsPerChunk = 4096;

    public static int Count(int rows, int rowsPerChunk = DefaultRowsPerChunk) => rows == 0 ? 0 : (rows + rowsPerChunk - 1) / rowsPerChunk;

    /// <summary>Runs <paramref name="body"/>(chunk, start, end) for every chunk, in parallel when there is more than one.</summary>
    public static void For(int rows, Action<int, int, int> body, int rowsPerChunk = DefaultRowsPerChunk)
    {
        var count = Count(rows, rowsPerChunk);
        if (count == 1)
        {
            body(0, 0, rows);
            return;
        }

        Parallel.For(0, count, c =>
        {
            var start = c * rowsPerChunk;
            body(c, start, Math.Min(rows, start + rowsPerChunk));
        });
    }
}
