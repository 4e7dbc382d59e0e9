using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Bootstrap;

/// <summary>The first administrator: created when no user has the Admin role, with a one-time password.</summary>
internal static class AdminAccount
{
    public const string DefaultUserName = "admin";

    public sealed record Created(string UserName, string OneTimePassword);

    public static async Task<Created?> EnsureAsync(IServiceProvider services, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<User>>();
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0) return null;

        var db = services.GetRequiredService<RapportDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        // "admin" may exist without the role (made by hand); never take over someone's account.
        var userName = DefaultUserName;
        while (await users.FindByNameAsync(userName) is not null)
            userName = $"{DefaultUserName}-{RandomNumberGenerator.GetHexString(4, lowercase: true)}";

        var password = OneTimePassword.Create();
        var user = new User
        {
            UserName = userName,
            DisplayName = "Administrator",
            Culture = "en",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            MustChangePassword = true,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Check(await users.CreateAsync(user, password), "create the administrator account");
        Check(await users.AddToRoleAsync(user, Roles.Admin), "give the administrator account the Admin role");
        await transaction.CommitAsync(ct);
        return new Created(userName, password);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}

/// <summary>Random passwords that meet the password policy and are easy to copy (no 0/O, 1/l/I).</summary>
internal static class OneTimePassword
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "!#%*+-=?@_";
    private const string All = Upper + Lower + Digits + Symbols;

    public const int Length = 16;

    public static string Create()
    {
        // One of each class, the rest from all of them, then shuffled: about 95 bits of entropy.
        var chars = new List<char>
        {
            RandomNumberGenerator.GetItems<char>(Upper, 1)[0],
            RandomNumberGenerator.GetItems<char>(Lower, 1)[0],
            RandomNumberGenerator.GetItems<char>(Digits, 1)[0],
            RandomNumberGenerator.GetItems<char>(Symbols, 1)[0],
        };
        chars.AddRange(RandomNumberGenerator.GetItems<char>(All, Length - chars.Count));
        var array = chars.ToArray();
        RandomNumberGenerator.Shuffle<char>(array);
        return new string(array);
    }
}
