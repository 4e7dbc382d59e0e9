using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Unicode;
using Rapport.Analytics.Transactions.Parsing;

namespace Rapport.Analytics.Transactions;

/// <summary>
/// Streams a CSV/TSV/whitespace-separated transaction file as <see cref="TransactionLine"/>s.
/// <para>
/// The constructor reads the start of the file and resolves encoding, delimiter, header and columns
/// (<see cref="Layout"/>), failing early with a <see cref="TransactionFileException"/> when that is impossible.
/// Reading then runs as a pipeline: a reader thread cuts the file into chunks of whole records; the thread pool parses
/// chunks in parallel (spans over pooled buffers, one vectorised pass for delimiters and newlines, numbers and dates
/// parsed from bytes, keys hashed, no string per field); an interning thread turns keys into dense indexes in file order
/// and writes rejects; the enumerating thread gets the lines of one chunk while the next is interned. Memory is
/// proportional to the distinct customers, orders and items, not to the rows (see <c>docs/analytics/rfm.md</c>).
/// </para>
/// <para>
/// Every data row is either used or rejected with a reason (<see cref="RejectReason"/>), counted in
/// <see cref="DataQuality"/> and, with <see cref="TransactionFileOptions.RejectsPath"/>, written to a rejects file.
/// A reader can be enumerated once. The key lists may be read during enumeration for the indexes already handed out;
/// they are complete (and decoded with the final encoding) once the enumeration has ended.
/// </para>
/// </summary>
public sealed class TransactionFileReader : ITransactionBatchSource, IDataQualitySource
{
    private readonly ulong _seed = (ulong)Random.Shared.NextInt64();
    private readonly KeyTable _customers;
    private readonly KeyTable _orders;
    private readonly KeyTable _items;
    private readonly KeyList _customerKeys;
    private readonly KeyList _orderKeys;
    private readonly KeyList _itemKeys;
    private Encoding _encoding;
    private string _encodingName;
    private bool _started;

    // Running totals.
    private long _rowsRead, _rowsUsed, _blank, _returns, _missingItem, _duplicates, _zeroAmounts;
    private ulong[] _customerUsed = new ulong[64];
    private int _customersWithRowsUsed;
    private double _returnsAmount, _total;
    private int _minDay = int.MaxValue, _maxDay = int.MinValue;
    private readonly long[] _rejected = new long[DataQualityReport.ReasonNames.Length];
    private readonly (long Line, int Column)[] _firstReject = new (long, int)[DataQualityReport.ReasonNames.Length];
    private TransactionLine[] _current = [];
    private int _runCustomer = -1;
    private ulong _sink;
    private readonly RunDuplicateTracker _run = new();

    public TransactionFileReader(TransactionFileOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Layout = FileSniffer.Detect(options);
        _encodingName = Layout.Encoding;
        _encoding = Layout.Encoding == "latin1" ? Encoding.Latin1 : new UTF8Encoding(false);
        _customers = new KeyTable(_seed, 1 << 12);
        _orders = new KeyTable(_seed, 1 << 12, ascendingFastPath: true);
        _items = new KeyTable(_seed, 1 << 10);
        _customerKeys = new KeyList(_customers, _encoding);
        _orderKeys = new KeyList(_orders, _encoding);
        _itemKeys = new KeyList(_items, _encoding);
    }

    public TransactionFileOptions Options { get; }

    /// <summary>Encoding, delimiter, header and columns as resolved from the options and the file's start.</summary>
    public TransactionFileLayout Layout { get; }

    public IReadOnlyList<string> CustomerKeys => _customerKeys;
    public IReadOnlyList<string> OrderKeys => _orderKeys;
    public IReadOnlyList<string> ItemKeys => _itemKeys;

    /// <summary>The data-quality report; null until the lines have been read to the end.</summary>
    public DataQualityReport? DataQuality { get; private set; }

    /// <summary>Reads the whole file and returns its report (for callers that only want the counts).</summary>
    public DataQualityReport Scan()
    {
        foreach (var _ in ReadBatches())
        {
        }
        return DataQuality!;
    }

