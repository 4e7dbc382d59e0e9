using Rapport.Analytics.Prediction;

namespace Rapport.Analytics.Churn;

/// <summary>How the churn table is built from transactions.</summary>
/// <param name="Cutoff">Features use lines up to and including this day; the label looks after it.</param>
/// <param name="WindowDays">Churned = no purchase in the <paramref name="WindowDays"/> days after the cutoff.</param>
/// <param name="TrendDays">Length of the recent period compared with the one before it (orders and spend trend).</param>
/// <param name="ItemCategories">Item key → category, for the category-mix features (optional).</param>
public sealed record ChurnOptions(DateOnly Cutoff, int WindowDays, int TrendDays = 90, IReadOnlyDictionary<string, string>? ItemCategories = null)
{
    /// <summary>Category shares kept as columns (the commonest categories); the rest count only in distinct categories.</summary>
    public const int MaxCategoryColumns = 8;
}

/// <summary>What the churn table covers.</summary>
/// <param name="Cutoff">Last day the features see.</param>
/// <param name="WindowEnd">Last day of the label window.</param>
/// <param name="DataEnd">Last day in the file.</param>
/// <param name="Customers">Customers with a purchase on or before the cutoff (rows of the table).</param>
/// <param name="CustomersAfterCutoffOnly">Customers whose first purchase comes after the cutoff (not in the table).</param>
/// <param name="Churned">Customers with no purchase in the window.</param>
public sealed record ChurnSummary(DateOnly Cutoff, DateOnly WindowEnd, DateOnly DataEnd, int Customers, int CustomersAfterCutoffOnly, int Churned)
{
    public double ChurnRate => Customers == 0 ? 0 : (double)Churned / Customers;
}

/// <summary>The churn tables built from one transaction stream.</summary>
/// <param name="Training">Features at the cutoff and the label from the window: what the model learns from.</param>
/// <param name="Current">The same features at the last day of the data, label blank: who is at risk now.</param>
/// <param name="Summary">What the training table covers.</param>
public sealed record ChurnTables(RawTable Training, RawTable Current, ChurnSummary Summary);
