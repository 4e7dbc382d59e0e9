using Microsoft.Extensions.Options;

namespace Rapport.Web.Features.Marketing;

/// <summary>Registers the marketing module: campaigns, results, budget, the outbox sender and its channel (file drop or SMTP by configuration).</summary>
public static class MarketingSetup
{
    public static IServiceCollection AddMarketing(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MarketingOptions>(configuration.GetSection(MarketingOptions.Section));
        services.AddScoped<CampaignService>();
        services.AddScoped<CampaignResultsService>();
        services.AddScoped<CampaignBudget>();
        services.AddSingleton<FileDropChannel>();
        services.AddSingleton<SmtpChannel>();
        services.AddSingleton<IMessageChannel>(sp => string.Equals(sp.GetRequiredService<IOptions<MarketingOptions>>().Value.Channel, "Smtp", StringComparison.OrdinalIgnoreCase)
            ? sp.GetRequiredService<SmtpChannel>() : sp.GetRequiredService<FileDropChannel>());
        services.AddSingleton<OutboxSender>();
        services.AddHostedService<OutboxService>();
        return services;
    }
}
