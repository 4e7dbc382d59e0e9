using System.CommandLine;
using System.Globalization;
using Rapport.Data.Unification;

namespace Rapport.Cli.Commands;

/// <summary>`rapport customers unify|merge-undo|review`: identity resolution against the configured database.</summary>
internal static class CustomersCommand
{
    public static Command Create() => new("customers", "Customer records: find and merge duplicates (identity resolution), review and undo merges.")
    {
        Unify(),
        MergeUndo(),
        Review(),
    };

    private static Command Unify()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only report what would be merged and queued; change nothing." };
        var batch = new Option<long?>("--batch") { Description = "Only match the new customers of this import batch (against everyone)." };
        var show = new Option<int>("--show") { Description = "How many of the pairs to list (most confident first).", DefaultValueFactory = _ => 20 };
        var command = new Command("unify", "Match customer records across sources: merge confident pairs, queue the rest for review.") { dryRun, batch, show };
        command.SetAction(async (parse, ct) => await WithServiceAsync(async service =>
        {
            var result = await service.ResolveAsync(parse.GetValue(batch), parse.GetValue(dryRun), ct);
            var prefix = result.DryRun ? "Dry run: " : "";
            Console.WriteLine($"{prefix}{result.Records:N0} active customers, {result.PairsCompared:N0} pairs compared in {result.MatchingTime.TotalSeconds:F1} s " +
                              $"({result.Blocks:N0} blocks, {result.OversizedBlocksSkipped:N0} oversized blocks skipped).");
            Console.WriteLine($"{prefix}{result.Pairs.Count:N0} pairs found: {result.AutoMerged:N0} {(result.DryRun ? "would be auto-merged" : "auto-merged")}, " +
                              $"{result.Queued:N0} {(result.DryRun ? "would be queued" : "queued for review")}, {result.Skipped:N0} already decided.");
            foreach (var p in result.Pairs.Take(Math.Max(0, parse.GetValue(show))))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {p.A,8} ~ {p.B,-8} {p.Confidence,6:0.000}  {p.Outcome}{(p.MergeId is { } m ? $" (merge {m})" : "")}: {p.Reasons}"));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command MergeUndo()
    {
        var id = new Argument<long>("id") { Description = "Merge id (printed by unify and review --accept)." };
        var command = new Command("merge-undo", "Undo a merge: survivor fields and moved records back, the merged record active again.") { id };
        command.SetAction(async (parse, ct) => await WithServiceAsync(async service =>
        {
            var merge = await service.UndoAsync(parse.GetValue(id), ct);
            Console.WriteLine($"Undid merge {merge.Id}: customer {merge.MergedId} is separate from {merge.SurvivorId} again; the pair is marked rejected.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Review()
    {
        var accept = new Option<long?>("--accept") { Description = "Merge the pair with this review id." };
        var reject = new Option<long?>("--reject") { Description = "Mark the pair with this review id as different people." };
        var limit = new Option<int>("--limit") { Description = "How many pending pairs to list.", DefaultValueFactory = _ => 50 };
        var command = new Command("review", "List the review queue (pairs below the auto-merge threshold), or decide one pair.") { accept, reject, limit };
        command.SetAction(async (parse, ct) =>
        {
            var (acceptId, rejectId) = (parse.GetValue(accept), parse.GetValue(reject));
            if (acceptId is not null && rejectId is not null) throw new CliInputException("give --accept or --reject, not both.");
            return await WithServiceAsync(async service =>
            {
                if (acceptId is { } a)
                {
                    var merge = await service.AcceptAsync(a, ct);
                    Console.WriteLine($"Accepted review {a}: merged customer {merge.MergedId} into {merge.SurvivorId} (merge {merge.Id}; undo with `rapport customers merge-undo {merge.Id}`).");
                    return ExitCodes.Ok;
                }
                if (rejectId is { } r)
                {
                    await service.RejectAsync(r, ct);
                    Console.WriteLine($"Rejected review {r}: the two records stay separate and will not be proposed again.");
                    return ExitCodes.Ok;
                }
                var queue = await service.ReviewQueueAsync(parse.GetValue(limit), ct);
                Console.WriteLine($"{queue.Count} pending pair(s){(queue.Count == parse.GetValue(limit) ? " (more may wait)" : "")}.");
                foreach (var item in queue)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  review {item.CandidateId,6}  {item.Confidence:0.000}  {item.CustomerId} {item.CustomerName} ~ {item.OtherCustomerId} {item.OtherName}: {item.Reasons}"));
                return ExitCodes.Ok;
            }, ct);
        });
        return command;
    }

    private static Task<int> WithServiceAsync(Func<IdentityResolutionService, Task<int>> work, CancellationToken ct) =>
        CliDatabase.RunAsync(work, ct, ex => ex is KeyNotFoundException or InvalidOperationException or ArgumentException);
}
