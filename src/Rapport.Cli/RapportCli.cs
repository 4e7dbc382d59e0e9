using System.CommandLine;
using Rapport.Analytics.Transactions;
using Rapport.Cli.Commands;
using Rapport.Cli.Commands.Analyze;

namespace Rapport.Cli;

/// <summary>The `rapport` command: builds the verb tree and maps outcomes to exit codes.</summary>
public static class RapportCli
{
    public static RootCommand CreateRoot() => new("Rapport: an intelligent CRM with customer analytics built in.")
    {
        ServeCommand.Create(),
        DemoCommand.Create(),
        AnalyzeCommand.Create(),
        ReportCommand.Create(),
        AdminCommand.Create(),
        PrivacyCommand.Create(),
        ImportCommand.Create(),
        CustomersCommand.Create(),
    };

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var stderr = error ?? Console.Error;
        var parse = CreateRoot().Parse(args);
        // Exceptions come back here so that they map to the documented exit codes (1 bad input, 2 failure).
        var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        if (output is not null) config.Output = output;
        if (error is not null) config.Error = error;
        try
        {
            return await parse.InvokeAsync(config);
        }
        catch (Exception ex) when (ex is CliInputException or TransactionFileException)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"failed: {ex.Message}");
            stderr.WriteLine(ex.ToString());
            return ExitCodes.Failure;
        }
    }
}

public static class ExitCodes
{
    public const int Ok = 0;
    public const int BadInput = 1;
    public const int Failure = 2;
}

/// <summary>Input the user can fix (a bad value, a missing file); reported without a stack trace, exit code 1.</summary>
public sealed class CliInputException(string message, Exception? inner = null) : Exception(message, inner);
