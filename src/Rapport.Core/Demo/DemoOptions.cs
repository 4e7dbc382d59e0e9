namespace Rapport.Core.Demo;

/// <summary>What <c>rapport demo</c> generates: how many customers, from which seed, over which window.</summary>
public sealed record DemoOptions
{
    public int Customers { get; init; } = 2000;
    public int Seed { get; init; } = 42;
    /// <summary>Last day of the simulated window (inclusive); the window covers <see cref="Years"/> whole years up to it.</summary>
    public DateOnly End { get; init; } = new(2026, 10, 31);
    public int Years { get; init; } = 3;
    /// <summary>
    /// Extra customer records planted as duplicates from a second source, as a share of <see cref="Customers"/> (0.03 = 3 %),
    /// plus a third as many look-alikes (family members, namesakes); 0 (the default) plants none and leaves the data set as it was.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public double DuplicateShare { get; init; }

    internal void Validate()
    {
        if (Customers is < 1 or > 10_000_000)
            throw new ArgumentOutOfRangeException(nameof(Customers), Customers, "Customers must be between 1 and 10,000,000.");
        if (Years is < 1 or > 20)
            throw new ArgumentOutOfRangeException(nameof(Years), Years, "Years must be between 1 and 20.");
        if (End.Year < 1900 + Years || End.Year > 9000)
            throw new ArgumentOutOfRangeException(nameof(End), End, "End must be a date between 1900 and 9000.");
        if (DuplicateShare is < 0 or > 0.5 || double.IsNaN(DuplicateShare))
            throw new ArgumentOutOfRangeException(nameof(DuplicateShare), DuplicateShare, "DuplicateShare must be between 0 and 0.5.");
    }
}
