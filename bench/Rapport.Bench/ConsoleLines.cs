namespace Rapport.Bench;

/// <summary>Progress printed as it comes, on the reporting thread (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class ConsoleLines(Action<string> write) : IProgress<string>
{
    public void Report(string value) => write(value);
}
