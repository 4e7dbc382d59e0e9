namespace Rapport.Web.Features.Service;

/// <summary>
/// Registers the service desk: options, the cached models and index (singletons, trained or built on first use, so
/// an app that never touches the desk pays nothing), the use cases and the drop folder.
/// </summary>
public static class ServiceDeskSetup
{
    public static IServiceCollection AddServiceDesk(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ServiceDeskOptions>(configuration.GetSection(ServiceDeskOptions.Section));
        services.AddSingleton<IntentModelCache>();
        services.AddSingleton<SentimentModelCache>();
        services.AddSingleton<KnowledgeIndex>();
        services.AddScoped<TicketDesk>();
        services.AddScoped<KnowledgeBase>();
        services.AddScoped<SatisfactionReport>();
        services.AddScoped<EmailTicketImporter>();
        services.AddHostedService<EmailDropFolderService>();
        return services;
    }
}
