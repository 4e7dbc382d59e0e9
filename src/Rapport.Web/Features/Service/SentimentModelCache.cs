using Microsoft.Extensions.Options;
using Rapport.Analytics.Text;

namespace Rapport.Web.Features.Service;

/// <summary>A ticket's sentiment (−1 … 1 and a label), or why there is none.</summary>
public sealed record SentimentGuess(double? Value, string? Label, string? Reason);

/// <summary>
/// The sentiment model, trained once (singleton) from the sentiment-labelled sentences on disk (every
/// <c>*_labelled.txt</c> of the configured folder); never downloaded. The ticket's sentiment is 2p − 1 for the
/// model's probability p that the text is positive.
/// </summary>
public sealed class SentimentModelCache(IOptions<ServiceDeskOptions> options, IHostEnvironment environment, ILogger<SentimentModelCache> log)
{
    private readonly Lazy<Task<(SentimentModel? Model, string Reason)>> _model = new(() => Task.Run(() => Train(options.Value, environment, log)));

    public async Task<SentimentGuess> PredictAsync(string text)
    {
        var (model, reason) = await _model.Value;
        if (model is null) return new SentimentGuess(null, null, reason);
        var p = model.Predict(text);
        return new SentimentGuess(Math.Round(2 * p.Score - 1, 4), p.Label, null);
    }

    private static (SentimentModel?, string) Train(ServiceDeskOptions o, IHostEnvironment environment, ILogger log)
    {
        var folder = ServiceDataLocator.Locate(o.SentimentData, environment.ContentRootPath, "sentiment-labelled-sentences");
        var files = folder is null ? [] : Directory.Exists(folder) ? Directory.GetFiles(folder, "*_labelled.txt").Order(StringComparer.Ordinal).ToArray() : [folder];
        if (files.Length == 0) return (null, "No sentiment model: no labelled sentences found (set Rapport:Service:SentimentData).");
        var data = SentimentDataset.Concat(files.Select(f => SentimentDataReader.Read(f)));
        var model = SentimentClassifier.Train(data.Texts, data.Positive);
        log.LogInformation("Sentiment model trained on {Count} sentences.", data.Count);
        return (model, "");
    }
}
