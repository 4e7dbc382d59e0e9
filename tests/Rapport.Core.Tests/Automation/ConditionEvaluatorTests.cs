using Rapport.Core.Automation;
using Rapport.Core.Domain;

namespace Rapport.Core.Tests.Automation;

public sealed class ConditionEvaluatorTests
{
    private static readonly IReadOnlySet<string> NothingChanged = new HashSet<string>();

    private static readonly Deal Deal = new()
    {
        Title = "Fleet renewal ACME", Amount = 1200.50m, Probability = 0.4, Status = DealStatus.Open, OwnerId = 7,
        ExpectedClose = new DateOnly(2026, 3, 31), NextStep = null,
    };

    private static bool Holds(string field, string op, string? value, object? record = null, IReadOnlySet<string>? changed = null, string entity = AutomationFields.Deal)
        => ConditionEvaluator.Holds(entity, new RuleCondition { Field = field, Op = op, Value = value }, record ?? Deal, changed ?? NothingChanged);

    [Theory]
    [InlineData("amount", "gt", "1200", true)]
    [InlineData("amount", "gt", "1200.50", false)]
    [InlineData("amount", "gte", "1200.5", true)]
    [InlineData("amount", "lt", "1200.51", true)]
    [InlineData("amount", "eq", "1200.500", true)]
    [InlineData("amount", "ne", "1200.5", false)]
    [InlineData("probability", "lte", "0.4", true)]
    [InlineData("probability", "gt", "0.4", false)]
    [InlineData("ownerId", "eq", "7", true)]
    [InlineData("ownerId", "eq", "8", false)]
    public void Numbers_compare_by_value_not_text(string field, string op, string value, bool expected)
        => Assert.Equal(expected, Holds(field, op, value));

    [Theory]
    [InlineData("title", "contains", "acme", true)]
    [InlineData("title", "contains", "Globex", false)]
    [InlineData("title", "eq", "fleet renewal acme", true)]
    [InlineData("status", "eq", "open", true)]
    [InlineData("status", "ne", "Won", true)]
    [InlineData("expectedClose", "lt", "2026-04-01", true)]
    [InlineData("expectedClose", "gt", "2026-03-31", false)]
    [InlineData("nextStep", "empty", null, true)]
    [InlineData("nextStep", "not_empty", null, false)]
    [InlineData("title", "not_empty", null, true)]
    public void Text_ignores_case_enums_go_by_name_and_dates_by_day(string field, string op, string? value, bool expected)
        => Assert.Equal(expected, Holds(field, op, value));

    [Fact]
    public void An_empty_value_is_neither_greater_nor_less_and_a_bad_value_matches_nothing()
    {
        var noClose = new Deal { Title = "x", ExpectedClose = null };
        Assert.False(Holds("expectedClose", "lt", "2030-01-01", noClose));
        Assert.False(Holds("expectedClose", "gt", "2000-01-01", noClose));
        Assert.False(Holds("amount", "gt", "lots"));
        Assert.False(Holds("status", "eq", "1"));
        Assert.False(Holds("password", "eq", "x"));
    }

    [Fact]
    public void Changed_looks_at_the_event_not_the_record()
    {
        var changed = new HashSet<string> { nameof(Deal.StageId) };
        Assert.True(Holds("stageId", "changed", null, changed: changed));
        Assert.False(Holds("amount", "changed", null, changed: changed));
    }

    [Fact]
    public void All_conditions_must_hold()
    {
        var ticket = new Ticket { Subject = "Refund please", Priority = TicketPriority.Urgent, Sentiment = -0.6 };
        RuleCondition[] urgentAndAngry = [new() { Field = "priority", Op = "eq", Value = "Urgent" }, new() { Field = "sentiment", Op = "lt", Value = "-0.5" }];
        Assert.True(ConditionEvaluator.AllHold(AutomationFields.Ticket, urgentAndAngry, ticket, NothingChanged));
        ticket.Sentiment = 0.1;
        Assert.False(ConditionEvaluator.AllHold(AutomationFields.Ticket, urgentAndAngry, ticket, NothingChanged));
        Assert.True(ConditionEvaluator.AllHold(AutomationFields.Ticket, [], ticket, NothingChanged));
    }
}
