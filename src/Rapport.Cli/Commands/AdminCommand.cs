using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data;
using Rapport.Data.Audit;

namespace Rapport.Cli.Commands;

/// <summary>`rapport admin …`: operations on the configured database.</summary>
internal static class AdminCommand
{
    public static Command Create() => new("admin", "Administer the configured database.")
    {
        VerifyAudit(),
    };

    private static Command VerifyAudit()
    {
        var command = new Command("verify-audit", "Recompute the audit log's hash chain; exit code 2 and the broken entries when anything was edited or deleted.");
        command.SetAction(async (_, ct) =>
        {
            await using var services = new ServiceCollection().AddLogging().AddRapportData(CliConfiguration.Load()).BuildServiceProvider();
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(ct);
            if (result.IsIntact)
            {
                Console.WriteLine($"Audit log intact: {result.EntriesChecked:N0} entries, every hash and link checked.");
                return ExitCodes.Ok;
            }
            Console.Error.WriteLine($"Audit log BROKEN: {result.Problems.Count:N0} problem(s) in {result.EntriesChecked:N0} entries.");
            foreach (var problem in result.Problems)
                Console.Error.WriteLine($"  entry {problem.Sequence}" + (problem.AuditId is { } id ? $" (id {id})" : "") + $": {problem.Problem}");
            return ExitCodes.Failure;
        });
        return command;
    }
}
