using System.Diagnostics;
using System.Globalization;
using Rapport.Analytics.Churn;
using Rapport.Analytics.Forecasting;
using Rapport.Analytics.Lifetime;
using Rapport.Analytics.Prediction;
using Rapport.Analytics.Recommendations;
using Rapport.Analytics.Rfm;
using Rapport.Analytics.Rules;
using Rapport.Analytics.Segmentation;
using Rapport.Analytics.Transactions;
using Rapport.Core.Domain;
using Rapport.Core.Storage;

namespace Rapport.Core.Insights;

/// <summary>Where a refresh is: step <see cref="Number"/> of <see cref="Count"/>, and what it just did.</summary>
public sealed record InsightsProgress(int Number, int Count, string Step, string Message);

/// <summary>
/// The insights refresh: reads the purchase history from the database (<see cref="IInsightsDataReader"/>), runs the
/// analytics — RFM, clustering segments, P(alive)/expected purchases/CLV, churn risk with reasons, recommendations
/// with "because", association rules, the revenue forecast — and writes every result in one bulk transaction, each
/// row stamped with its model version and the time. An analysis the data cannot support is skipped with its reason
/// (the others still run and are written); the previous results of a skipped analysis stay as they were. Progress
/// goes to an <see cref="IProgress{T}"/> and to the persisted <see cref="InsightRun"/>.
/// </summary>
public sealed class InsightsRefresher(IInsightsDataReader reader, IBulkWriter bulk, IInsightRunStore runs, InsightsOptions options, TimeProvider clock,
    IEnumerable<IInsightsFollowUp> followUps)
{
    public const string Read = "read", Rfm = "rfm", Segments = "segments", Lifetime = "lifetime", Churn = "churn",
        Recommendations = "recommendations", Rules = "rules", Forecast = "forecast", Write = "write";

    private static readonly string[] StepOrder = [Read, Rfm, Segments, Lifetime, Churn, Recommendations, Rules, Forecast, Write];

    /// <summary>The steps in the order they run.</summary>
    public static IReadOnlyList<string> Steps => StepOrder;

    /// <summary>Records a new run (status running) and returns it; <see cref="RunAsync"/> then does the work.</summary>
    public async Task<InsightRun> StartAsync(string trigger, DateOnly? asOf, CancellationToken ct = default)
    {
        var run = new InsightRun
        {
            Status = InsightRunStatus.Running,
            Trigger = trigger,
            AsOf = asOf?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            Step = "queued",
            StepCount = Steps.Count,
            StartedAt = clock.GetUtcNow().UtcDateTime,
        };
        await runs.AddAsync(run, ct);
        return run;
    }

    /// <summary>Starts and runs a refresh to the end.</summary>
    public async Task<InsightRun> RefreshAsync(string trigger, DateOnly? asOf, IProgress<InsightsProgress>? progress = null, CancellationToken ct = default)
        => await RunAsync(await StartAsync(trigger, asOf, ct), progress, ct);

    /// <summary>
    /// Runs a started refresh. Never throws for bad or missing data: the run ends succeeded (with skipped steps) or
    /// failed (with its error, nothing written); only the run record's own storage can fail it loudly.
    /// </summary>
    public async Task<InsightRun> RunAsync(InsightRun run, IProgress<InsightsProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var tracker = new Tracker(run, runs, progress);
        try
        {
            var computedAt = clock.GetUtcNow().UtcDateTime;
            DateOnly? asOf = run.AsOf is { } a ? DateOnly.FromDateTime(a) : null;

            await tracker.BeginAsync(Read, asOf is { } d ? $"reading orders up to {d:yyyy-MM-dd}" : "reading orders", ct);
            var data = await reader.ReadAsync(asOf, ct);
            foreach (var (name, value) in data.Counts) run.Counts[name] = value;
            var tx = data.Transactions;
            tracker.End(Read, $"{tx.Count:N0} order lines of {tx.CustomersWithLines:N0} customers");

            var results = new Results(computedAt);
            if (tx.DayRange is not { } range)
            {
                foreach (var step in Steps.Where(s => s is not (Read or Write)))
                    tracker.Skip(step, "no orders to analyse: the database has no order lines of active customers" + (asOf is { } e ? $" on or before {e:yyyy-MM-dd}" : ""));
            }
            else
            {
                var dataEnd = range.Last;
                var lastDay = asOf is { } cut && cut < dataEnd ? cut : dataEnd;
                var context = new Context(tx, data, lastDay, computedAt, options, results);
                RfmResult? rfm = null;
                await tracker.StepAsync(Rfm, ct, () =>
                {
                    rfm = RunRfm(context);
                    return $"{rfm.Customers.Count:N0} customers scored";
                });
                if (rfm is null) tracker.Skip(Segments, "needs the RFM figures, which were not computed");
                else await tracker.StepAsync(Segments, ct, () => RunSegments(context, rfm));
                await tracker.StepAsync(Lifetime, ct, () => RunLifetime(context));
                await tracker.StepAsync(Churn, ct, () => RunChurn(context));
                await tracker.StepAsync(Recommendations, ct, () => RunRecommendations(context));
                await tracker.StepAsync(Rules, ct, () => RunRules(context));
                await tracker.StepAsync(Forecast, ct, () => RunForecast(context));
                foreach (var (step, version) in results.Versions) run.ModelVersions[step] = version;
                run.Warnings.AddRange(results.Warnings);
            }

            await tracker.BeginAsync(Write, $"writing {results.Insights.Count:N0} insight rows", ct);
            await WriteAsync(results, data.ClusterSegments, run.Counts, run.StepSeconds, ct);
            tracker.End(Write, $"{results.Insights.Count:N0} insights, {results.Segments.Count:N0} segments, {results.Associations.Count:N0} rules, {results.Forecast.Count:N0} forecast periods written");
            await RunFollowUpsAsync(run, ct);
            run.Status = InsightRunStatus.Succeeded;
        }
        catch (OperationCanceledException)
        {
            run.Status = InsightRunStatus.Failed;
            run.Error = $"cancelled during {run.Step}; nothing was written";
        }
        catch (Exception ex)
        {
            run.Status = InsightRunStatus.Failed;
            run.Error = $"{run.Step} failed: {ex.Message}; nothing was written";
        }
        run.FinishedAt = clock.GetUtcNow().UtcDateTime;
        await runs.UpdateAsync(run, CancellationToken.None);
        progress?.Report(new InsightsProgress(run.StepCount, run.StepCount, run.Status == InsightRunStatus.Succeeded ? "done" : "failed",
            run.Error ?? $"finished in {(run.FinishedAt.Value - run.StartedAt).TotalSeconds:F1} s"));
        return run;
    }

    private async Task RunFollowUpsAsync(InsightRun run, CancellationToken ct)
    {
        foreach (var followUp in followUps)
        {
            try
            {
                foreach (var (name, value) in await followUp.RunAsync(ct)) run.Counts[name] = value;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                run.Warnings.Add($"{followUp.GetType().Name} failed after the insights were written: {ex.Message}");
            }
        }
    }

    // ---- the analyses: each adds rows to the results and returns a line for the progress ----

    private static RfmResult RunRfm(Context c)
    {
        // RFM's reference day is the day after the last day of data, so the latest buyers have recency 1.
        var rfm = RfmCalculator.Compute(c.Tx, new RfmOptions { AsOf = c.LastDay.AddDays(1) });
        var version = $"rfm quintiles; data to {c.LastDay:yyyy-MM-dd}";
        c.Results.Versions[Rfm] = version;
        foreach (var r in rfm.Customers)
            c.Results.Add(r.Customer, InsightKinds.RfmScore, 100 * r.RScore + 10 * r.FScore + r.MScore, r.RfmSegment, version,
            [
                new InsightReason($"recency {r.RScore} of 5: last order {r.RecencyDays} days ago", r.RScore),
                new InsightReason($"frequency {r.FScore} of 5: {r.Frequency} orders", r.FScore),
                new InsightReason(string.Create(CultureInfo.InvariantCulture, $"monetary {r.MScore} of 5: {r.Monetary:0.##} spent"), r.MScore),
            ]);
        return rfm;
    }

    private static string RunSegments(Context c, RfmResult rfm)
    {
        // k from 2 to 8 by silhouette on a sample of 3,000 customers: segments a person can still tell apart, and a
        // bounded cost (each k is a k-means++ fit over every customer).
        var (result, features) = CustomerFeatures.Segment(rfm, () => c.Tx, null, new SegmentationOptions(MaxK: 8, Seed: c.Options.Seed, SilhouetteSampleSize: 3000));
        var silhouette = result.Silhouette is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
        var version = $"{result.Method} k={result.K} silhouette {silhouette} on shopping-habit features; data to {c.LastDay:yyyy-MM-dd}";
        c.Results.Versions[Segments] = Shorten(version);
        var definition = $"{result.Method} (k = {result.K}, chosen by silhouette {silhouette}) on standardised {string.Join(", ", features)}";
        var byLabel = new Dictionary<int, Segment>();
        foreach (var profile in result.Segments)
        {
            var segment = new Segment
            {
                Name = profile.Name,
                Description = string.Create(CultureInfo.InvariantCulture,
                    $"{profile.Size:N0} customers ({profile.CustomerShare:P0}), {profile.RevenueShare:P0} of revenue; ") +
                    string.Join(", ", profile.FeatureMeans.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:0.##}"))),
                Kind = SegmentKind.Cluster,
                Definition = definition,
                ModelVersion = c.Results.Versions[Segments],
                CreatedAt = c.ComputedAt,
                RefreshedAt = c.ComputedAt,
            };
            byLabel[profile.Id] = segment;
            c.Results.Segments.Add(segment);
        }
        c.Results.Kinds.Add(InsightKinds.Segment);
        foreach (var member in result.Customers)
        {
            if (!byLabel.TryGetValue(member.Segment, out var segment)) continue; // DBSCAN noise
            c.Results.Memberships.Add((segment, Id(member.Customer)));
        }
        return $"{result.K} segments: {string.Join(", ", result.Segments.Select(p => $"{p.Name} {p.Size:N0}"))}";
    }

    private static string RunLifetime(Context c)
    {
        var horizon = c.Options.LifetimeHorizonWeeks;
        var report = ClvAnalysis.Run(c.Tx, new ClvOptions(c.LastDay) { TimeUnit = TimeUnit.Weeks, Horizon = horizon, FitParetoNbd = false });
        var bg = report.BgNbd;
        var version = Shorten(string.Create(CultureInfo.InvariantCulture,
            $"BG/NBD r={bg.R:0.###} alpha={bg.Alpha:0.##} a={bg.A:0.###} b={bg.B:0.###}{(report.GammaGamma is null ? "" : " + Gamma-Gamma")}, {horizon} weeks; data to {c.LastDay:yyyy-MM-dd}"));
        c.Results.Versions[Lifetime] = version;
        c.Results.Warnings.AddRange(report.Warnings.Select(w => $"{Lifetime}: {w}"));
        var label = $"next {horizon} weeks";
        int withClv = 0;
        foreach (var customer in report.Customers)
        {
            c.Results.Add(customer.Customer, InsightKinds.ProbabilityAlive, customer.PAlive, null, version, []);
            if (customer.ExpectedPurchases is { } e) c.Results.Add(customer.Customer, InsightKinds.ExpectedPurchases, e, label, version, []);
            if (customer.Clv is { } clv)
            {
                c.Results.Add(customer.Customer, InsightKinds.LifetimeValue, clv, label, version, []);
                withClv++;
            }
        }
        return $"{report.Customers.Count:N0} customers with P(alive), {withClv:N0} with CLV";
    }

    private static string RunChurn(Context c)
    {
        var window = c.Options.ChurnWindowDays;
        var first = c.Tx.DayRange!.Value.First;
        var cutoff = c.LastDay.AddDays(-window);
        // The model needs behaviour before the cutoff and a full window after it.
        if (cutoff.DayNumber - first.DayNumber < 30)
            throw new SkipException($"needs at least {window + 30} days of order history for a {window}-day churn window (have {c.LastDay.DayNumber - first.DayNumber + 1})");
        var model = Enum.Parse<PredictionModelKind>(c.Options.ChurnModel, ignoreCase: true);
        var categories = c.Data.Products.Where(p => !string.IsNullOrEmpty(p.Category)).ToDictionary(p => p.Key, p => p.Category!, StringComparer.Ordinal);
        var result = ChurnAnalysis.Run(c.Tx, new ChurnOptions(cutoff, window, c.Options.ChurnTrendDays, categories), ChurnAnalysis.PredictOptions(model, seed: c.Options.Seed), c.Options.ChurnMaxTrainingRows > 0 ? c.Options.ChurnMaxTrainingRows : null);
        var version = Shorten(string.Create(CultureInfo.InvariantCulture,
            $"churn {result.Report.Model}, {window}-day window, test AUC {result.Report.Metrics.Auc:0.000}, cutoff {cutoff:yyyy-MM-dd}; data to {c.LastDay:yyyy-MM-dd}"));
        c.Results.Versions[Churn] = version;
        int high = 0;
        foreach (var row in result.Current)
        {
            var band = row.Probability >= 0.6 ? "high" : row.Probability >= 0.3 ? "medium" : "low";
            if (band == "high") high++;
            c.Results.Add(row.Id, InsightKinds.ChurnRisk, row.Probability, band, version, [.. row.ReasonDetails.Select(r => new InsightReason(r.Text, r.Delta))]);
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"{result.Report.Model} (AUC {result.Report.Metrics.Auc:0.000}, fitted on {result.TrainingRowsUsed:N0} customers): {high:N0} of {result.Current.Count:N0} customers at high risk; " +
            $"features {result.Seconds.Build:F1} s, fit {result.Seconds.Fit:F1} s, scoring {result.Seconds.Score:F1} s");
    }

    private static string RunRecommendations(Context c)
    {
        var log = InteractionLog.Read(c.Tx);
        if (log.Count == 0) throw new SkipException("no purchased products to learn from");
        var algorithms = c.Options.RecommendAlgorithms.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var settings = new RecommenderSettings(new ProductCatalog(c.Data.Products), Seed: c.Options.Seed);
        var report = RecommendationRunner.Run(log, new RecommendOptions(algorithms, c.Options.Recommendations, Settings: settings));
        var chosen = report.Evaluation.FirstOrDefault(e => e.Algorithm == report.RecommendedWith);
        var version = Shorten(string.Create(CultureInfo.InvariantCulture,
            $"recommend {report.RecommendedWith} top {report.K}{(chosen is null ? "" : $", validation recall {chosen.Metrics.Recall:0.000}")}; data to {c.LastDay:yyyy-MM-dd}"));
        c.Results.Versions[Recommendations] = version;
        int customers = 0;
        foreach (var list in report.Recommendations ?? [])
        {
            if (list.Items.Count > 0) customers++;
            foreach (var item in list.Items)
                c.Results.Add(list.Customer, InsightKinds.NextProduct, item.Score, item.Item, version, [new InsightReason(item.Because, item.Score)]);
        }
        return $"{report.RecommendedWith}: {customers:N0} customers with up to {report.K} products";
    }

    private static string RunRules(Context c)
    {
        var (baskets, _) = TransactionBaskets.Read(c.Tx);
        var support = Math.Max(c.Options.RuleMinSupport, 5.0 / baskets.Count);
        if (support > 1) throw new SkipException($"only {baskets.Count} orders: rules need an item set in at least 5 orders");
        var options = new RuleOptions { MinSupport = support, MinConfidence = c.Options.RuleMinConfidence, MinLift = c.Options.RuleMinLift, MaxLength = 3, MaxConsequent = 1 };
        var mined = AssociationRules.Mine(baskets, options);
        var version = Shorten(string.Create(CultureInfo.InvariantCulture,
            $"fpgrowth support {support:0.#####} confidence {options.MinConfidence:0.##} lift {options.MinLift:0.##}; data to {c.LastDay:yyyy-MM-dd}"));
        c.Results.Versions[Rules] = version;
        foreach (var rule in mined.Rules.OrderByDescending(r => r.Lift).ThenByDescending(r => r.Count).Take(c.Options.MaxRules))
        {
            var row = RuleWriter.Row(mined.Itemsets, rule);
            if (!c.Data.ProductIds.TryGetValue(row.Consequent[0], out var consequent)) continue;
            var antecedent = new List<long>(row.Antecedent.Count);
            foreach (var sku in row.Antecedent)
                if (c.Data.ProductIds.TryGetValue(sku, out var id)) antecedent.Add(id);
            if (antecedent.Count != row.Antecedent.Count) continue;
            antecedent.Sort();
            c.Results.Associations.Add(new ProductAssociation
            {
                AntecedentKey = string.Join(",", antecedent),
                AntecedentProductIds = antecedent,
                ConsequentProductId = consequent,
                Support = row.Support,
                Confidence = row.Confidence,
                Lift = row.Lift,
                Orders = row.Count,
                ModelVersion = version,
                ComputedAt = c.ComputedAt,
            });
        }
        return $"{mined.Rules.Count:N0} rules from {baskets.Count:N0} orders, {c.Results.Associations.Count:N0} kept";
    }

    private static string RunForecast(Context c)
    {
        var (series, filled, _) = TransactionSeriesBuilder.Build(c.Tx, ForecastFrequency.Month, SeriesMeasure.Revenue, SeriesGrouping.Total);
        var history = series[0];
        var forecast = Forecaster.Run(history, new ForecastOptions { Horizon = c.Options.ForecastMonths, Season = PeriodCalendar.DefaultSeason(ForecastFrequency.Month) }, filled[0]);
        var chosen = forecast.Models.First(m => m.Model == forecast.Chosen);
        var version = Shorten(string.Create(CultureInfo.InvariantCulture,
            $"{forecast.Chosen} monthly, backtest MASE {chosen.Mase:0.###}; data to {c.LastDay:yyyy-MM-dd}"));
        c.Results.Versions[Forecast] = version;
        for (var i = 0; i < history.Length; i++)
            c.Results.Forecast.Add(Period(history.DateAt(i), history.Values[i], false, null, version, c.ComputedAt));
        foreach (var p in forecast.Forecast)
            c.Results.Forecast.Add(Period(p.Date, p.Value, true, p, version, c.ComputedAt));
        return string.Create(CultureInfo.InvariantCulture, $"{forecast.Chosen}: {forecast.Forecast.Count} months from {forecast.Forecast[0].Date:yyyy-MM}");
    }

    private static ForecastPeriod Period(DateOnly start, double value, bool isForecast, ForecastPoint? p, string version, DateTime at) => new()
    {
        Series = ForecastSeries.Revenue,
        Frequency = "month",
        PeriodStart = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        IsForecast = isForecast,
        Value = value,
        Lower80 = p?.Lower80,
        Upper80 = p?.Upper80,
        Lower95 = p?.Lower95,
        Upper95 = p?.Upper95,
        ModelVersion = version,
        ComputedAt = at,
    };

    // ---- writing: one bulk session, replacing what the analyses that ran produced before ----

    private async Task WriteAsync(Results results, IReadOnlyList<StoredSegment> oldClusterSegments, Dictionary<string, long> counts,
        Dictionary<string, double> seconds, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        void Lap(string part)
        {
            seconds[$"{Write}.{part}"] = Math.Round(watch.Elapsed.TotalSeconds, 3);
            watch.Restart();
        }
        await using var session = await bulk.BeginAsync(ct);
        // New rows are numbered past the largest id ever stored, read before the old rows go, so ids are not reused.
        var nextInsight = await session.MaxIdAsync<CustomerInsight>(ct);
        var segmentsRan = results.Versions.ContainsKey(Segments);
        if (segmentsRan)
        {
            var nextSegment = await session.MaxIdAsync<Segment>(ct);
            // A segment found again (same name) keeps its row and id, so saved views, campaigns and links that name it
            // still select it; only segments that disappeared are deleted and only new ones get new ids.
            var kept = SegmentIdentity.Match(oldClusterSegments, results.Segments);
            foreach (var segment in results.Segments) segment.Id = kept.TryGetValue(segment, out var id) ? id : ++nextSegment;
            foreach (var (segment, customer) in results.Memberships)
                results.Add(customer, InsightKinds.Segment, segment.Id, segment.Name, segment.ModelVersion!, []);
            foreach (var old in oldClusterSegments)
                await session.DeleteAsync<SegmentMembership>(nameof(SegmentMembership.SegmentId), old.Id, ct);
            var keptIds = kept.Values.ToHashSet();
            foreach (var gone in oldClusterSegments.Where(o => !keptIds.Contains(o.Id)))
                await session.DeleteAsync<Segment>(nameof(Segment.Id), gone.Id, ct);
            foreach (var segment in results.Segments.Where(kept.ContainsKey))
            {
                await session.UpdateAsync<Segment>(segment.Id, nameof(Segment.Description), segment.Description, ct);
                await session.UpdateAsync<Segment>(segment.Id, nameof(Segment.Definition), segment.Definition, ct);
                await session.UpdateAsync<Segment>(segment.Id, nameof(Segment.ModelVersion), segment.ModelVersion, ct);
                await session.UpdateAsync<Segment>(segment.Id, nameof(Segment.RefreshedAt), segment.RefreshedAt, ct);
            }
            counts["segments"] = results.Segments.Count;
            counts["segmentsKept"] = kept.Count;
            await session.WriteAsync(results.Segments.Where(s => !kept.ContainsKey(s)), ct);
            counts["segmentMembers"] = await session.WriteAsync(results.Memberships.Select(m => new SegmentMembership
            {
                SegmentId = m.Segment.Id,
                CustomerId = m.Customer,
                AddedAt = results.ComputedAt,
            }), ct);
        }

        Lap("segments");
        var kinds = results.Kinds;
        if (kinds.Count == InsightKinds.All.Count) await session.DeleteAsync<CustomerInsight>(ct: ct);
        else
            foreach (var kind in kinds)
                await session.DeleteAsync<CustomerInsight>(nameof(CustomerInsight.Kind), kind, ct);
        Lap("delete");
        foreach (var insight in results.Insights) insight.Id = ++nextInsight;
        counts["insightsWritten"] = await session.WriteAsync(results.Insights, ct);
        Lap("insights");
        foreach (var group in results.Insights.GroupBy(i => i.Kind)) counts[$"insights.{group.Key}"] = group.LongCount();

        if (results.Versions.ContainsKey(Rules))
        {
            var next = await session.MaxIdAsync<ProductAssociation>(ct);
            await session.DeleteAsync<ProductAssociation>(ct: ct);
            foreach (var rule in results.Associations) rule.Id = ++next;
            counts["rules"] = await session.WriteAsync(results.Associations, ct);
        }
        if (results.Versions.ContainsKey(Forecast))
        {
            var next = await session.MaxIdAsync<ForecastPeriod>(ct);
            await session.DeleteAsync<ForecastPeriod>(nameof(ForecastPeriod.Series), ForecastSeries.Revenue, ct);
            foreach (var period in results.Forecast) period.Id = ++next;
            counts["forecastPeriods"] = await session.WriteAsync(results.Forecast, ct);
        }
        Lap("rules+forecast");
        await session.CommitAsync(ct);
        Lap("commit");
    }

    private static long Id(string customerKey) => long.Parse(customerKey, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Shorten(string version) => version.Length <= 100 ? version : version[..100];

    /// <summary>Raised by an analysis when the data cannot support it; the step is skipped with the message.</summary>
    private sealed class SkipException(string message) : Exception(message);

    private sealed record Context(TransactionTable Tx, InsightsData Data, DateOnly LastDay, DateTime ComputedAt, InsightsOptions Options, Results Results);

    private sealed class Results(DateTime computedAt)
    {
        public DateTime ComputedAt { get; } = computedAt;
        public List<CustomerInsight> Insights { get; } = [];
        public HashSet<string> Kinds { get; } = [];
        public List<Segment> Segments { get; } = [];
        public List<(Segment Segment, long Customer)> Memberships { get; } = [];
        public List<ProductAssociation> Associations { get; } = [];
        public List<ForecastPeriod> Forecast { get; } = [];
        public Dictionary<string, string> Versions { get; } = [];
        public List<string> Warnings { get; } = [];

        public void Add(string customer, string kind, double value, string? label, string version, List<InsightReason> reasons)
            => Add(Id(customer), kind, value, label, version, reasons);

        public void Add(long customer, string kind, double value, string? label, string version, List<InsightReason> reasons)
        {
            Kinds.Add(kind);
            Insights.Add(new CustomerInsight
            {
                CustomerId = customer,
                Kind = kind,
                Value = double.IsFinite(value) ? value : 0,
                Label = label,
                ModelVersion = version,
                ComputedAt = ComputedAt,
                Reasons = reasons,
            });
        }
    }

    /// <summary>Keeps the run record and the progress listener up to date, and times the steps.</summary>
    private sealed class Tracker(InsightRun run, IInsightRunStore runs, IProgress<InsightsProgress>? progress)
    {
        private readonly Stopwatch _watch = new();

        public async Task BeginAsync(string step, string message, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            run.Step = step;
            run.StepNumber = Array.IndexOf(StepOrder, step) + 1;
            progress?.Report(new InsightsProgress(run.StepNumber, run.StepCount, step, message));
            await runs.UpdateAsync(run, ct);
            _watch.Restart();
        }

        public void End(string step, string message)
        {
            run.StepSeconds[step] = Math.Round(_watch.Elapsed.TotalSeconds, 3);
            progress?.Report(new InsightsProgress(run.StepNumber, run.StepCount, step, $"{message} ({_watch.Elapsed.TotalSeconds:F1} s)"));
        }

        public void Skip(string step, string reason)
        {
            run.Skipped.Add(new InsightSkippedStep(step, reason));
            progress?.Report(new InsightsProgress(Array.IndexOf(StepOrder, step) + 1, run.StepCount, step, $"skipped: {reason}"));
        }

        /// <summary>Runs one analysis; data it cannot use skips it with the reason instead of failing the run.</summary>
        public async Task StepAsync(string step, CancellationToken ct, Func<string> analysis)
        {
            await BeginAsync(step, "running", ct);
            try
            {
                End(step, analysis());
            }
            catch (Exception ex) when (ex is SkipException or ArgumentException or InvalidOperationException or InvalidDataException or SeriesTooShortException)
            {
                run.StepSeconds[step] = Math.Round(_watch.Elapsed.TotalSeconds, 3);
                Skip(step, ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                run.StepSeconds[step] = Math.Round(_watch.Elapsed.TotalSeconds, 3);
                Skip(step, $"failed ({ex.GetType().Name}): {ex.Message}");
            }
        }
    }
}
