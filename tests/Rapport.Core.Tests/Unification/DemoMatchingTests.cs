using Rapport.Core.Demo;
using Rapport.Core.Domain;
using Rapport.Core.Unification;
using Xunit.Abstractions;

namespace Rapport.Core.Tests.Unification;

/// <summary>Precision and recall of the matcher on the duplicates the demo plants (4,000 customers + 3 % duplicates + look-alikes).</summary>
public class DemoMatchingTests(ITestOutputHelper output)
{
    private static readonly Lazy<DemoDataSet> Demo = new(() => DemoGenerator.Generate(new DemoOptions { Customers = 4000, Seed = 23, DuplicateShare = 0.03 }));

    internal static List<MatchRecord> Records(DemoDataSet data)
    {
        var contacts = data.ContactPoints.Where(p => p.CustomerId is not null).ToLookup(p => p.CustomerId!.Value);
        return [.. data.Customers.Select(c => MatchRecord.From(c, contacts[c.Id]))];
    }

    [Fact]
    public void Matching_recovers_the_planted_duplicates_with_high_precision()
    {
        var data = Demo.Value;
        var truth = data.Truth.Duplicates!.Select(d => (Math.Min(d.OriginalId, d.DuplicateId), Math.Max(d.OriginalId, d.DuplicateId))).ToHashSet();
        var lookalikes = data.Truth.Lookalikes!.Select(l => (Math.Min(l.ExistingId, l.LookalikeId), Math.Max(l.ExistingId, l.LookalikeId))).ToHashSet();
        var options = new UnificationOptions();
        var run = new CustomerMatcher(options).Match(Records(data));

        var auto = run.Pairs.Where(p => p.Confidence >= options.AutoMergeThreshold).Select(p => (p.A, p.B)).ToList();
        var proposed = run.Pairs.Select(p => (p.A, p.B)).ToList();
        var (autoPrecision, autoRecall) = Score(auto, truth);
        var (precision, recall) = Score(proposed, truth);
        output.WriteLine($"{data.Customers.Count} records, {truth.Count} planted duplicates, {lookalikes.Count} look-alikes; {run.PairsCompared} pairs compared in {run.Elapsed.TotalMilliseconds:0} ms");
        output.WriteLine($"auto-merge (>= {options.AutoMergeThreshold}): {auto.Count} pairs, precision {autoPrecision:0.000}, recall {autoRecall:0.000}");
        output.WriteLine($"auto + review (>= {options.ReviewThreshold}): {proposed.Count} pairs, precision {precision:0.000}, recall {recall:0.000}");
        output.WriteLine($"look-alikes proposed: {proposed.Count(lookalikes.Contains)}, auto-merged: {auto.Count(lookalikes.Contains)}");
        foreach (var variation in data.Truth.Duplicates!.SelectMany(d => d.Variations).Distinct().Order())
        {
            var with = data.Truth.Duplicates!.Where(d => d.Variations.Contains(variation)).ToList();
            var found = with.Count(d => proposed.Contains((Math.Min(d.OriginalId, d.DuplicateId), Math.Max(d.OriginalId, d.DuplicateId))));
            output.WriteLine($"  {variation,-18} {found,4}/{with.Count,-4} found");
        }
        foreach (var p in run.Pairs.Where(p => !truth.Contains((p.A, p.B))).Take(15))
            output.WriteLine($"  false positive {p.A}-{p.B} {p.Confidence:0.000} {p.ReasonText}");

        // Auto-merges must almost never be wrong (a wrong merge mixes two people's orders); the review queue may hold some noise.
        Assert.True(autoPrecision >= 0.98, $"auto-merge precision {autoPrecision}");
        Assert.True(autoRecall >= 0.70, $"auto-merge recall {autoRecall}");
        Assert.True(precision >= 0.85, $"precision {precision}");
        Assert.True(recall >= 0.90, $"recall {recall}");
        Assert.Equal(0, auto.Count(lookalikes.Contains));
    }

    private static (double Precision, double Recall) Score(IReadOnlyCollection<(long, long)> predicted, HashSet<(long, long)> truth)
    {
        var hits = predicted.Count(truth.Contains);
        return (predicted.Count == 0 ? 0 : hits / (double)predicted.Count, hits / (double)truth.Count);
    }

    [Fact]
    public void Planting_duplicates_leaves_every_existing_row_identical()
    {
        var plain = DemoGenerator.Generate(new DemoOptions { Customers = 600, Seed = 9 });
        var planted = DemoGenerator.Generate(new DemoOptions { Customers = 600, Seed = 9, DuplicateShare = 0.05 });
        var root = Path.Combine(Path.GetTempPath(), "rapport-dup-" + Guid.NewGuid().ToString("N"));
        try
        {
            DemoFiles.Write(plain, Path.Combine(root, "a"));
            DemoFiles.Write(planted, Path.Combine(root, "b"));
            foreach (var file in Directory.GetFiles(Path.Combine(root, "a")).Select(Path.GetFileName))
            {
                var a = File.ReadAllText(Path.Combine(root, "a", file!));
                var b = File.ReadAllText(Path.Combine(root, "b", file!));
                if (file is "customers.csv" or "contact_points.csv") Assert.StartsWith(a, b, StringComparison.Ordinal);
                else if (file != "truth.json") Assert.Equal(a, b);
            }
            Assert.Equal(640, planted.Customers.Count);
            Assert.Equal(30, planted.Truth.Duplicates!.Count);
            Assert.Equal(10, planted.Truth.Lookalikes!.Count);
            Assert.Equal(plain.Truth.Customers, planted.Truth.Customers);
            Assert.Null(plain.Truth.Duplicates);
            Assert.DoesNotContain("duplicate", File.ReadAllText(Path.Combine(root, "a", "truth.json")), StringComparison.OrdinalIgnoreCase);
            var planted600 = planted.Customers.Skip(600).Select(c => c.Id).ToHashSet();
            Assert.DoesNotContain(planted.Orders, o => planted600.Contains(o.CustomerId));
            Assert.All(planted.Truth.Duplicates!, d => Assert.Contains(d.DuplicateId, planted600));
            // Every contact point value goes through the one normaliser.
            Assert.All(planted.ContactPoints.Where(p => p.Kind == ContactKind.Email), p => Assert.Equal(ContactNormalizer.Email(p.Value), p.NormalizedValue));
            Assert.All(planted.ContactPoints.Where(p => p.Kind == ContactKind.Phone), p => Assert.Equal(ContactNormalizer.Phone(p.Value, p.Country), p.NormalizedValue));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
