namespace Rapport.Web.Tests;

/// <summary>
/// Where the browser journeys leave their screenshots: <c>artifacts/screenshots</c> at the repository root (ignored by
/// git; CI keeps the folder), or the folder named by RAPPORT_TEST_ARTIFACTS.
/// </summary>
internal static class Artifacts
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Environment.GetEnvironmentVariable("RAPPORT_TEST_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    });

    /// <summary>The path of the screenshot called <paramref name="name"/> (a .png).</summary>
    public static string Screenshot(string name) => Path.Combine(Folder.Value, name + ".png");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Rapport.slnx"))) return dir.FullName;
        return Path.GetTempPath();
    }
}
