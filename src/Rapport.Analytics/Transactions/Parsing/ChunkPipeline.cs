using System.Collections.Concurrent;

namespace Rapport.Analytics.Transactions.Parsing;

/// <summary>
/// Reads a file in chunks of whole records on a reader thread and parses the chunks in parallel on the thread pool
/// (at most <c>parallelism</c> at once); hands the parsed chunks back strictly in file order. At most
/// <c>parallelism + 2</c> chunks are queued, so memory does not grow with the file.
/// </summary>
internal sealed class ChunkPipeline : IDisposable
{
    public const int DefaultChunkSize = 4 << 20;

    private readonly ParseSettings _settings;
    private readonly long _dataOffset;
    private readonly long _firstLine;
    private readonly int _chunkSize;
    private readonly BlockingCollection<Task<ParsedBatch>> _queue;
    private readonly CancellationTokenSource _cts = new();
    private readonly ConcurrentBag<byte[]> _buffers = new();
    private readonly ConcurrentBag<ParsedBatch> _batches = new();
    private readonly SemaphoreSlim _parsers;
    private Thread? _producer;
    private bool _disposed;

    public ChunkPipeline(ParseSettings settings, long dataOffset, long firstLine, int parallelism, int chunkSize = DefaultChunkSize)
    {
        _settings = settings;
        _dataOffset = dataOffset;
        _firstLine = firstLine;
        _chunkSize = (int)Math.Min(Array.MaxLength, Math.Max(chunkSize, settings.MaxLineLength * 2L + 16));
        _queue = new BlockingCollection<Task<ParsedBatch>>(Math.Max(1, parallelism) + 2);
        _parsers = new SemaphoreSlim(Math.Max(1, parallelism));
    }

    public IEnumerable<ParsedBatch> Batches()
    {
        _producer = new Thread(Produce) { IsBackground = true, Name = "rapport-transactions-reader" };
        _producer.Start();
        foreach (var task in _queue.GetConsumingEnumerable())
        {
            yield return task.GetAwaiter().GetResult();
        }
    }

    public void Recycle(ParsedBatch batch)
    {
        _buffers.Add(batch.Buffer);
        batch.Buffer = [];
        _batches.Add(batch);
    }

    private byte[] RentBuffer() => _buffers.TryTake(out var b) ? b : GC.AllocateUninitializedArray<byte>(_chunkSize);

    private void Produce()
    {
        try
        {
            using var handle = File.OpenHandle(_settings.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            long offset = _dataOffset, line = _firstLine, index = 0;
            byte[] cur = RentBuffer();
            int filled = 0;
            bool eof = false;
            while (!_cts.IsCancellationRequested)
            {
                while (filled < cur.Length && !eof)
                {
                    int r = RandomAccess.Read(handle, cur.AsSpan(filled), offset);
                    if (r == 0) eof = true;
                    else
                    {
                        filled += r;
                        offset += r;
                    }
                }
                if (filled == 0) break;
                var span = cur.AsSpan(0, filled);
                int boundary;
                if (span.IndexOf((byte)'"') < 0) boundary = eof ? filled : span.LastIndexOf((byte)'\n') + 1;
                else boundary = QuotedBoundary(span, eof, line);
                if (boundary == 0)
                    throw new TransactionFileException(_settings.Path, line, null,
                        $"line longer than {_settings.MaxLineLength:N0} bytes (MaxLineLength), or a quoted field that is never closed");
                int lines = span[..boundary].Count((byte)'\n');
                int leftover = filled - boundary;
                byte[]? next = null;
                if (leftover > 0 || !eof)
                {
                    next = RentBuffer();
                    span[boundary..].CopyTo(next);
                }
                var batch = _batches.TryTake(out var bb) ? bb : new ParsedBatch();
                batch.Reset(cur, boundary, line, index++);
                var settings = _settings;
                _parsers.Wait(_cts.Token); // at most `parallelism` chunks are parsed at once
                var parsers = _parsers;
                _queue.Add(Task.Run(() =>
                {
                    try
                    {
                        ChunkParser.Parse(settings, batch);
                        return batch;
                    }
                    finally
                    {
                        parsers.Release();
                    }
                }), _cts.Token);
                line += lines;
                if (next is null) break;
                cur = next;
                filled = leftover;
            }
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            try { _queue.Add(Task.FromException<ParsedBatch>(e), _cts.Token); }
            catch (OperationCanceledException) { }
        }
        finally
        {
            _queue.CompleteAdding();
        }
    }

    /// <summary>End of the last complete record of a chunk that contains quotes.</summary>
    private int QuotedBoundary(ReadOnlySpan<byte> span, bool eof, long line)
    {
        int pos = 0, last = 0;
        while (pos < span.Length)
        {
            int end = CsvTokenizer.FindRecordEnd(span, pos, _settings.Delimiter, eof, out int inner);
            if (end >= 0)
            {
                pos = end + 1;
                last = pos;
                line += 1 + inner;
                continue;
            }
            if (end == CsvTokenizer.NoNewline) return eof ? span.Length : last;
            if (eof) throw new TransactionFileException(_settings.Path, line, null, "a quoted field is never closed (missing '\"')");
            return last;
        }
        return last;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _cts.Cancel();
        // Let in-flight parses finish so that no worker touches a buffer after the read is over.
        void Drain()
        {
            while (_queue.TryTake(out var t))
            {
                try { t.Wait(); }
                catch (AggregateException) { }
            }
        }
        Drain();
        _producer?.Join();
        Drain();
        _queue.Dispose();
        _cts.Dispose();
        // _parsers is not disposed: a parse started just before cancellation may still release it (no wait handle is used).
    }
}
