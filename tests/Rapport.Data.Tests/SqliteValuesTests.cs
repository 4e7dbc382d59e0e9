using System.Globalization;
using Rapport.Data.Bulk;

namespace Rapport.Data.Tests;

/// <summary>The bulk path writes decimals and instants as the very same text Microsoft.Data.Sqlite (and EF Core) writes.</summary>
public sealed class SqliteValuesTests
{
    public static TheoryData<decimal> Decimals => new() { 0m, 1m, -1m, 12.5m, 12.50m, 0.0001m, 123456789.1234m, -0.5m, 79228162514264337593543950335m, 1.0000000000000000000000000001m };

    [Theory]
    [MemberData(nameof(Decimals))]
    public void Decimals_are_formatted_like_the_ado_provider(decimal value)
        => Assert.Equal(value.ToString("0.0###########################", CultureInfo.InvariantCulture),
            SqliteValues.FormatDecimal(value, stackalloc char[48]).ToString());

    [Fact]
    public void Instants_are_formatted_like_the_ado_provider()
    {
        var random = new Random(3);
        var samples = new List<DateTime> { new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new(1, 1, 1), DateTime.MaxValue, new(2026, 11, 23, 17, 5, 9, 120, DateTimeKind.Utc) };
        for (var i = 0; i < 1000; i++) samples.Add(new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc));
        Span<char> buffer = stackalloc char[48];
        foreach (var t in samples)
            Assert.Equal(t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture), SqliteValues.FormatDateTime(t, buffer).ToString());
    }
}
