namespace Rapport.Analytics;

/// <summary>Writes an output file all or nothing: into a temporary file beside it, then renamed over the target.</summary>
public static class AtomicFile
{
    /// <param name="path">The file to (re)place.</param>
    /// <param name="write">Writes the whole content.</param>
    /// <param name="beforeMove">Runs after the content is complete and before the rename (e.g. to write a companion file first).</param>
    public static void Write(string path, Action<Stream> write, Action? beforeMove = null)
    {
        var full = Path.GetFullPath(path);
        var temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                write(stream);
            beforeMove?.Invoke();
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
