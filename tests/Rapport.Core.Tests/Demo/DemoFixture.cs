using Rapport.Core.Demo;
using Rapport.Core.Domain;

namespace Rapport.Core.Tests.Demo;

/// <summary>One demo data set shared by the tests (generated once per test run), with a few lookups.</summary>
internal static class DemoFixture
{
    public static readonly DemoOptions Options = new() { Customers = 4000, Seed = 11 };

    private static readonly Lazy<DemoDataSet> Lazy = new(() => DemoGenerator.Generate(Options));
    private static readonly Lazy<Lookups> LazyLookups = new(() => new Lookups(Lazy.Value));

    public static DemoDataSet Data => Lazy.Value;
    public static Lookups Index => LazyLookups.Value;

    internal sealed class Lookups(DemoDataSet data)
    {
        public Dictionary<long, Order> Orders { get; } = data.Orders.ToDictionary(o => o.Id);
        public ILookup<long, OrderLine> LinesByOrder { get; } = data.OrderLines.ToLookup(l => l.OrderId);
        public ILookup<long, Order> OrdersByCustomer { get; } = data.Orders.ToLookup(o => o.CustomerId);
        public Dictionary<long, DemoCustomerTruth> Truth { get; } = data.Truth.Customers.ToDictionary(c => c.Id);

        /// <summary>Orders of the buy-till-you-die process: not cancelled, not caused by a campaign.</summary>
        public static bool IsPurchase(Order o) => o.Status != OrderStatus.Cancelled && o.CampaignId is null;
    }
}
