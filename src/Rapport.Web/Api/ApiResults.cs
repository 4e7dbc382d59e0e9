using System.Text.Json;
using System.Text.Json.Serialization;
using Rapport.Web.Features.Common;

namespace Rapport.Web.Api;

/// <summary>How the entity endpoints answer: lists as {"items","total",…}, enums by name, and write outcomes as problem details.</summary>
internal static class ApiResults
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IResult List<T>(Paged<T> page, PageRequest request) =>
        TypedResults.Json(new { items = page.Items, total = page.Total, page = request.Page, pageSize = request.PageSize, sort = request.Sort }, Json);

    public static IResult Invalid(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);

    public static IResult NotFound(string entity, long id) =>
        TypedResults.Problem($"No {entity} with id {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>A created record: 201 with its Location, a changed one: 200 with its new state, a deleted one: 204.</summary>
    public static async Task<IResult> WrittenAsync(WriteResult result, string entity, long id, Func<long, Task<IResult>> done) => result.Outcome switch
    {
        WriteOutcome.Done => await done(result.Id),
        WriteOutcome.Invalid => TypedResults.ValidationProblem(result.Errors!.ToDictionary()),
        WriteOutcome.NotFound => NotFound(entity, id),
        _ => TypedResults.Problem(result.Reason, statusCode: StatusCodes.Status409Conflict, title: "Refused"),
    };

    /// <summary>A request without a JSON body.</summary>
    public static IResult MissingBody() => Invalid(new Dictionary<string, string[]> { ["body"] = ["a JSON object is required"] });
}
