using Microsoft.EntityFrameworkCore;
using Rapport.Data;

namespace Rapport.Web.Features.Automation;

public sealed record Choice(long Id, string Name);

/// <summary>What the rule builder offers to pick from: users (for assign, tasks, notifications) and campaigns.</summary>
public sealed class AutomationChoices(IDbContextFactory<RapportDb> databases)
{
    public async Task<(IReadOnlyList<Choice> Users, IReadOnlyList<Choice> Campaigns)> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).Take(500)
            .Select(u => new Choice(u.Id, u.DisplayName != "" ? u.DisplayName : u.UserName ?? "")).ToListAsync(ct);
        var campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.Id).Take(200).Select(c => new Choice(c.Id, c.Name)).ToListAsync(ct);
        return (users, campaigns);
    }
}
