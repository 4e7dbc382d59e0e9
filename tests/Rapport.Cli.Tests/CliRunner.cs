using Rapport.Cli;

[assembly: CollectionBehavior(DisableTestParallelization = true)] // the CLI reads process-wide environment variables and console

namespace Rapport.Cli.Tests;

/// <summary>Runs the `rapport` command in process and captures what it prints.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var originalOut = Console.Out;
        var originalError = Console.Error;
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await RapportCli.RunAsync(args, output, error);
            return new Result(code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }

    /// <summary>Sets environment variables for the duration of a test.</summary>
    public static IDisposable Environment(params (string Name, string? Value)[] variables)
    {
        var previous = variables.Select(v => (v.Name, System.Environment.GetEnvironmentVariable(v.Name))).ToList();
        foreach (var (name, value) in variables) System.Environment.SetEnvironmentVariable(name, value);
        return new Restore(() => { foreach (var (name, value) in previous) System.Environment.SetEnvironmentVariable(name, value); });
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}

/// <summary>The real data sets beside the repository (../shared/datasets); present here and in CI.</summary>
internal static class Datasets
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "datasets");
            if (Directory.Exists(candidate)) return System.IO.Path.Combine([candidate, .. parts]);
        }
        throw new DirectoryNotFoundException("../shared/datasets not found above " + AppContext.BaseDirectory);
    }
}

internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("rapport-cli-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
