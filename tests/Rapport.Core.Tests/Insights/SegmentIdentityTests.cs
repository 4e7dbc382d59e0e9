using Rapport.Core.Domain;
using Rapport.Core.Insights;

namespace Rapport.Core.Tests.Insights;

public sealed class SegmentIdentityTests
{
    [Fact]
    public void A_segment_found_again_by_name_keeps_its_id_and_new_ones_get_none()
    {
        StoredSegment[] stored = [new(7, "High spenders"), new(9, "Lapsed"), new(3, "Lapsed"), new(12, "Gone")];
        var high = new Segment { Name = "High spenders" };
        var lapsedA = new Segment { Name = "Lapsed" };
        var lapsedB = new Segment { Name = "Lapsed" };
        var lapsedC = new Segment { Name = "Lapsed" };
        var fresh = new Segment { Name = "New buyers" };
        var kept = SegmentIdentity.Match(stored, [high, lapsedA, fresh, lapsedB, lapsedC]);
        Assert.Equal(7, kept[high]);
        // Same names are matched in id order, each stored row once; one more than before gets a new id.
        Assert.Equal(3, kept[lapsedA]);
        Assert.Equal(9, kept[lapsedB]);
        Assert.False(kept.ContainsKey(lapsedC));
        Assert.False(kept.ContainsKey(fresh));
        Assert.DoesNotContain(12L, kept.Values);
    }
}
