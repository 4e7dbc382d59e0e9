using System.Text;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Tests;

public class TransactionsReaderTests
{
    [Fact]
    public void Small_file_columns_are_found_by_their_common_names()
    {
        var reader = ReaderExtensions.Open(TransactionsTestData.SmallFile);
        var l = reader.Layout;
        Assert.Equal(',', l.Delimiter);
        Assert.True(l.HasHeader);
        Assert.Equal("CustomerID", l.ColumnNames[l.CustomerColumn]);
        Assert.Equal("InvoiceDate", l.ColumnNames[l.DateColumn]);
        Assert.Equal("InvoiceNo", l.ColumnNames[l.InvoiceColumn]);
        Assert.Equal("StockCode", l.ColumnNames[l.ItemColumn]);
        Assert.Equal("Quantity", l.ColumnNames[l.QuantityColumn]);
        Assert.Equal("UnitPrice", l.ColumnNames[l.PriceColumn]);
        Assert.Equal(-1, l.AmountColumn);
        Assert.True(l.AmountFromQuantityAndPrice);
        Assert.Equal("names", l.ColumnsFoundBy);
    }

    [Fact]
    public void Small_file_rows_are_used_or_rejected_by_reason_and_counted()
    {
        var reader = ReaderExtensions.Open(TransactionsTestData.SmallFile);
        var lines = reader.ReadAll();
        var q = reader.DataQuality!;

        Assert.Equal(15, q.RowsRead);
        Assert.Equal(10, q.RowsUsed);
        Assert.Equal(5, q.RowsRejected);
        Assert.Equal(1, q.Rejected["cancelled"]);
        Assert.Equal(1, q.Rejected["zeroPrice"]);
        Assert.Equal(1, q.Rejected["missingCustomer"]);
        Assert.Equal(1, q.Rejected["badDate"]);
        Assert.Equal(1, q.Rejected["badNumber"]);
        Assert.Equal(0, q.Rejected["tooFewFields"]);
        Assert.Equal(DataQualityReport.ReasonNames.Length, q.Rejected.Count);
        Assert.Equal(1, q.Returns);
        Assert.Equal(-5.5, q.ReturnsAmount, 9);
        Assert.Equal(1, q.BlankLines);
        Assert.Equal(81.5, q.TotalAmount, 9);
        Assert.Equal(5, q.Customers); // C3 is named only on its zero-price row
        Assert.Equal(4, q.CustomersWithRowsUsed);
        Assert.Equal(7, q.Orders);    // 1001 1002 1003 1004 1009 1010 1012; the late 1003 line joins its order
        Assert.Equal(6, q.Items);
        Assert.Equal(new DateOnly(2024, 1, 5), q.FirstDate);
        Assert.Equal(new DateOnly(2024, 3, 31), q.LastDate);
        Assert.Equal("utf-8", q.Encoding);

        Assert.Equal(10, lines.Count);
        Assert.Equal(new[] { "C1", "C2", "C3", "C4", "C5" }, reader.CustomerKeys);
        var first = lines[0];
        Assert.Equal("C1", reader.CustomerKeys[first.Customer]);
        Assert.Equal("1001", reader.OrderKeys[first.Order]);
        Assert.Equal("A", reader.ItemKeys[first.Item]);
        Assert.Equal(new DateOnly(2024, 1, 5), first.Date);
        Assert.Equal(20.0, first.Amount, 12);
        Assert.Equal(2.0, first.Quantity);
        var ret = lines.Single(x => x.Amount < 0);
        Assert.Equal(-5.5, ret.Amount, 12);
        Assert.Equal("1004", reader.OrderKeys[ret.Order]);
        var late = lines[^1];
        Assert.Equal("1003", reader.OrderKeys[late.Order]);
        Assert.Equal(lines[3].Order, late.Order);
    }

    [Fact]
    public void Rejects_file_lists_exactly_the_rejected_rows_with_reason_and_field()
    {
        using var tmp = new TempDir();
        var rejects = tmp.File("rejects.csv");
        var reader = ReaderExtensions.Open(TransactionsTestData.SmallFile, o => o with { RejectsPath = rejects });
        reader.ReadAll();
        var source = File.ReadAllLines(TransactionsTestData.SmallFile);
        var rows = File.ReadAllLines(rejects);
        Assert.Equal("row,reason,field,raw", rows[0]);
        Assert.Equal(new[]
        {
            $"7,cancelled,InvoiceNo,\"{source[6]}\"",
            $"8,zeroPrice,UnitPrice,\"{source[7]}\"",
            $"9,missingCustomer,CustomerID,\"{source[8]}\"",
            $"10,badDate,InvoiceDate,\"{source[9]}\"",
            $"14,badNumber,Quantity,\"{source[13]}\"",
        }, rows.Skip(1));
        Assert.Equal(Path.GetFullPath(rejects), reader.DataQuality!.RejectsFile);
        Assert.Single(Directory.GetFiles(tmp.Path)); // no temporary file left behind
    }

