using Microsoft.AspNetCore.Identity;
using Rapport.Core.Domain;

namespace Rapport.Web.Account;

/// <summary>Creating staff accounts from the command line (`rapport admin create-user`) under the server's password rules.</summary>
public static class UserAccounts
{
    /// <summary>Creates the user with the given password (checked against the password policy) and role, in one transaction.</summary>
    /// <exception cref="ArgumentException">Unknown role, user name taken, or a password the policy refuses.</exception>
    public static async Task<User> CreateAsync(IServiceProvider services, string userName, string password, string role, string? displayName = null)
    {
        var known = Roles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArgumentException($"Unknown role '{role}' (roles: {string.Join(", ", Roles.All)}).");
        var users = services.GetRequiredService<UserManager<User>>();
        if (await users.FindByNameAsync(userName) is not null) throw new ArgumentException($"A user '{userName}' already exists.");
        var db = services.GetRequiredService<Data.RapportDb>();
        var user = new User
        {
            UserName = userName, DisplayName = displayName ?? userName, Culture = "en",
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        await using var transaction = await db.Database.BeginTransactionAsync();
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, known));
        await transaction.CommitAsync();
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new ArgumentException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
