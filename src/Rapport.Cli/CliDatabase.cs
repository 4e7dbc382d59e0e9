using Microsoft.Extensions.DependencyInjection;
using Rapport.Data;

namespace Rapport.Cli;

/// <summary>Runs a verb against the configured database: services as the server has them, schema brought up to date first.</summary>
internal static class CliDatabase
{
    /// <summary>Resolves <typeparamref name="TService"/> in a scope and runs <paramref name="work"/>; exceptions that
    /// <paramref name="isBadInput"/> accepts become bad input (exit code 1) with their message.</summary>
    public static async Task<int> RunAsync<TService>(Func<TService, Task<int>> work, CancellationToken ct, Func<Exception, bool>? isBadInput = null)
        where TService : notnull
    {
        await using var services = new ServiceCollection().AddLogging().AddRapportData(CliConfiguration.Load()).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        try
        {
            return await work(scope.ServiceProvider.GetRequiredService<TService>());
        }
        catch (Exception ex) when (isBadInput?.Invoke(ex) == true)
        {
            throw new CliInputException(ex.Message, ex);
        }
    }
}
