using Rapport.Core.Security;
using Rapport.Web.Features.Common;

namespace Rapport.Web.Api;

/// <summary>
/// /api/v1/teams (sales.configure: managers and admins): list, create, and grant or withdraw a user's membership — a
/// Sales member sees the customers, companies and deals the team's members own.
/// </summary>
internal static class TeamEndpoints
{
    public static void MapTeams(this RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/teams").RequireAuthorization(ApiEndpoints.Token(Permissions.SalesConfigure)).WithTags("Teams");
        teams.MapGet("", async (Teams service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithSummary("Sales teams with their members' user ids");
        teams.MapPost("", CreateAsync).DisableAntiforgery()
            .WithSummary("Create a team (201); a missing or taken name is refused with 400").ProducesValidationProblem();
        teams.MapPost("/{id:long}/members", AddMemberAsync).DisableAntiforgery()
            .WithSummary("Add a user to a team, granting them visibility of its members' records (204); an unknown user is refused with 400")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        teams.MapDelete("/{id:long}/members/{userId:long}", RemoveMemberAsync)
            .WithSummary("Remove a user from a team (204)").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(TeamInput? input, Teams teams, CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        return await ApiResults.WrittenAsync(await teams.CreateAsync(input, ct), "team", 0,
            id => Task.FromResult<IResult>(TypedResults.Created($"/api/v1/teams/{id}", new { id, name = input.Name!.Trim() })));
    }

    private static async Task<IResult> AddMemberAsync(long id, TeamMemberInput? input, Teams teams, CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        return await ApiResults.WrittenAsync(await teams.AddMemberAsync(id, input, ct), "team", id, _ => Task.FromResult<IResult>(TypedResults.NoContent()));
    }

    private static async Task<IResult> RemoveMemberAsync(long id, long userId, Teams teams, CancellationToken ct)
        => await ApiResults.WrittenAsync(await teams.RemoveMemberAsync(id, userId, ct), "team", id, _ => Task.FromResult<IResult>(TypedResults.NoContent()));
}
