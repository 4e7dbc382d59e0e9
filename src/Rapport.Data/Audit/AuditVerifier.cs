using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;

namespace Rapport.Data.Audit;

/// <summary>One break in the audit chain.</summary>
/// <param name="Sequence">Chain position where the problem shows.</param>
/// <param name="AuditId">Row id of the entry, when it exists.</param>
/// <param name="Problem">What is wrong, in words.</param>
public sealed record AuditChainProblem(long Sequence, long? AuditId, string Problem);

/// <summary>The outcome of walking the whole audit chain.</summary>
public sealed record AuditVerification(long EntriesChecked, IReadOnlyList<AuditChainProblem> Problems)
{
    public bool IsIntact => Problems.Count == 0;
}

/// <summary>
/// Walks the audit log in chain order and recomputes every hash: an edited entry fails its own hash, a deleted one
/// leaves a gap in the sequence and a broken link, an inserted one a duplicate or a broken link; the newest entries
/// deleted leave a chain shorter than its signed anchor (<see cref="AuditAnchors"/>).
/// </summary>
public sealed class AuditVerifier(RapportDb db)
{
    /// <summary>At most this many problems are listed; the count of entries checked is always complete.</summary>
    public const int MaxProblems = 100;

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        var problems = new List<AuditChainProblem>();
        long expected = 1, checkedCount = 0;
        var previousHash = "";
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ThenBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            checkedCount++;
            if (problems.Count >= MaxProblems) continue;
            if (entry.Sequence != expected)
                problems.Add(new AuditChainProblem(expected, null, entry.Sequence > expected
                    ? $"entries {expected}–{entry.Sequence - 1} are missing (deleted)"
                    : $"entry {entry.Sequence} appears twice"));
            if (entry.PreviousHash != previousHash)
                problems.Add(new AuditChainProblem(entry.Sequence, entry.Id, "does not link to the entry before it"));
            if (AuditChain.ComputeHash(entry) != entry.Hash)
                problems.Add(new AuditChainProblem(entry.Sequence, entry.Id, "its content was changed after it was written (hash mismatch)"));
            expected = entry.Sequence + 1;
            previousHash = entry.Hash;
        }
        await CompareWithAnchorAsync(expected - 1, previousHash, problems, ct);
        return new AuditVerification(checkedCount, problems);
    }

    private async Task CompareWithAnchorAsync(long lastSequence, string lastHash, List<AuditChainProblem> problems, CancellationToken ct)
    {
        var anchor = await AuditAnchors.ReadAsync(db, ct);
        if (anchor is null)
        {
            if (lastSequence > 0 && await Security.SecretKeys.FindAsync(db, Security.SecretKeys.AuditAnchor, ct) is not null)
                problems.Add(new AuditChainProblem(lastSequence, null, "the signed record of the chain's head is missing (deleted), so removal of the newest entries cannot be ruled out"));
            return;
        }
        if (!await AuditAnchors.IsSignedAsync(db, anchor, ct))
            problems.Add(new AuditChainProblem(anchor.Sequence, null, "the signed record of the chain's head was altered (signature mismatch)"));
        else if (anchor.Sequence > lastSequence)
            problems.Add(new AuditChainProblem(lastSequence + 1, null,
                $"entries {lastSequence + 1}–{anchor.Sequence} are missing at the end of the log (the newest entries were deleted)"));
        else if (anchor.Sequence == lastSequence && anchor.Hash != lastHash)
            problems.Add(new AuditChainProblem(lastSequence, null, "the newest entry is not the one the chain's head was signed for (replaced)"));
        else if (anchor.Sequence < lastSequence)
            problems.Add(new AuditChainProblem(anchor.Sequence + 1, null,
                $"entries {anchor.Sequence + 1}–{lastSequence} were added after the signed head without moving it (written outside Rapport)"));
    }
}
