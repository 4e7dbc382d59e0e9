using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Core.Automation;
using Rapport.Data;

namespace Rapport.Web.Features.Automation;

/// <summary>
/// The JSON body of a webhook: {"id","type","occurredAt","record":{"entityType","id",…fields},"changes":{field:{before,after}}}.
/// Personal values are masked, as in the audit trail: a receiver that needs them asks the API with its own token.
/// </summary>
internal static class WebhookPayload
{
    public static string Build(RapportDb db, AutomationEvent ev, object? record)
    {
        JsonObject? recordJson = null;
        if (record is not null)
        {
            recordJson = EntityJson.Row(db, record, maskPersonal: true);
            recordJson["entityType"] = ev.EntityType;
        }
        JsonNode? changes;
        try { changes = JsonNode.Parse(ev.Changes); } catch (JsonException) { changes = new JsonObject(); }
        var body = new JsonObject
        {
            ["id"] = ev.Id,
            ["type"] = ev.Type,
            ["occurredAt"] = ev.OccurredAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["record"] = recordJson,
            ["changes"] = changes,
        };
        return body.ToJsonString();
    }
}
