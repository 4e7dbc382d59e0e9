using Rapport.Core.Import;

namespace Rapport.Core.Tests.Import;

public sealed class ImportMappingTests
{
    [Fact]
    public void The_online_retail_layout_maps_itself()
    {
        string[] headers = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"];
        var mapping = ColumnMapping.Suggest(ImportKind.Orders, headers);
        Assert.Equal(
            [("order_number", "InvoiceNo"), ("customer", "CustomerID"), ("ordered_at", "InvoiceDate"), ("sku", "StockCode"), ("product_name", "Description"),
             ("quantity", "Quantity"), ("unit_price", "UnitPrice"), ("country", "Country")],
            mapping.Mapped.Select(m => (m.Field.Name, m.Header)));
        Assert.Empty(mapping.MissingRequired);
        Assert.Empty(mapping.Unmapped);
    }

    [Fact]
    public void A_header_named_like_the_field_wins_over_a_synonym_and_each_column_feeds_one_field()
    {
        // "id" is a synonym of external_id, but the file also has "external_id" itself.
        var mapping = ColumnMapping.Suggest(ImportKind.Customers, ["id", "external_id", "First Name", "Last-Name", "E-Mail Address", "Mobile"]);
        Assert.Equal(1, mapping.ColumnOf("external_id"));
        Assert.Equal(2, mapping.ColumnOf("first_name"));
        Assert.Equal(3, mapping.ColumnOf("last_name"));
        Assert.Equal(4, mapping.ColumnOf("email"));
        Assert.Equal(5, mapping.ColumnOf("phone"));
        Assert.Equal(["id"], mapping.Unmapped);
    }

    [Fact]
    public void Overrides_map_leave_out_and_name_what_is_wrong()
    {
        var overrides = ColumnMapping.ParseOverrides(["Kunde=customer", "Country="]);
        var mapping = ColumnMapping.Suggest(ImportKind.Orders, ["Bon", "Kunde", "Country"], overrides);
        Assert.Equal(1, mapping.ColumnOf("customer"));
        Assert.Equal(-1, mapping.ColumnOf("country"));
        Assert.Contains(mapping.MissingRequired, f => f.Name == "order_number");

        var noColumn = Assert.Throws<ImportMappingException>(() => ColumnMapping.Suggest(ImportKind.Orders, ["Bon"], ColumnMapping.ParseOverrides(["Kasse=order_number"])));
        Assert.Contains("no column \"Kasse\"", noColumn.Message, StringComparison.Ordinal);
        var noField = Assert.Throws<ImportMappingException>(() => ColumnMapping.Suggest(ImportKind.Orders, ["Bon"], ColumnMapping.ParseOverrides(["Bon=invoice_no"])));
        Assert.Contains("no field \"invoice_no\"", noField.Message, StringComparison.Ordinal);
        Assert.Throws<ImportMappingException>(() => ColumnMapping.ParseOverrides(["nonsense"]));
    }
}

public sealed class ImportValueTests
{
    [Theory]
    [InlineData("2.55", 2.55)]
    [InlineData(" -3 ", -3)]
    [InlineData("1,234.50", 1234.5)]
    [InlineData("12,5", 12.5)]
    [InlineData("£3.50", 3.5)]
    [InlineData("(4.00)", -4)]
    [InlineData("1e3", 1000)]
    public void Numbers(string text, double expected)
    {
        Assert.True(ImportValues.TryNumber(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1.2.3")]
    public void Not_numbers(string text) => Assert.False(ImportValues.TryNumber(text, out _));

    [Fact]
    public void Whole_numbers_accept_spreadsheet_counts_but_not_fractions()
    {
        Assert.True(ImportValues.TryInteger("6.0", out var six));
        Assert.Equal(6, six);
        Assert.False(ImportValues.TryInteger("6.5", out _));
        Assert.False(ImportValues.TryInteger("99999999999", out _));
    }

    [Fact]
    public void Instants_are_utc_and_honour_offsets()
    {
        Assert.True(ImportValues.TryInstant("2026-03-01T10:00:00+02:00", null, out var withOffset));
        Assert.Equal(new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc), withOffset);
        Assert.Equal(DateTimeKind.Utc, withOffset.Kind);
        Assert.True(ImportValues.TryInstant("2026-03-01 10:00", null, out var naive));
        Assert.Equal(new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc), naive);
        Assert.False(ImportValues.TryInstant("12/1/2010 8:26", null, out _));
        Assert.True(ImportValues.TryInstant("12/1/2010 8:26", ["M'/'d'/'yyyy H:mm"], out var us));
        Assert.Equal(new DateTime(2010, 12, 1, 8, 26, 0, DateTimeKind.Utc), us);
    }

    [Fact]
    public void Date_order_is_read_from_the_values_and_said_when_assumed()
    {
        var (us, assumed) = DateOrder.Detect(["12/1/2010 8:26", "1/12/2011 9:00"]);
        Assert.NotNull(assumed);
        Assert.True(ImportValues.TryInstant("1/12/2011 9:00", us!.Split('|'), out var january));
        Assert.Equal(new DateTime(2011, 1, 12, 9, 0, 0, DateTimeKind.Utc), january);

        var (european, note) = DateOrder.Detect(["31.12.2010", "1.2.2011"]);
        Assert.Null(note);
        Assert.True(ImportValues.TryInstant("1.2.2011", european!.Split('|'), out var february));
        Assert.Equal(new DateTime(2011, 2, 1, 0, 0, 0, DateTimeKind.Utc), february);

        Assert.Null(DateOrder.Detect(["2026-03-01", "2026-03-02T10:00:00Z"]).Format);
        Assert.Contains("mix", DateOrder.Detect(["31/1/2010", "1/31/2010"]).Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" Ada@Example.COM ", true, "ada@example.com")]
    [InlineData("not-an-email", false, "")]
    [InlineData("a@b", false, "")]
    [InlineData("a b@example.com", false, "")]
    [InlineData("a@@example.com", false, "")]
    public void Emails(string text, bool valid, string normalized)
    {
        Assert.Equal(valid, ImportValues.TryEmail(text, out var value));
        if (valid) Assert.Equal(normalized, value);
    }

    [Theory]
    [InlineData("+44 20 7946 0958", true, "442079460958")]
    [InlineData("(030) 123-4567", true, "0301234567")]
    [InlineData("12ab", false, "")]
    [InlineData("123", false, "")]
    public void Phones(string text, bool valid, string digits)
    {
        Assert.Equal(valid, ImportValues.TryPhone(text, out var value));
        if (valid) Assert.Equal(digits, value);
    }

    [Theory]
    [InlineData("United Kingdom", "GB")]
    [InlineData("EIRE", "IE")]
    [InlineData("fr", "FR")]
    [InlineData("DEU", "DE")]
    [InlineData("USA", "US")]
    [InlineData("Channel Islands", null)]
    [InlineData("Unspecified", null)]
    public void Countries(string text, string? code) => Assert.Equal(code, ImportValues.CountryCode(text));
}
