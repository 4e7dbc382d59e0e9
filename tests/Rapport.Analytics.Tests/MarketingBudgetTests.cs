using Rapport.Analytics.Marketing;

namespace Rapport.Analytics.Tests;

public class MarketingBudgetTests
{
    private static ContactCandidate Candidate(long id, double expectedReturn, double cost)
        // P(response) 1 makes the expected value exactly return + cost, so the hand-checked figures stay readable.
        => new(id, 1.0, expectedReturn + cost, cost);

    [Fact]
    public void One_channel_takes_the_best_returns_the_budget_pays_for()
    {
        ContactCandidate[] candidates = [Candidate(1, 5, 1), Candidate(2, 3, 1), Candidate(3, -1, 1), Candidate(4, 2, 1), Candidate(5, 0.5, 1)];

        var plan = BudgetOptimizer.Optimize(candidates, 2.5);

        Assert.Equal([1L, 2L], plan.Chosen.Select(c => c.CustomerId).Order());
        Assert.Equal(2.0, plan.Spent, 9);
        Assert.Equal(8.0, plan.ExpectedReturn, 9);
        Assert.Equal(10.0, plan.ExpectedRevenue, 9);
        Assert.True(plan.Exact);
    }

    [Fact]
    public void A_contact_that_does_not_pay_for_itself_is_left_out_even_with_budget_to_spare()
    {
        // 0.02 × 40 = 0.80 expected, for a contact costing 1.00.
        ContactCandidate[] candidates = [new(1, 0.02, 40, 1.0), new(2, 0.5, 40, 1.0)];

        var plan = BudgetOptimizer.Optimize(candidates, 100);

        Assert.Equal([2L], plan.Chosen.Select(c => c.CustomerId));
        Assert.Equal(19.0, plan.ExpectedReturn, 9);
    }

    [Fact]
    public void Two_channels_beat_the_ratio_greedy_where_it_fails()
    {
        // Budget 10. Best ratio first takes A (cost 6, return 9) and then nothing fits: 9.
        // B and C (cost 5 each, return 7 each) together give 14, the optimum.
        ContactCandidate[] candidates = [Candidate(1, 9, 6), Candidate(2, 7, 5), Candidate(3, 7, 5)];

        var plan = BudgetOptimizer.Optimize(candidates, 10);

        Assert.Equal([2L, 3L], plan.Chosen.Select(c => c.CustomerId).Order());
        Assert.Equal(14.0, plan.ExpectedReturn, 9);
        Assert.Equal(10.0, plan.Spent, 9);
    }

    [Fact]
    public void Costs_in_cents_are_counted_exactly()
    {
        // E-mail 0.05, SMS 0.20, budget 0.30. All three e-mails give 1.2 for 0.15; one SMS and the two best e-mails give
        // 1.0 + 0.6 + 0.5 = 2.1 for exactly 0.30; two SMS (0.40) do not fit. A float sum of the costs would miss the exact fit.
        ContactCandidate[] candidates =
        [
            Candidate(1, 0.6, 0.05), Candidate(2, 0.5, 0.05), Candidate(3, 0.1, 0.05),
            Candidate(4, 1.0, 0.20), Candidate(5, 0.9, 0.20),
        ];

        var plan = BudgetOptimizer.Optimize(candidates, 0.30);

        Assert.Equal([1L, 2L, 4L], plan.Chosen.Select(c => c.CustomerId).Order());
        Assert.Equal(2.1, plan.ExpectedReturn, 9);
        Assert.Equal(0.30, plan.Spent, 9);
    }

    [Fact]
    public void A_budget_that_covers_everyone_profitable_contacts_them_all()
    {
        ContactCandidate[] candidates = [Candidate(1, 5, 2), Candidate(2, 1, 3), Candidate(3, -2, 1)];

        var plan = BudgetOptimizer.Optimize(candidates, 1000);

        Assert.Equal([1L, 2L], plan.Chosen.Select(c => c.CustomerId).Order());
        Assert.Equal(5.0, plan.Spent, 9);
    }

