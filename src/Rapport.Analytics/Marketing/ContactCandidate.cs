namespace Rapport.Analytics.Marketing;

/// <summary>One customer a campaign could contact: how likely they respond, what a response is worth, what contacting them costs.</summary>
public sealed record ContactCandidate(long CustomerId, double ResponseProbability, double ValueIfResponds, double Cost)
{
    public double ExpectedValue => ResponseProbability * ValueIfResponds;

    /// <summary>Expected value net of the contact cost: what contacting this customer adds to the campaign's return.</summary>
    public double ExpectedReturn => ExpectedValue - Cost;
}

/// <summary>Whom to contact under a budget and what that is expected to bring.</summary>
/// <param name="Exact">False only when the instance was too large for the exact method and the ratio greedy answered instead.</param>
public sealed record BudgetPlan(double Budget, IReadOnlyList<ContactCandidate> Chosen, double Spent, double ExpectedRevenue, double ExpectedReturn, bool Exact);

/// <summary>One point of the expected-return-against-budget curve.</summary>
public sealed record ReturnCurvePoint(double Budget, int Contacts, double Spent, double ExpectedReturn);
