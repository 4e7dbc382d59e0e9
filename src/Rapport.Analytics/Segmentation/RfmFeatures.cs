using Rapport.Analytics.Rfm;

namespace Rapport.Analytics.Segmentation;

/// <summary>The loyalty features segmentation clusters on, taken from the RFM figures (original units).</summary>
public static class RfmFeatures
{
    /// <summary>Fewest customers with purchases that a segmentation is run on.</summary>
    public const int MinimumCustomers = 10;

    /// <summary>
    /// Recency, frequency, spend, order value and purchase rate. Purchase rate (orders per 30 days) separates
    /// customer types far better than raw frequency, which mostly measures how long someone has been a customer.
    /// </summary>
    public static readonly string[] Names = ["recency_days", "frequency", "monetary", "avg_order_value", "purchase_frequency"];

    public static FeatureMatrix From(IReadOnlyList<RfmCustomer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
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

    /// <summary>
    /// Segments the customers of an RFM result on these features (what <c>rapport analyze segments</c> and the
    /// insights refresh both run): profiles named by <see cref="SegmentProfiler"/>, revenue = monetary.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than <see cref="MinimumCustomers"/> customers, or bad options.</exception>
    public static SegmentationResult Segment(IReadOnlyList<RfmCustomer> customers, SegmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (customers.Count < MinimumCustomers)
            throw new ArgumentException($"only {customers.Count} customers with purchases: segmentation needs at least {MinimumCustomers}.");
        var revenue = customers.Select(c => c.Monetary).ToArray();
        return Segmenter.Run(From(customers), customers.Select(c => c.Customer).ToList(), revenue, options);
    }
}
