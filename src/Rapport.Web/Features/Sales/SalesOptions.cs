using Rapport.Core.Sales;

namespace Rapport.Web.Features.Sales;

/// <summary>Settings under Rapport:Sales.</summary>
public sealed class SalesOptions
{
    /// <summary>An open deal with no stage change and no activity for this many days is flagged stale.</summary>
    public int StaleDays { get; set; } = StaleDeals.DefaultDays;
    /// <summary>The win-scoring model is retrained this often (hours) in the background; 0 turns the schedule off.</summary>
    public double RetrainHours { get; set; } = 6;
}
