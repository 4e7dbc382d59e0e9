using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Rapport.Core.Domain;
using Rapport.Core.Security;
using Rapport.Data;

namespace Rapport.Web.Account;

internal static class IdentitySetup
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string ChangePasswordPath = "/account/change-password";
    public const string AccessDeniedPath = "/account/access-denied";
    public const string LockoutPath = "/account/lockout";

    /// <summary>Staff accounts in the Rapport database, signed in with a cookie; everything requires a signed-in user.</summary>
    public static IServiceCollection AddRapportIdentity(this IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "rapport.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = LoginPath;
            options.LogoutPath = LogoutPath;
            options.AccessDeniedPath = AccessDeniedPath;
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            options.SlidingExpiration = true;
        });

        services.AddIdentityCore<User>(options =>
            {
                options.User.RequireUniqueEmail = false;
                options.SignIn.RequireConfirmedAccount = false;
                options.Password.RequiredLength = PasswordPolicy.MinimumLength;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<Role>()
            .AddEntityFrameworkStores<RapportDb>()
            .AddUserStore<RecoveryCodeHashingUserStore>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<RapportClaimsPrincipalFactory>();
        services.AddScoped<LocalizedIdentityErrorDescriber>();
        services.AddScoped<IdentityErrorDescriber>(sp => sp.GetRequiredService<LocalizedIdentityErrorDescriber>());

        // One policy per permission (named as the permission): the roles that grant it, from the matrix. The
        // fallback still demands a signed-in user for anything that forgot to declare, but the endpoint test forbids that.
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var permission in Permissions.All)
        {
            // Granted by a role that holds it (signed-in staff) or by the permission claim of an API token.
            var roles = RolePermissions.RolesWith(permission);
            authorization.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
                permission == Permissions.OwnAccount
                || context.User.HasClaim(ApiTokenAuthentication.PermissionClaim, permission)
                || roles.Any(context.User.IsInRole)));
        }

        services.AddScoped<AccountService>();
        services.AddScoped<IdentityRedirectManager>();
        return services;
    }
}

/// <summary>The password rules, in one place for Identity's options and the text that explains them.</summary>
internal static class PasswordPolicy
{
    public const int MinimumLength = 10;
}
