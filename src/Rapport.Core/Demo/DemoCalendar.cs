namespace Rapport.Core.Demo;

/// <summary>
/// The simulated time window and its seasonality. Time inside the generator is a <see cref="double"/> number of
/// days since <see cref="Start"/>; the intensity of purchasing at time t is λ · DayFactor[day] · HourFactor[hour],
/// where both factor tables have mean 1 (over the window and over a day), so λ stays the long-run rate per day.
/// </summary>
internal sealed class DemoCalendar
{
    /// <summary>Raw monthly level before normalisation: quiet January/February, busy November, peak December.</summary>
    private static readonly double[] RawMonth = [0.80, 0.78, 0.92, 0.95, 0.97, 0.95, 0.92, 0.90, 0.97, 1.02, 1.30, 1.55];

    /// <summary>Monday … Sunday: weekends are busier.</summary>
    private static readonly double[] RawWeekday = [0.92, 0.90, 0.94, 0.98, 1.04, 1.16, 1.10];

    /// <summary>Hour of day (UTC): quiet nights, a lunchtime bump and an evening peak.</summary>
    private static readonly double[] RawHour =
    [
        0.15, 0.08, 0.05, 0.04, 0.05, 0.12, 0.35, 0.65, 0.90, 1.05, 1.15, 1.25,
        1.40, 1.35, 1.20, 1.15, 1.15, 1.25, 1.45, 1.70, 1.85, 1.70, 1.15, 0.55,
    ];

    public DemoCalendar(DateOnly end, int years)
    {
        EndDate = end;
        StartDate = end.AddYears(-years).AddDays(1);
        Start = StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        End = end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        Days = end.DayNumber - StartDate.DayNumber + 1;

        DayFactor = new double[Days];
        DayMonth = new byte[Days];
        for (var d = 0; d < Days; d++)
        {
            var date = StartDate.AddDays(d);
            DayMonth[d] = (byte)(date.Month - 1);
            DayFactor[d] = RawMonth[date.Month - 1] * Special(date) * RawWeekday[((int)date.DayOfWeek + 6) % 7];
        }
        Normalise(DayFactor);
        HourFactor = (double[])RawHour.Clone();
        Normalise(HourFactor);
        HourCumulative = DemoRandom.Cumulative(HourFactor);
        MaxIntensity = DayFactor.Max() * HourFactor.Max();

        // Share of all purchasing that falls in each calendar month (for expected spend with seasonal categories).
        MonthMass = new double[12];
        for (var d = 0; d < Days; d++) MonthMass[DayMonth[d]] += DayFactor[d];
        var total = MonthMass.Sum();
        for (var m = 0; m < 12; m++) MonthMass[m] /= total;
    }

    public DateOnly StartDate { get; }
    public DateOnly EndDate { get; }
    /// <summary>First instant of the window (UTC midnight).</summary>
    public DateTime Start { get; }
    /// <summary>First instant after the window: midnight after <see cref="EndDate"/>; nothing happens at or after it.</summary>
    public DateTime End { get; }
    public int Days { get; }
    public double[] DayFactor { get; }
    public byte[] DayMonth { get; }
    public double[] HourFactor { get; }
    public double[] HourCumulative { get; }
    public double MaxIntensity { get; }
    public double[] MonthMass { get; }

    /// <summary>Relative purchase intensity at <paramref name="t"/> days (mean 1).</summary>
    public double Intensity(double t)
    {
        var day = (int)t;
        var hour = (int)((t - day) * 24.0);
        return DayFactor[day] * HourFactor[hour];
    }

    public int Month(double t) => DayMonth[Math.Clamp((int)t, 0, Days - 1)];

    /// <summary>The instant for <paramref name="t"/> days, truncated to whole seconds.</summary>
    public DateTime ToInstant(double t)
    {
        var seconds = (long)Math.Floor(t * 86400.0);
        return Start.AddTicks(seconds * TimeSpan.TicksPerSecond);
    }

    public double ToDays(DateTime instant) => (instant - Start).TotalDays;

    /// <summary>A time of day drawn from the hourly profile, as a fraction of a day.</summary>
    public double TimeOfDay(DemoRandom rng) => (rng.PickCumulative(HourCumulative) + rng.NextDouble()) / 24.0;

    /// <summary>Monthly factors (January first), averaged over the window's days.</summary>
    public double[] MonthFactors()
    {
        var sums = new double[12];
        var counts = new int[12];
        for (var d = 0; d < Days; d++)
        {
            sums[DayMonth[d]] += DayFactor[d];
            counts[DayMonth[d]]++;
        }
        return [.. Enumerable.Range(0, 12).Select(m => counts[m] == 0 ? 0 : Math.Round(sums[m] / counts[m], 4))];
    }

    /// <summary>Monday-first weekday factors (mean 1).</summary>
    public static double[] WeekdayFactors()
    {
        var mean = RawWeekday.Average();
        return [.. RawWeekday.Select(w => Math.Round(w / mean, 4))];
    }

    public double[] RoundedHourFactors() => [.. HourFactor.Select(h => Math.Round(h, 4))];

    /// <summary>Black Friday weekend and Cyber Monday spike; Christmas Day and Boxing Day are quiet.</summary>
    private static double Special(DateOnly date)
    {
        if (date.Month == 11)
        {
            var blackFriday = BlackFriday(date.Year);
            var offset = date.DayNumber - blackFriday.DayNumber;
            return offset switch
            {
                0 => 2.6,
                1 or 2 => 1.8,
                3 => 2.0,
                >= -6 and < 0 => 1.25,
                _ => 1.0,
            };
        }
        if (date.Month == 12)
        {
            return date.Day switch
            {
                <= 20 => 1.12,
                21 or 22 or 23 => 1.0,
                24 => 0.55,
                25 => 0.35,
                26 => 0.8,
                _ => 0.9,
            };
        }
        return 1.0;
    }

    /// <summary>The Friday after the fourth Thursday of November.</summary>
    public static DateOnly BlackFriday(int year)
    {
        var first = new DateOnly(year, 11, 1);
        var firstThursday = first.AddDays(((int)DayOfWeek.Thursday - (int)first.DayOfWeek + 7) % 7);
        return firstThursday.AddDays(21 + 1);
    }

    private static void Normalise(double[] values)
    {
        var mean = values.Average();
        for (var i = 0; i < values.Length; i++) values[i] /= mean;
    }
}
