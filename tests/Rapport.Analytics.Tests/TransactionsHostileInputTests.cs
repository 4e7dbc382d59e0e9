using System.Text;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Tests;

public class TransactionsHostileInputTests
{
    [Fact]
    public void Quoted_fields_keep_delimiters_newlines_and_doubled_quotes()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("q.csv",
            "customer,date,amount,note\r\n" +
            "\"Smith, John\",2024-01-01,\"1,5\",plain\r\n" +       // comma inside quotes (and a decimal comma that is refused)
            "\"Smith, John\",2024-01-02,2.5,\"two\r\nlines\"\r\n" + // newline inside quotes: the record spans lines 3-4
            "\"say \"\"hi\"\"\",2024-01-03,3,x\r\n" +
            "\"O'Neil\"  ,2024-01-04, 4 ,y\r\n");
        var reader = ReaderExtensions.Open(path);
        var lines = reader.ReadAll();
        Assert.Equal(new[] { "Smith, John", "say \"hi\"", "O'Neil" }, reader.CustomerKeys);
        Assert.Equal(new[] { 2.5, 3.0, 4.0 }, lines.Select(x => x.Amount));
        var q = reader.DataQuality!;
        Assert.Equal(4, q.RowsRead);
        Assert.Equal(1, q.Rejected["badNumber"]);
    }

    [Fact]
    public void Rejects_file_records_the_line_where_a_multiline_record_starts_and_quotes_the_raw_text()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("q.csv",
            "customer,date,amount,note\n" +
            "a,2024-01-01,1,\"multi\nline, with comma\"\n" +
            "b,not-a-date,2,\"x\ny\"\n" +
            "c,2024-01-03,3,z\n");
        var rejects = tmp.File("rej.csv");
        var reader = ReaderExtensions.Open(path, o => o with { RejectsPath = rejects });
        var lines = reader.ReadAll();
        Assert.Equal(2, lines.Count);
        var text = File.ReadAllText(rejects);
        Assert.Equal("row,reason,field,raw\n4,badDate,date,\"b,not-a-date,2,\"\"x\ny\"\"\"\n", text);
    }

    [Fact]
    public void Formula_like_cells_are_data_on_input_and_neutralised_in_csv_output()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("f.csv", "customer,date,amount\n=HYPERLINK(\"http://x\"),2024-01-01,1\n@SUM(A1),2024-01-01,2\n-42,2024-01-02,3\n");
        var reader = ReaderExtensions.Open(path);
        reader.ReadAll();
        Assert.Equal(new[] { "=HYPERLINK(\"http://x\")", "@SUM(A1)", "-42" }, reader.CustomerKeys);
        Assert.Equal("\"'=HYPERLINK(\"\"http://x\"\")\"", CsvText.Cell("=HYPERLINK(\"http://x\")"));
        Assert.Equal("'@SUM(A1)", CsvText.Cell("@SUM(A1)"));
        Assert.Equal("-42", CsvText.Cell("-42")); // a plain number stays as it is
        Assert.Equal("'+1+2", CsvText.Cell("+1+2"));
    }

    [Fact]
    public void Text_after_a_closing_quote_is_rejected_as_bad_quoting()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("bq.csv", "customer,date,amount\n\"a\"b,2024-01-01,1\nc,2024-01-01,2\n");
        var reader = ReaderExtensions.Open(path);
        Assert.Single(reader.ReadAll());
        Assert.Equal(1, reader.DataQuality!.Rejected["badQuoting"]);
    }

    [Fact]
    public void Rows_with_too_few_fields_are_rejected_naming_the_missing_column()
    {
        using var tmp = new TempDir();
        var rejects = tmp.File("r.csv");
        var path = tmp.Write("few.csv", "customer,date,amount\nc,2024-01-01\nd,2024-01-01,2\n");
        var reader = ReaderExtensions.Open(path, o => o with { RejectsPath = rejects });
        Assert.Single(reader.ReadAll());
        Assert.Equal(1, reader.DataQuality!.Rejected["tooFewFields"]);
        Assert.Equal("2,tooFewFields,amount,\"c,2024-01-01\"", File.ReadAllLines(rejects)[1]);
    }

    [Fact]
    public void Line_longer_than_the_limit_stops_with_the_row()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("long.csv", "customer,date,amount\na,2024-01-01,1\n" + new string('x', 5000) + ",2024-01-01,1\n");
        var e = Assert.Throws<TransactionFileException>(() => ReaderExtensions.Open(path, o => o with { MaxLineLength = 1000 }).ReadAll());
        Assert.Equal(3, e.Row);
        Assert.Contains("longer than 1,000 bytes", e.Message);
        Assert.Contains("long.csv", e.Message);
    }

    [Fact]
    public void Huge_line_without_newline_stops_without_reading_it_all_into_memory()
    {
        using var tmp = new TempDir();
        var path = tmp.File("huge.csv");
        using (var f = File.Create(path))
        {
            f.Write("customer,date,amount\na,2024-01-01,1\n"u8);
            var junk = new byte[1 << 20];
            Array.Fill(junk, (byte)'z');
            for (int i = 0; i < 12; i++) f.Write(junk); // 12 MiB on one line
        }
        var reader = ReaderExtensions.Open(path);
        var e = Assert.Throws<TransactionFileException>(() => reader.ReadAll());
        Assert.Equal(3, e.Row);
        Assert.Contains("longer than", e.Message);
    }

    [Fact]
    public void Unterminated_quote_stops_with_the_row_where_it_opens()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("uq.csv", "customer,date,amount\na,2024-01-01,1\n\"b,2024-01-01,2\nc,2024-01-02,3\n");
        var e = Assert.Throws<TransactionFileException>(() => ReaderExtensions.Open(path).ReadAll());
        Assert.Equal(3, e.Row);
        Assert.Contains("never closed", e.Message);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var e = Assert.Throws<TransactionFileException>(() => ReaderExtensions.Open("/nonexistent/folder/tx.csv"));
        Assert.Contains("/nonexistent/folder/tx.csv", e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Empty_and_header_only_files_are_refused()
    {
        using var tmp = new TempDir();
        var e1 = Assert.Throws<TransactionFileException>(() => ReaderExtensions.Open(tmp.Write("e.csv", "")));
        Assert.Contains("empty", e1.Message);
        var e2 = Assert.Throws<TransactionFileException>(() => ReaderExtensions.Open(tmp.Write("h.csv", "customer,date,amount\n")).ReadAll());
        Assert.Contains("no data rows", e2.Message);
    }

    [Fact]
    public void Binary_and_utf16_files_are_refused()
    {
        using var tmp = new TempDir();
        var e1 = Assert.Throws<TransactionFileException>(() => ReaderExtensions.Open(tmp.WriteBytes("b.bin", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x10])));
        Assert.Contains("NUL", e1.Message);
        var e2 = Assert.Throws<TransactionFileException>(() => ReaderExtensions.Open(tmp.Write("u16.csv", "customer,date,amount\na,2024-01-01,1\n", new UnicodeEncoding(false, true))));
        Assert.Contains("UTF-16", e2.Message);
    }

    [Fact]
    public void Required_column_absent_lists_the_columns()
    {
        using var tmp = new TempDir();
        var e = Assert.Throws<TransactionFileException>(() => ReaderExtensions.Open(tmp.Write("nc.csv", "who,when,what\na,2024-01-01,1\n")));
        Assert.Contains("no customer column", e.Message);
        Assert.Contains("'who', 'when', 'what'", e.Message);

        var e2 = Assert.Throws<TransactionFileException>(() => ReaderExtensions.Open(tmp.Write("na.csv", "customer,date,sku\na,2024-01-01,1\n")));
        Assert.Contains("no amount column", e2.Message);

        var e3 = Assert.Throws<TransactionFileException>(() => ReaderExtensions.Open(TransactionsTestData.SmallFile, o => o with { CustomerColumn = "Client" }));
        Assert.Equal("Client", e3.Field);
        Assert.Contains("--customer", e3.Message);
    }

    [Fact]
    public void Wrong_delimiter_giving_one_column_is_explained()
    {
        var e = Assert.Throws<TransactionFileException>(() => ReaderExtensions.Open(TransactionsTestData.SmallFile, o => o with { Delimiter = ';' }));
        Assert.Contains("single field", e.Message);
        Assert.Contains("seems delimited by ','", e.Message);
    }

    [Fact]
    public void Data_in_the_header_line_asks_for_no_header()
    {
        using var tmp = new TempDir();
        var e = Assert.Throws<TransactionFileException>(() => ReaderExtensions.Open(tmp.Write("nh.txt", "00004 0001 19970101 2 29.33\n00004 0001 19970118 2 29.73\n")));
        Assert.Equal(1, e.Row);
        Assert.Contains("--no-header", e.Message);
    }

    [Fact]
    public void Dates_that_need_a_format_fail_early_with_a_hint()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("us.csv", "CustomerID,InvoiceDate,Quantity,UnitPrice\n17850,12/1/2010 8:26,6,2.55\n17850,12/1/2010 8:28,6,1.85\n");
        var e = Assert.Throws<TransactionFileException>(() => ReaderExtensions.Open(path));
        Assert.Equal("InvoiceDate", e.Field);
        Assert.Equal(2, e.Row);
        Assert.Contains("--date-format", e.Message);
        Assert.Contains("'12/1/2010 8:26'", e.Message);

        var ok = ReaderExtensions.Open(path, o => o with { DateFormat = "M/d/yyyy H:mm" });
        var lines = ok.ReadAll();
        Assert.Equal(15.3, lines[0].Amount, 9);
    }

    [Fact]
    public void A_file_where_every_row_is_rejected_is_an_error_and_writes_no_rejects_file()
    {
        using var tmp = new TempDir();
        var sb = new StringBuilder("customer,date,amount\n");
        sb.Append("a,2024-01-01,0\n"); // zero price
        for (int i = 0; i < 2000; i++) sb.Append("b,2024-02-30,1\n"); // 30 February: a bad date every time
        var path = tmp.Write("bad.csv", sb.ToString());
        var rejects = tmp.File("rejects.csv");
        var e = Assert.Throws<TransactionFileException>(() => ReaderExtensions.Open(path, o => o with { RejectsPath = rejects }).ReadAll());
        Assert.Contains("none of the first 2,001 rows could be used", e.Message);
        Assert.Contains("badDate", e.Message);
        Assert.Equal("date", e.Field);
        Assert.Equal(3, e.Row);
        Assert.Single(Directory.GetFiles(tmp.Path)); // the input only: no rejects file, no temporary file
    }

    [Fact]
    public void Hostile_numbers_are_rejected_not_misread()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("n.csv",
            "customer,date,amount\n" +
            "a,2024-01-01,NaN\n" +
            "a,2024-01-01,Infinity\n" +
            "a,2024-01-01,1e400\n" +
            "a,2024-01-01,$5\n" +
            "a,2024-01-01,1 000\n" +
            "a,2024-01-01,0x10\n" +
            "a,2024-01-01,12345678901234567890123\n" +
            "a,2024-01-01,1.5e2\n");
        var reader = ReaderExtensions.Open(path);
        var lines = reader.ReadAll();
        Assert.Equal(new[] { 1.2345678901234568E+22, 150.0 }, lines.Select(x => x.Amount));
        Assert.Equal(6, reader.DataQuality!.Rejected["badNumber"]);
    }
}
