using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Sales;

/// <summary>The editable fields of a task.</summary>
public sealed record SalesTaskInput
{
    public string? Title { get; init; }
    public DateTime? DueAt { get; init; }
    public long? OwnerId { get; init; }
    public long? DealId { get; init; }
    public long? CustomerId { get; init; }
    public bool? Done { get; init; }
}

/// <summary>A signed-in user's day: tasks overdue and due today, their stale deals, and their deals expected to close this month.</summary>
public sealed record MyDayAgenda(IReadOnlyList<SalesTask> Overdue, IReadOnlyList<SalesTask> DueToday, IReadOnlyList<DealRow> StaleDeals, IReadOnlyList<DealRow> ClosingThisMonth);

/// <summary>Follow-up tasks: create (owner defaults to the creator), update, tick off, delete, and "my day".</summary>
public sealed class SalesTaskService(IDbContextFactory<RapportDb> databases, DealService deals, TimeProvider clock)
{
    public async Task<SalesTask> CreateAsync(SalesTaskInput input, long? userId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, creating: true, ct);
        var task = new SalesTask { CreatedAt = clock.GetUtcNow().UtcDateTime, OwnerId = input.OwnerId ?? userId };
        Apply(task, input, clock.GetUtcNow().UtcDateTime);
        if (task.DealId is { } dealId && task.CustomerId is null)
            task.CustomerId = await db.Deals.Where(d => d.Id == dealId).Select(d => d.CustomerId).FirstOrDefaultAsync(ct);
        db.SalesTasks.Add(task);
        await db.SaveChangesAsync(ct);
        return task;
    }

    public async Task<SalesTask?> UpdateAsync(long id, SalesTaskInput input, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var task = await db.SalesTasks.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return null;
        await ValidateAsync(db, input, creating: false, ct);
        Apply(task, input, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return task;
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var task = await db.SalesTasks.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return false;
        db.SalesTasks.Remove(task);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<SalesTask?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.SalesTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
    }

    /// <summary>Tasks by owner and/or deal, open first then by due time.</summary>
    public async Task<IReadOnlyList<SalesTask>> ListAsync(long? ownerId, long? dealId, bool? done, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var query = db.SalesTasks.AsNoTracking();
        if (ownerId is { } o) query = query.Where(t => t.OwnerId == o);
        if (dealId is { } d) query = query.Where(t => t.DealId == d);
        if (done is { } x) query = query.Where(t => t.Done == x);
        var tasks = await query.OrderBy(t => t.Done).ThenBy(t => t.Id).Take(500).ToListAsync(ct);
        // Due time sorted here: SQLite cannot order by a DateTime stored as text with nulls last in one portable expression.
        return tasks.OrderBy(t => t.Done).ThenBy(t => t.DueAt ?? DateTime.MaxValue).ThenBy(t => t.Id).ToList();
    }

    public async Task<MyDayAgenda> MyDayAsync(long userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var startOfDay = now.Date;
        var endOfDay = startOfDay.AddDays(1);
        var open = (await ListAsync(userId, null, done: false, ct)).Where(t => t.DueAt is not null).ToList();
        var overdue = open.Where(t => t.DueAt < startOfDay).ToList();
        var today = open.Where(t => t.DueAt >= startOfDay && t.DueAt < endOfDay).ToList();
        var stale = await deals.FindAsync(new DealQuery { OwnerId = userId, Status = DealStatus.Open, StaleOnly = true, PageSize = 50, Sort = DealSort.ExpectedClose }, showPersonal: false, ct);
        var month = new DateOnly(now.Year, now.Month, 1);
        var closing = await deals.FindAsync(new DealQuery
        {
            OwnerId = userId, Status = DealStatus.Open, CloseFrom = month, CloseTo = month.AddMonths(1).AddDays(-1), PageSize = 50, Sort = DealSort.ExpectedClose,
        }, showPersonal: false, ct);
        return new MyDayAgenda(overdue, today, stale.Items, closing.Items);
    }

    private static void Apply(SalesTask task, SalesTaskInput input, DateTime now)
    {
        if (input.Title is not null) task.Title = input.Title.Trim();
        if (input.DueAt is { } due) task.DueAt = due.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(due, DateTimeKind.Utc) : due.ToUniversalTime();
        if (input.OwnerId is not null) task.OwnerId = input.OwnerId;
        if (input.DealId is not null) task.DealId = input.DealId;
        if (input.CustomerId is not null) task.CustomerId = input.CustomerId;
        if (input.Done is { } done && done != task.Done)
        {
            task.Done = done;
            task.DoneAt = done ? now : null;
        }
    }

    private static async Task ValidateAsync(RapportDb db, SalesTaskInput input, bool creating, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (creating && string.IsNullOrWhiteSpace(input.Title)) errors["title"] = ["is required"];
        else if (input.Title is not null && (input.Title.Trim().Length == 0 || input.Title.Length > 300)) errors["title"] = ["1 to 300 characters"];
        if (input.OwnerId is { } owner && !await db.Users.AnyAsync(u => u.Id == owner, ct)) errors["ownerId"] = ["no such user"];
        if (input.DealId is { } deal && !await db.Deals.AnyAsync(d => d.Id == deal, ct)) errors["dealId"] = ["no such deal"];
        if (input.CustomerId is { } customer && !await db.Customers.AnyAsync(c => c.Id == customer, ct)) errors["customerId"] = ["no such customer"];
        if (errors.Count > 0) throw new DealValidationException(errors);
    }
}
