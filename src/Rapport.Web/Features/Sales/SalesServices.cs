namespace Rapport.Web.Features.Sales;

/// <summary>Registers the sales module: deals, the board, scoring (one cached model per process, retrained on a schedule), forecast, tasks.</summary>
internal static class SalesServices
{
    public static IServiceCollection AddSales(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new SalesOptions();
        configuration.GetSection("Rapport:Sales").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<DealScoring>();
        services.AddHostedService<DealScoringSchedule>();
        services.AddScoped<DealService>();
        services.AddScoped<DealEditor>();
        services.AddScoped<SalesForecastService>();
        services.AddScoped<SalesTaskService>();
        services.AddScoped<PipelineAdmin>();
        return services;
    }
}
