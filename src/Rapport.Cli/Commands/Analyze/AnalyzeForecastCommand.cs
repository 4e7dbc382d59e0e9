using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Analytics.Forecasting;
using Rapport.Analytics.Transactions;

namespace Rapport.Cli.Commands.Analyze;

/// <summary>`rapport analyze forecast`: demand forecasting of a series file, or of transactions aggregated per period.</summary>
internal static class AnalyzeForecastCommand
{
    public static Command Create()
    {
        var input = new TransactionInput(fileRequired: false);
        var seriesFile = new Option<FileInfo?>("--series") { Description = "Series file (CSV with a header): one row per period, --date and --value name the columns." };
        var value = new Option<string?>("--value") { Description = "Value column of the --series file." };
        var frequency = new Option<string?>("--frequency") { Description = "day, week or month (default: inferred for --series, month for --transactions)." };
        frequency.AcceptOnlyFromAmong("day", "week", "month");
        var season = new Option<int?>("--season") { Description = "Seasonal period in periods (default: 12 for month, 52 for week, 7 for day; 1 = no season)." };
        var horizon = new Option<int>("--horizon") { Description = "Periods to forecast.", Required = true };
        var holdout = new Option<int>("--holdout") { Description = "Last periods held out of model selection and scored once per model.", DefaultValueFactory = _ => 0 };
        var origins = new Option<int>("--origins") { Description = "Rolling backtest origins (at most).", DefaultValueFactory = _ => 3 };
        var measure = new Option<string>("--measure") { Description = "With --transactions: revenue (net amount) or quantity (units).", DefaultValueFactory = _ => "revenue" };
        measure.AcceptOnlyFromAmong("revenue", "quantity");
        var by = new Option<string?>("--by") { Description = "With --transactions: one series per item or per category (needs --categories)." };
        by.AcceptOnlyFromAmong("item", "category");
        var categories = new Option<FileInfo?>("--categories") { Description = "Item → category CSV for --by category (e.g. the demo's products.csv: sku, category)." };
        var top = new Option<int?>("--top") { Description = "With --by: forecast only the N series with the largest totals." };
        var keepPartial = new Option<bool>("--keep-partial-periods") { Description = "Keep a first or last period the transactions start or end inside of (dropped by default: a cut-short period looks like a slump)." };
        var output = new Option<FileInfo>("--out") { Description = "Output JSON file.", Required = true };

        var command = new Command("forecast", "Forecast a series (or transactions per period) with seasonal naive, moving average and exponential smoothing models chosen by rolling-origin backtest.");
        input.AddTo(command);
        foreach (var option in new Option[] { seriesFile, value, frequency, season, horizon, holdout, origins, measure, by, categories, top, keepPartial, output })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var fromSeries = parse.GetValue(seriesFile);
            var fromTransactions = input.HasFile(parse);
            if (fromSeries is null == !fromTransactions) throw new CliInputException("Give either --series FILE (with --date and --value) or --transactions FILE.");
            var requested = parse.GetValue(frequency) is { } f ? PeriodCalendar.Parse(f) : (ForecastFrequency?)null;
            if (parse.GetValue(horizon) < 1) throw new CliInputException("--horizon must be at least 1.");
            if (parse.GetValue(holdout) < 0) throw new CliInputException("--holdout cannot be negative.");
            if (parse.GetValue(origins) < 1) throw new CliInputException("--origins must be at least 1.");
            if (parse.GetValue(season) is < 1) throw new CliInputException("--season must be at least 1 (1 = no season).");
            if (parse.GetValue(top) is < 1) throw new CliInputException("--top must be at least 1.");
            var outPath = parse.GetValue(output)!.FullName;
            ForecastOptions Options(ForecastFrequency freq) => new()
            {
                Horizon = parse.GetValue(horizon),
                Season = parse.GetValue(season) ?? PeriodCalendar.DefaultSeason(freq),
                Holdout = parse.GetValue(holdout),
                Origins = parse.GetValue(origins),
            };

            if (fromSeries is not null)
            {
                if (!fromSeries.Exists) throw new CliInputException($"{fromSeries.FullName}: file not found (--series).");
                var dateColumn = input.DateColumn(parse) ?? throw new CliInputException("--series needs --date COL (the date column).");
                var valueColumn = parse.GetValue(value) ?? throw new CliInputException("--series needs --value COL (the value column).");
                if (parse.GetValue(by) is not null) throw new CliInputException("--by works with --transactions only.");
                var (series, quality) = Guard(() => SeriesFileReader.Read(fromSeries.FullName, dateColumn, valueColumn, requested, input.DateFormat(parse)));
                var result = Guard(() => Forecaster.Run(series, Options(series.Frequency), quality.MissingPeriodsInterpolated));
                Write(outPath, JsonSerializer.SerializeToNode(quality, AnalysisOutput.Json)!, result);
                Report(result, outPath);
                return ExitCodes.Ok;
            }

            var freqT = requested ?? ForecastFrequency.Month;
            var grouping = parse.GetValue(by) switch { "item" => SeriesGrouping.Item, "category" => SeriesGrouping.Category, _ => SeriesGrouping.Total };
            Dictionary<string, string>? map = null;
            if (grouping == SeriesGrouping.Category)
            {
                var file = parse.GetValue(categories) ?? throw new CliInputException("--by category needs --categories FILE (item → category).");
                if (!file.Exists) throw new CliInputException($"{file.FullName}: file not found (--categories).");
                map = Guard(() => TransactionSeriesBuilder.ReadCategories(file.FullName));
            }
            if (grouping == SeriesGrouping.Total && parse.GetValue(top) is not null) throw new CliInputException("--top works with --by only.");
            var reader = input.Open(parse);
            if (grouping != SeriesGrouping.Total && reader.Layout.ItemColumn < 0)
                throw new CliInputException("--by needs an item column in the transaction file (--item COL).");
            var m = parse.GetValue(measure) == "quantity" ? SeriesMeasure.Quantity : SeriesMeasure.Revenue;
            var (built, filled, aggregation) = Guard(() => TransactionSeriesBuilder.Build(reader, freqT, m, grouping, map, parse.GetValue(top), parse.GetValue(keepPartial)));
            var qualityNode = JsonNode.Parse(DataQualityJson.ToJson(reader.DataQuality!))!;
            qualityNode["aggregation"] = JsonSerializer.SerializeToNode(aggregation, AnalysisOutput.Json);
            var options = Options(freqT);
            if (grouping == SeriesGrouping.Total)
            {
                var result = Guard(() => Forecaster.Run(built[0], options, filled[0]));
                Write(outPath, qualityNode, result);
                Report(result, outPath);
                return ExitCodes.Ok;
            }
            var many = Guard(() => Forecaster.RunMany(built, options, filled));
            var forecasts = many.Where(r => r.Forecast is not null).Select(r => r.Forecast!).ToList();
            var summary = new
            {
                Measure = aggregation.Measure,
                By = aggregation.By,
                Frequency = aggregation.Frequency,
                options.Season,
                options.Horizon,
                options.Holdout,
                SeriesForecast = forecasts.Count,
                ChosenCounts = forecasts.GroupBy(r => r.Chosen).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
                SkippedSeries = many.Where(r => r.Error is not null).Select(r => new { Series = r.Series.Name, Reason = r.Error }).ToList(),
                Series = forecasts,
            };
            Write(outPath, qualityNode, summary);
            Console.WriteLine($"forecast {forecasts.Count:N0} of {aggregation.Series:N0} {aggregation.By} series ({aggregation.Measure} per {aggregation.Frequency}); " +
                              $"chosen: {string.Join(", ", summary.ChosenCounts.Select(kv => $"{kv.Key} {kv.Value}"))}; wrote {outPath}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Bad data and too-short series are the user's input, not a failure of the program.</summary>
    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is InvalidDataException or SeriesTooShortException or ArgumentException or IOException and not FileNotFoundException)
        {
            throw new CliInputException(ex.Message, ex);
        }
    }

    private static void Write<T>(string path, JsonNode quality, T result)
    {
        var body = JsonSerializer.SerializeToNode(result, AnalysisOutput.Json) as JsonObject
                   ?? throw new InvalidOperationException("forecast result is not a JSON object");
        var root = new JsonObject { ["dataQuality"] = quality };
        foreach (var (name, node) in body.ToList())
        {
            body.Remove(name);
            root[name] = node;
        }
        AnalysisOutput.WriteAtomically(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = AnalysisOutput.Json.Encoder });
            root.WriteTo(writer);
        });
    }

    private static void Report(SeriesForecast result, string path)
    {
        var chosen = result.Models.First(s => s.Model == result.Chosen);
        var baseline = result.Models[0];
        Console.WriteLine($"forecast '{result.Series}' ({result.Periods} {result.Frequency} periods): chosen {result.Chosen}, backtest MASE {chosen.Mase:0.###} " +
                          $"(seasonal naive {baseline.Mase:0.###}); {result.Forecast.Count} periods from {result.Forecast[0].Date:yyyy-MM-dd}; wrote {path}");
    }
}
