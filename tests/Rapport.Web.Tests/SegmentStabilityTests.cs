using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Core.Insights;
using Rapport.Web.Features.Customers;
using Rapport.Web.Features.Insights;

namespace Rapport.Web.Tests;

/// <summary>Clustered segments keep their ids across insights refreshes, so a saved view filtered by one keeps working.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class SegmentStabilityTests(RapportAppFixture app)
{
    /// <summary>Runs a refresh to its end (waiting out one another test started).</summary>
    private async Task RefreshAsync()
    {
        var runner = app.App.Services.GetRequiredService<InsightsRunner>();
        InsightRun? run;
        while ((run = await runner.TryStartAsync("test", null)) is null) await runner.WhenIdleAsync();
        await runner.WhenIdleAsync();
        var done = await app.QueryAsync(db => db.InsightRuns.SingleAsync(r => r.Id == run.Id));
        Assert.True(done.Status == InsightRunStatus.Succeeded, done.Error);
    }

    [Fact]
    public async Task A_saved_view_on_a_clustered_segment_still_selects_its_members_after_a_refresh()
    {
        await RefreshAsync();
        var segment = await app.QueryAsync(db => db.Segments.Where(s => s.Kind == SegmentKind.Cluster).OrderBy(s => s.Id).FirstAsync());
        var userId = await app.QueryAsync(db => db.Users.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync());
        await using var scope = app.App.Services.CreateAsyncScope();
        var views = scope.ServiceProvider.GetRequiredService<SavedViews>();
        var search = scope.ServiceProvider.GetRequiredService<CustomerSearch>();
        var (saved, error) = await views.SaveAsync(userId, $"cluster {Guid.NewGuid():N}", false, new CustomerViewState(null, null, segment.Id, null, null, null, null, false));
        Assert.Null(error);

        await RefreshAsync();

        // The same demo data clusters the same way: the segment is still there under its id, refreshed, with members.
        var after = await app.QueryAsync(db => db.Segments.SingleOrDefaultAsync(s => s.Id == segment.Id));
        Assert.NotNull(after);
        Assert.Equal(segment.Name, after.Name);
        Assert.True(after.RefreshedAt > segment.RefreshedAt);
        var members = await app.QueryAsync(db => db.SegmentMemberships.Where(m => m.SegmentId == segment.Id).Select(m => m.CustomerId).OrderBy(id => id).ToListAsync());
        Assert.NotEmpty(members);

        var view = (await views.ListAsync(userId)).Single(v => v.Id == saved!.Id);
        var page = await search.FindAsync(new CustomerQuery { SegmentId = view.State.SegmentId, Sort = CustomerSort.Id, PageSize = CustomerSearch.MaxPageSize }, showPersonal: false);
        Assert.Equal(members.Count, page.Total);
        Assert.Equal(members, page.Items.Select(i => i.Id).ToList());
    }
}
