using System.Globalization;
using Rapport.Analytics.Lifetime;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Tests;

public class LifetimeSummaryTests
{
    [Fact]
    public void Cdnow_raw_sample_reproduces_the_published_summary()
    {
        if (LifetimeTestData.CdnowDir is not { } dir) { Console.WriteLine("SKIPPED: ../shared/datasets/cdnow not found"); return; }
        var summary = LifetimeTestData.CdnowSummary(dir, LifetimeTestData.CdnowObservationEnd);
        var published = LifetimeTestData.ReadSummaryCsv(Path.Combine(dir, "cdnow_customers_summary.csv"));
        var withSpend = LifetimeTestData.ReadSummaryCsv(Path.Combine(dir, "cdnow_customers_summary_with_transactions.csv"));

        Assert.Equal(2357, summary.Count);
        Assert.Equal(0, summary.ExcludedAfterCalibration);
        var x = summary.Frequency;
        var tx = summary.Recency;
        var T = summary.T;
        var m = summary.Monetary;
        int zeros = 0;
        long repeat = 0;
        for (int i = 0; i < summary.Count; i++)
        {
            int id = int.Parse(summary.Customers[i], CultureInfo.InvariantCulture);
            var row = published[id];
            Assert.True(row[0] == x[i], $"customer {id}: frequency {x[i]}, published {row[0]}");
            Assert.True(Math.Abs(row[1] - tx[i]) <= 0.01, $"customer {id}: recency {tx[i]}, published {row[1]}");
            Assert.True(Math.Abs(row[2] - T[i]) <= 0.01, $"customer {id}: T {T[i]}, published {row[2]}");
            Assert.True(Math.Abs(withSpend[id][3] - m[i]) <= 0.006, $"customer {id}: monetary {m[i]}, published {withSpend[id][3]}");
            if (x[i] == 0) zeros++;
            repeat += x[i];
        }
        Assert.Equal(1411, zeros);
        Assert.Equal(2457, repeat);
        Assert.Equal(946, summary.RepeatBuyers);
        Assert.Equal(39, summary.HoldoutLength);
    }

    private static readonly DateOnly Cal = new(2024, 3, 31);

    private static int Day(int month, int day) => new DateOnly(2024, month, day).DayNumber;

    [Fact]
    public void Conventions_same_day_merge_returns_exclusions_and_holdout()
    {
        string[] keys = ["a", "b", "c", "d"];
        TransactionLine L(int c, int day, double amount) => new(c, day, amount, -1, -1, 1);
        var lines = new[]
        {
            L(0, Day(1, 1), 10), L(0, Day(1, 1), 5),   // first day, two lines: one purchase of 15
            L(0, Day(1, 15), 20), L(0, Day(1, 15), 2), // repeat day worth 22
            L(0, Day(2, 12), -7),                      // a return: ignored
            L(0, Day(3, 11), 30),                      // repeat day worth 30
            L(0, Day(4, 2), 40), L(0, Day(4, 2), 1), L(0, Day(4, 20), 3), // holdout: 2 purchase days, 44
            L(1, Day(3, 31), 0),                       // zero-amount purchase on the calibration end: T = 0
            L(2, Day(4, 5), 12),                       // first purchase after calibration: excluded
            L(3, Day(5, 1), 9),                        // after the observation end: excluded, line counted
        };
        var s = CustomerSummaryBuilder.Build(lines, keys, new CustomerSummaryOptions(Cal, new DateOnly(2024, 4, 30), TimeUnit.Days));

        Assert.Equal(["a", "b"], s.Customers);
        Assert.Equal([2, 0], s.Frequency.ToArray());
        Assert.Equal([Day(3, 11) - Day(1, 1), 0], s.Recency.ToArray());
        Assert.Equal([Day(3, 31) - Day(1, 1), 0], s.T.ToArray());
        Assert.Equal([26, 0], s.Monetary.ToArray());
        Assert.Equal([2, 0], s.HoldoutPurchases.ToArray());
        Assert.Equal([44, 0], s.HoldoutValue.ToArray());
        Assert.Equal(30, s.HoldoutLength);
        Assert.Equal(2, s.ExcludedAfterCalibration);
        Assert.Equal(1, s.ReturnLinesIgnored);
        Assert.Equal(1, s.LinesAfterPeriod);
        // Customer c's holdout purchase is not a repeat purchase of a calibration customer.
        Assert.Equal(2, s.HoldoutPurchasesByDay!.Sum());
        Assert.Equal(1, s.HoldoutPurchasesByDay![1]); // 2 April is the second day after the calibration end

        var weeks = CustomerSummaryBuilder.Build(lines, keys, new CustomerSummaryOptions(Cal, null, TimeUnit.Weeks));
        Assert.Equal((Day(3, 11) - Day(1, 1)) / 7.0, weeks.Recency[0], 12);
        Assert.False(weeks.HasHoldout);
        Assert.Equal(5, weeks.LinesAfterPeriod);
    }

    [Fact]
    public void Out_of_order_lines_are_refused_unless_sorting_is_asked_for()
    {
        string[] keys = ["k1"];
        var lines = new[]
        {
            new TransactionLine(0, Day(2, 1), 5, -1, -1, 1),
            new TransactionLine(0, Day(1, 1), 5, -1, -1, 1),
            new TransactionLine(0, Day(3, 1), 5, -1, -1, 1),
            new TransactionLine(0, Day(1, 1), 1, -1, -1, 1),
        };
        var e = Assert.Throws<InvalidDataException>(() =>
            CustomerSummaryBuilder.Build(lines, keys, new CustomerSummaryOptions(Cal, null, TimeUnit.Days)));
        Assert.Contains("'k1'", e.Message);
        Assert.Contains("date order", e.Message);

        var s = CustomerSummaryBuilder.Build(lines, keys, new CustomerSummaryOptions(Cal, null, TimeUnit.Days, SortInput: true));
        Assert.Equal(2, s.Frequency[0]);
        Assert.Equal(Day(3, 1) - Day(1, 1), s.Recency[0]);
        Assert.Equal(5, s.Monetary[0]);
    }

    [Fact]
    public void Summary_columns_are_validated()
    {
        Assert.Throws<ArgumentException>(() => new CustomerSummary(null, [1], [5], [4]));   // tx > T
        Assert.Throws<ArgumentException>(() => new CustomerSummary(null, [0], [1], [4]));   // x = 0 needs tx = 0
        Assert.Throws<ArgumentException>(() => new CustomerSummary(null, [-1], [0], [4]));
        Assert.Throws<ArgumentException>(() => new CustomerSummary(null, [1, 2], [1], [4]));
        var ok = new CustomerSummary(null, [1, 0], [2, 0], [4, 3]);
        Assert.Equal(["0", "1"], ok.Customers);
    }
}
