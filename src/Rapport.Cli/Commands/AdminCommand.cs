using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data;
using Rapport.Data.Audit;
using Rapport.Data.Security;

namespace Rapport.Cli.Commands;

/// <summary>`rapport admin …`: operations on the configured database.</summary>
internal static class AdminCommand
{
    public static Command Create() => new("admin", "Administer the configured database.")
    {
        VerifyAudit(),
        Tokens(),
        ResetPassword(),
        CreateUser(),
        RotateKeysCommand.Create(),
    };

    private static Command CreateUser()
    {
        var user = new Option<string>("--user") { Description = "User name.", Required = true };
        var password = new Option<string>("--password") { Description = "Password (the server's password rules apply).", Required = true };
        var role = new Option<string>("--role") { Description = "Admin, Manager, Sales, Service, Marketing, Analyst or ReadOnly.", Required = true };
        var name = new Option<string?>("--name") { Description = "Display name (default: the user name)." };
        var command = new Command("create-user", "Create a staff account with a password and a role.") { user, password, role, name };
        command.SetAction(async (parse, ct) => await WithWebServicesAsync(async services =>
        {
            var created = await Rapport.Web.Account.UserAccounts.CreateAsync(services, parse.GetValue(user)!, parse.GetValue(password)!, parse.GetValue(role)!, parse.GetValue(name));
            Console.WriteLine($"Created user {created.UserName} (id {created.Id}) with role {parse.GetValue(role)}.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>Runs with the web host's services (Identity's user manager and password rules, exactly as the server has them).</summary>
    private static async Task<int> WithWebServicesAsync(Func<IServiceProvider, Task<int>> work, CancellationToken ct)
    {
        await using var app = Rapport.Web.RapportWebApp.Build([]);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        try
        {
            return await work(scope.ServiceProvider);
        }
        catch (ArgumentException ex)
        {
            throw new CliInputException(ex.Message, ex);
        }
    }

    private static Command ResetPassword()
    {
        var user = new Option<string>("--user") { Description = "User name.", Required = true };
        var command = new Command("reset-password", "Give a user a new one-time password (changed at next sign-in); turns two-step sign-in off, clears lockout and signs out their sessions.") { user };
        command.SetAction(async (parse, ct) => await WithWebServicesAsync(async services =>
        {
            var password = await Rapport.Web.Account.PasswordReset.ResetAsync(services, parse.GetValue(user)!);
            Console.WriteLine($"One-time password for {parse.GetValue(user)} (must be changed at the next sign-in): {password}");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Tokens()
    {
        var user = new Option<string>("--user") { Description = "Owner of the token (user name).", Required = true };
        var scopes = new Option<string>("--scopes") { Description = "Permissions, comma-separated (e.g. customers.read,analytics.run); at most what the owner holds.", Required = true };
        var days = new Option<int>("--days") { Description = "Lifetime in days (1–366).", DefaultValueFactory = _ => 90 };
        var name = new Option<string>("--name") { Description = "What the token is for.", DefaultValueFactory = _ => "api" };
        var create = new Command("create", "Create an API token; it is printed once and only its hash is kept.") { user, scopes, days, name };
        create.SetAction(async (parse, ct) => await WithTokensAsync(async tokens =>
        {
            var list = parse.GetValue(scopes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var (token, record) = await tokens.CreateAsync(parse.GetValue(user)!, parse.GetValue(name)!, list, TimeSpan.FromDays(parse.GetValue(days)), DateTime.UtcNow, ct);
            Console.WriteLine($"Token {record.Id} for {parse.GetValue(user)} ({record.Scopes}), expires {record.ExpiresAt:yyyy-MM-dd HH:mm} UTC:");
            Console.WriteLine(token);
            Console.WriteLine("Keep it now: it cannot be shown again.");
            return ExitCodes.Ok;
        }, ct));

        var id = new Option<long>("--id") { Description = "Token id (see list).", Required = true };
        var revoke = new Command("revoke", "Revoke an API token at once.") { id };
        revoke.SetAction(async (parse, ct) => await WithTokensAsync(async tokens =>
        {
            if (!await tokens.RevokeAsync(parse.GetValue(id), DateTime.UtcNow, ct))
                throw new CliInputException($"No live token with id {parse.GetValue(id)}.");
            Console.WriteLine($"Token {parse.GetValue(id)} revoked.");
            return ExitCodes.Ok;
        }, ct));

        var list = new Command("list", "List API tokens (never the tokens themselves).");
        list.SetAction(async (_, ct) => await WithTokensAsync(async tokens =>
        {
            foreach (var t in await tokens.ListAsync(ct))
                Console.WriteLine($"{t.Id}\t{t.Prefix}…\tuser {t.UserId}\t{t.Name}\t{t.Scopes}\texpires {t.ExpiresAt:yyyy-MM-dd}" + (t.RevokedAt is { } r ? $"\trevoked {r:yyyy-MM-dd}" : ""));
            return ExitCodes.Ok;
        }, ct));

        return new Command("token", "API tokens: create, list, revoke.") { create, list, revoke };
    }

    private static Task<int> WithTokensAsync(Func<ApiTokenService, Task<int>> work, CancellationToken ct) =>
        CliDatabase.RunAsync(work, ct, ex => ex is ArgumentException);

    private static Command VerifyAudit()
    {
        var command = new Command("verify-audit", "Recompute the audit log's hash chain; exit code 2 and the broken entries when anything was edited or deleted.");
        command.SetAction(async (_, ct) => await CliDatabase.RunAsync<AuditVerifier>(async verifier =>
        {
            var result = await verifier.VerifyAsync(ct);
            if (result.IsIntact)
            {
                Console.WriteLine($"Audit log intact: {result.EntriesChecked:N0} entries, every hash and link checked.");
                return ExitCodes.Ok;
            }
            Console.Error.WriteLine($"Audit log BROKEN: {result.Problems.Count:N0} problem(s) in {result.EntriesChecked:N0} entries.");
            foreach (var problem in result.Problems)
                Console.Error.WriteLine($"  entry {problem.Sequence}" + (problem.AuditId is { } id ? $" (id {id})" : "") + $": {problem.Problem}");
            return ExitCodes.Failure;
        }, ct));
        return command;
    }
}
