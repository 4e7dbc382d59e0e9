using System.Text.RegularExpressions;

namespace Rapport.Cli.Tests;

/// <summary>`rapport customers unify|review|merge-undo` on a demo with planted duplicates loaded into SQLite.</summary>
public sealed partial class CustomersCommandTests
{
    [Fact]
    public async Task Unify_merges_and_queues_then_review_and_undo_work_and_a_rerun_changes_nothing()
    {
        using var folder = new TempFolder();
        var file = folder.File("unify.db");
        using var _ = CliRunner.Environment(("Rapport__Database__Provider", "Sqlite"), ("Rapport__Database__ConnectionString", $"Data Source={file}"));
        var load = await CliRunner.RunAsync("demo", "--customers", "300", "--seed", "4", "--duplicates", "0.1", "--load");
        Assert.True(load.ExitCode == 0, load.Error);

        var dry = await CliRunner.RunAsync("customers", "unify", "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.Error);
        Assert.Contains("Dry run: ", dry.Output, StringComparison.Ordinal);
        var wouldMerge = int.Parse(AutoMerged().Match(dry.Output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(wouldMerge > 10, dry.Output);

        var run = await CliRunner.RunAsync("customers", "unify");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"{wouldMerge} auto-merged", run.Output, StringComparison.Ordinal);
        Assert.Contains("same e-mail", run.Output, StringComparison.Ordinal);
        var mergeId = MergeId().Match(run.Output).Groups[1].Value;

        var again = await CliRunner.RunAsync("customers", "unify");
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains(" 0 auto-merged, 0 queued for review", again.Output, StringComparison.Ordinal);

        var queue = await CliRunner.RunAsync("customers", "review");
        Assert.True(queue.ExitCode == 0, queue.Error);
        Assert.Matches(@"\d+ pending pair\(s\)", queue.Output);

        var undo = await CliRunner.RunAsync("customers", "merge-undo", mergeId);
        Assert.True(undo.ExitCode == 0, undo.Error);
        Assert.Contains($"Undid merge {mergeId}", undo.Output, StringComparison.Ordinal);
        var twice = await CliRunner.RunAsync("customers", "merge-undo", mergeId);
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("already undone", twice.Error, StringComparison.Ordinal);

        var missing = await CliRunner.RunAsync("customers", "review", "--accept", "999999");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No review item", missing.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(\d+) would be auto-merged")]
    private static partial Regex AutoMerged();

    [GeneratedRegex(@"auto-merged \(merge (\d+)\)")]
    private static partial Regex MergeId();
}
