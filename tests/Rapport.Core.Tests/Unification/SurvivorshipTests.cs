using Rapport.Core.Domain;
using Rapport.Core.Unification;

namespace Rapport.Core.Tests.Unification;

public class SurvivorshipTests
{
    private static readonly DateTime T0 = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_older_record_survives_and_takes_newer_non_empty_values()
    {
        var old = new Customer { Id = 5, Source = "pos", FirstName = "Jon", LastName = "Smith", Gender = null, JobTitle = "Chef", CreatedAt = T0, UpdatedAt = T0 };
        var newer = new Customer { Id = 3, Source = "webshop", FirstName = "John", LastName = "", Gender = "male", JobTitle = null, BirthDate = new DateOnly(1980, 2, 3), CreatedAt = T0.AddDays(5), UpdatedAt = T0.AddDays(9) };
        var (survivor, merged) = Survivorship.ChooseSurvivor(newer, old);
        Assert.Same(old, survivor);
        Assert.Same(newer, merged);

        var changes = Survivorship.Apply(survivor, merged, []);
        Assert.Equal("John", survivor.FirstName);        // newest non-empty
        Assert.Equal("Smith", survivor.LastName);        // empty never wins
        Assert.Equal("male", survivor.Gender);
        Assert.Equal("Chef", survivor.JobTitle);
        Assert.Equal(new DateOnly(1980, 2, 3), survivor.BirthDate);
        Assert.Equal(T0.AddDays(9), survivor.UpdatedAt);
        Assert.Equal(["FirstName", "BirthDate", "Gender", "UpdatedAt"], changes.Select(c => c.Field));

        Survivorship.Restore(survivor, changes);
        Assert.Equal(("Jon", (DateOnly?)null, (string?)null, T0), (survivor.FirstName, survivor.BirthDate, survivor.Gender, survivor.UpdatedAt));
        Assert.Equal(DateTimeKind.Utc, survivor.UpdatedAt.Kind);
    }

    [Fact]
    public void A_more_trusted_source_wins_over_a_newer_one()
    {
        var crm = new Customer { Id = 1, Source = "crm", FirstName = "Anna", CreatedAt = T0, UpdatedAt = T0 };
        var shop = new Customer { Id = 2, Source = "webshop", FirstName = "Ana", CreatedAt = T0.AddDays(1), UpdatedAt = T0.AddDays(30) };
        Survivorship.Apply(crm, shop, ["crm", "webshop"]);
        Assert.Equal("Anna", crm.FirstName);
        Survivorship.Apply(crm, shop, ["webshop", "crm"]);
        Assert.Equal("Ana", crm.FirstName);
    }
}