    [Fact]
    public void Zero_budget_chooses_only_free_contacts()
    {
        ContactCandidate[] candidates = [Candidate(1, 5, 0), Candidate(2, 3, 1)];

        var plan = BudgetOptimizer.Optimize(candidates, 0);

        Assert.Equal([1L], plan.Chosen.Select(c => c.CustomerId));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void A_negative_or_missing_budget_is_refused(double budget)
        => Assert.Throws<ArgumentOutOfRangeException>(() => BudgetOptimizer.Optimize([Candidate(1, 1, 1)], budget));

    [Fact]
    public void A_negative_cost_is_refused_naming_the_customer()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BudgetOptimizer.Optimize([Candidate(42, 1, -1)], 10));
        Assert.Contains("42", error.Message);
    }

    [Fact]
    public void Matches_exhaustive_search_on_random_instances_with_mixed_channel_costs()
    {
        var random = new Random(20261124);
        double[] channelCosts = [0.05, 0.20, 0.35, 1.50];
        for (var instance = 0; instance < 300; instance++)
        {
            var n = random.Next(1, 13);
            var candidates = Enumerable.Range(1, n).Select(i => new ContactCandidate(i, random.NextDouble(), random.Next(0, 400) / 100.0,
                channelCosts[random.Next(channelCosts.Length)])).ToList();
            var budget = Math.Round(random.NextDouble() * candidates.Sum(c => c.Cost), 2);

            var plan = BudgetOptimizer.Optimize(candidates, budget);

            Assert.True(plan.Spent <= budget + 1e-9, $"instance {instance}: spent {plan.Spent} over budget {budget}");
            Assert.Equal(BruteForceBest(candidates, budget), plan.ExpectedReturn, 9);
        }
    }

    [Fact]
    public void The_return_curve_rises_with_budget_and_flattens_once_everyone_profitable_is_contacted()
    {
        ContactCandidate[] candidates = [Candidate(1, 5, 1), Candidate(2, 3, 1), Candidate(3, 2, 1), Candidate(4, -1, 1)];

        var budgets = BudgetOptimizer.CurveBudgets(candidates, steps: 3);
        var curve = BudgetOptimizer.ReturnCurve(candidates, [.. budgets, 10]);

        Assert.Equal([0.0, 1.0, 2.0, 3.0], budgets);
        Assert.Equal([0.0, 5.0, 8.0, 10.0, 10.0], curve.Select(p => p.ExpectedReturn));
        Assert.Equal([0, 1, 2, 3, 3], curve.Select(p => p.Contacts));
    }

    [Fact]
    public void A_large_audience_with_two_channels_is_solved_exactly()
    {
        var random = new Random(7);
        var candidates = Enumerable.Range(1, 20_000)
            .Select(i => new ContactCandidate(i, random.NextDouble() * 0.2, random.Next(20, 300), i % 3 == 0 ? 0.20 : 0.05)).ToList();

        var plan = BudgetOptimizer.Optimize(candidates, 500);

        Assert.True(plan.Exact);
        Assert.True(plan.Spent <= 500 + 1e-9);
        // With every e-mail and SMS candidate profitable or not, the optimum can never be below the best single-channel plan.
        var emailOnly = BudgetOptimizer.Optimize(candidates.Where(c => c.Cost == 0.05).ToList(), 500);
        var smsOnly = BudgetOptimizer.Optimize(candidates.Where(c => c.Cost == 0.20).ToList(), 500);
        Assert.True(plan.ExpectedReturn >= Math.Max(emailOnly.ExpectedReturn, smsOnly.ExpectedReturn) - 1e-9);
    }

    private static double BruteForceBest(IReadOnlyList<ContactCandidate> candidates, double budget)
    {
        var best = 0.0;
        for (var mask = 0; mask < 1 << candidates.Count; mask++)
        {
            double cost = 0, value = 0;
            for (var i = 0; i < candidates.Count; i++)
            {
                if ((mask & (1 << i)) == 0) continue;
                cost += candidates[i].Cost;
                value += candidates[i].ExpectedReturn;
            }
            if (cost <= budget + 1e-9) best = Math.Max(best, value);
        }
        return best;
    }
}