    public IEnumerable<TransactionLine> ReadLines()
    {
        foreach (var block in ReadBatches())
        {
            var lines = _current;
            int n = block.Length;
            for (int i = 0; i < n; i++) yield return lines[i];
        }
    }

    /// <summary>Lines in blocks (one per chunk of the file); a block is valid until the next one is requested.</summary>
    public IEnumerable<ReadOnlyMemory<TransactionLine>> ReadBatches()
    {
        if (_started) throw new InvalidOperationException("A TransactionFileReader can be read once; create a new one to read the file again.");
        _started = true;
        return ReadCore();
    }

    private IEnumerable<ReadOnlyMemory<TransactionLine>> ReadCore()
    {
        var settings = BuildSettings();
        RejectsWriter? rejects = null;
        if (Options.RejectsPath is { } rp)
        {
            try { rejects = new RejectsWriter(rp); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new TransactionFileException(rp, null, null, "the rejects file cannot be created: " + e.Message, e);
            }
        }
        int parallelism = Math.Clamp(Options.Parallelism ?? Environment.ProcessorCount, 1, 64);
        var pipeline = new ChunkPipeline(settings, Layout.DataOffset, Layout.DataFirstLine, parallelism);

        // Interning runs on its own thread, so that the caller's work on a block (aggregation) overlaps the interning
        // of the next one. Blocks are handed over through a small bounded queue and recycled when the caller asks for
        // the next block.
        var handoff = new BlockingCollection<(TransactionLine[] Lines, int Count)>(2);
        var free = new ConcurrentBag<TransactionLine[]>();
        using var cts = new CancellationTokenSource();
        Exception? failure = null;
        var stage = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var batch in pipeline.Batches())
                {
                    int n = Consume(batch, settings, rejects);
                    // The batch's lines (now with real indexes) go to the caller; the batch takes a free array for its next use.
                    var lines = batch.Lines;
                    batch.Lines = free.TryTake(out var spare) ? spare : new TransactionLine[lines.Length];
                    pipeline.Recycle(batch);
                    if (n > 0) handoff.Add((lines, n), cts.Token);
                    else free.Add(lines);
                }
                Finish(rejects);
                rejects?.Commit();
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                handoff.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            TransactionLine[]? previous = null;
            foreach (var (lines, count) in handoff.GetConsumingEnumerable())
            {
                if (previous is not null) free.Add(previous);
                previous = lines;
                _current = lines;
                yield return new ReadOnlyMemory<TransactionLine>(lines, 0, count);
            }
            stage.Wait();
            if (failure is not null) ExceptionDispatchInfo.Throw(failure);
        }
        finally
        {
            cts.Cancel();
            try { stage.Wait(); }
            catch (AggregateException) { }
            pipeline.Dispose();
            rejects?.Dispose();
            handoff.Dispose();
        }
    }

    private ParseSettings BuildSettings()
    {
        var l = Layout;
        byte[] cancel = string.IsNullOrEmpty(Options.CancellationPrefix) ? [] : _encoding.GetBytes(Options.CancellationPrefix);
        return new ParseSettings
        {
            Path = Options.Path,
            Delimiter = l.Delimiter == ' ' ? CsvTokenizer.Whitespace : (byte)l.Delimiter,
            Customer = l.CustomerColumn,
            Date = l.DateColumn,
            Amount = l.AmountColumn,
            Quantity = l.QuantityColumn,
            Price = l.PriceColumn,
            Invoice = l.InvoiceColumn,
            Item = l.ItemColumn,
            ColumnNames = l.ColumnNames,
            Dates = new DateParser(Options.DateFormat, _encoding),
            DecimalComma = l.Delimiter == ';',
            CancelPrefix = cancel,
            KeepReturns = Options.KeepReturns,
            KeepZeroAmounts = Options.KeepZeroAmounts,
            MaxLineLength = Options.MaxLineLength,
            KeySeed = _seed,
            LineSeed = _seed ^ 0x5bd1e9955bd1e995UL,
            ValidateUtf8 = Options.Encoding != TextEncodingChoice.Latin1,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Consume(ParsedBatch batch, ParseSettings settings, RejectsWriter? rejects)
    {
        if (!batch.Utf8Valid && _encodingName != "latin1")
        {
            long badLine = FirstInvalidLine(batch);
            if (Options.Encoding == TextEncodingChoice.Utf8)
                throw new TransactionFileException(Options.Path, badLine, null, "the bytes are not valid UTF-8; pass --encoding latin1 (or auto)");
            _encoding = Encoding.Latin1;
            _encodingName = "latin1";
            _customerKeys.SetEncoding(_encoding);
            _orderKeys.SetEncoding(_encoding);
            _itemKeys.SetEncoding(_encoding);
        }

        int n = batch.RowCount;
        var lines = batch.Lines;
        var custEvents = batch.Customers;
        var orderEvents = batch.Orders;
        var itemEvents = batch.Items;
        int custEventCount = batch.CustomerCount;
        var rejectList = batch.Rejects;
        int nextReject = 0;
        int nextRejectRow = rejectList.Count > 0 ? rejectList[0].UsedBefore : int.MaxValue;
        int cust = -1, order = -1;
        const int Ahead = 16;
        for (int e = 0; e < Math.Min(Ahead, custEventCount); e++) _sink ^= _customers.Touch(custEvents[e].Hash);
        for (int i = 0; i <= n; i++)
        {
            // Rejected rows that came before this used row: count, write, and register their customer in file order.
            while (nextRejectRow <= i)
            {
                var rj = rejectList[nextReject++];
                nextRejectRow = nextReject < rejectList.Count ? rejectList[nextReject].UsedBefore : int.MaxValue;
                int reason = (int)rj.Reason;
                if (_rejected[reason]++ == 0) _firstReject[reason] = (rj.Line, rj.Column);
                if (rj.CustLen > 0) _customers.GetOrAdd(batch.Key(rj.CustStart, rj.CustLen), rj.CustHash);
                rejects?.Write(rj.Line, DataQualityReport.ReasonNames[reason], rj.Column >= 0 ? settings.ColumnNames[rj.Column] : "",
                    _encoding.GetString(batch.Buffer, rj.RawStart, rj.RawLength));
            }
            if (i == n) break;
            ref var line = ref lines[i];
            int c = line.Customer;
            if (c != ParsedBatch.SameKey)
            {
                // Touch the slot of the customer a few events ahead, so that its cache miss overlaps this one.
                if (c + Ahead < custEventCount) _sink ^= _customers.Touch(custEvents[c + Ahead].Hash);
                ref readonly var k = ref custEvents[c];
                cust = _customers.GetOrAdd(batch.Key(k), k.Hash);
                MarkUsed(cust);
            }
            int o = line.Order;
            if (o == ParsedBatch.SameKey)
            {
                o = order;
            }
            else if (o >= 0)
            {
                ref readonly var k = ref orderEvents[o];
                o = order = _orders.GetOrAdd(batch.Key(k), k.Hash);
            }
            int item = line.Item;
            if (item >= 0)
            {
                ref readonly var k = ref itemEvents[item];
                item = _items.GetOrAdd(batch.Key(k), k.Hash);
            }
            line = new TransactionLine(cust, line.Day, line.Amount, o, item, line.Quantity);
        }

        // Duplicates: the parser found those inside the chunk; the run that straddles the chunk boundary is checked here.
        _duplicates += batch.DuplicatesWithin;
        if (n > 0)
        {
            bool continuing = lines[0].Customer == _runCustomer;
            if (!continuing) _run.Reset();
            foreach (var (hash, duplicate) in batch.FirstRun)
            {
                bool seen = _run.Add(hash);
                if (continuing && seen && !duplicate) _duplicates++;
            }
            if (batch.FirstRunEnd < n)
            {
                _run.Reset();
                foreach (var hash in batch.LastRun) _run.Add(hash);
            }
            _runCustomer = lines[n - 1].Customer;
        }

        _rowsRead += batch.RowsRead;
        _rowsUsed += n;
        _blank += batch.BlankLines;
        _returns += batch.Returns;
        _returnsAmount += batch.ReturnsAmount;
        _missingItem += batch.MissingItem;
        _zeroAmounts += batch.ZeroAmounts;
        _total += batch.TotalAmount;
        if (n > 0)
        {
            _minDay = Math.Min(_minDay, batch.MinDay);
            _maxDay = Math.Max(_maxDay, batch.MaxDay);
        }

        return n;
    }

    private void MarkUsed(int customer)
    {
        int word = customer >> 6;
        if (word >= _customerUsed.Length) Array.Resize(ref _customerUsed, Math.Max(word + 1, _customerUsed.Length * 2));
        ulong bit = 1UL << (customer & 63);
        if ((_customerUsed[word] & bit) == 0)
        {
            _customerUsed[word] |= bit;
            _customersWithRowsUsed++;
        }
    }

    private long FirstInvalidLine(ParsedBatch batch)
    {
        var span = batch.Buffer.AsSpan(0, batch.Length);
        int pos = 0;
        long line = batch.StartLine;
        while (pos < span.Length)
        {
            int rel = span[pos..].IndexOf((byte)'\n');
            int end = rel < 0 ? span.Length : pos + rel;
            if (!Utf8.IsValid(span[pos..end])) return line;
            line++;
            pos = end + 1;
        }
        return line;
    }

    private void ThrowNothingUsable()
    {
        int top = 0;
        for (int i = 1; i < _rejected.Length; i++)
        {
            if (_rejected[i] > _rejected[top]) top = i;
        }
        var (line, column) = _firstReject[top];
        string field = column >= 0 ? Layout.ColumnNames[column] : "";
        string hint = (RejectReason)top switch
        {
            RejectReason.BadDate => Options.DateFormat is null
                ? "; dates must be ISO 8601 (yyyy-MM-dd) or yyyyMMdd unless --date-format is given"
                : $"; check --date-format '{Options.DateFormat}'",
            RejectReason.TooFewFields => $"; check --delimiter (using '{Layout.DelimiterName}')",
            RejectReason.BadNumber => "; numbers need '.' as decimal separator and no thousands separators or currency signs",
            _ => "",
        };
        throw new TransactionFileException(Options.Path, line, field,
            $"none of the first {_rowsRead:N0} rows could be used: {_rejected[top]:N0} rejected as {DataQualityReport.ReasonNames[top]}{hint}");
    }

    private void Finish(RejectsWriter? rejects)
    {
        if (_rowsRead == 0) throw new TransactionFileException(Options.Path, null, null, "the file has no data rows");
        if (_rowsUsed == 0) ThrowNothingUsable();
        var rejected = new Dictionary<string, long>();
        for (int i = 0; i < _rejected.Length; i++) rejected[DataQualityReport.ReasonNames[i]] = _rejected[i];
        DataQuality = new DataQualityReport
        {
            File = Options.Path,
            Encoding = _encodingName,
            Delimiter = Layout.DelimiterName,
            HasHeader = Layout.HasHeader,
            Columns = Layout.RoleColumns(),
            ColumnsFoundBy = Layout.ColumnsFoundBy,
            DateFormat = Options.DateFormat,
            RowsRead = _rowsRead,
            RowsUsed = _rowsUsed,
            RowsRejected = _rejected.Sum(),
            Rejected = rejected,
            Returns = _returns,
            ReturnsAmount = _returnsAmount,
            DuplicateLines = _duplicates,
            MissingItem = _missingItem,
            ZeroAmountLines = _zeroAmounts,
            BlankLines = _blank,
            TotalAmount = _total,
            Customers = _customers.Count,
            CustomersWithRowsUsed = _customersWithRowsUsed,
            Orders = _orders.Count,
            Items = _items.Count,
            FirstDate = _minDay == int.MaxValue ? null : DateOnly.FromDayNumber(_minDay),
            LastDate = _maxDay == int.MinValue ? null : DateOnly.FromDayNumber(_maxDay),
            RejectsFile = rejects?.Target,
        };
    }
}
