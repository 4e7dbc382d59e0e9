using System.Globalization;
using System.Text.Json;
using Rapport.Core.CustomFields;
using Rapport.Core.Domain;
using Rapport.Core.Import;

namespace Rapport.Core.Tests.CustomFields;

public sealed class CustomFieldRulesTests
{
    private static CustomFieldDefinition Field(CustomFieldType type, bool required = false, params string[] options) =>
        new() { Id = 7, Key = "k", Label = "K", Type = type, Required = required, Options = [.. options] };

    [Theory]
    [InlineData("1234.5", 1234.5)]
    [InlineData(" -0.25 ", -0.25)]
    [InlineData("1e3", 1000)]
    public void Numbers_are_read_culture_invariant_whatever_the_thread_culture(string text, double expected)
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            // German writes 1.234,5: the rule must not follow the server's culture.
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.True(CustomFieldRules.TryParse(Field(CustomFieldType.Number), text, out var value, out var problem), problem);
            Assert.Equal(expected, value.Number);
            Assert.Null(value.Text);
            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), value.Display());
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1.234,5")]
    [InlineData("twelve")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Other_number_forms_are_rejected_with_the_value_named(string text)
    {
        Assert.False(CustomFieldRules.TryParse(Field(CustomFieldType.Number), text, out _, out var problem));
        Assert.Contains($"\"{text}\" is not a number", problem);
    }

    [Theory]
    [InlineData("2026-02-28", true)]
    [InlineData("2026-02-30", false)]
    [InlineData("28/02/2026", false)]
    [InlineData("2026-2-3", false)]
    [InlineData("2026-02-28T10:00:00", false)]
    public void Dates_are_ISO_days_only(string text, bool ok)
    {
        Assert.Equal(ok, CustomFieldRules.TryParse(Field(CustomFieldType.Date), text, out var value, out var problem));
        if (ok) Assert.Equal(new DateOnly(2026, 2, 28), value.Date);
        else Assert.Contains("yyyy-MM-dd", problem);
    }

    [Fact]
    public void A_choice_takes_one_of_its_options_spelled_as_defined()
    {
        var field = Field(CustomFieldType.Choice, false, "Gold", "Silver");
        Assert.True(CustomFieldRules.TryParse(field, "gold", out var value, out _));
        Assert.Equal("Gold", value.Text);
        Assert.False(CustomFieldRules.TryParse(field, "Bronze", out _, out var problem));
        Assert.Equal("\"Bronze\" is not one of Gold, Silver", problem);
    }

    [Fact]
    public void Empty_values_clear_unless_the_field_is_required_and_text_has_limits()
    {
        Assert.True(CustomFieldRules.TryParse(Field(CustomFieldType.Text), "  ", out var empty, out _));
        Assert.True(empty.IsEmpty);
        Assert.False(CustomFieldRules.TryParse(Field(CustomFieldType.Number, required: true), "", out _, out var problem));
        Assert.Equal("required value is empty", problem);
        Assert.False(CustomFieldRules.TryParse(Field(CustomFieldType.Text), new string('x', CustomFieldRules.MaxTextLength + 1), out _, out problem));
        Assert.Contains("longer than", problem);
        Assert.False(CustomFieldRules.TryParse(Field(CustomFieldType.Text), "a\u0007b", out _, out _));
    }

    [Fact]
    public void Json_values_must_have_the_field_s_type()
    {
        static JsonElement J(string json) => JsonDocument.Parse(json).RootElement;
        Assert.True(CustomFieldRules.TryParse(Field(CustomFieldType.Number), J("12.5"), out var n, out _));
        Assert.Equal(12.5, n.Number);
        Assert.True(CustomFieldRules.TryParse(Field(CustomFieldType.Number), J("\"12.5\""), out _, out _));
        Assert.False(CustomFieldRules.TryParse(Field(CustomFieldType.Number), J("true"), out _, out var problem));
        Assert.Equal("expected a number", problem);
        Assert.False(CustomFieldRules.TryParse(Field(CustomFieldType.Text), J("5"), out _, out problem));
        Assert.Equal("expected a string", problem);
        Assert.False(CustomFieldRules.TryParse(Field(CustomFieldType.Date), J("20260101"), out _, out _));
        Assert.True(CustomFieldRules.TryParse(Field(CustomFieldType.Date), J("null"), out var cleared, out _));
        Assert.True(cleared.IsEmpty);
        Assert.Equal("2026-01-31", new CustomTypedValue(null, null, new DateOnly(2026, 1, 31)).ToJson());
    }

    [Fact]
    public void Definitions_need_a_portable_key_a_label_and_distinct_options_for_choices()
    {
        Assert.Null(CustomFieldRules.KeyProblem("tier_2"));
        Assert.NotNull(CustomFieldRules.KeyProblem("Tier"));
        Assert.NotNull(CustomFieldRules.KeyProblem("2tier"));
        Assert.NotNull(CustomFieldRules.KeyProblem("tier-x"));
        var choice = new CustomFieldDefinition { Key = "tier", Label = "", Type = CustomFieldType.Choice, Options = ["A", "a"] };
        var problems = CustomFieldRules.DefinitionProblems(choice);
        Assert.Equal("required", problems["label"]);
        Assert.Equal("options must differ", problems["options"]);
        Assert.Equal("only choice fields have options",
            CustomFieldRules.DefinitionProblems(new CustomFieldDefinition { Key = "n", Label = "N", Type = CustomFieldType.Number, Options = ["x"] })["options"]);
    }

    [Fact]
    public void Filters_resolve_to_typed_bounds_and_name_bad_ones()
    {
        var number = Field(CustomFieldType.Number, required: true);
        var (filter, problem) = new CustomFieldFilter("k", Min: "10", Max: "20.5").Resolve(number);
        Assert.Null(problem);
        Assert.Equal(10, filter!.Min!.Value.Number);
        Assert.Equal(20.5, filter.Max!.Value.Number);
        Assert.Null(filter.EqualTo);
        Assert.Contains("not a number", new CustomFieldFilter("k", Min: "ten").Resolve(number).Problem);
        Assert.Equal("a range needs a number or date field", new CustomFieldFilter("k", Min: "a").Resolve(Field(CustomFieldType.Text)).Problem);
        Assert.Equal((null, null), new CustomFieldFilter("k").Resolve(number));
    }

    [Fact]
    public void Custom_fields_are_import_targets_found_by_key_or_label()
    {
        var fields = ImportFieldCatalog.Custom([new CustomFieldDefinition { Key = "loyalty_tier", Label = "Loyalty tier", Type = CustomFieldType.Choice, Options = ["Gold"] }]);
        var mapping = ColumnMapping.Suggest(ImportKind.Customers, ["Email", "Loyalty Tier"], customFields: fields);
        Assert.Equal(1, mapping.ColumnOf("custom.loyalty_tier"));
        Assert.Equal(0, mapping.ColumnOf("email"));
        var overridden = ColumnMapping.Suggest(ImportKind.Customers, ["Email", "Level"], new Dictionary<string, string> { ["Level"] = "custom.loyalty_tier" }, fields);
        Assert.Equal(1, overridden.ColumnOf("custom.loyalty_tier"));
        Assert.Throws<ImportMappingException>(() => ColumnMapping.Suggest(ImportKind.Customers, ["Level"], new Dictionary<string, string> { ["Level"] = "custom.nope" }, fields));
    }
}
