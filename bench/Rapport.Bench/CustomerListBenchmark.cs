using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Core.Storage;
using Rapport.Data;
using Rapport.Web.Features.Customers;

namespace Rapport.Bench;

/// <summary>
/// Issue 6's "stays fast at 1,000,000 customers": loads N customers with an e-mail, a phone and three stored scores each
/// into a SQLite file (kept and reused with --db), then times the customer list's typical questions through the same
/// <see cref="CustomerSearch"/> the page and the API use: median of R runs per question, the count included.
/// </summary>
internal static class CustomerListBenchmark
{
    private static readonly string[] Segments = ["Champions", "Loyal", "Bargain hunters", "Occasional", "Lapsed"];
    private static readonly string[] FirstNames = ["Anna", "Émile", "John", "Maria", "Wei", "Li", "Sofia", "Lukas", "Chloé", "Omar", "Yuki", "Pedro"];
    private static readonly string[] LastNames = ["Smith", "Müller", "Zhang", "García", "Rossi", "Dubois", "Kowalski", "Tanaka", "Silva", "Novak", "Wang", "Jensen"];

    public static async Task<int> RunAsync(string[] args)
    {
        var customers = int.Parse(Args.Option(args, "--customers") ?? "1000000");
        var runs = int.Parse(Args.Option(args, "--runs") ?? "5");
        var file = Args.Option(args, "--db") ?? Path.Combine(Path.GetTempPath(), $"rapport-bench-list-{customers}.db");
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file}" };
        // The list's services as the app registers them (scoped), resolved from one scope.
        await using var services = new ServiceCollection().AddLogging().AddRapportData(options)
            .AddScoped<Rapport.Web.Features.Segments.SegmentCatalog>().AddScoped<CustomerSearch>().BuildServiceProvider();

        var fresh = !File.Exists(file);
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        if (fresh) await LoadAsync(services, customers);
        else Console.WriteLine($"customer-list: reusing {file}");

        await using var listScope = services.CreateAsyncScope();
        var search = listScope.ServiceProvider.GetRequiredService<CustomerSearch>();
        (string Name, CustomerQuery Query)[] questions =
        [
            ("first page, newest", new CustomerQuery()),
            ("page 2,000, newest", new CustomerQuery { Page = 2000 }),
            ("sorted by name, page 1", new CustomerQuery { Sort = CustomerSort.Name }),
            ("sorted by name, page 2,000", new CustomerQuery { Sort = CustomerSort.Name, Page = 2000 }),
            ("search last name 'kowal'", new CustomerQuery { Search = "kowal" }),
            ("search first name 'emile'", new CustomerQuery { Search = "emile" }),
            ("search full name 'wei zhang'", new CustomerQuery { Search = "wei zhang" }),
            ("search rare name 'zzz'", new CustomerQuery { Search = "zzz" }),
            ("search e-mail", new CustomerQuery { Search = $"customer{customers / 2}@example.com" }),
            ("search phone", new CustomerQuery { Search = Phone(customers / 3) }),
            ("segment 'Lapsed'", new CustomerQuery { Segment = "Lapsed" }),
            ("churn risk ≥ 0.99", new CustomerQuery { MinChurnRisk = 0.99 }),
            ("CLV 500–510", new CustomerQuery { MinClv = 500, MaxClv = 510 }),
            ("segment + churn ≥ 0.9, by name", new CustomerQuery { Segment = "Champions", MinChurnRisk = 0.9, Sort = CustomerSort.Name }),
        ];
        Console.WriteLine($"  {"question",-34} {"median ms",10} {"max ms",8} {"total",10}");
        foreach (var (name, query) in questions)
        {
            var times = new List<double>();
            long total = 0;
            for (var run = 0; run < runs; run++)
            {
                var watch = Stopwatch.StartNew();
                var page = await search.FindAsync(query, showPersonal: true);
                times.Add(watch.Elapsed.TotalMilliseconds);
                total = page.Total;
            }
            times.Sort();
            Console.WriteLine($"  {name,-34} {times[times.Count / 2],10:F1} {times[^1],8:F1} {total,10:N0}");
        }
        Console.WriteLine($"  peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
        SqliteConnection.ClearAllPools();
        return 0;
    }

    private static string Phone(int i) => $"+4930{i:D8}";

    private static async Task LoadAsync(IServiceProvider services, int count)
    {
        var watch = Stopwatch.StartNew();
        var now = DateTime.UtcNow;
        var rng = new Random(42);
        var people = Enumerable.Range(1, count).Select(i => new Customer
        {
            Id = i, FirstName = FirstNames[rng.Next(FirstNames.Length)], LastName = LastNames[rng.Next(LastNames.Length)] + (i % 7 == 0 ? "ski" : ""),
            Country = "DE", Source = "bench", ExternalId = $"B{i}", CreatedAt = now, UpdatedAt = now,
        }).ToList();
        await using var scope = services.CreateAsyncScope();
        await using var session = await scope.ServiceProvider.GetRequiredService<IBulkWriter>().BeginAsync();
        await session.WriteAsync(people);
        await session.WriteAsync(people.SelectMany(c => new[]
        {
            new ContactPoint { Id = 2 * c.Id - 1, CustomerId = c.Id, Kind = ContactKind.Email, Value = $"customer{c.Id}@example.com", NormalizedValue = $"customer{c.Id}@example.com", IsPrimary = true, CreatedAt = now },
            new ContactPoint { Id = 2 * c.Id, CustomerId = c.Id, Kind = ContactKind.Phone, Value = Phone((int)c.Id), NormalizedValue = Phone((int)c.Id)[1..], IsPrimary = true, CreatedAt = now },
        }));
        await session.WriteAsync(people.SelectMany(c => new[]
        {
            new CustomerInsight { Id = 3 * c.Id - 2, CustomerId = c.Id, Kind = InsightKinds.Segment, Value = c.Id % Segments.Length, Label = Segments[c.Id % Segments.Length], ModelVersion = "bench", ComputedAt = now },
            new CustomerInsight { Id = 3 * c.Id - 1, CustomerId = c.Id, Kind = InsightKinds.ChurnRisk, Value = rng.NextDouble(), ModelVersion = "bench", ComputedAt = now },
            new CustomerInsight { Id = 3 * c.Id, CustomerId = c.Id, Kind = InsightKinds.LifetimeValue, Value = Math.Round(rng.NextDouble() * 2000, 2), ModelVersion = "bench", ComputedAt = now },
        }));
        await session.CommitAsync();
        Console.WriteLine($"customer-list: loaded {count:N0} customers (+{2 * count:N0} contact points, {3 * count:N0} scores) in {watch.Elapsed.TotalSeconds:F1} s");
    }
}
