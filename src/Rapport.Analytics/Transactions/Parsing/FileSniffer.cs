using System.Text;
using System.Text.Unicode;

namespace Rapport.Analytics.Transactions.Parsing;

/// <summary>Reads the start of a transaction file and resolves encoding, delimiter, header and column roles.</summary>
internal static class FileSniffer
{
    private const int SampleRecords = 100;
    private static readonly byte[] Candidates = [(byte)',', (byte)'\t', (byte)';', (byte)'|'];

    private readonly record struct Record(int Start, int Length, long Line);

    public static TransactionFileLayout Detect(TransactionFileOptions o)
    {
        string path = o.Path;
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The transaction file path is empty.", nameof(o));
        if (o.MaxLineLength < 64 || o.MaxLineLength > 256 << 20) throw new ArgumentOutOfRangeException(nameof(o), "MaxLineLength must be between 64 bytes and 256 MiB.");

        byte[] head;
        long fileLength;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            fileLength = RandomAccess.GetLength(handle);
            int want = (int)Math.Min(fileLength, Math.Max(1 << 20, o.MaxLineLength + 2L));
            head = new byte[want];
            int got = 0;
            while (got < want)
            {
                int r = RandomAccess.Read(handle, head.AsSpan(got), got);
                if (r == 0) break;
                got += r;
            }
            if (got < want) Array.Resize(ref head, got);
        }
        catch (FileNotFoundException) { throw new TransactionFileException(path, null, null, "file not found"); }
        catch (DirectoryNotFoundException) { throw new TransactionFileException(path, null, null, "file not found (no such folder)"); }
        catch (UnauthorizedAccessException e) { throw new TransactionFileException(path, null, null, "the file cannot be read: " + e.Message, e); }
        catch (IOException e) { throw new TransactionFileException(path, null, null, "the file cannot be read: " + e.Message, e); }

        if (head.Length == 0) throw new TransactionFileException(path, null, null, "the file is empty");
        bool wholeFile = head.Length == fileLength;

