using System.Diagnostics;
using System.Text;
using Rapport.Core.Automation;

namespace Rapport.Web.Features.Automation;

/// <summary>The outcome of one POST: status code (none when no answer came), how long it took, and what went wrong.</summary>
public sealed record WebhookAttempt(int? StatusCode, long DurationMs, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// POSTs a webhook body: signed (<see cref="WebhookSignature"/>) when there is a secret, with a timestamp, the event type and
/// a delivery id; a timeout; no redirects followed (a redirect could point anywhere). A 2xx answer is success.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, AutomationOptions options, TimeProvider clock)
{
    public const string ClientName = "rapport-webhooks";

    public async Task<WebhookAttempt> PostAsync(string url, string? secret, string eventType, string deliveryId, string body, CancellationToken ct)
    {
        var problem = WebhookUrl.Problem(url);
        if (problem is not null) return new WebhookAttempt(null, 0, $"url {problem}");
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.EventHeader, eventType);
        request.Headers.TryAddWithoutValidation("X-Rapport-Delivery", deliveryId);
        if (!string.IsNullOrEmpty(secret)) request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Compute(Encoding.UTF8.GetBytes(secret), bytes));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.WebhookTimeoutSeconds));
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            return new WebhookAttempt(code, watch.ElapsedMilliseconds, response.IsSuccessStatusCode ? null : $"HTTP {code} {response.ReasonPhrase}".Trim());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookAttempt(null, watch.ElapsedMilliseconds, $"timed out after {options.WebhookTimeoutSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return new WebhookAttempt(null, watch.ElapsedMilliseconds, e.Message);
        }
    }
}
