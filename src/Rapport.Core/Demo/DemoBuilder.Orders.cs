using System.Globalization;
using Rapport.Core.Domain;

namespace Rapport.Core.Demo;

internal sealed partial class DemoBuilder
{
    /// <summary>
    /// Buy-till-you-die (BG/NBD): the first purchase is the acquisition; while alive, purchases follow a Poisson process
    /// with rate λ·seasonality(t) (thinning); after each repeat purchase the customer drops out for good with probability p.
    /// </summary>
    private void SimulatePurchases()
    {
        // Customers are independent (each has its own random streams), so they are simulated in parallel; the
        // result does not depend on the scheduling.
        Parallel.For(0, _profiles.Length, i => SimulatePurchases(_profiles[i]));
    }

    private void SimulatePurchases(CustomerProfile c)
    {
        var maxIntensity = _cal.MaxIntensity;
        var rng = DemoRandom.For(_seed, "purchases", c.Index);
        var times = new List<double> { c.AcquiredAt };
        var rate = c.Lambda * maxIntensity;
        var t = c.AcquiredAt;
        while (true)
        {
            t += rng.Exponential(rate);
            if (t >= _cal.Days) break;
            if (rng.NextDouble() * maxIntensity >= _cal.Intensity(t)) continue;
            times.Add(t);
            if (rng.Chance(c.P))
            {
                c.DropoutAt = t;
                break;
            }
        }
        c.Purchases = [.. times];

        var firstOrder = c.AcquiredAt;
        for (var j = 0; j < times.Count; j++)
        {
            var at = times[j];
            if (rng.Chance(CancelledReorderProbability))
            {
                // Cancelled first attempt (payment trouble, wrong size …) shortly before the real purchase: extra noise
                // outside the purchase process, so analytics must filter cancelled orders.
                var lower = j == 0 ? 0.0 : times[j - 1] + 1.0 / 1440;
                var cancelledAt = Math.Max(lower, at - rng.Exponential(1.0 / 0.2));
                if (cancelledAt <= at - 1.0 / 1440)
                {
                    NewOrder(c, cancelledAt, null, cancelled: true, rng);
                    firstOrder = Math.Min(firstOrder, cancelledAt);
                }
            }
            NewOrder(c, at, null, cancelled: false, rng);
        }

        var created = _cal.ToInstant(firstOrder).AddMinutes(-rng.Next(1, 21));
        c.Customer.CreatedAt = created < _cal.Start ? _cal.Start : created;
    }

    /// <summary>An order of the customer at <paramref name="t"/> with a fresh basket (kept in the order's own line list until the ids are assigned).</summary>
    private Order NewOrder(CustomerProfile c, double t, long? campaignId, bool cancelled, DemoRandom rng)
    {
        var order = new Order
        {
            CustomerId = c.Id,
            OrderedAt = _cal.ToInstant(t),
            Channel = campaignId is not null ? SalesChannel.Online : rng.Chance(0.8) ? c.MainChannel : (SalesChannel)rng.Next(4),
            Currency = "EUR",
            CampaignId = campaignId,
        };
        var lines = order.Lines;
        Basket(c, t, cancelled, rng, lines);
        order.Status = cancelled ? OrderStatus.Cancelled : OrderStatusFor(t, lines, c.Spec.ReturnFactor, rng);
        decimal total = 0;
        foreach (var line in lines) total += line.Quantity * line.UnitPrice - line.Discount;
        order.TotalAmount = total;
        c.Orders.Add(order);
        return order;
    }

    /// <summary>Fulfilment state by age at the end of the window; older orders may have been returned (fashion more often,
    /// scaled by the segment's return habit).</summary>
    private OrderStatus OrderStatusFor(double t, List<OrderLine> lines, double returnFactor, DemoRandom rng)
    {
        var age = _cal.Days - t;
        if (age < 0.5) return rng.Chance(0.5) ? OrderStatus.Placed : OrderStatus.Paid;
        if (age < 3) return rng.Chance(0.4) ? OrderStatus.Paid : OrderStatus.Shipped;
        if (age < 7) return rng.Chance(0.7) ? OrderStatus.Shipped : OrderStatus.Completed;
        if (age < 14) return OrderStatus.Completed;

        var fashion = false;
        foreach (var line in lines)
            if (_catalogue.Items[(int)line.ProductId - 1].Category == FashionCategory) fashion = true;
        var returned = (fashion ? 0.05 : 0.02) * returnFactor;
        var partial = (fashion ? 0.08 : 0.03) * returnFactor;
        var u = rng.NextDouble();
        if (u < returned)
        {
            foreach (var line in lines) line.ReturnedQuantity = line.Quantity;
            return OrderStatus.Returned;
        }
        if (u < returned + partial && (lines.Count > 1 || lines[0].Quantity > 1))
        {
            var line = lines[rng.Next(lines.Count)];
            line.ReturnedQuantity = lines.Count == 1 ? rng.Next(1, line.Quantity) : rng.Next(1, line.Quantity + 1);
            return OrderStatus.PartiallyReturned;
        }
        return OrderStatus.Completed;
    }

    private const int FashionCategory = 3;

