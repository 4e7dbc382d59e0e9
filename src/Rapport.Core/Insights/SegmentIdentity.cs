using Rapport.Core.Domain;

namespace Rapport.Core.Insights;

/// <summary>
/// Which clustering segments of a refresh are the previous refresh's segments again: matched by name (the profile's
/// description of the cluster, e.g. "High spenders"), each stored segment used once, in id order. Names are the
/// segments' identity for people too, so a cluster that keeps its profile keeps its id.
/// </summary>
public static class SegmentIdentity
{
    /// <summary>New segment → the id of the stored segment it continues (segments without a match are left out).</summary>
    public static Dictionary<Segment, long> Match(IReadOnlyList<StoredSegment> stored, IReadOnlyList<Segment> fresh)
    {
        var free = stored.OrderBy(s => s.Id).GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Queue<long>(g.Select(s => s.Id)), StringComparer.Ordinal);
        var kept = new Dictionary<Segment, long>(ReferenceEqualityComparer.Instance);
        foreach (var segment in fresh)
            if (free.TryGetValue(segment.Name, out var ids) && ids.Count > 0) kept[segment] = ids.Dequeue();
        return kept;
    }
}
