using Rapport.Bench;

// Benchmarks measure speed and memory on real work; figures are printed, never asserted in tests.
return args switch
{
    ["demo-load", .. var rest] => await DemoLoadBenchmark.RunAsync(rest),
    ["import", .. var rest] => await ImportBenchmark.RunAsync(rest),
    ["insights", .. var rest] => await InsightsBenchmark.RunAsync(rest),
    ["rfm", .. var rest] => RfmBenchmark.Run(rest),
    ["clv-fit", .. var rest] => ClvFitBenchmark.Run(rest),
    ["predict", .. var rest] => PredictBenchmark.Run(rest),
    ["forecast", .. var rest] => ForecastBenchmark.Run(rest),
    ["intents", .. var rest] => IntentsBenchmark.Run(rest),
    ["rules", .. var rest] => RulesBenchmark.Run(rest),
    ["recommend", .. var rest] => RecommendBenchmark.Run(rest),
    ["unify", .. var rest] => await UnifyBenchmark.RunAsync(rest),
    ["customer-list", .. var rest] => await CustomerListBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project bench/Rapport.Bench -- <benchmark> [options]

          demo-load [--customers N] [--seed S] [--provider sqlite|postgres] [--connection CS]
              Generates the demo retailer and bulk-loads it into a fresh database; prints rows/s.
              Default: 100000 customers into a temporary SQLite file.
          import [--lines N] [--customers N] [--file PATH]
              Writes an Online Retail-shaped order-line file once (default 1,000,000 lines, kept in /tmp), then times
              `rapport import orders` into a fresh SQLite file; prints rows/s and peak memory.
          insights [--customers N] [--years Y] [--seed S] [--db PATH] [--runs R] [--churn-model M] [--algorithms A]
              Loads the demo retailer (default 100,000 customers) into SQLite (kept and reused with --db PATH), then
              times the insights refresh by step (R times, default 1); prints counts, model versions and peak memory.
          rfm [--customers N] [--rows N] [--file PATH]
              Writes a synthetic transaction file once (default 1M customers, 20M rows, kept in /tmp),
              then times analyze rfm end to end.
          clv-fit [--customers N]
              Simulates N customers (default 1M) and times the BG/NBD + Gamma-Gamma fits.
          predict [--rows N] [--models logistic,gbdt,forest,tree] [--telco PATH]
              Times training (5-fold CV, final fit, importance, reasons) and scoring on Telco churn and on a
              synthetic table of N rows (default 1M, written once to /tmp).
          forecast [--series N] [--length L] [--horizon H]
              Forecasts N synthetic monthly series (default 10000 of 60 points, horizon 12) with full model
              selection (rolling-origin backtest of 7 models); prints series/s and the total time.
          intents [--data DIR] [--repeat N]
              Text analytics on ../shared/datasets (best of N runs, default 3): Banking77 intent training time and
              inference texts/s on the test split, answer queries/s on the bank FAQs (BM25), sentiment training
              and scoring on the 3,000 labelled sentences.
          rules [--groceries PATH] [--baskets N] [--file PATH] [--support S] [--confidence C] [--runs R]
              FP-Growth and Apriori (itemsets + rules, best of R runs, default 5) on Groceries at 0.001/0.8, then on a
              synthetic Quest-style basket file (default 1M baskets in /tmp, support 0.001, confidence 0.5).
          recommend [--customers N] [--items N] [--interactions N] [--factors F] [--iterations I] [--queries Q]
              Item-kNN (cosine and BM25) and implicit ALS training on a synthetic log (default 100,000 customers ×
              10,000 items, 5,000,000 interactions), then one-customer recommendation latency p50/p99.
          unify [--customers N] [--duplicates SHARE] [--runs R] [--sqlite]
              Identity resolution: matches N demo customers (default 100,000, plus 3 % planted duplicates and
              look-alikes) in memory, best of R runs (default 3); prints time, pairs compared and precision/recall.
              With --sqlite, also loads them into a temporary SQLite file and times the whole unify run and a re-run.
          customer-list [--customers N] [--runs R] [--db PATH]
              Loads N customers (default 1,000,000) with an e-mail, a phone and three scores each into SQLite (kept in
              /tmp and reused), then times the customer list's searches, filters and sorts (median of R runs, default 5).
        """);
    return 1;
}
