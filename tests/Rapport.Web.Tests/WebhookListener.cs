using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Rapport.Web.Tests;

/// <summary>A real HTTP receiver on a loopback port (Kestrel): POST /ok answers 200, POST /fail answers 500; every request is kept.</summary>
public sealed class WebhookListener : IAsyncDisposable
{
    public sealed record Received(string Path, byte[] Body, IReadOnlyDictionary<string, string> Headers);

    private readonly WebApplication _app;
    public ConcurrentQueue<Received> Requests { get; } = new();
    public string BaseUrl { get; }

    private WebhookListener(WebApplication app, string baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public static async Task<WebhookListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookListener? listener = null;
        async Task<IResult> Keep(HttpRequest request, int status)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            listener!.Requests.Enqueue(new Received(request.Path, buffer.ToArray(), request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            return Results.StatusCode(status);
        }
        app.MapPost("/ok", (HttpRequest r) => Keep(r, 200));
        app.MapPost("/fail", (HttpRequest r) => Keep(r, 500));
        await app.StartAsync();
        listener = new WebhookListener(app, app.Urls.Single());
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