    [Fact]
    public void Returns_can_be_rejected_instead_of_kept()
    {
        var reader = ReaderExtensions.Open(TransactionsTestData.SmallFile, o => o with { KeepReturns = false });
        var lines = reader.ReadAll();
        Assert.Equal(9, lines.Count);
        Assert.Equal(1, reader.DataQuality!.Rejected["return"]);
        Assert.Equal(0, reader.DataQuality.Returns);
        Assert.Equal(87.0, reader.DataQuality.TotalAmount, 9);
    }

    [Fact]
    public void Cancellation_rule_can_be_switched_off()
    {
        var reader = ReaderExtensions.Open(TransactionsTestData.SmallFile, o => o with { CancellationPrefix = null });
        var lines = reader.ReadAll();
        Assert.Equal(0, reader.DataQuality!.Rejected["cancelled"]);
        Assert.Equal(2, reader.DataQuality.Returns); // the C1005 line is now a return of -20
        Assert.Contains("C1005", reader.OrderKeys);
        Assert.Equal(11, lines.Count);
    }

    [Fact]
    public void Zero_amounts_can_be_kept()
    {
        var reader = ReaderExtensions.Open(TransactionsTestData.SmallFile, o => o with { KeepZeroAmounts = true });
        var lines = reader.ReadAll();
        Assert.Equal(11, lines.Count);
        Assert.Equal(0, reader.DataQuality!.Rejected["zeroPrice"]);
        Assert.Equal(1, reader.DataQuality.ZeroAmountLines);
        Assert.Equal(5, reader.DataQuality.CustomersWithRowsUsed);
    }

    [Theory]
    [InlineData(",")]
    [InlineData(";")]
    [InlineData("\t")]
    [InlineData("|")]
    [InlineData(" ")]
    public void Delimiter_is_detected(string delimiter)
    {
        using var tmp = new TempDir();
        var text = string.Join("\n",
            new[] { "customer_id,order_date,amount", "a1,2024-01-02,10.5", "a2,2024-01-03,3", "a1,2024-02-01,4.25" }
                .Select(l => l.Replace(",", delimiter == " " ? "   " : delimiter))) + "\n";
        var reader = ReaderExtensions.Open(tmp.Write("t.txt", text));
        Assert.Equal(delimiter[0], reader.Layout.Delimiter);
        var lines = reader.ReadAll();
        Assert.Equal(3, lines.Count);
        Assert.Equal(17.75, lines.Sum(x => x.Amount), 9);
        Assert.Equal(new[] { "a1", "a2" }, reader.CustomerKeys);
    }

    [Fact]
    public void Semicolon_files_take_decimal_commas()
    {
        using var tmp = new TempDir();
        var reader = ReaderExtensions.Open(tmp.Write("eu.csv", "Kunde;Datum;Betrag\nk1;2024-05-01;12,50\nk2;2024-05-02;7.25\n"),
            o => o with { CustomerColumn = "Kunde", DateColumn = "Datum", AmountColumn = "Betrag" });
        var lines = reader.ReadAll();
        Assert.Equal(new[] { 12.5, 7.25 }, lines.Select(x => x.Amount));
        Assert.Equal("options", reader.Layout.ColumnsFoundBy);
    }

