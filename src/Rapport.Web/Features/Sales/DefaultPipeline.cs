using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Sales;
using Rapport.Data;

namespace Rapport.Web.Features.Sales;

/// <summary>
/// Makes sure a default pipeline exists (<c>Pipelines.Where(p =&gt; p.IsDefault)</c>), so a deal can always be put into
/// its first stage: "Sales" with Lead → Qualified → Proposal → Negotiation → Won / Lost, as the demo has it.
/// </summary>
public static class DefaultPipeline
{
    public static async Task EnsureAsync(RapportDb db, CancellationToken ct = default)
    {
        if (await db.Pipelines.AnyAsync(p => p.IsDefault, ct)) return;
        var first = await db.Pipelines.OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
        if (first is not null)
        {
            // Pipelines exist but none is marked: the oldest becomes the default.
            first.IsDefault = true;
        }
        else
        {
            db.Pipelines.Add(new Pipeline
            {
                Name = StandardPipeline.Name,
                IsDefault = true,
                Stages = StandardPipeline.NewStages(),
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
