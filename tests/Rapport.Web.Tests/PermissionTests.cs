using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Core.Security;
using Xunit.Abstractions;

namespace Rapport.Web.Tests;

/// <summary>Deny by default: every endpoint declares a permission or is explicitly public, and the matrix holds.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class PermissionTests(RapportAppFixture app, ITestOutputHelper output)
{
    /// <summary>
    /// The framework's own plumbing, not pages or API: Blazor's circuit hub (it carries the user of an authorised page),
    /// its SSR redirect helper, and the static-file fallback. The fallback policy (signed-in user) still covers them.
    /// </summary>
    private static bool IsFrameworkPlumbing(RouteEndpoint endpoint)
    {
        var route = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
        return route.StartsWith("_blazor", StringComparison.Ordinal) || route.StartsWith("_framework/", StringComparison.Ordinal) || route == "{**path:file}";
    }

    [Fact]
    public void Every_endpoint_declares_a_permission_or_is_explicitly_public()
    {
        var endpoints = app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var undeclared = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var name = $"{endpoint.RoutePattern.RawText} ({endpoint.DisplayName})";
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) continue;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            if (policies.Count > 0 && policies.All(p => p is not null && Permissions.All.Contains(p))) continue;
            if (IsFrameworkPlumbing(endpoint)) continue;
            undeclared.Add(name + (policies.Count > 0 ? " has [Authorize] without a known permission" : " declares nothing"));
        }
        output.WriteLine($"{endpoints.Count} endpoints checked");
        Assert.True(undeclared.Count == 0, "Endpoints without a permission:\n" + string.Join("\n", undeclared));
        Assert.True(endpoints.Count > 10);
    }

    [Theory]
    [InlineData(Roles.Admin, Permissions.UsersManage, true)]
    [InlineData(Roles.Manager, Permissions.UsersManage, false)]
    [InlineData(Roles.Sales, Permissions.PersonalDataRead, true)]
    [InlineData(Roles.Sales, Permissions.MarketingManage, false)]
    [InlineData(Roles.Analyst, Permissions.DashboardView, true)]
    [InlineData(Roles.Analyst, Permissions.CustomersRead, false)]
    [InlineData(Roles.Analyst, Permissions.InsightsRefresh, true)]
    [InlineData(Roles.Manager, Permissions.InsightsRefresh, true)]
    [InlineData(Roles.Sales, Permissions.InsightsRefresh, false)]
    [InlineData(Roles.Analyst, Permissions.PersonalDataRead, false)]
    [InlineData(Roles.ReadOnly, Permissions.CustomersWrite, false)]
    [InlineData(Roles.Marketing, Permissions.PersonalDataRead, false)]
    [InlineData("", Permissions.DashboardView, false)]
    [InlineData("", Permissions.OwnAccount, true)]
    public async Task The_policies_follow_the_matrix(string role, string permission, bool allowed)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone")], "test");
        if (role.Length > 0) identity.AddClaim(new Claim(ClaimTypes.Role, role));
        await using var scope = app.App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(new ClaimsPrincipal(identity), null, permission);
        Assert.Equal(allowed, result.Succeeded);
        Assert.Equal(allowed, role.Length == 0 ? permission == Permissions.OwnAccount : RolePermissions.Grants(role, permission));
    }

    [Fact]
    public void Every_permission_is_granted_to_admin_and_the_matrix_denies_by_default()
    {
        Assert.All(Permissions.All, p => Assert.True(RolePermissions.Grants(Roles.Admin, p)));
        Assert.False(RolePermissions.Grants("Intern", Permissions.DashboardView));
        Assert.Equal([Roles.Admin], RolePermissions.RolesWith(Permissions.UsersManage));
    }
}
