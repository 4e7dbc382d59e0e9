using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Data.Unification;
using Xunit.Abstractions;

namespace Rapport.Data.Tests;

/// <summary>Identity resolution on the database, on every provider: merge, survivorship, undo, review, re-runs.</summary>
public abstract class UnificationSuite<TDatabase>(TDatabase database, ITestOutputHelper output) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private static readonly DateTime T0 = new(2026, 2, 1, 8, 0, 0, DateTimeKind.Utc);

    private async Task<T> With<T>(Func<RapportDb, IdentityResolutionService, Task<T>> work)
    {
        await using var scope = database.Scope();
        return await work(scope.ServiceProvider.GetRequiredService<RapportDb>(), scope.ServiceProvider.GetRequiredService<IdentityResolutionService>());
    }

    /// <summary>Two records of one person (a shop record with history, a newer app record) plus an unrelated namesake.</summary>
    private async Task<(long Shop, long App, long Namesake, string Tag)> CreatePersonTwiceAsync()
    {
        // Each call is another person (tests share the database): surname, e-mail and the namesake's birth date and address differ per call.
        var tag = Guid.NewGuid().ToString("N")[..10];
        var seed = (int)(BitConverter.ToUInt32(Guid.NewGuid().ToByteArray(), 0) % 1_000_000);
        var surname = "Z" + string.Concat(Guid.NewGuid().ToByteArray().Take(11).Select(b => (char)('a' + b % 26)));
        return await With(async (db, _) =>
        {
            var product = new Product { Sku = $"U-{tag}", Name = "Lamp", Category = "Home", Price = 20m, CreatedAt = T0 };
            var shop = new Customer
            {
                Source = "pos", ExternalId = $"POS-{tag}", FirstName = "Margarete", LastName = surname, Country = "DE", Gender = null,
                CreatedAt = T0, UpdatedAt = T0.AddDays(1),
                ContactPoints =
                [
                    new ContactPoint { Kind = ContactKind.Email, Value = $"m.{tag}@example.de", NormalizedValue = $"m.{tag}@example.de", IsPrimary = true, CreatedAt = T0 },
                    new ContactPoint { Kind = ContactKind.Phone, Value = "0151 1234567", NormalizedValue = "491511234567", IsPrimary = true, CreatedAt = T0 },
                ],
                Consents = [new Consent { Channel = ConsentChannel.Email, Purpose = ConsentPurpose.Marketing, Status = ConsentStatus.Granted, Source = "pos", RecordedAt = T0 }],
            };
            var app = new Customer
            {
                Source = "loyalty-app", ExternalId = $"APP-{tag}", FirstName = "Margarethe", LastName = surname, Country = "DE", Gender = "female",
                BirthDate = new DateOnly(1977, 7, 7), CreatedAt = T0.AddDays(30), UpdatedAt = T0.AddDays(40),
                ContactPoints =
                [
                    new ContactPoint { Kind = ContactKind.Email, Value = $" M.{tag}@EXAMPLE.de", NormalizedValue = $"m.{tag}@example.de", IsPrimary = true, CreatedAt = T0 },
                    new ContactPoint { Kind = ContactKind.Address, Value = "Hauptstraße 5", NormalizedValue = "hauptstraße 5, 10115 berlin, de", PostalCode = "10115", City = "Berlin", Country = "DE", IsPrimary = true, CreatedAt = T0 },
                ],
            };
            var namesake = new Customer
            {
                Source = "webshop", ExternalId = $"WEB-{tag}", FirstName = "Margarete", LastName = surname, Country = "DE", BirthDate = new DateOnly(1950, 1, 2).AddDays(seed % 5000),
                CreatedAt = T0, UpdatedAt = T0,
                ContactPoints = [new ContactPoint { Kind = ContactKind.Address, Value = $"Ring {seed % 997}", PostalCode = $"{10000 + seed % 89999}", City = "München", Country = "DE", IsPrimary = true, CreatedAt = T0 }],
            };
            db.AddRange(product, shop, app, namesake);
            await db.SaveChangesAsync();
            var order = new Order { CustomerId = app.Id, OrderNumber = $"U-{tag}", OrderedAt = T0.AddDays(35), TotalAmount = 20m, Channel = SalesChannel.Online };
            order.Lines.Add(new OrderLine { CustomerId = app.Id, ProductId = product.Id, LineNumber = 1, Quantity = 1, UnitPrice = 20m });
            db.Orders.Add(order);
            db.Interactions.Add(new Interaction { CustomerId = app.Id, Kind = InteractionKind.Note, Direction = InteractionDirection.Internal, Subject = "app sign-up", OccurredAt = T0.AddDays(30) });
            db.Tickets.Add(new Ticket { CustomerId = app.Id, Subject = "Where is my lamp?", CreatedAt = T0.AddDays(36) });
            await db.SaveChangesAsync();
            return (shop.Id, app.Id, namesake.Id, tag);
        });
    }

    /// <summary>Every row that a merge may touch, as text, to compare before and after.</summary>
    private Task<string> SnapshotAsync(params long[] ids) => With(async (db, _) =>
    {
        var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync();
        var points = await db.ContactPoints.AsNoTracking().Where(p => p.CustomerId != null && ids.Contains(p.CustomerId.Value)).OrderBy(p => p.Id).ToListAsync();
        var orders = await db.Orders.AsNoTracking().Where(o => ids.Contains(o.CustomerId)).OrderBy(o => o.Id).Select(o => new { o.Id, o.CustomerId }).ToListAsync();
        var lines = await db.OrderLines.AsNoTracking().Where(o => ids.Contains(o.CustomerId)).OrderBy(o => o.Id).Select(o => new { o.Id, o.CustomerId }).ToListAsync();
        var consents = await db.Consents.AsNoTracking().Where(o => ids.Contains(o.CustomerId)).OrderBy(o => o.Id).Select(o => new { o.Id, o.CustomerId }).ToListAsync();
        var interactions = await db.Interactions.AsNoTracking().Where(o => ids.Contains(o.CustomerId)).OrderBy(o => o.Id).Select(o => new { o.Id, o.CustomerId }).ToListAsync();
        var tickets = await db.Tickets.AsNoTracking().Where(o => o.CustomerId != null && ids.Contains(o.CustomerId.Value)).OrderBy(o => o.Id).Select(o => new { o.Id, o.CustomerId }).ToListAsync();
        return JsonSerializer.Serialize(new { customers = customers.Select(c => new { c.Id, c.FirstName, c.LastName, c.BirthDate, c.Gender, c.Status, c.MergedIntoId, c.UpdatedAt, c.Source, c.ExternalId }), points = points.Select(p => new { p.Id, p.CustomerId, p.IsPrimary, p.Value }), orders, lines, consents, interactions, tickets });
    });

    [Fact]
    public async Task A_merge_moves_children_applies_survivorship_and_undo_restores_exactly()
    {
        var (shop, app, namesake, _) = await CreatePersonTwiceAsync();
        var before = await SnapshotAsync(shop, app, namesake);

        var result = await With((_, s) => s.ResolveAsync(null));
        var pair = Assert.Single(result.Pairs, p => (p.A, p.B) == (shop, app));
        Assert.Equal("auto-merged", pair.Outcome);
        Assert.Contains("same e-mail", pair.Reasons, StringComparison.Ordinal);
        // The namesake (same name, another birth date and city) is not paired with either record of the person.
        Assert.DoesNotContain(result.Pairs, p => (p.A, p.B) == (Math.Min(shop, namesake), Math.Max(shop, namesake)) || (p.A, p.B) == (Math.Min(app, namesake), Math.Max(app, namesake)));

        await With(async (db, _) =>
        {
            var survivor = await db.Customers.SingleAsync(c => c.Id == shop);   // the older record survives
            var merged = await db.Customers.SingleAsync(c => c.Id == app);
            Assert.Equal(RecordStatus.Merged, merged.Status);
            Assert.Equal(shop, merged.MergedIntoId);
            Assert.Equal("Margarethe", survivor.FirstName);                    // newest non-empty
            Assert.Equal("female", survivor.Gender);
            Assert.Equal(new DateOnly(1977, 7, 7), survivor.BirthDate);
            Assert.Equal("pos", survivor.Source);
            Assert.Equal(2, await db.Orders.CountAsync(o => o.CustomerId == shop) + await db.OrderLines.CountAsync(l => l.CustomerId == shop));
            Assert.Equal(1, await db.Interactions.CountAsync(i => i.CustomerId == shop));
            Assert.Equal(1, await db.Tickets.CountAsync(t => t.CustomerId == shop));
            // The same e-mail is not duplicated: it stays with the merged record; the address moves.
            var points = await db.ContactPoints.Where(p => p.CustomerId == shop).ToListAsync();
            Assert.Equal(3, points.Count);
            Assert.Single(points, p => p.Kind == ContactKind.Email);
            Assert.Equal(1, await db.ContactPoints.CountAsync(p => p.CustomerId == app));
            var merge = await db.CustomerMerges.SingleAsync(m => m.MergedId == app);
            Assert.Equal(MergeRule.Auto, merge.Rule);
            Assert.Contains("\"orders\"", merge.Record, StringComparison.Ordinal);
            var orderId = (await db.Orders.SingleAsync(o => o.CustomerId == shop)).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var audited = await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Order) && a.Action == AuditAction.Update && a.EntityId == orderId);
            Assert.True(audited >= 1, "moving the order must pass the audit hook");
            return 0;
        });

        // Running again merges nothing twice.
        var rerun = await With((_, s) => s.ResolveAsync(null));
        Assert.Equal(0, rerun.AutoMerged);
        Assert.Equal(1, await With((db, _) => db.CustomerMerges.CountAsync(m => m.MergedId == app && m.UndoneAt == null)));

        var mergeId = await With((db, _) => db.CustomerMerges.Where(m => m.MergedId == app).Select(m => m.Id).SingleAsync());
        await With((_, s) => s.UndoAsync(mergeId));
        Assert.Equal(before, await SnapshotAsync(shop, app, namesake));
        await Assert.ThrowsAsync<InvalidOperationException>(() => With((_, s) => s.UndoAsync(mergeId)));

        // An undone merge is a decision: the pair is not merged automatically again.
        var afterUndo = await With((_, s) => s.ResolveAsync(null));
        Assert.Equal("rejected before", Assert.Single(afterUndo.Pairs, p => (p.A, p.B) == (shop, app)).Outcome);
        Assert.Equal(before, await SnapshotAsync(shop, app, namesake));
    }

    [Fact]
    public async Task Erasing_a_merged_person_erases_the_merge_record_and_the_merge_can_no_longer_be_undone()
    {
        var (shop, app, _, _) = await CreatePersonTwiceAsync();
        await With((_, s) => s.ResolveAsync(null));
        var mergeId = await With((db, _) => db.CustomerMerges.Where(m => m.MergedId == app).Select(m => m.Id).SingleAsync());
        Assert.Contains("Margarete", await With((db, _) => db.CustomerMerges.Where(m => m.Id == mergeId).Select(m => m.Record).SingleAsync()), StringComparison.Ordinal);
        await using (var scope = database.Scope())
            await scope.ServiceProvider.GetRequiredService<Privacy.DataSubjectService>().EraseAsync(shop);
        Assert.Equal("", await With((db, _) => db.CustomerMerges.Where(m => m.Id == mergeId).Select(m => m.Record).SingleAsync()));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => With((_, s) => s.UndoAsync(mergeId)));
        Assert.Contains("cannot be undone", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_accept_merges_by_hand_and_reject_is_remembered()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var ids = await With(async (db, _) =>
        {
            Customer Person(string first, string phone, string source) => new()
            {
                Source = source, ExternalId = $"{source}-{tag}-{first}", FirstName = first, LastName = $"Review{tag}", Country = "GB", CreatedAt = T0, UpdatedAt = T0,
                ContactPoints = [new ContactPoint { Kind = ContactKind.Phone, Value = phone, NormalizedValue = Core.Unification.ContactNormalizer.Phone(phone, "GB"), IsPrimary = true, CreatedAt = T0 }],
            };
            // Nicknames with one phone: proposed, but below the auto-merge threshold.
            var a = Person("William", "07700 900111", "pos");
            var b = Person("Bill", "+44 7700 900111", "webshop");
            var c = Person("Robert", "07700 900222", "pos");
            var d = Person("Bob", "+44 7700 900222", "webshop");
            db.AddRange(a, b, c, d);
            await db.SaveChangesAsync();
            return new[] { a.Id, b.Id, c.Id, d.Id };
        });
        var run = await With((_, s) => s.ResolveAsync(null));
        Assert.Equal("queued", Assert.Single(run.Pairs, p => (p.A, p.B) == (ids[0], ids[1])).Outcome);
        var queue = await With((_, s) => s.ReviewQueueAsync(1000));
        var first = Assert.Single(queue, q => q.CustomerId == ids[0]);
        var second = Assert.Single(queue, q => q.CustomerId == ids[2]);
        Assert.Contains("nickname", first.Reasons, StringComparison.Ordinal);

        var merge = await With((_, s) => s.AcceptAsync(first.CandidateId));
        Assert.Equal(MergeRule.Manual, merge.Rule);
        Assert.Equal((ids[0], ids[1]), (merge.SurvivorId, merge.MergedId));
        await With(async (_, s) => { await s.RejectAsync(second.CandidateId); return 0; });
        await Assert.ThrowsAsync<InvalidOperationException>(() => With(async (_, s) => { await s.RejectAsync(second.CandidateId); return 0; }));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => With((_, s) => s.AcceptAsync(long.MaxValue)));

        var rerun = await With((_, s) => s.ResolveAsync(null));
        Assert.Equal("rejected before", Assert.Single(rerun.Pairs, p => (p.A, p.B) == (ids[2], ids[3])).Outcome);
        Assert.DoesNotContain(rerun.Pairs, p => p.B == ids[1]);   // merged records are no longer matched
        Assert.DoesNotContain(await With((_, s) => s.ReviewQueueAsync(1000)), q => q.CustomerId == ids[0] || q.CustomerId == ids[2]);
    }

    [Fact]
    public async Task An_import_batch_is_matched_against_everyone()
    {
        var batch = await With(async (db, _) =>
        {
            var b = new ImportBatch { Kind = "customers", Source = "test", Status = ImportStatus.Completed, StartedAt = T0 };
            db.ImportBatches.Add(b);
            await db.SaveChangesAsync();
            return b.Id;
        });
        // Two people of the batch: one already known (same e-mail), one new.
        var tag = Guid.NewGuid().ToString("N")[..8];
        var known = await With(async (db, _) =>
        {
            var c = new Customer { Source = "crm", ExternalId = $"K-{tag}", FirstName = "Ingrid", LastName = $"Known{tag}", CreatedAt = T0, UpdatedAt = T0,
                ContactPoints = [new ContactPoint { Kind = ContactKind.Email, Value = $"ingrid@{tag}.example", NormalizedValue = $"ingrid@{tag}.example", CreatedAt = T0 }] };
            var n1 = new Customer { Source = "import", ExternalId = $"I-{tag}-1", ImportBatchId = batch, FirstName = "Ingrid", LastName = $"Known{tag}", CreatedAt = T0.AddDays(1), UpdatedAt = T0.AddDays(1),
                ContactPoints = [new ContactPoint { Kind = ContactKind.Email, Value = $"Ingrid@{tag}.example", NormalizedValue = $"ingrid@{tag}.example", CreatedAt = T0 }] };
            var n2 = new Customer { Source = "import", ExternalId = $"I-{tag}-2", ImportBatchId = batch, FirstName = "Someone", LastName = $"New{tag}", CreatedAt = T0.AddDays(1), UpdatedAt = T0.AddDays(1) };
            db.AddRange(c, n1, n2);
            await db.SaveChangesAsync();
            return (c.Id, n1.Id, n2.Id);
        });
        var dry = await With((_, s) => s.ResolveAsync(batch, dryRun: true));
        long[] inBatch = [known.Item2, known.Item3];
        Assert.All(dry.Pairs, p => Assert.True(inBatch.Contains(p.A) || inBatch.Contains(p.B), "only pairs with the batch's customers"));
        Assert.Equal("would auto-merge", Assert.Single(dry.Pairs, p => (p.A, p.B) == (known.Item1, known.Item2)).Outcome);
        Assert.Equal(0, await With((db, _) => db.CustomerMerges.CountAsync(m => m.MergedId == known.Item2)));
        var real = await With((_, s) => s.ResolveAsync(batch));
        Assert.Equal("auto-merged", Assert.Single(real.Pairs, p => (p.A, p.B) == (known.Item1, known.Item2)).Outcome);
        output.WriteLine($"batch run: {real.Records} records, {real.PairsCompared} compared, {real.Pairs.Count} pairs");
    }
}

public sealed class SqliteUnificationTests(SqliteDatabase database, ITestOutputHelper output) : UnificationSuite<SqliteDatabase>(database, output);

public sealed class PostgresUnificationTests(PostgresDatabase database, ITestOutputHelper output) : UnificationSuite<PostgresDatabase>(database, output);
