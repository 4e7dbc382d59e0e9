namespace Rapport.Cli.Tests;

/// <summary>`rapport import …` against a SQLite file: summary by reason, rejects file, re-import, undo, bad mapping.</summary>
public sealed class ImportCommandTests
{
    [Fact]
    public async Task Orders_import_prints_counts_by_reason_writes_rejects_and_can_be_undone()
    {
        using var folder = new TempFolder();
        using var _ = CliRunner.Environment(("Rapport__Database__Provider", "Sqlite"), ("Rapport__Database__ConnectionString", $"Data Source={folder.File("import.db")}"));
        var file = folder.File("online-retail.csv");
        await File.WriteAllTextAsync(file,
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850.0,United Kingdom\n" +
            "536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850.0,United Kingdom\n" +
            "536366,22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,1.85,,United Kingdom\n" +
            "536367,\"=HYPERLINK(\"\"x\"\")\",EVIL,1,12/1/2010 8:30,not-a-price,13047,United Kingdom\n");

        var rejects = folder.File("rejects.csv");
        var run = await CliRunner.RunAsync("import", "orders", file, "--rejects", rejects);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("InvoiceNo → order_number", run.Output, StringComparison.Ordinal);
        Assert.Contains("Batch 1: imported 2 of 4 rows; 2 rejected", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"1\s+customer: required value is empty", run.Output);
        Assert.Matches(@"1\s+unit_price: not a number", run.Output);
        var lines = await File.ReadAllLinesAsync(rejects);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("4,customer,", lines[1], StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK", lines[2], StringComparison.Ordinal); // neutralised for spreadsheets

        var again = await CliRunner.RunAsync("import", "orders", file);
        Assert.Contains("already imported as batch 1", again.Output, StringComparison.Ordinal);

        var list = await CliRunner.RunAsync("import", "list");
        Assert.Contains("1\torders\tonline-retail.csv\tCompleted", list.Output, StringComparison.Ordinal);

        var undo = await CliRunner.RunAsync("import", "undo", "1");
        Assert.True(undo.ExitCode == 0, undo.Error);
        Assert.Contains("2 order lines", undo.Output, StringComparison.Ordinal);
        Assert.Equal(1, (await CliRunner.RunAsync("import", "undo", "1")).ExitCode);
    }

    [Fact]
    public async Task A_file_the_mapping_cannot_use_is_bad_input_naming_the_column()
    {
        using var folder = new TempFolder();
        using var _ = CliRunner.Environment(("Rapport__Database__Provider", "Sqlite"), ("Rapport__Database__ConnectionString", $"Data Source={folder.File("import.db")}"));
        var file = folder.File("odd.csv");
        await File.WriteAllTextAsync(file, "Bon,Artikel\n1,A\n");

        var run = await CliRunner.RunAsync("import", "orders", file);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no column for", run.Error, StringComparison.Ordinal);
        Assert.Contains("--map", run.Error, StringComparison.Ordinal);

        var wrongMap = await CliRunner.RunAsync("import", "orders", file, "--map", "Kasse=order_number");
        Assert.Equal(1, wrongMap.ExitCode);
        Assert.Contains("no column \"Kasse\"", wrongMap.Error, StringComparison.Ordinal);

        var missing = await CliRunner.RunAsync("import", "customers", folder.File("missing.csv"));
        Assert.Equal(1, missing.ExitCode);
    }
}
