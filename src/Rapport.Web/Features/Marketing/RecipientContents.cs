using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Marketing;
using Rapport.Data;

namespace Rapport.Web.Features.Marketing;

/// <summary>
/// What each recipient's message is filled with: the first name and the top stored recommendations (next_product
/// insights, best score first) with their "because" — the same rows the customer 360 shows.
/// </summary>
public static class RecipientContents
{
    public static async Task<Dictionary<long, RecipientContent>> LoadAsync(RapportDb db, IReadOnlyCollection<long> customerIds, CancellationToken ct)
    {
        var names = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).Select(c => new { c.Id, c.FirstName }).ToListAsync(ct);
        var recommendations = await db.CustomerInsights.AsNoTracking()
            .Where(i => i.Kind == InsightKinds.NextProduct && customerIds.Contains(i.CustomerId))
            .Select(i => new { i.CustomerId, i.Label, i.Value, i.Reasons }).ToListAsync(ct);
        var skus = recommendations.Select(r => r.Label).Where(l => l != null).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => skus.Contains(p.Sku)).Select(p => new { p.Sku, p.Name }).ToListAsync(ct);
        var productNames = products.GroupBy(p => p.Sku).ToDictionary(g => g.Key, g => g.First().Name);
        var byCustomer = recommendations.GroupBy(r => r.CustomerId).ToDictionary(g => g.Key, g => g
            .OrderByDescending(r => r.Value).Take(MessageTemplate.MaxRecommendations)
            .Select(r => new RecommendedProduct(r.Label is { } sku && productNames.TryGetValue(sku, out var n) ? n : r.Label ?? "?",
                r.Reasons.FirstOrDefault()?.Text))
            .ToList());
        return names.ToDictionary(n => n.Id, n => new RecipientContent(n.FirstName, byCustomer.TryGetValue(n.Id, out var list) ? list : []));
    }
}
