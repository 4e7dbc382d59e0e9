using Spectre.Console;

namespace Rapport.Cli;

/// <summary>Progress for long work: a live Spectre.Console status on a terminal, plain lines when output is redirected.</summary>
internal static class ConsoleProgress
{
    public static async Task<T> RunAsync<T>(string title, Func<IProgress<string>, Task<T>> work)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            Console.WriteLine(title);
            return await work(new SyncProgress(line => Console.WriteLine($"  {line}")));
        }
        return await AnsiConsole.Status().StartAsync(title, async context =>
            await work(new SyncProgress(line =>
            {
                context.Status($"{title} {Markup.Escape(line)}");
                AnsiConsole.MarkupLine($"  [grey]{Markup.Escape(line)}[/]");
            })));
    }

    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
