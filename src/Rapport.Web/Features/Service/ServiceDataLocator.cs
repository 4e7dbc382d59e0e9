namespace Rapport.Web.Features.Service;

/// <summary>
/// Finds the local data sets the desk learns from. A configured path wins (relative to the content root); without
/// one, <c>shared/datasets/NAME</c> is looked for beside the content root and its parents (the layout of the
/// development machine). Nothing is ever downloaded: a data set that is not on disk is simply absent.
/// </summary>
public static class ServiceDataLocator
{
    public static string? Locate(string? configured, string contentRoot, string dataset)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var path = Path.GetFullPath(configured, contentRoot);
            return File.Exists(path) || Directory.Exists(path) ? path : null;
        }
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "datasets", dataset);
                if (Directory.Exists(candidate) || File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