    [Fact]
    public void Utf8_bom_is_skipped_and_names_are_read()
    {
        using var tmp = new TempDir();
        var path = tmp.WriteBytes("bom.csv", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("customer,date,amount\nZürich AG,2024-01-01,5\n")]);
        var reader = ReaderExtensions.Open(path);
        reader.ReadAll();
        Assert.Equal("customer", reader.Layout.ColumnNames[0]);
        Assert.Equal("utf-8-bom", reader.DataQuality!.Encoding);
        Assert.Equal(new[] { "Zürich AG" }, reader.CustomerKeys);
    }

    [Fact]
    public void Latin1_bytes_are_detected_and_decoded()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("latin1.csv", "customer;date;amount\nZürich;2024-01-01;5\nGenève;2024-01-02;6\n", Encoding.Latin1);
        Assert.Equal(0xFC, File.ReadAllBytes(path)[22]); // ü as one Latin-1 byte
        var reader = ReaderExtensions.Open(path);
        reader.ReadAll();
        Assert.Equal("latin1", reader.DataQuality!.Encoding);
        Assert.Equal(new[] { "Zürich", "Genève" }, reader.CustomerKeys);
    }

    [Fact]
    public void Latin1_found_late_in_the_file_switches_the_decoding()
    {
        using var tmp = new TempDir();
        var sb = new StringBuilder("customer,date,amount\n");
        for (int i = 0; i < 70_000; i++) sb.Append("c").Append(i % 50).Append(",2024-01-01,1\n"); // > 1 MiB of ASCII first
        sb.Append("Zürich,2024-01-02,2\n");
        var path = tmp.Write("late.csv", sb.ToString(), Encoding.Latin1);
        var reader = ReaderExtensions.Open(path);
        reader.ReadAll();
        Assert.Equal("latin1", reader.DataQuality!.Encoding);
        Assert.Equal("Zürich", reader.CustomerKeys[^1]);
    }

    [Fact]
    public void Utf8_required_but_latin1_bytes_fail_naming_the_row()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("latin1.csv", "customer,date,amount\nabc,2024-01-01,5\nZürich,2024-01-01,5\n", Encoding.Latin1);
        var e = Assert.Throws<TransactionFileException>(() => ReaderExtensions.Open(path, o => o with { Encoding = TextEncodingChoice.Utf8 }));
        Assert.Equal(3, e.Row);
        Assert.Contains("not valid UTF-8", e.Message);
    }

    [Fact]
    public void Headerless_file_with_column_names_is_mapped_by_name()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("nh.csv", "7,2024-03-01,2,1.5\n8,2024-03-02,1,10\n");
        var reader = ReaderExtensions.Open(path, o => o with { HasHeader = false, ColumnNames = ["client", "date", "qty", "price"] });
        var lines = reader.ReadAll();
        Assert.Equal(new[] { 3.0, 10.0 }, lines.Select(x => x.Amount));
        Assert.Equal(new[] { 2.0, 1.0 }, lines.Select(x => x.Quantity));
        Assert.Equal(-1, lines[0].Order);
        Assert.Equal(-1, lines[0].Item);
    }

    [Fact]
    public void Columns_can_be_given_by_position()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("pos.csv", "x,y,z\nk,2024-03-01,4\n");
        var reader = ReaderExtensions.Open(path, o => o with { CustomerColumn = "1", DateColumn = "2", AmountColumn = "3" });
        Assert.Equal(4.0, reader.ReadAll().Single().Amount);
    }

    [Theory]
    [InlineData("yyyyMMdd", "20240301", 2024, 3, 1)]
    [InlineData("dd/MM/yyyy", "01/03/2024", 2024, 3, 1)]
    [InlineData("M/d/yyyy H:mm", "3/1/2024 8:26", 2024, 3, 1)]
    [InlineData("M/d/yyyy", "12/1/2010 8:26", 2010, 12, 1)]
    [InlineData("dd.MM.yy", "05.11.97", 1997, 11, 5)]
    [InlineData("d MMM yyyy", "5 Nov 2024", 2024, 11, 5)]
    public void Date_formats_are_honoured(string format, string value, int y, int m, int d)
    {
        using var tmp = new TempDir();
        var path = tmp.Write("d.csv", $"customer,date,amount\nk,{value},1\n");
        var reader = ReaderExtensions.Open(path, o => o with { DateFormat = format });
        Assert.Equal(new DateOnly(y, m, d), reader.ReadAll().Single().Date);
    }

    [Theory]
    [InlineData("2024-03-01")]
    [InlineData("2024-03-01T23:59:59Z")]
    [InlineData("2024-03-01 08:00")]
    [InlineData("20240301")]
    [InlineData("2024/3/1")]
    public void Unambiguous_dates_need_no_format(string value)
    {
        using var tmp = new TempDir();
        var reader = ReaderExtensions.Open(tmp.Write("d.csv", $"customer,date,amount\nk,{value},1\n"));
        Assert.Equal(new DateOnly(2024, 3, 1), reader.ReadAll().Single().Date);
    }

    [Fact]
    public void Float_exported_ids_and_null_markers_are_normalised()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("ids.csv", "CustomerID,date,amount\n17850.0,2024-01-01,1\n17850,2024-01-02,2\nNULL,2024-01-03,3\nn/a,2024-01-03,3\n");
        var reader = ReaderExtensions.Open(path);
        var lines = reader.ReadAll();
        Assert.Equal(new[] { "17850" }, reader.CustomerKeys);
        Assert.Equal(2, lines.Count);
        Assert.Equal(2, reader.DataQuality!.Rejected["missingCustomer"]);
    }

    [Fact]
    public void Duplicate_lines_of_a_run_are_kept_and_counted_across_chunks()
    {
        using var tmp = new TempDir();
        var sb = new StringBuilder("customer,date,amount\n");
        for (int i = 0; i < 1000; i++) sb.Append('c').Append(i).Append(",2024-01-01,1\n");
        // One customer's run of ~6 MB spans several 4 MiB chunks; its first line comes back at the end, twice.
        sb.Append("big,2024-01-03,7.5\n");
        for (int i = 0; i < 250_000; i++) sb.Append("big,2024-01-03,").Append(i).Append(".25\n");
        sb.Append("big,2024-01-03,7.5\n").Append("big,2024-01-03,7.5\n");
        Assert.True(sb.Length > 6_000_000);
        var reader = ReaderExtensions.Open(tmp.Write("dups.csv", sb.ToString()));
        var lines = reader.ReadAll();
        Assert.Equal(251_003, lines.Count);
        Assert.Equal(2, reader.DataQuality!.DuplicateLines);
    }

    [Fact]
    public void Large_file_gives_the_same_result_with_one_or_many_threads()
    {
        using var tmp = new TempDir();
        var path = tmp.File("synthetic.csv");
        var summary = SyntheticTransactions.WriteFile(path, customers: 5_000, rows: 200_000, seed: 3);
        TransactionFileReader Read(int threads)
        {
            var r = ReaderExtensions.Open(path, o => o with { Parallelism = threads });
            r.ReadAll();
            return r;
        }
        var one = Read(1);
        var four = Read(4);
        Assert.Equal(200_000, one.DataQuality!.RowsRead);
        Assert.Equal(summary.CancelledLines, one.DataQuality.Rejected["cancelled"]);
        Assert.Equal(summary.ZeroPriceLines, one.DataQuality.Rejected["zeroPrice"]);
        Assert.Equal(summary.ReturnLines, one.DataQuality.Returns);
        Assert.InRange(one.DataQuality.TotalAmount - summary.NetAmount, -1e-3, 1e-3);
        Assert.Equal(DataQualityJson.ToJson(one.DataQuality), DataQualityJson.ToJson(four.DataQuality!));
        Assert.Equal(one.CustomerKeys, four.CustomerKeys);
        Assert.Equal(one.OrderKeys.Count, four.OrderKeys.Count);
    }

    [Fact]
    public void Synthetic_file_is_deterministic()
    {
        using var tmp = new TempDir();
        var a = SyntheticTransactions.WriteFile(tmp.File("a.csv"), 100, 1000, 7);
        var b = SyntheticTransactions.WriteFile(tmp.File("b.csv"), 100, 1000, 7);
        Assert.Equal(a, b);
        Assert.Equal(File.ReadAllBytes(tmp.File("a.csv")), File.ReadAllBytes(tmp.File("b.csv")));
        Assert.StartsWith("customer_id,invoice,date,quantity,price\n", File.ReadAllText(tmp.File("a.csv")));
        var reader = ReaderExtensions.Open(tmp.File("a.csv"));
        reader.ReadAll();
        Assert.Equal(100, reader.DataQuality!.Customers);
    }

    [Fact]
    public void Reader_can_be_enumerated_once()
    {
        var reader = ReaderExtensions.Open(TransactionsTestData.SmallFile);
        reader.ReadAll();
        Assert.Throws<InvalidOperationException>(() => reader.ReadLines().ToList());
    }

    [Fact]
    public void Stopping_early_leaves_no_rejects_file()
    {
        using var tmp = new TempDir();
        var input = Path.Combine(tmp.Path, "in", "big.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(input)!);
        SyntheticTransactions.WriteFile(input, 10_000, 1_000_000, 5); // ~34 MB: many more chunks than the read-ahead
        var rejects = tmp.File("rejects.csv");
        var reader = ReaderExtensions.Open(input, o => o with { RejectsPath = rejects });
        _ = reader.ReadLines().First();
        Assert.Empty(Directory.GetFiles(tmp.Path));
        Assert.Null(reader.DataQuality);
    }
}
