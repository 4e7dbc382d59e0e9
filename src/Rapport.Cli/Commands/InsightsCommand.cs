using System.CommandLine;
using System.Globalization;
using Rapport.Cli.Commands.Analyze;
using Rapport.Core.Insights;

namespace Rapport.Cli.Commands;

/// <summary>`rapport insights refresh`: runs the insights job on the configured database, as the nightly job does.</summary>
internal static class InsightsCommand
{
    public static Command Create() => new("insights", "Scores, segments, recommendations, rules and forecasts stored in the database.")
    {
        Refresh(),
    };

    private static Command Refresh()
    {
        var asOf = new Option<string?>("--as-of") { Description = "Use only orders placed on or before this day (yyyy-MM-dd); default: all." };
        var command = new Command("refresh", "Read the orders, run RFM, segments, P(alive)/CLV, churn risk, recommendations, rules and the revenue forecast, and write the results in one transaction.")
        {
            asOf,
        };
        command.SetAction(async (parse, ct) =>
        {
            var day = AnalyzeCommand.ParseDate(parse.GetValue(asOf), "--as-of");
            return await CliDatabase.RunAsync<InsightsRefresher>(async refresher =>
            {
                var run = await ConsoleProgress.RunAsync("Refreshing insights", progress =>
                    refresher.RefreshAsync("cli", day, new Forward(p => progress.Report($"[{p.Number}/{p.Count}] {p.Step}: {p.Message}")), ct));
                foreach (var skipped in run.Skipped) Console.WriteLine($"skipped {skipped.Step}: {skipped.Reason}");
                foreach (var warning in run.Warnings) Console.WriteLine($"warning: {warning}");
                if (run.Status != InsightRunStatus.Succeeded)
                {
                    Console.Error.WriteLine($"failed: run {run.Id}: {run.Error}");
                    return ExitCodes.Failure;
                }
                var seconds = (run.FinishedAt!.Value - run.StartedAt).TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Insights run {run.Id} finished in {seconds:F1} s: {run.Counts.GetValueOrDefault("insightsWritten"):N0} customer insights, " +
                    $"{run.Counts.GetValueOrDefault("segments"):N0} segments, {run.Counts.GetValueOrDefault("rules"):N0} rules, " +
                    $"{run.Counts.GetValueOrDefault("forecastPeriods"):N0} forecast periods; {run.Skipped.Count} analyses skipped."));
                return ExitCodes.Ok;
            }, ct);
        });
        return command;
    }

    /// <summary>Reports on the caller's thread, in order.</summary>
    private sealed class Forward(Action<InsightsProgress> report) : IProgress<InsightsProgress>
    {
        public void Report(InsightsProgress value) => report(value);
    }
}
