namespace Rapport.Web.Features.Automation;

/// <summary>Registers automation: rules, the worker (dispatch, runs, scanners), webhooks and notifications.</summary>
public static class AutomationSetup
{
    public static IServiceCollection AddAutomation(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new AutomationOptions();
        configuration.GetSection(AutomationOptions.Section).Bind(options);
        services.AddSingleton(options);
        // No redirects: a webhook target could otherwise bounce the request to somewhere it was never allowed to go.
        services.AddHttpClient(WebhookSender.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<RuleActionRunner>();
        services.AddSingleton<AutomationDispatcher>();
        services.AddSingleton<AutomationRunExecutor>();
        services.AddSingleton<WebhookDeliverer>();
        services.AddSingleton<AutomationScanners>();
        services.AddSingleton<AutomationRuleStore>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<NotificationInbox>();
        services.AddSingleton<AutomationChoices>();
        services.AddSingleton<AutomationWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AutomationWorker>());
        return services;
    }
}
