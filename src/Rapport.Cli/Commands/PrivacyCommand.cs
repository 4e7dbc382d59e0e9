using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Cli.Commands.Analyze;
using Rapport.Data;
using Rapport.Data.Privacy;

namespace Rapport.Cli.Commands;

/// <summary>`rapport privacy export|erase`: data-subject requests (GDPR / PIPL) against the configured database.</summary>
internal static class PrivacyCommand
{
    public static Command Create() => new("privacy", "Data-subject requests: export everything about a customer, or erase them.")
    {
        Export(),
        Erase(),
    };

    private static Option<long> CustomerOption() => new("--customer") { Description = "Customer id.", Required = true };

    private static Command Export()
    {
        var customer = CustomerOption();
        var output = new Option<FileInfo>("--out") { Description = "Output JSON file.", Required = true };
        var command = new Command("export", "Write every record held about a customer (personal values in clear, for the person) as JSON.") { customer, output };
        command.SetAction(async (parse, ct) =>
        {
            var id = parse.GetValue(customer);
            var path = parse.GetValue(output)!.FullName;
            return await WithServiceAsync(async service =>
            {
                var export = await service.ExportAsync(id, DateTime.UtcNow, ct);
                AnalysisOutput.WriteText(path, export.ToJsonString(AnalysisOutput.Json));
                Console.WriteLine($"Exported customer {id} to {path}.");
                return ExitCodes.Ok;
            }, ct);
        });
        return command;
    }

    private static Command Erase()
    {
        var customer = CustomerOption();
        var confirm = new Option<bool>("--confirm") { Description = "Really erase; without it nothing is changed." };
        var command = new Command("erase", "Erase a customer: personal fields destroyed, contact points, consents and scores removed, orders kept anonymously.") { customer, confirm };
        command.SetAction(async (parse, ct) =>
        {
            var id = parse.GetValue(customer);
            if (!parse.GetValue(confirm))
                throw new CliInputException($"Erasing customer {id} cannot be undone: run again with --confirm.");
            return await WithServiceAsync(async service =>
            {
                var result = await service.EraseAsync(id, ct);
                Console.WriteLine($"Erased customer {id}: {result.PersonalFieldsCleared} personal fields cleared, {result.ContactPointsDeleted} contact points, " +
                                  $"{result.ConsentsDeleted} consents, {result.InsightsDeleted} scores and {result.SegmentMembershipsDeleted} segment memberships removed; " +
                                  $"{result.OrdersKept} orders kept anonymously. The request is in the audit log.");
                return ExitCodes.Ok;
            }, ct);
        });
        return command;
    }

    private static Task<int> WithServiceAsync(Func<DataSubjectService, Task<int>> work, CancellationToken ct) =>
        CliDatabase.RunAsync(work, ct, ex => ex is KeyNotFoundException or InvalidOperationException);
}
