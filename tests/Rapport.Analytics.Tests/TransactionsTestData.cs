using System.Text;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Tests;

/// <summary>Files for the transaction reader and RFM tests: the committed hand-computed file, temporary files, the shared data sets.</summary>
internal static class TransactionsTestData
{
    /// <summary>tests/Rapport.Analytics.Tests/data, found by walking up from the test assembly.</summary>
    public static string DataDir
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data", "transactions_small.csv");
                if (File.Exists(candidate)) return Path.GetDirectoryName(candidate)!;
                candidate = Path.Combine(dir.FullName, "tests", "Rapport.Analytics.Tests", "data", "transactions_small.csv");
                if (File.Exists(candidate)) return Path.GetDirectoryName(candidate)!;
            }
            throw new InvalidOperationException("tests/Rapport.Analytics.Tests/data not found above " + AppContext.BaseDirectory);
        }
    }

    public static string SmallFile => Path.Combine(DataDir, "transactions_small.csv");

    /// <summary>
    /// The shared data sets: the first folder walking up from the test assembly that holds <c>shared/datasets</c>, or
    /// whose parent does (<c>../shared/datasets</c> relative to the repository root). Null when absent.
    /// </summary>
    public static string? DatasetsRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "datasets");
                if (Directory.Exists(candidate)) return candidate;
                if (dir.Parent is { } parent)
                {
                    candidate = Path.Combine(parent.FullName, "shared", "datasets");
                    if (Directory.Exists(candidate)) return candidate;
                }
            }
            return null;
        }
    }

    /// <summary>A CDNOW file, or null with a message on the console (the test then returns early).</summary>
    public static string? Cdnow(string file)
    {
        var root = DatasetsRoot;
        var path = root is null ? null : Path.Combine(root, "cdnow", file);
        if (path is null || !File.Exists(path))
        {
            Console.WriteLine($"SKIPPED: ../shared/datasets/cdnow/{file} not found; the CDNOW test did not run.");
            return null;
        }
        return path;
    }
}

/// <summary>A temporary folder deleted after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rapport-tx-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text, Encoding? encoding = null)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(text));
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}

internal static class ReaderExtensions
{
    /// <summary>Reads all lines (copied) and returns them with the reader.</summary>
    public static List<TransactionLine> ReadAll(this TransactionFileReader reader) => reader.ReadLines().ToList();

    public static TransactionFileReader Open(string path, Func<TransactionFileOptions, TransactionFileOptions>? configure = null)
    {
        var o = new TransactionFileOptions { Path = path };
        return new TransactionFileReader(configure is null ? o : configure(o));
    }
}
