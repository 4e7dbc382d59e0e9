using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Web.Account;

namespace Rapport.Web.Tests;

[Collection(RapportAppCollection.Name)]
public sealed class StartupTests(RapportAppFixture app)
{
    [Fact]
    public async Task First_start_loads_the_demo_and_creates_an_admin_with_a_one_time_password()
    {
        Assert.True(app.Startup.DemoLoaded);
        Assert.True(app.Startup.DemoRows > RapportAppFixture.DemoCustomers, $"only {app.Startup.DemoRows} rows");
        Assert.Equal("admin", app.Startup.AdminUserName);
        Assert.NotNull(app.Startup.AdminOneTimePassword);

        Assert.Equal(RapportAppFixture.DemoCustomers, await app.QueryAsync(db => db.Customers.CountAsync()));
        Assert.True(await app.QueryAsync(db => db.Orders.AnyAsync()));

        await using var scope = app.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var admin = Assert.Single(await users.GetUsersInRoleAsync(Roles.Admin));
        Assert.Equal("admin", admin.UserName);
        Assert.True(admin.LockoutEnabled);
        // The one-time password is not stored, only its hash.
        Assert.NotEqual(app.Startup.AdminOneTimePassword, admin.PasswordHash);

        // The demo's staff get their roles, and cannot sign in (no password).
        var sales = await users.GetUsersInRoleAsync(Roles.Sales);
        Assert.NotEmpty(sales);
        Assert.All(sales, u => Assert.Null(u.PasswordHash));
    }

    [Fact]
    public async Task A_second_start_changes_nothing_and_prints_no_password()
    {
        var rows = await app.QueryAsync(db => db.Customers.CountAsync());
        var userRoles = await app.QueryAsync(db => db.UserRoles.CountAsync());

        var again = await RapportWebApp.InitializeAsync(app.App, new DemoSetup(Customers: 50));

        Assert.Equal(new StartupReport(false, 0, null, null), again);
        Assert.Equal(rows, await app.QueryAsync(db => db.Customers.CountAsync()));
        Assert.Equal(userRoles, await app.QueryAsync(db => db.UserRoles.CountAsync()));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User { UserName = "lockout-test", DisplayName = "Lockout Test", CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, "Correct-Horse-9")).Succeeded);
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();

        var outcomes = new List<SignInStatus>();
        for (var i = 0; i < 5; i++) outcomes.Add((await accounts.SignInAsync("lockout-test", "wrong-password", persistent: false)).Status);

        Assert.Equal([SignInStatus.Failed, SignInStatus.Failed, SignInStatus.Failed, SignInStatus.Failed, SignInStatus.LockedOut], outcomes);
        // Locked: even the right password is refused now.
        Assert.Equal(SignInStatus.LockedOut, (await accounts.SignInAsync("lockout-test", "Correct-Horse-9", persistent: false)).Status);
    }
}