    /// <summary>
    /// One basket: 1–5 base lines (segment distribution), each from a category drawn by the customer's preferences ×
    /// the category's month factor and a product near the customer's price tier, or — for a repeat buyer — one of the
    /// products the customer bought before (a multi-unit product at twice the
    /// quantity when the customer stocks up); then the planted bundles fire. A product drawn twice adds to the quantity
    /// of its line.
    /// </summary>
    private void Basket(CustomerProfile c, double t, bool cancelled, DemoRandom rng, List<OrderLine> lines)
    {
        var spec = c.Spec;
        var month = _cal.Month(t);
        Span<double> weights = stackalloc double[c.CategoryWeights.Length];
        for (var k = 0; k < weights.Length; k++) weights[k] = c.CategoryWeights[k] * _catalogue.CategoryMonth[k][month];

        var count = 1 + rng.PickWeighted(spec.LinesDistribution);
        for (var i = 0; i < count; i++)
        {
            int item;
            if (c.Staples.Count > 0 && spec.RepeatProbability > 0 && rng.Chance(spec.RepeatProbability))
            {
                item = c.Staples[rng.Next(c.Staples.Count)];
            }
            else
            {
                item = _catalogue.PickProduct(rng.PickWeighted(weights), c.Bin, rng);
                if (!cancelled && !c.Staples.Contains(item)) c.Staples.Add(item);
            }
            var quantity = _catalogue.PickQuantity(item, rng);
            if (spec.StockUpProbability > 0 && _catalogue.Items[item].MultiUnit && rng.Chance(spec.StockUpProbability)) quantity *= 2;
            var price = _catalogue.Items[item].Product.Price;
            var discount = rng.Chance(spec.DiscountProbability)
                ? Math.Round(quantity * price * DemoCatalogueSpec.DiscountRates[rng.Next(DemoCatalogueSpec.DiscountRates.Length)], 2)
                : 0m;
            AddOrMerge(lines, c.Id, item, quantity, price, discount);
        }

        var baseLines = lines.Count;
        for (var i = 0; i < baseLines; i++)
        {
            var item = _catalogue.Items[(int)lines[i].ProductId - 1];
            if (item.BundleIndex < 0) continue;
            var bundle = _catalogue.Bundles[item.BundleIndex];
            if (!rng.Chance(bundle.Probability)) continue;
            var newLines = 0;
            foreach (var addOn in bundle.AddOns)
                if (IndexOf(lines, addOn + 1) < 0) newLines++;
            if (lines.Count + newLines > MaxLines) continue;
            foreach (var addOn in bundle.AddOns)
            {
                var price = _catalogue.Items[addOn].Product.Price;
                AddOrMerge(lines, c.Id, addOn, 1, price, Math.Round(price * DemoCatalogueSpec.BundleDiscount, 2));
            }
        }
    }

    private static int IndexOf(List<OrderLine> lines, long productId)
    {
        for (var i = 0; i < lines.Count; i++)
            if (lines[i].ProductId == productId) return i;
        return -1;
    }

    private static void AddOrMerge(List<OrderLine> lines, long customerId, int item, int quantity, decimal price, decimal discount)
    {
        var productId = item + 1;
        var existing = IndexOf(lines, productId);
        if (existing >= 0)
        {
            lines[existing].Quantity += quantity;
            lines[existing].Discount += discount;
            return;
        }
        lines.Add(new OrderLine
        {
            CustomerId = customerId,
            ProductId = productId,
            LineNumber = lines.Count + 1,
            Quantity = quantity,
            UnitPrice = price,
            Discount = discount,
        });
    }

    private readonly record struct OrderKey(long Ticks, long CustomerId, int Sequence) : IComparable<OrderKey>
    {
        public int CompareTo(OrderKey other)
        {
            var c = Ticks.CompareTo(other.Ticks);
            if (c != 0) return c;
            c = CustomerId.CompareTo(other.CustomerId);
            return c != 0 ? c : Sequence.CompareTo(other.Sequence);
        }
    }

    /// <summary>Orders get ids in time order (like an auto-increment key), then their lines.</summary>
    private void FinaliseOrders()
    {
        var orders = _profiles.SelectMany(c => c.Orders).ToArray();
        var keys = new OrderKey[orders.Length];
        for (var i = 0; i < orders.Length; i++) keys[i] = new OrderKey(orders[i].OrderedAt.Ticks, orders[i].CustomerId, i);
        Array.Sort(keys, orders);

        _data.Orders.Capacity = orders.Length;
        long lineId = 0;
        for (var i = 0; i < orders.Length; i++)
        {
            var order = orders[i];
            order.Id = i + 1;
            order.OrderNumber = string.Create(CultureInfo.InvariantCulture, $"SO-{order.OrderedAt.Year}-{order.Id:D7}");
            foreach (var line in order.Lines)
            {
                line.Id = ++lineId;
                line.OrderId = order.Id;
                _data.OrderLines.Add(line);
            }
            _data.Orders.Add(order);
        }
    }

    /// <summary>The data set keeps lines only in <see cref="DemoDataSet.OrderLines"/>: the orders' own lists are emptied (without allocating).</summary>
    private void DetachLines()
    {
        foreach (var order in _data.Orders)
        {
            order.Lines.Clear();
            order.Lines.TrimExcess();
        }
    }
}
