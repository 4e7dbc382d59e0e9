using System.Text;
using Rapport.Core.Import;

namespace Rapport.Core.Tests.Import;

public sealed class TabularFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-tabular-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Latin1_semicolon_files_with_quotes_and_bad_rows_are_read_row_by_row()
    {
        var text = "Name;City;Note\n\"Müller; Hans\";Köln;ok\nRenée;Paris\n\n\"Broken;Lyon;x\n";
        using var file = TabularFile.Open(Write("latin1.csv", Encoding.Latin1.GetBytes(text)));
        Assert.Equal(["Name", "City", "Note"], file.Headers);
        var rows = file.ReadRows().ToList();
        Assert.Equal(["Müller; Hans", "Köln", "ok"], rows[0].Cells);
        Assert.Equal(2, rows[0].Number);
        Assert.Null(rows[0].Problem);
        Assert.Equal("has 2 cells where the header has 3", rows[1].Problem);
        Assert.NotNull(rows[^1].Problem); // the unterminated quote swallows the rest: a wrong cell count, never a crash
    }

    [Fact]
    public void Utf8_with_bom_and_tabs()
    {
        using var file = TabularFile.Open(Write("bom.tsv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("客户\t城市\n卢绍齐\t上海\n")]));
        Assert.Equal(["客户", "城市"], file.Headers);
        Assert.Equal(["卢绍齐", "上海"], file.ReadRows().Single().Cells);
        Assert.StartsWith("TSV", file.Format, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_missing_and_old_excel_files_are_refused_with_the_reason()
    {
        Assert.Contains("empty", Assert.Throws<ImportFileException>(() => TabularFile.Open(Write("empty.csv", []))).Message, StringComparison.Ordinal);
        Assert.Contains("not found", Assert.Throws<ImportFileException>(() => TabularFile.Open(Path.Combine(_folder, "nope.csv"))).Message, StringComparison.Ordinal);
        Assert.Contains(".xls", Assert.Throws<ImportFileException>(() => TabularFile.Open(Write("old.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))).Message, StringComparison.Ordinal);
        Assert.Contains("not a readable .xlsx", Assert.Throws<ImportFileException>(() => TabularFile.Open(Write("fake.xlsx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5]))).Message, StringComparison.Ordinal);
    }
}
