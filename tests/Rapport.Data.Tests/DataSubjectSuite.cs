using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Data.Audit;
using Rapport.Data.Privacy;

namespace Rapport.Data.Tests;

/// <summary>GDPR export and erasure of one customer, on every provider.</summary>
public abstract class DataSubjectSuite<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private static readonly DateTime Jan1 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private async Task<long> CreateCustomerWithHistoryAsync()
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
        var product = new Product { Sku = $"P-{Guid.NewGuid():N}", Name = "Kettle", Category = "Home", Price = 30m, CreatedAt = Jan1 };
        var customer = new Customer
        {
            ExternalId = "SHOP-77", FirstName = "Grace", LastName = "Hopper", BirthDate = new DateOnly(1906, 12, 9), CreatedAt = Jan1, UpdatedAt = Jan1,
            ContactPoints = [new ContactPoint { Kind = ContactKind.Email, Value = "grace@example.com", NormalizedValue = "grace@example.com", CreatedAt = Jan1 }],
            Consents = [new Consent { Channel = ConsentChannel.Email, Purpose = ConsentPurpose.Marketing, Status = ConsentStatus.Granted, Source = "web form", RecordedAt = Jan1 }],
        };
        db.AddRange(product, customer);
        await db.SaveChangesAsync();
        var order = new Order { CustomerId = customer.Id, OrderNumber = $"O-{Guid.NewGuid():N}", OrderedAt = Jan1, TotalAmount = 60m };
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        db.OrderLines.Add(new OrderLine { OrderId = order.Id, CustomerId = customer.Id, ProductId = product.Id, LineNumber = 1, Quantity = 2, UnitPrice = 30m });
        db.Interactions.Add(new Interaction { CustomerId = customer.Id, Kind = InteractionKind.Call, OccurredAt = Jan1, Subject = "Delivery", Body = "Grace said the kettle leaks" });
        db.Feedback.Add(new Feedback { CustomerId = customer.Id, Kind = FeedbackKind.Nps, Score = 9, Comment = "Lovely, Grace", SubmittedAt = Jan1 });
        db.CustomerInsights.Add(new CustomerInsight { CustomerId = customer.Id, Kind = InsightKinds.RfmScore, Value = 0.8, ModelVersion = "rfm-1", ComputedAt = Jan1, Reasons = [new("recent buyer", 0.3)] });
        await db.SaveChangesAsync();
        return customer.Id;
    }

    [Fact]
    public async Task Export_holds_everything_and_erasure_destroys_the_person_but_keeps_the_revenue()
    {
        var id = await CreateCustomerWithHistoryAsync();
        await using (var scope = database.Scope())
        {
            var service = scope.ServiceProvider.GetRequiredService<DataSubjectService>();
            var export = await service.ExportAsync(id, Jan1);
            Assert.Equal("Grace", export["customer"]!["firstName"]!.GetValue<string>());
            Assert.Equal("1906-12-09", export["customer"]!["birthDate"]!.GetValue<string>());
            Assert.Equal("grace@example.com", export["contactPoints"]![0]!["value"]!.GetValue<string>());
            // The blind index is a keyed hash for lookups, nothing a person can read: not exported, and no ciphertext either.
            Assert.False(export["contactPoints"]![0]!.AsObject().ContainsKey("normalizedValue"));
            Assert.DoesNotContain("bi:v1:", export["contactPoints"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain("enc:v1:", export["contactPoints"]!.ToJsonString() + export["customer"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal("Granted", export["consents"]![0]!["status"]!.GetValue<string>());
            Assert.Single(export["orders"]!.AsArray());
            Assert.Single(export["orderLines"]!.AsArray());
            Assert.Equal("Grace said the kettle leaks", export["interactions"]![0]!["body"]!.GetValue<string>());
            Assert.Single(export["insights"]!.AsArray());
            Assert.NotEmpty(export["auditTrail"]!.AsArray());

            var result = await service.EraseAsync(id);
            Assert.Equal(1, result.ContactPointsDeleted);
            Assert.Equal(1, result.ConsentsDeleted);
            Assert.Equal(1, result.InsightsDeleted);
            Assert.Equal(1, result.OrdersKept);
            Assert.True(result.PersonalFieldsCleared >= 5, $"{result.PersonalFieldsCleared} fields");
            await Assert.ThrowsAsync<InvalidOperationException>(() => service.EraseAsync(id));
        }

        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
            var customer = await db.Customers.SingleAsync(c => c.Id == id);
            Assert.Equal(RecordStatus.Erased, customer.Status);
            Assert.Equal("", customer.FirstName);
            Assert.Equal("", customer.LastName);
            Assert.Null(customer.BirthDate);
            Assert.Null(customer.ExternalId);
            Assert.False(await db.ContactPoints.AnyAsync(x => x.CustomerId == id));
            Assert.False(await db.Consents.AnyAsync(x => x.CustomerId == id));
            Assert.False(await db.CustomerInsights.AnyAsync(x => x.CustomerId == id));
            Assert.Null((await db.Interactions.SingleAsync(x => x.CustomerId == id)).Body);
            Assert.Null((await db.Feedback.SingleAsync(x => x.CustomerId == id)).Comment);
            // Revenue stays: the order and its lines are kept against the anonymous record.
            Assert.Equal(60m, (await db.Orders.SingleAsync(o => o.CustomerId == id)).TotalAmount);
            Assert.Equal(60m, await db.OrderLines.Where(l => l.CustomerId == id).SumAsync(l => l.Quantity * l.UnitPrice));

            // Nothing personal survives in a new export, and the erasure itself is in the intact audit chain.
            var after = (await scope.ServiceProvider.GetRequiredService<DataSubjectService>().ExportAsync(id, Jan1)).ToJsonString();
            Assert.DoesNotContain("Grace", after, StringComparison.Ordinal);
            Assert.DoesNotContain("grace@example.com", after, StringComparison.Ordinal);
            Assert.DoesNotContain("1906", after, StringComparison.Ordinal);
            Assert.DoesNotContain("SHOP-77", after, StringComparison.Ordinal);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ContactPoint) && a.Action == AuditAction.Delete));
            // Each request is in the log: two exports and one erasure of this customer.
            var idText = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == AuditAction.Export && a.EntityId == idText));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditAction.Erase && a.EntityId == idText));
            Assert.True((await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync()).IsIntact);
        }
    }

    [Fact]
    public async Task Custom_field_values_are_exported_and_erased_with_the_customer()
    {
        var id = await CreateCustomerWithHistoryAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
            var card = new CustomFieldDefinition { EntityType = CustomFieldEntity.Customer, Key = $"card_{tag}", Label = "Loyalty card", Type = CustomFieldType.Text, HoldsPersonalData = true, CreatedAt = Jan1 };
            var visits = new CustomFieldDefinition { EntityType = CustomFieldEntity.Customer, Key = $"visits_{tag}", Label = "Visits", Type = CustomFieldType.Number, Position = 1, CreatedAt = Jan1 };
            db.CustomFieldDefinitions.AddRange(card, visits);
            await db.SaveChangesAsync();
            db.CustomFieldValues.AddRange(
                new CustomFieldValue { EntityType = CustomFieldEntity.Customer, EntityId = id, FieldId = card.Id, TextValue = $"LC-{tag}", UpdatedAt = Jan1 },
                new CustomFieldValue { EntityType = CustomFieldEntity.Customer, EntityId = id, FieldId = visits.Id, NumberValue = 12, UpdatedAt = Jan1 });
            await db.SaveChangesAsync();
        }
        await using (var scope = database.Scope())
        {
            var service = scope.ServiceProvider.GetRequiredService<DataSubjectService>();
            var custom = (await service.ExportAsync(id, Jan1))["customFields"]!.AsArray();
            Assert.Equal(2, custom.Count);
            Assert.Equal($"card_{tag}", custom[0]!["key"]!.GetValue<string>());
            Assert.Equal($"LC-{tag}", custom[0]!["value"]!.GetValue<string>());
            Assert.Equal("Visits", custom[1]!["label"]!.GetValue<string>());
            Assert.Equal(12, custom[1]!["value"]!.GetValue<double>());

            Assert.Equal(2, (await service.EraseAsync(id)).CustomFieldValuesDeleted);
        }
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
            Assert.False(await db.CustomFieldValues.AnyAsync(v => v.EntityType == CustomFieldEntity.Customer && v.EntityId == id));
            Assert.Empty((await scope.ServiceProvider.GetRequiredService<DataSubjectService>().ExportAsync(id, Jan1))["customFields"]!.AsArray());
        }
    }
}

public sealed class SqliteDataSubjectTests(SqliteDatabase database) : DataSubjectSuite<SqliteDatabase>(database);

public sealed class PostgresDataSubjectTests(PostgresDatabase database) : DataSubjectSuite<PostgresDatabase>(database);
