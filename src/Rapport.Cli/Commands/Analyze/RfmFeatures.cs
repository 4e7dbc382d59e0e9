using Rapport.Analytics.Rfm;
using Rapport.Analytics.Segmentation;

namespace Rapport.Cli.Commands.Analyze;

/// <summary>The loyalty features segmentation clusters on, taken from the RFM figures (original units).</summary>
internal static class RfmFeatures
{
    /// <summary>
    /// Recency, frequency, spend, order value and purchase rate. Purchase rate (orders per 30 days) separates
    /// customer types far better than raw frequency, which mostly measures how long someone has been a customer.
    /// </summary>
    public static readonly string[] Names = ["recency_days", "frequency", "monetary", "avg_order_value", "purchase_frequency"];

    public static FeatureMatrix From(IReadOnlyList<RfmCustomer> customers)
    {
        var columns = Names.Select(_ => new double[customers.Count]).ToArray();
        for (var i = 0; i < customers.Count; i++)
        {
            var c = customers[i];
            columns[0][i] = c.RecencyDays;
            columns[1][i] = c.Frequency;
            columns[2][i] = c.Monetary;
            columns[3][i] = c.AvgOrderValue;
            columns[4][i] = c.PurchaseFrequency;
        }
        return FeatureMatrix.FromColumns(Names, columns);
    }
}
