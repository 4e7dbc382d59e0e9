namespace Rapport.Analytics.Lifetime;

/// <summary>A fitted model of repeat-purchase counts ("buy till you die"): BG/NBD or Pareto/NBD.</summary>
/// <remarks>x = repeat purchases in the calibration period, tₓ = recency, T = age, t = a future span; all
/// times in the unit of the summary the model was fitted on.</remarks>
public interface IPurchaseCountModel
{
    /// <summary>"BG/NBD" or "Pareto/NBD".</summary>
    string Name { get; }

    /// <summary>Log-likelihood of the calibration data at the fitted parameters (NaN when the model was built from parameters).</summary>
    double LogLikelihood { get; }

    /// <summary>Probability that a customer with history (x, tₓ, T) is still active at T.</summary>
    double ProbabilityAlive(int x, double tx, double T);

    /// <summary>Expected number of purchases in (T, T + t] for a customer with history (x, tₓ, T).</summary>
    double ExpectedPurchases(double t, int x, double tx, double T);

    /// <summary>Expected number of repeat purchases in (0, t] for a randomly chosen new customer, E[X(t)].</summary>
    double ExpectedPurchasesNewCustomer(double t);
}

/// <summary>Whole-summary scoring helpers for any <see cref="IPurchaseCountModel"/>.</summary>
public static class PurchaseCountModelExtensions
{
    /// <summary>P(alive) for every customer of <paramref name="summary"/>.</summary>
    public static double[] ProbabilityAlive(this IPurchaseCountModel model, CustomerSummary summary)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(summary);
        var p = new double[summary.Count];
        var x = summary.Frequency;
        var tx = summary.Recency;
        var T = summary.T;
        for (int i = 0; i < p.Length; i++) p[i] = model.ProbabilityAlive(x[i], tx[i], T[i]);
        return p;
    }

    /// <summary>Expected purchases over the next <paramref name="t"/> units for every customer of <paramref name="summary"/>.</summary>
    public static double[] ExpectedPurchases(this IPurchaseCountModel model, double t, CustomerSummary summary)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(summary);
        var e = new double[summary.Count];
        int[] x = summary.FrequencyArray;
        double[] tx = summary.RecencyArray, T = summary.TArray;
        Parallel.For(0, (e.Length + 4095) / 4096, chunk =>
        {
            int end = Math.Min(e.Length, (chunk + 1) * 4096);
            for (int i = chunk * 4096; i < end; i++) e[i] = model.ExpectedPurchases(t, x[i], tx[i], T[i]);
        });
        return e;
    }
}
