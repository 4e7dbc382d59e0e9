using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using Rapport.Core.Auditing;
using Rapport.Data;
using Rapport.Web.Account;
using Rapport.Web.Api;
using Rapport.Web.Bootstrap;
using Rapport.Web.Components;
using Rapport.Web.Features.Automation;
using Rapport.Web.Features.Dashboard;
using Rapport.Web.Features.Insights;
using Rapport.Web.Features.Marketing;
using Rapport.Web.Features.Sales;
using Rapport.Web.Features.Service;
using Rapport.Web.Hosting;
using Rapport.Web.Localization;

namespace Rapport.Web;

/// <summary>
/// The Rapport web host: Blazor UI (interactive server), sign-in, <c>/health</c>.
/// Used by <c>Program</c> of this project and by the <c>rapport serve</c> command.
/// </summary>
public static class RapportWebApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// Builds the app. <paramref name="configure"/> runs right after the builder is created and before Rapport
    /// registers its services, so configuration it adds (database, URLs …) is what they see; services that Rapport
    /// registers with TryAdd (<see cref="TimeProvider"/>, <see cref="IAuditActorAccessor"/>) can be replaced there.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var assets = StaticAssetsHosting.Locate();
        var builder = WebApplication.CreateBuilder(assets.ApplyTo(new WebApplicationOptions { Args = args }));
        BuiltInDefaults.AddTo(builder.Configuration);
        configure?.Invoke(builder);
        assets.Configure(builder);
        if (!ListenAddressConfigured(builder.Configuration)) builder.WebHost.UseUrls(DefaultUrl);

        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.TryAddSingleton<IAuditActorAccessor, WebAuditActorAccessor>();
        services.AddRapportData(builder.Configuration);

        // Data Protection (keys in the database) is registered by AddRapportData: field encryption needs it in the CLI too.

        services.AddRapportIdentity();
        services.AddSignInRateLimit(builder.Configuration);
        services.AddRapportLocalization();

        services.AddHealthChecks()
            .AddDbContextCheck<RapportDb>("database", customTestQuery: HealthEndpoints.DatabaseAnswersAsync);

        // Write 中文 as characters, not as &#x...; entities (the default encoder only passes ASCII).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<CircuitHandler, AuditActorCircuitHandler>();
        services.AddMudServices();
        // RFC 9457 problem details for API errors (bad JSON, 404, 401 …) instead of empty bodies or HTML pages.
        services.AddProblemDetails();
        services.AddApiBadRequestDetails();
        services.AddRapportOpenApi();

        services.AddScoped<DashboardService>();
        services.AddScoped<Features.Dashboard.DashboardChartService>();
        services.AddScoped<Features.Dashboard.CustomerActivityService>();
        services.AddScoped<Features.Common.RecordScopes>();
        services.AddScoped<Features.Common.Teams>();
        services.AddScoped<Features.Customers.CustomerSearch>();
        services.AddScoped<Features.Segments.SegmentCatalog>();
        services.AddScoped<Features.Customers.SavedViews>();
        services.AddScoped<Features.Customers.CustomerProfiles>();
        services.AddScoped<Features.Customers.CustomerEditor>();
        services.AddScoped<Features.Customers.InteractionLog>();
        services.AddScoped<Features.Customers.ContactPointBook>();
        services.AddScoped<Features.Customers.ConsentLedger>();
        services.AddScoped<Features.Companies.CompanyService>();
        services.AddScoped<Features.Products.ProductService>();
        services.AddScoped<Features.Orders.OrderService>();
        services.AddSingleton<InsightsRunner>();
        services.AddScoped<Features.Insights.PseudonymousInsightsExport>();
        services.AddHostedService<NightlyInsightsService>();
        services.AddSales(builder.Configuration);
        services.AddServiceDesk(builder.Configuration);
        services.AddMarketing(builder.Configuration);
        services.AddAutomation(builder.Configuration);

        var app = builder.Build();

        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error", CreateScopeForErrors = true, StatusCodeSelector = ApiBadRequests.StatusOf,
            });
            app.UseHsts(); // sent on HTTPS responses only
        }
        // Browsers get the translated not-found page; API clients get problem details.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseStatusCodePages();
            api.UseApiBadRequestDetails();
        });
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<PasswordChangeGate>();
        app.UseRapportApiPage();
        app.UseAntiforgery();

        assets.Map(app);
        app.MapRapportHealth();
        app.MapCultureEndpoints();
        app.MapAccountEndpoints();
        app.MapRapportApi();
        app.MapRapportApiDocs();
        app.MapImportDownloads();
        app.MapFaqEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>
    /// Brings the database to the current schema (creating it on first run), loads demo data into an empty
    /// database when <paramref name="demo"/> is given, and creates the administrator account when none exists.
    /// The returned one-time password is not stored anywhere: print it once.
    /// </summary>
    public static Task<StartupReport> InitializeAsync(WebApplication app, DemoSetup? demo, CancellationToken ct = default)
        => StartupTasks.RunAsync(app.Services, demo, ct);

    /// <summary>True when --urls, ASPNETCORE_URLS/DOTNET_URLS, *_HTTP(S)_PORTS or Kestrel endpoints say where to listen.</summary>
    internal static bool ListenAddressConfigured(IConfiguration configuration)
        => !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
           || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
           || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
           || configuration.GetSection("Kestrel:Endpoints").Exists();
}

/// <summary>Asks <see cref="RapportWebApp.InitializeAsync"/> to load generated demo data into an empty database.</summary>
public sealed record DemoSetup(int Customers = 2000, int Seed = 42);

/// <summary>What start-up did. <see cref="AdminOneTimePassword"/> is set only when the admin account was just created.</summary>
public sealed record StartupReport(bool DemoLoaded, long DemoRows, string? AdminUserName, string? AdminOneTimePassword);
