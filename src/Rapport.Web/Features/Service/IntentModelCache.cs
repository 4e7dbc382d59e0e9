using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Analytics.Text;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Service;

/// <summary>A trained intent model and where it came from, or the reason there is none.</summary>
public sealed record IntentModelState(IntentModel? Model, string Source, string Reason, int Examples, DateTime TrainedAt)
{
    public const string Desk = "desk";
    public const string Starter = "starter";
    public const string None = "none";
}

/// <summary>A ticket's predicted intent, or why there is none.</summary>
public sealed record IntentGuess(string? Intent, double? Confidence, string Source, string? Reason);

/// <summary>
/// The intent model, trained once and kept (singleton). It learns from the desk's own resolved tickets whose intent
/// an agent confirmed (resolved or closed, intent set, no predicted confidence) once there are
/// <see cref="ServiceDeskOptions.MinDeskTickets"/>; before that from the Banking77 training split on disk (the starter
/// model, never downloaded); with neither, there is no model and predictions say why. It retrains on demand and on
/// next use after <see cref="ServiceDeskOptions.RetrainAfterResolved"/> further resolutions.
/// </summary>
public sealed class IntentModelCache(IServiceScopeFactory scopes, IOptions<ServiceDeskOptions> options, IHostEnvironment environment,
    TimeProvider clock, ILogger<IntentModelCache> log)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IntentModelState? _state;
    private int _resolvedSinceTraining;

    /// <summary>The current model, trained first if there is none yet (or it is stale).</summary>
    public async Task<IntentModelState> GetAsync(CancellationToken ct = default)
    {
        if (_state is { } ready && Volatile.Read(ref _resolvedSinceTraining) < options.Value.RetrainAfterResolved) return ready;
        await _gate.WaitAsync(ct);
        try
        {
            if (_state is null || _resolvedSinceTraining >= options.Value.RetrainAfterResolved) await TrainLockedAsync(ct);
            return _state!;
        }
        finally { _gate.Release(); }
    }

    /// <summary>Trains again now (e.g. after agents confirmed many intents).</summary>
    public async Task<IntentModelState> RetrainAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await TrainLockedAsync(ct);
            return _state!;
        }
        finally { _gate.Release(); }
    }

    /// <summary>Counts a resolution towards the next retraining.</summary>
    public void TicketResolved() => Interlocked.Increment(ref _resolvedSinceTraining);

    public async Task<IntentGuess> PredictAsync(string text, CancellationToken ct = default)
    {
        var state = await GetAsync(ct);
        if (state.Model is null) return new IntentGuess(null, null, state.Source, state.Reason);
        var prediction = state.Model.Predict(text, 1);
        return new IntentGuess(prediction.Label, Math.Round(prediction.Confidence, 4), state.Source, null);
    }

    private async Task TrainLockedAsync(CancellationToken ct)
    {
        var o = options.Value;
        Interlocked.Exchange(ref _resolvedSinceTraining, 0);
        var (texts, labels) = await DeskExamplesAsync(o, ct);
        if (texts.Count >= o.MinDeskTickets && labels.Distinct().Count() >= 2)
        {
            _state = Train(texts, labels, IntentModelState.Desk, $"{texts.Count} resolved tickets of this desk");
            return;
        }
        var deskNote = $"only {texts.Count} resolved tickets with a confirmed intent (the desk model needs {o.MinDeskTickets})";
        var starter = ServiceDataLocator.Locate(o.StarterIntentData, environment.ContentRootPath, "banking77");
        var trainCsv = starter is null ? null : Directory.Exists(starter) ? Path.Combine(starter, "train.csv") : starter;
        if (trainCsv is null || !File.Exists(trainCsv))
        {
            _state = new IntentModelState(null, IntentModelState.None, $"No intent model: {deskNote}, and no starter data (set Rapport:Service:StarterIntentData to the Banking77 folder).", 0, clock.GetUtcNow().UtcDateTime);
            log.LogInformation("{Reason}", _state.Reason);
            return;
        }
        var data = await Task.Run(() => IntentCsvReader.Read(trainCsv), ct);
        _state = Train(data.Texts, data.Labels, IntentModelState.Starter, $"starter model from {trainCsv} ({deskNote})");
    }

    private IntentModelState Train(IReadOnlyList<string> texts, IReadOnlyList<string> labels, string source, string reason)
    {
        var model = IntentClassifier.Train(texts, labels, new IntentClassifierOptions(MaxDegreeOfParallelism: 1));
        log.LogInformation("Intent model trained: {Reason}, {Intents} intents.", reason, model.Intents.Count);
        return new IntentModelState(model, source, reason, texts.Count, clock.GetUtcNow().UtcDateTime);
    }

    private async Task<(List<string> Texts, List<string> Labels)> DeskExamplesAsync(ServiceDeskOptions o, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
        var rows = await db.Tickets.AsNoTracking()
            .Where(t => (t.Status == TicketStatus.Resolved || t.Status == TicketStatus.Closed) && t.Intent != null && t.IntentConfidence == null)
            .Select(t => new { t.Subject, t.Description, t.Intent })
            .ToListAsync(ct);
        var kept = rows.GroupBy(r => r.Intent!).Where(g => g.Count() >= o.MinExamplesPerIntent).SelectMany(g => g).ToList();
        return (kept.Select(r => TicketText.Of(r.Subject, r.Description)).ToList(), kept.Select(r => r.Intent!).ToList());
    }
}
