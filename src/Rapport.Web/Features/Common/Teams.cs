using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Common;

public sealed record TeamRow(long Id, string Name, IReadOnlyList<long> Members);

public sealed record TeamInput(string? Name);

public sealed record TeamMemberInput(long? UserId);

/// <summary>
/// Sales teams: a manager creates a team and adds users to it; a Sales member then sees the customers, companies and
/// deals every member owns (<see cref="RecordScopes"/>). Writes go through the ORM, so they are audited.
/// </summary>
public sealed class Teams(IDbContextFactory<RapportDb> databases, TimeProvider clock)
{
    public async Task<IReadOnlyList<TeamRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var teams = await db.Teams.AsNoTracking().Include(t => t.Members).OrderBy(t => t.Name).ToListAsync(ct);
        return teams.Select(t => new TeamRow(t.Id, t.Name, t.Members.Select(m => m.UserId).Order().ToList())).ToList();
    }

    public async Task<WriteResult> CreateAsync(TeamInput input, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.Required("name", input.Name, 100);
        if (errors.Count > 0) return WriteResult.Invalid(errors);
        var name = input.Name!.Trim();
        await using var db = await databases.CreateDbContextAsync(ct);
        if (await db.Teams.AnyAsync(t => t.Name == name, ct)) return WriteResult.Invalid("name", "a team with this name exists");
        var team = new Team { Name = name, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(team.Id);
    }

    /// <summary>Grants <paramref name="input"/>'s user visibility of the team's records (and theirs to the team); adding twice is a no-op.</summary>
    public async Task<WriteResult> AddMemberAsync(long teamId, TeamMemberInput input, CancellationToken ct = default)
    {
        if (input.UserId is not { } userId) return WriteResult.Invalid("userId", "is required");
        await using var db = await databases.CreateDbContextAsync(ct);
        if (!await db.Teams.AnyAsync(t => t.Id == teamId, ct)) return WriteResult.NotFound();
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) return WriteResult.Invalid("userId", "no such user");
        if (!await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == userId, ct))
        {
            db.TeamMembers.Add(new TeamMember { TeamId = teamId, UserId = userId, AddedAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
        }
        return WriteResult.Done(teamId);
    }

    public async Task<WriteResult> RemoveMemberAsync(long teamId, long userId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var member = await db.TeamMembers.SingleOrDefaultAsync(m => m.TeamId == teamId && m.UserId == userId, ct);
        if (member is null) return WriteResult.NotFound();
        db.TeamMembers.Remove(member);
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(teamId);
    }
}