        // Byte order marks.
        int bom = 0;
        if (head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) bom = 3;
        else if (head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
            throw new TransactionFileException(path, null, null, "the file is UTF-16, which is not supported: save it as UTF-8 (or Latin-1)");

        var data = head.AsSpan(bom);
        int nul = data.IndexOf((byte)0);
        if (nul >= 0) throw new TransactionFileException(path, LineAt(data, nul), null, "the file contains NUL bytes: it is binary or UTF-16 without a byte order mark, not a text transaction file");
        if (data.IndexOf((byte)'\n') < 0 && data.IndexOf((byte)'\r') >= 0 && data.Length > 1)
            throw new TransactionFileException(path, 1, null, "lines end with CR only (old Mac style); convert the line endings to LF or CRLF");

        // The part of the head made of whole lines.
        int complete = wholeFile ? data.Length : data.LastIndexOf((byte)'\n') + 1;
        if (complete == 0)
            throw new TransactionFileException(path, 1, null, $"line longer than {o.MaxLineLength:N0} bytes (MaxLineLength); is this a transaction file?");
        var textMemory = new ReadOnlyMemory<byte>(head, bom, complete);
        var text = textMemory.Span;

        // Encoding.
        string encodingName;
        Encoding encoding;
        bool valid = Utf8.IsValid(text);
        switch (o.Encoding)
        {
            case TextEncodingChoice.Latin1:
                encoding = Encoding.Latin1;
                encodingName = "latin1";
                break;
            case TextEncodingChoice.Utf8:
                if (!valid) throw new TransactionFileException(path, FirstInvalidUtf8Line(text), null, "the bytes are not valid UTF-8; pass --encoding latin1 (or auto)");
                encoding = new UTF8Encoding(false);
                encodingName = bom > 0 ? "utf-8-bom" : "utf-8";
                break;
            default:
                encoding = valid ? new UTF8Encoding(false) : Encoding.Latin1;
                encodingName = valid ? (bom > 0 ? "utf-8-bom" : "utf-8") : "latin1";
                break;
        }

        // Delimiter.
        byte delimiter;
        if (o.Delimiter is { } given)
        {
            if (given is '"' or '\r' or '\n' || given > 127) throw new ArgumentException($"Delimiter '{given}' is not allowed.", nameof(o));
            delimiter = given == ' ' ? CsvTokenizer.Whitespace : (byte)given;
        }
        else
        {
            delimiter = DetectDelimiter(path, text);
        }
        string delimiterName = delimiter switch { CsvTokenizer.Whitespace => "whitespace", (byte)'\t' => "tab", _ => ((char)delimiter).ToString() };

        // Records of the head.
        var records = new List<Record>();
        long line = 1;
        int pos = 0;
        while (pos < text.Length && records.Count < SampleRecords + 1)
        {
            int end = CsvTokenizer.FindRecordEnd(text, pos, delimiter, wholeFile, out int inner);
            if (end == CsvTokenizer.InsideQuotes)
            {
                if (wholeFile) throw new TransactionFileException(path, line, null, "a quoted field is never closed (missing '\"')");
                break;
            }
            int stop = end < 0 ? text.Length : end;
            int len = stop - pos;
            if (len > 0 && text[pos + len - 1] == (byte)'\r') len--;
            if (len > o.MaxLineLength) throw new TransactionFileException(path, line, null, $"line longer than {o.MaxLineLength:N0} bytes (MaxLineLength)");
            if (!CsvTokenizer.IsBlank(text.Slice(pos, len))) records.Add(new Record(pos, len, line));
            line += 1 + inner;
            if (end < 0) { pos = text.Length; break; }
            pos = end + 1;
        }
        if (records.Count == 0) throw new TransactionFileException(path, null, null, "the file has no data lines");

        var fieldBuf = new FieldRef[4096];
        List<string> Fields(Record r)
        {
            var rec = textMemory.Span.Slice(r.Start, r.Length);
            int nf = CsvTokenizer.Split(rec, delimiter, fieldBuf);
            var list = new List<string>(nf);
            for (int i = 0; i < nf; i++) list.Add(FieldText(rec, fieldBuf[i], encoding));
            return list;
        }

        // Header.
        bool hasHeader = o.HasHeader;
        List<string>? headerNames = null;
        long dataFirstLine;
        int dataOffsetInText;
        if (hasHeader)
        {
            headerNames = Fields(records[0]);
            dataFirstLine = records.Count > 1 ? records[1].Line : records[0].Line + 1;
            int hEnd = CsvTokenizer.FindRecordEnd(text, records[0].Start, delimiter, wholeFile, out _);
            dataOffsetInText = hEnd < 0 ? text.Length : hEnd + 1;
            records.RemoveAt(0);
            if (o.ColumnNames is null && headerNames.All(LooksLikeData) && !headerNames.Any(ColumnNames.IsKnownName))
                throw new TransactionFileException(path, 1, null,
                    $"the first line looks like data, not column names ('{Shorten(encoding.GetString(text.Slice(0, Math.Min(text.Length, 120))).Split('\n')[0].Trim())}'): pass --no-header (and --column-names or column positions if the columns cannot be recognised)");
        }
        else
        {
            dataFirstLine = 1;
            dataOffsetInText = 0;
        }
        if (records.Count > SampleRecords) records.RemoveRange(SampleRecords, records.Count - SampleRecords);
        var sample = records.Select(Fields).ToList();
        int typicalFields = sample.Count == 0 ? headerNames?.Count ?? 0 : sample.GroupBy(f => f.Count).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;

        if (typicalFields <= 1 && (headerNames?.Count ?? 1) <= 1)
        {
            string hint = o.Delimiter is null ? "" : TrySuggest(text);
            throw new TransactionFileException(path, records.Count > 0 ? records[0].Line : 1, null,
                $"every line is a single field with delimiter '{delimiterName}'{hint}: pass the right --delimiter");
        }

        // Column names.
        List<string> names;
        if (o.ColumnNames is { Count: > 0 } givenNames)
        {
            names = givenNames.Select(n => n.Trim()).ToList();
        }
        else if (headerNames is not null)
        {
            names = headerNames;
        }
        else
        {
            int count = Math.Max(typicalFields, sample.Count == 0 ? 0 : sample.Max(f => f.Count));
            names = Enumerable.Range(1, count).Select(i => $"column{i}").ToList();
        }
        for (int i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i])) names[i] = $"column{i + 1}";
        }
        bool namesAreReal = o.ColumnNames is { Count: > 0 } || headerNames is not null;

        DateParser dateParser;
        try { dateParser = new DateParser(o.DateFormat, encoding); }
        catch (FormatException e) { throw new ArgumentException($"Invalid date format '{o.DateFormat}': {e.Message}", nameof(o), e); }

        // Roles: given by options first.
        var foundBy = new SortedSet<string>(StringComparer.Ordinal);
        var roles = new Dictionary<string, int>();
        void Given(string role, string? column, string flag)
        {
            if (column is null) return;
            roles[role] = ResolveGiven(path, names, column, flag);
            foundBy.Add("options");
        }
        Given(ColumnNames.Customer, o.CustomerColumn, "--customer");
        Given(ColumnNames.Date, o.DateColumn, "--date");
        Given(ColumnNames.Amount, o.AmountColumn, "--amount");
        Given(ColumnNames.Quantity, o.QuantityColumn, "--quantity");
        Given(ColumnNames.Price, o.PriceColumn, "--price");
        Given(ColumnNames.Invoice, o.InvoiceColumn, "--invoice");
        Given(ColumnNames.Item, o.ItemColumn, "--item");
        bool quantityAndPriceGiven = o.QuantityColumn is not null && o.PriceColumn is not null && o.AmountColumn is null;

        if (namesAreReal)
        {
            var normalized = names.Select(ColumnNames.Normalize).ToList();
            foreach (var (role, synonyms) in ColumnNames.Synonyms)
            {
                if (roles.ContainsKey(role)) continue;
                if (role == ColumnNames.Amount && quantityAndPriceGiven) continue;
                foreach (var syn in synonyms)
                {
                    int col = -1;
                    for (int i = 0; i < normalized.Count; i++)
                    {
                        if (normalized[i] == syn && !roles.ContainsValue(i)) { col = i; break; }
                    }
                    if (col >= 0)
                    {
                        roles[role] = col;
                        foundBy.Add("names");
                        break;
                    }
                }
            }
        }
        else
        {
            DetectByContent(path, sample, records, typicalFields, dateParser, roles, quantityAndPriceGiven, foundBy);
        }

        string Columns() => string.Join(", ", names.Select(n => $"'{n}'"));
        if (!roles.ContainsKey(ColumnNames.Customer))
            throw new TransactionFileException(path, null, null, $"no customer column: pass --customer COL (columns: {Columns()})");
        if (!roles.ContainsKey(ColumnNames.Date))
            throw new TransactionFileException(path, null, null, $"no date column: pass --date COL (columns: {Columns()})");
        bool hasAmount = roles.ContainsKey(ColumnNames.Amount);
        if (!hasAmount && !(roles.ContainsKey(ColumnNames.Quantity) && roles.ContainsKey(ColumnNames.Price)))
            throw new TransactionFileException(path, null, null, $"no amount column: pass --amount COL, or --quantity COL and --price COL (columns: {Columns()})");
        if (hasAmount && !quantityAndPriceGiven) roles.Remove(ColumnNames.Price); // amount wins; price unused

        var layout = new TransactionFileLayout
        {
            Encoding = encodingName,
            Delimiter = delimiter == CsvTokenizer.Whitespace ? ' ' : (char)delimiter,
            HasHeader = hasHeader,
            ColumnNames = names,
            CustomerColumn = roles[ColumnNames.Customer],
            DateColumn = roles[ColumnNames.Date],
            AmountColumn = roles.GetValueOrDefault(ColumnNames.Amount, -1),
            QuantityColumn = roles.GetValueOrDefault(ColumnNames.Quantity, -1),
            PriceColumn = hasAmount && !quantityAndPriceGiven ? -1 : roles.GetValueOrDefault(ColumnNames.Price, -1),
            InvoiceColumn = roles.GetValueOrDefault(ColumnNames.Invoice, -1),
            ItemColumn = roles.GetValueOrDefault(ColumnNames.Item, -1),
            DateFormat = o.DateFormat,
            ColumnsFoundBy = string.Join("+", foundBy),
            DataOffset = bom + dataOffsetInText,
            DataFirstLine = dataFirstLine,
        };
        if (quantityAndPriceGiven) layout = layout with { AmountColumn = -1 };

        CheckSample(path, layout, sample, records, dateParser, typicalFields, delimiterName);
        return layout;
    }

    private static void CheckSample(string path, TransactionFileLayout layout, List<List<string>> sample, List<Record> records,
        DateParser dateParser, int typicalFields, string delimiterName)
    {
        if (sample.Count == 0) return;
        var required = new List<int> { layout.CustomerColumn, layout.DateColumn };
        if (layout.AmountColumn >= 0) required.Add(layout.AmountColumn);
        else { required.Add(layout.QuantityColumn); required.Add(layout.PriceColumn); }
        if (layout.InvoiceColumn >= 0) required.Add(layout.InvoiceColumn);
        foreach (int col in required)
        {
            if (col >= typicalFields)
                throw new TransactionFileException(path, records[0].Line, layout.ColumnNames[col],
                    $"the column is at position {col + 1} but rows have {typicalFields} field(s) with delimiter '{delimiterName}'; check --delimiter and the column names");
        }

        bool AnyParses(int col, Func<byte[], bool> parse) =>
            sample.Any(f => col < f.Count && f[col].Trim().Length > 0 && parse(Encoding.UTF8.GetBytes(f[col].Trim())));
        string Examples(int col) => string.Join(", ", sample.Where(f => col < f.Count).Select(f => $"'{Shorten(f[col])}'").Distinct().Take(3));

        if (!AnyParses(layout.DateColumn, b => dateParser.TryParse(b, out _)))
        {
            string how = layout.DateFormat is null
                ? "dates must be ISO 8601 (yyyy-MM-dd, time allowed) or yyyyMMdd unless --date-format is given (e.g. --date-format M/d/yyyy)"
                : $"none matches --date-format '{layout.DateFormat}'";
            throw new TransactionFileException(path, records[0].Line, layout.ColumnNames[layout.DateColumn],
                $"none of the first {sample.Count} values is a date (e.g. {Examples(layout.DateColumn)}); {how}");
        }
        bool decimalComma = layout.Delimiter == ';';
        foreach (int col in new[] { layout.AmountColumn, layout.QuantityColumn, layout.PriceColumn })
        {
            if (col < 0) continue;
            if (!AnyParses(col, b => NumberParser.TryParse(b, decimalComma, out _)))
                throw new TransactionFileException(path, records[0].Line, layout.ColumnNames[col],
                    $"none of the first {sample.Count} values is a number (e.g. {Examples(col)}); numbers use '.' as decimal separator (',' too in ';'-delimited files), without thousands separators or currency signs");
        }
    }

    private static void DetectByContent(string path, List<List<string>> sample, List<Record> records, int typicalFields,
        DateParser dateParser, Dictionary<string, int> roles, bool quantityAndPriceGiven, SortedSet<string> foundBy)
    {
        string Describe() => sample.Count == 0 ? "no data rows" : $"{typicalFields} fields per row, row {records[0].Line}: {string.Join(" | ", sample[0].Select(v => Shorten(v)))}";
        TransactionFileException Ambiguous(string what) => new(path, null, null,
            $"cannot tell the columns of this headerless file from its content ({what}; {Describe()}): pass --column-names (e.g. --column-names customer,date,quantity,amount) or column positions (--customer 1 --date 2 --amount 4)");
        if (sample.Count == 0) throw Ambiguous("no rows to look at");

        var isDate = new bool[typicalFields];
        var isNumber = new bool[typicalFields];
        var hasPoint = new bool[typicalFields];
        for (int j = 0; j < typicalFields; j++)
        {
            var values = sample.Where(f => j < f.Count && f[j].Length > 0).Select(f => f[j]).ToList();
            if (values.Count == 0) continue;
            isDate[j] = values.All(v => dateParser.TryParse(Encoding.UTF8.GetBytes(v), out _));
            isNumber[j] = values.All(v => NumberParser.TryParse(Encoding.UTF8.GetBytes(v), false, out _));
            hasPoint[j] = values.Any(v => v.Contains('.') || v.Contains('e') || v.Contains('E'));
        }
        bool Used(int j) => roles.ContainsValue(j);

        if (!roles.TryGetValue(ColumnNames.Date, out int dateCol))
        {
            var dates = Enumerable.Range(0, typicalFields).Where(j => isDate[j] && !Used(j)).ToList();
            if (dates.Count != 1) throw Ambiguous(dates.Count == 0 ? "no column holds dates" : $"{dates.Count} columns hold dates");
            dateCol = dates[0];
            roles[ColumnNames.Date] = dateCol;
            foundBy.Add("content");
        }
        if (!roles.ContainsKey(ColumnNames.Customer))
        {
            int cust = Enumerable.Range(0, dateCol).FirstOrDefault(j => !Used(j) && !(isNumber[j] && hasPoint[j]), -1);
            if (cust < 0) throw Ambiguous("no identifier column before the date");
            roles[ColumnNames.Customer] = cust;
            foundBy.Add("content");
        }
        if (!roles.ContainsKey(ColumnNames.Amount) && !quantityAndPriceGiven)
        {
            var nums = Enumerable.Range(dateCol + 1, Math.Max(0, typicalFields - dateCol - 1)).Where(j => isNumber[j] && !Used(j)).ToList();
            if (nums.Count == 1)
            {
                roles[ColumnNames.Amount] = nums[0];
            }
            else if (nums.Count == 2 && hasPoint[nums[0]] != hasPoint[nums[1]])
            {
                int amount = hasPoint[nums[0]] ? nums[0] : nums[1];
                int quantity = hasPoint[nums[0]] ? nums[1] : nums[0];
                roles[ColumnNames.Amount] = amount;
                if (!roles.ContainsKey(ColumnNames.Quantity)) roles[ColumnNames.Quantity] = quantity;
            }
            else
            {
                throw Ambiguous(nums.Count == 0 ? "no numeric column after the date" : $"{nums.Count} numeric columns after the date");
            }
            foundBy.Add("content");
        }
    }

    private static int ResolveGiven(string path, List<string> names, string column, string flag)
    {
        var c = column.Trim();
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], c, StringComparison.OrdinalIgnoreCase)) return i;
        }
        var norm = ColumnNames.Normalize(c);
        if (norm.Length > 0)
        {
            for (int i = 0; i < names.Count; i++)
            {
                if (ColumnNames.Normalize(names[i]) == norm) return i;
            }
        }
        if (int.TryParse(c, out int position) && position >= 1 && position <= Math.Max(names.Count, 1)) return position - 1;
        throw new TransactionFileException(path, null, column,
            $"column given by {flag} is not in the file (columns: {string.Join(", ", names.Select(n => $"'{n}'"))}; a 1-based position also works)");
    }

    private static byte DetectDelimiter(string path, ReadOnlySpan<byte> text)
    {
        var fields = new FieldRef[4096];
        // Field counts of the first 50 non-blank records, records cut with the candidate's own quoting rules.
        (int Mode, double Share, int Records) Score(byte d, ReadOnlySpan<byte> t)
        {
            var counts = new Dictionary<int, int>();
            int pos = 0, records = 0;
            while (pos < t.Length && records < 50)
            {
                int end = CsvTokenizer.FindRecordEnd(t, pos, d, true, out _);
                if (end == CsvTokenizer.InsideQuotes) break;
                int stop = end < 0 ? t.Length : end;
                int len = stop - pos;
                if (len > 0 && t[pos + len - 1] == (byte)'\r') len--;
                var rec = t.Slice(pos, len);
                if (!CsvTokenizer.IsBlank(rec))
                {
                    int c = CsvTokenizer.Split(rec, d, fields);
                    counts[c] = counts.GetValueOrDefault(c) + 1;
                    records++;
                }
                if (end < 0) break;
                pos = end + 1;
            }
            if (records == 0) return (0, 0, 0);
            var best = counts.OrderByDescending(kv => kv.Value).ThenByDescending(kv => kv.Key).First();
            return (best.Key, best.Value / (double)records, records);
        }
        byte chosen = 0;
        int chosenMode = 1;
        bool anyRecords = false;
        foreach (byte d in Candidates)
        {
            var (mode, share, records) = Score(d, text);
            anyRecords |= records > 0;
            if (mode >= 2 && share >= 0.6 && mode > chosenMode)
            {
                chosen = d;
                chosenMode = mode;
            }
        }
        if (chosenMode >= 2) return chosen;
        var (wsMode, wsShare, _) = Score(CsvTokenizer.Whitespace, text);
        if (wsMode >= 2 && wsShare >= 0.6) return CsvTokenizer.Whitespace;
        if (!anyRecords) throw new TransactionFileException(path, null, null, "the file has no data lines");
        throw new TransactionFileException(path, null, null,
            "cannot detect the delimiter: no candidate (',', tab, ';', '|', blanks) splits most of the first lines into the same number (≥ 2) of fields; pass --delimiter");
    }

    private static string TrySuggest(ReadOnlySpan<byte> text)
    {
        try
        {
            byte d = DetectDelimiter("", text);
            return d switch { CsvTokenizer.Whitespace => " (the file seems delimited by blanks)", (byte)'\t' => " (the file seems tab-delimited)", _ => $" (the file seems delimited by '{(char)d}')" };
        }
        catch (TransactionFileException)
        {
            return "";
        }
    }

    internal static string FieldText(ReadOnlySpan<byte> rec, FieldRef f, Encoding encoding)
    {
        var content = rec.Slice(f.Start, f.Length);
        if (!f.Escaped) return encoding.GetString(content);
        var buf = new byte[content.Length];
        int n = CsvTokenizer.Unescape(content, buf);
        return encoding.GetString(buf, 0, n);
    }

    private static bool LooksLikeData(string field)
    {
        if (field.Length == 0) return false;
        var b = Encoding.UTF8.GetBytes(field);
        return NumberParser.TryParse(b, false, out _) || DateParser.TryParseAuto(b, out _);
    }

    internal static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static long LineAt(ReadOnlySpan<byte> data, int index) => data[..index].Count((byte)'\n') + 1;

    private static long FirstInvalidUtf8Line(ReadOnlySpan<byte> text)
    {
        int pos = 0;
        long line = 1;
        while (pos < text.Length)
        {
            int rel = text[pos..].IndexOf((byte)'\n');
            int end = rel < 0 ? text.Length : pos + rel;
            if (!Utf8.IsValid(text[pos..end])) return line;
            line++;
            pos = end + 1;
        }
        return line;
    }
}
