using Rapport.Bench;

// Benchmarks measure speed and memory on real work; figures are printed, never asserted in tests.
return args switch
{
    ["demo-load", .. var rest] => await DemoLoadBenchmark.RunAsync(rest),
    ["rfm", .. var rest] => RfmBenchmark.Run(rest),
    ["clv-fit", .. var rest] => ClvFitBenchmark.Run(rest),
    ["rules", .. var rest] => RulesBenchmark.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project bench/Rapport.Bench -- <benchmark> [options]

          demo-load [--customers N] [--seed S] [--provider sqlite|postgres] [--connection CS]
              Generates the demo retailer and bulk-loads it into a fresh database; prints rows/s.
              Default: 100000 customers into a temporary SQLite file.
          rfm [--customers N] [--rows N] [--file PATH]
              Writes a synthetic transaction file once (default 1M customers, 20M rows, kept in /tmp),
              then times analyze rfm end to end.
          clv-fit [--customers N]
              Simulates N customers (default 1M) and times the BG/NBD + Gamma-Gamma fits.
          rules [--groceries PATH] [--baskets N] [--file PATH] [--support S] [--confidence C] [--runs R]
              FP-Growth and Apriori (itemsets + rules, best of R runs, default 5) on Groceries at 0.001/0.8, then on a
              synthetic Quest-style basket file (default 1M baskets in /tmp, support 0.001, confidence 0.5).
        """);
    return 1;
}
