using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Auditing;
using Rapport.Core.Domain;
using Rapport.Core.Unification;

namespace Rapport.Data.Unification;

/// <summary>What happened to one proposed pair in a run.</summary>
public sealed record UnificationPair(long A, long B, double Confidence, string Reasons, string Outcome, long? MergeId);

/// <summary>What a resolution run found and did.</summary>
public sealed record UnificationResult(
    long? ImportBatchId,
    bool DryRun,
    int Records,
    long PairsCompared,
    int Blocks,
    int OversizedBlocksSkipped,
    TimeSpan MatchingTime,
    int AutoMerged,
    int Queued,
    int Skipped,
    IReadOnlyList<UnificationPair> Pairs);

/// <summary>One pending pair of the review queue, with both names for a person to judge.</summary>
public sealed record ReviewItem(long CandidateId, long CustomerId, string CustomerName, long OtherCustomerId, string OtherName, double Confidence, string Reasons, DateTime CreatedAt);

/// <summary>
/// Identity resolution on the database: runs <see cref="CustomerMatcher"/> over the active customers (all of them, or an
/// import batch's new ones against everyone), merges the pairs at or above the auto-merge threshold, queues the rest for
/// review, and undoes merges. Each merge is one transaction through the tracked EF path, so the audit hook records every
/// changed row; its <see cref="CustomerMerge.Record"/> lists exactly what moved and which survivor fields changed from what.
/// Re-running is idempotent: merged records are no longer active, decided pairs (accepted, rejected, or merged and undone)
/// are not proposed again, and pending ones are updated rather than added twice.
/// </summary>
public sealed class IdentityResolutionService(RapportDb db, UnificationOptions options, IAuditActorAccessor actors, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The JSON kept in <see cref="CustomerMerge.Record"/>.</summary>
    internal sealed record MergeRecord(
        List<FieldChange> Fields,
        Dictionary<string, List<long>> Moved,
        List<long> PrimaryCleared,
        List<long> ContactPointsKept,
        string MergedStatusBefore);

    /// <summary>
    /// Matches and resolves. With <paramref name="importBatchId"/>, only pairs involving that batch's new customers are
    /// considered (the import calls this after loading a batch); with <paramref name="dryRun"/> nothing is written.
    /// </summary>
    public async Task<UnificationResult> ResolveAsync(long? importBatchId, bool dryRun = false, CancellationToken ct = default)
    {
        var records = await LoadRecordsAsync(ct);
        IReadOnlySet<long>? focus = null;
        if (importBatchId is { } batch)
            focus = (await db.Customers.AsNoTracking().Where(c => c.ImportBatchId == batch && c.Status == RecordStatus.Active).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var run = new CustomerMatcher(options).Match(records, focus, ct);

        var decided = await db.MatchCandidates.AsNoTracking()
            .Select(c => new { c.Id, c.CustomerId, c.OtherCustomerId, c.Status })
            .ToDictionaryAsync(c => (c.CustomerId, c.OtherCustomerId), c => (c.Id, c.Status), ct);
        var mergedInto = new Dictionary<long, long>();
        long Resolve(long id)
        {
            while (mergedInto.TryGetValue(id, out var next)) id = next;
            return id;
        }

        var outcomes = new List<UnificationPair>(run.Pairs.Count);
        int autoMerged = 0, queued = 0, skipped = 0, pendingWrites = 0;
        foreach (var pair in run.Pairs)
        {
            ct.ThrowIfCancellationRequested();
            var (a, b) = (Resolve(pair.A), Resolve(pair.B));
            if (a == b)
            {
                outcomes.Add(Outcome(pair, "already one record"));
                skipped++;
                continue;
            }
            var key = (Math.Min(a, b), Math.Max(a, b));
            var known = decided.TryGetValue(key, out var k) ? k : ((long Id, MatchStatus Status)?)null;
            if (known is { Status: MatchStatus.Rejected or MatchStatus.Accepted })
            {
                outcomes.Add(Outcome(pair, known.Value.Status == MatchStatus.Rejected ? "rejected before" : "accepted before"));
                skipped++;
                continue;
            }
            if (pair.Confidence >= options.AutoMergeThreshold)
            {
                if (dryRun)
                {
                    mergedInto[key.Item2] = key.Item1;
                    outcomes.Add(Outcome(pair, "would auto-merge"));
                }
                else
                {
                    if (pendingWrites > 0) await SaveAndClearAsync(ct);
                    pendingWrites = 0;
                    var merge = await MergeCoreAsync(key.Item1, key.Item2, pair.Confidence, pair.ReasonText, MergeRule.Auto, known?.Id, ct);
                    mergedInto[merge.MergedId] = merge.SurvivorId;
                    decided[key] = (0, MatchStatus.Accepted);
                    outcomes.Add(Outcome(pair, "auto-merged", merge.Id));
                }
                autoMerged++;
                continue;
            }
            if (known is { Status: MatchStatus.Pending })
            {
                if (!dryRun)
                {
                    var candidate = await db.MatchCandidates.SingleAsync(c => c.Id == known.Value.Id, ct);
                    candidate.Confidence = pair.Confidence;
                    candidate.Reasons = Truncate(pair.ReasonText);
                    pendingWrites++;
                }
                outcomes.Add(Outcome(pair, "already queued"));
                skipped++;
                continue;
            }
            if (!dryRun)
            {
                db.MatchCandidates.Add(new MatchCandidate
                {
                    CustomerId = key.Item1, OtherCustomerId = key.Item2, Confidence = pair.Confidence, Reasons = Truncate(pair.ReasonText),
                    Status = MatchStatus.Pending, CreatedAt = Now,
                });
                decided[key] = (0, MatchStatus.Pending);
                if (++pendingWrites >= 500)
                {
                    await SaveAndClearAsync(ct);
                    pendingWrites = 0;
                }
            }
            outcomes.Add(Outcome(pair, dryRun ? "would queue" : "queued"));
            queued++;
        }
        if (pendingWrites > 0) await SaveAndClearAsync(ct);
        return new UnificationResult(importBatchId, dryRun, run.Records, run.PairsCompared, run.Blocks, run.OversizedBlocksSkipped, run.Elapsed,
            autoMerged, queued, skipped, outcomes);
    }

    /// <summary>Pending pairs, most confident first.</summary>
    public async Task<IReadOnlyList<ReviewItem>> ReviewQueueAsync(int limit = 100, CancellationToken ct = default)
    {
        var pending = await db.MatchCandidates.AsNoTracking().Where(c => c.Status == MatchStatus.Pending)
            .OrderByDescending(c => c.Confidence).ThenBy(c => c.Id).Take(limit).ToListAsync(ct);
        var ids = pending.SelectMany(c => new[] { c.CustomerId, c.OtherCustomerId }).Distinct().ToList();
        var names = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.FirstName, c.LastName }).ToDictionaryAsync(c => c.Id, c => $"{c.FirstName} {c.LastName}".Trim(), ct);
        return [.. pending.Select(c => new ReviewItem(c.Id, c.CustomerId, names.GetValueOrDefault(c.CustomerId, "?"), c.OtherCustomerId,
            names.GetValueOrDefault(c.OtherCustomerId, "?"), c.Confidence, c.Reasons, c.CreatedAt))];
    }

    /// <summary>A person accepts a queued pair: the two records (or what they were merged into since) are merged by hand.</summary>
    public async Task<CustomerMerge> AcceptAsync(long candidateId, CancellationToken ct = default)
    {
        var candidate = await PendingAsync(candidateId, ct);
        var a = await CurrentRecordAsync(candidate.CustomerId, ct);
        var b = await CurrentRecordAsync(candidate.OtherCustomerId, ct);
        if (a == b) throw new InvalidOperationException($"Customers {candidate.CustomerId} and {candidate.OtherCustomerId} are already one record ({a}).");
        db.ChangeTracker.Clear();
        return await MergeCoreAsync(Math.Min(a, b), Math.Max(a, b), candidate.Confidence, candidate.Reasons, MergeRule.Manual, candidate.Id, ct);
    }

    /// <summary>A person rejects a queued pair: it is kept as rejected, so later runs do not propose it again.</summary>
    public async Task RejectAsync(long candidateId, CancellationToken ct = default)
    {
        var candidate = await PendingAsync(candidateId, ct);
        candidate.Status = MatchStatus.Rejected;
        candidate.DecidedAt = Now;
        candidate.DecidedBy = actors.Current.UserName;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Undoes a merge exactly: survivor fields back to their values before, moved children back to the merged record,
    /// the merged record active again; the pair is then kept as rejected so it is not merged automatically again.
    /// Merges are undone newest first: a later merge that involves either record must be undone before.
    /// </summary>
    public async Task<CustomerMerge> UndoAsync(long mergeId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var merge = await db.CustomerMerges.SingleOrDefaultAsync(m => m.Id == mergeId, ct)
                    ?? throw new KeyNotFoundException($"No merge with id {mergeId}.");
        if (merge.UndoneAt is { } undone) throw new InvalidOperationException($"Merge {mergeId} was already undone at {undone:u}.");
        long[] involved = [merge.SurvivorId, merge.MergedId];
        var later = await db.CustomerMerges.Where(m => m.Id > merge.Id && m.UndoneAt == null
                && (involved.Contains(m.SurvivorId) || involved.Contains(m.MergedId)))
            .OrderByDescending(m => m.Id).Select(m => m.Id).ToListAsync(ct);
        if (later.Count > 0)
            throw new InvalidOperationException($"Merge {mergeId} was followed by merge {string.Join(", ", later)} of the same records: undo that first.");

        var record = (string.IsNullOrEmpty(merge.Record) ? null : JsonSerializer.Deserialize<MergeRecord>(merge.Record, Json))
                     ?? throw new InvalidOperationException($"Merge {mergeId} has no record of what it changed (erased with the customer's personal data): it cannot be undone.");
        var survivor = await db.Customers.SingleAsync(c => c.Id == merge.SurvivorId, ct);
        var merged = await db.Customers.SingleAsync(c => c.Id == merge.MergedId, ct);
        if (merged.Status != RecordStatus.Merged || merged.MergedIntoId != survivor.Id)
            throw new InvalidOperationException($"Customer {merged.Id} is no longer merged into {survivor.Id} ({merged.Status}); the merge cannot be undone.");

        Survivorship.Restore(survivor, record.Fields);
        foreach (var (table, ids) in record.Moved) await MoveAsync(table, ids, survivor.Id, merged.Id, ct);
        if (record.PrimaryCleared.Count > 0)
            foreach (var point in await db.ContactPoints.Where(p => record.PrimaryCleared.Contains(p.Id)).ToListAsync(ct))
                point.IsPrimary = true;
        merged.Status = Enum.Parse<RecordStatus>(record.MergedStatusBefore);
        merged.MergedIntoId = null;
        merge.UndoneAt = Now;
        merge.UndoneBy = actors.Current.UserName;

        var (low, high) = (Math.Min(merge.SurvivorId, merge.MergedId), Math.Max(merge.SurvivorId, merge.MergedId));
        var candidate = await db.MatchCandidates.SingleOrDefaultAsync(c => c.CustomerId == low && c.OtherCustomerId == high, ct);
        if (candidate is null)
        {
            candidate = new MatchCandidate { CustomerId = low, OtherCustomerId = high, Confidence = merge.Confidence, Reasons = merge.Reasons, CreatedAt = Now };
            db.MatchCandidates.Add(candidate);
        }
        candidate.Status = MatchStatus.Rejected;
        candidate.DecidedAt = Now;
        candidate.DecidedBy = actors.Current.UserName;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return merge;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string Truncate(string reasons) => reasons.Length <= 1000 ? reasons : reasons[..1000];

    private static UnificationPair Outcome(MatchPair pair, string outcome, long? mergeId = null)
        => new(pair.A, pair.B, pair.Confidence, pair.ReasonText, outcome, mergeId);

    private async Task SaveAndClearAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task<MatchCandidate> PendingAsync(long candidateId, CancellationToken ct)
    {
        var candidate = await db.MatchCandidates.SingleOrDefaultAsync(c => c.Id == candidateId, ct)
                        ?? throw new KeyNotFoundException($"No review item with id {candidateId}.");
        if (candidate.Status != MatchStatus.Pending)
            throw new InvalidOperationException($"Review item {candidateId} was already decided ({candidate.Status}).");
        return candidate;
    }

    /// <summary>The record a customer id stands for now: itself, or the survivor it was merged into (followed to the end).</summary>
    private async Task<long> CurrentRecordAsync(long id, CancellationToken ct)
    {
        for (var hops = 0; hops < 100; hops++)
        {
            var c = await db.Customers.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Status, x.MergedIntoId }).SingleOrDefaultAsync(ct)
                    ?? throw new KeyNotFoundException($"No customer with id {id}.");
            if (c.Status != RecordStatus.Merged || c.MergedIntoId is null)
                return c.Status == RecordStatus.Active ? id : throw new InvalidOperationException($"Customer {id} is {c.Status} and cannot be merged.");
            id = c.MergedIntoId.Value;
        }
        throw new InvalidOperationException($"Customer {id}: the merged-into chain does not end.");
    }

    private async Task<List<MatchRecord>> LoadRecordsAsync(CancellationToken ct)
    {
        var customers = await db.Customers.AsNoTracking().Where(c => c.Status == RecordStatus.Active)
            .Select(c => new { c.Id, c.Source, c.ExternalId, c.FirstName, c.LastName, c.BirthDate, c.Country })
            .ToListAsync(ct);
        var points = (await db.ContactPoints.AsNoTracking().Where(p => p.CustomerId != null)
                .Select(p => new { CustomerId = p.CustomerId!.Value, p.Kind, p.Value, p.PostalCode, p.City, p.Country })
                .ToListAsync(ct))
            // No NormalizedValue: it is stored as a keyed hash (blind index); the matcher recomputes it from the value.
            .ToLookup(p => p.CustomerId, p => new MatchContact(p.Kind, p.Value, null, p.PostalCode, p.City, p.Country));
        return [.. customers.Select(c => new MatchRecord(c.Id, c.Source, c.ExternalId, c.FirstName, c.LastName, c.BirthDate, c.Country, [.. points[c.Id]]))];
    }

    /// <summary>
    /// Merges two active records in one transaction: survivor by <see cref="Survivorship.ChooseSurvivor"/>, its fields by the
    /// survivorship rules, every child re-pointed (contact points the survivor already has stay with the merged record,
    /// as do campaign memberships of a campaign the survivor is in; segment memberships and insights are derived and
    /// stay too, the next insights refresh recomputes them), the merged record marked Merged.
    /// </summary>
    private async Task<CustomerMerge> MergeCoreAsync(long idA, long idB, double confidence, string reasons, MergeRule rule, long? candidateId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var a = await db.Customers.SingleOrDefaultAsync(c => c.Id == idA, ct) ?? throw new KeyNotFoundException($"No customer with id {idA}.");
        var b = await db.Customers.SingleOrDefaultAsync(c => c.Id == idB, ct) ?? throw new KeyNotFoundException($"No customer with id {idB}.");
        foreach (var c in new[] { a, b })
            if (c.Status != RecordStatus.Active) throw new InvalidOperationException($"Customer {c.Id} is {c.Status}: only active records are merged.");
        var (survivor, merged) = Survivorship.ChooseSurvivor(a, b);
        var statusBefore = merged.Status.ToString();
        var changes = Survivorship.Apply(survivor, merged, options.SourcePriority);
        long from = merged.Id, to = survivor.Id;

        var moved = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var table in MovableTables) moved[table] = await MoveAsync(table, null, from, to, ct);

        var survivorMemberships = await db.CampaignMembers.Where(m => m.CustomerId == to).Select(m => m.CampaignId).ToListAsync(ct);
        var members = await db.CampaignMembers.Where(m => m.CustomerId == from && !survivorMemberships.Contains(m.CampaignId)).ToListAsync(ct);
        foreach (var m in members) m.CustomerId = to;
        moved["campaign_members"] = [.. members.Select(m => m.Id)];

        var survivorPoints = await db.ContactPoints.Where(p => p.CustomerId == to).ToListAsync(ct);
        var known = survivorPoints.Select(p => (p.Kind, PointKey(p))).ToHashSet();
        var primaryKinds = survivorPoints.Where(p => p.IsPrimary).Select(p => p.Kind).ToHashSet();
        var movedPoints = new List<long>();
        var kept = new List<long>();
        var primaryCleared = new List<long>();
        foreach (var point in await db.ContactPoints.Where(p => p.CustomerId == from).OrderBy(p => p.Id).ToListAsync(ct))
        {
            if (!known.Add((point.Kind, PointKey(point))))
            {
                kept.Add(point.Id);
                continue;
            }
            point.CustomerId = to;
            movedPoints.Add(point.Id);
            if (point.IsPrimary && !primaryKinds.Add(point.Kind))
            {
                point.IsPrimary = false;
                primaryCleared.Add(point.Id);
            }
        }
        moved["contact_points"] = movedPoints;

        merged.Status = RecordStatus.Merged;
        merged.MergedIntoId = to;
        var actor = actors.Current;
        var merge = new CustomerMerge
        {
            SurvivorId = to, MergedId = from, Confidence = confidence, Reasons = Truncate(reasons), Rule = rule,
            UserId = actor.UserId, UserName = actor.UserName, MergedAt = Now,
            Record = JsonSerializer.Serialize(new MergeRecord([.. changes], moved.Where(kv => kv.Value.Count > 0).ToDictionary(kv => kv.Key, kv => kv.Value),
                primaryCleared, kept, statusBefore), Json),
        };
        db.CustomerMerges.Add(merge);
        await db.SaveChangesAsync(ct);

        var candidate = candidateId is { } cid
            ? await db.MatchCandidates.SingleAsync(c => c.Id == cid, ct)
            : await db.MatchCandidates.SingleOrDefaultAsync(c => c.CustomerId == idA && c.OtherCustomerId == idB, ct);
        if (candidate is null)
        {
            candidate = new MatchCandidate { CustomerId = idA, OtherCustomerId = idB, Confidence = confidence, Reasons = Truncate(reasons), CreatedAt = Now };
            db.MatchCandidates.Add(candidate);
        }
        candidate.Status = MatchStatus.Accepted;
        candidate.DecidedAt = Now;
        candidate.DecidedBy = actor.UserName;
        candidate.MergeId = merge.Id;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return merge;
    }

    /// <summary>Both points come from the database, so their blind indexes (keyed hashes) compare as the values would.</summary>
    private static string PointKey(ContactPoint p) => p.NormalizedValue ?? p.Value.Trim().ToLowerInvariant();

    /// <summary>Child tables re-pointed wholesale (contact points and campaign members have their own rules).</summary>
    private static readonly string[] MovableTables = ["orders", "order_lines", "interactions", "tickets", "deals", "feedback", "consents", "campaign_responses"];

    /// <summary>Sets customer_id from <paramref name="from"/> to <paramref name="to"/> on the rows of a table (all of them, or the listed ids), tracked so the audit hook sees each.</summary>
    private async Task<List<long>> MoveAsync(string table, List<long>? ids, long from, long to, CancellationToken ct)
    {
        async Task<List<long>> Move<T>(IQueryable<T> rows, Func<T, long> id, Action<T> set) where T : class
        {
            var list = await rows.ToListAsync(ct);
            var moved = new List<long>(list.Count);
            foreach (var row in list)
            {
                if (ids is not null && !ids.Contains(id(row))) continue;
                set(row);
                moved.Add(id(row));
            }
            return moved;
        }
        return table switch
        {
            "orders" => await Move(db.Orders.Where(x => x.CustomerId == from), x => x.Id, x => x.CustomerId = to),
            "order_lines" => await Move(db.OrderLines.Where(x => x.CustomerId == from), x => x.Id, x => x.CustomerId = to),
            "interactions" => await Move(db.Interactions.Where(x => x.CustomerId == from), x => x.Id, x => x.CustomerId = to),
            "tickets" => await Move(db.Tickets.Where(x => x.CustomerId == from), x => x.Id, x => x.CustomerId = to),
            "deals" => await Move(db.Deals.Where(x => x.CustomerId == from), x => x.Id, x => x.CustomerId = to),
            "feedback" => await Move(db.Feedback.Where(x => x.CustomerId == from), x => x.Id, x => x.CustomerId = to),
            "consents" => await Move(db.Consents.Where(x => x.CustomerId == from), x => x.Id, x => x.CustomerId = to),
            "campaign_responses" => await Move(db.CampaignResponses.Where(x => x.CustomerId == from), x => x.Id, x => x.CustomerId = to),
            "campaign_members" => await Move(db.CampaignMembers.Where(x => x.CustomerId == from), x => x.Id, x => x.CustomerId = to),
            "contact_points" => await Move(db.ContactPoints.Where(x => x.CustomerId == from), x => x.Id, x => x.CustomerId = to),
            _ => throw new InvalidOperationException($"The merge record names an unknown table '{table}'."),
        };
    }
}
