using System.Globalization;
using System.Text;

namespace Rapport.Analytics.Transactions;

/// <summary>
/// Writing CSV cells safely: RFC 4180 quoting, and protection against formula injection (OWASP): a text cell starting
/// with '=', '+', '-', '@', tab or CR gets a leading apostrophe unless the whole cell is a plain number.
/// </summary>
public static class CsvText
{
    /// <summary>The cell as it should appear in a CSV line.</summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        bool quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '));
        if (!quote) return value;
        var sb = new StringBuilder(value.Length + 8);
        sb.Append('"');
        foreach (char c in value)
        {
            if (c == '"') sb.Append('"');
            sb.Append(c);
        }
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>Writes the cell to <paramref name="writer"/>.</summary>
    public static void WriteCell(TextWriter writer, string value) => writer.Write(Cell(value));
}

/// <summary>Streams rejected rows to a temporary file that replaces the target only when the read completes.</summary>
internal sealed class RejectsWriter : IDisposable
{
    private readonly string _target;
    private readonly string _temp;
    private readonly StreamWriter _writer;
    private bool _done;

    public RejectsWriter(string path)
    {
        _target = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(_target);
        if (dir is not null && !Directory.Exists(dir)) throw new DirectoryNotFoundException($"The folder of the rejects file '{path}' does not exist.");
        _temp = _target + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        var stream = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        _writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        _writer.Write("row,reason,field,raw\n");
    }

    public string Target => _target;

    public void Write(long row, string reason, string field, string raw)
    {
        _writer.Write(row.ToString(CultureInfo.InvariantCulture));
        _writer.Write(',');
        _writer.Write(reason);
        _writer.Write(',');
        CsvText.WriteCell(_writer, field);
        _writer.Write(',');
        CsvText.WriteCell(_writer, raw);
        _writer.Write('\n');
    }

    public void Commit()
    {
        _writer.Dispose();
        File.Move(_temp, _target, overwrite: true);
        _done = true;
    }

    public void Dispose()
    {
        if (_done) return;
        _done = true;
        _writer.Dispose();
        try { File.Delete(_temp); }
        catch (IOException) { }
    }
}
