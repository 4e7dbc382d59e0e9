namespace Rapport.Core.Insights;

public enum InsightRunStatus { Running, Succeeded, Failed }

/// <summary>
/// One insights refresh as the UI and API see it: where it is, what it wrote, what it skipped and why. A job record
/// (kept in <c>insight_runs</c>), not a domain record: it is not audited.
/// </summary>
public class InsightRun
{
    public long Id { get; set; }
    public InsightRunStatus Status { get; set; }
    /// <summary>Who started it: cli, api, nightly, ui, test.</summary>
    public string Trigger { get; set; } = "";
    /// <summary>The day the data was cut at (null = all data).</summary>
    public DateTime? AsOf { get; set; }
    /// <summary>Name of the step running now (or the last one).</summary>
    public string Step { get; set; } = "";
    public int StepNumber { get; set; }
    public int StepCount { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>What was read and written: lines, customers, insight rows by kind, segments, rules, forecast periods …</summary>
    public Dictionary<string, long> Counts { get; set; } = [];
    /// <summary>Seconds spent per step.</summary>
    public Dictionary<string, double> StepSeconds { get; set; } = [];
    /// <summary>Analyses that did not run, with the reason (too little data …).</summary>
    public List<InsightSkippedStep> Skipped { get; set; } = [];
    /// <summary>What the analyses warned about (little data, a fit that did not converge …).</summary>
    public List<string> Warnings { get; set; } = [];
    /// <summary>Model version per analysis that ran.</summary>
    public Dictionary<string, string> ModelVersions { get; set; } = [];
    /// <summary>Why the run failed (the results of a failed run are not written).</summary>
    public string? Error { get; set; }
}

public record InsightSkippedStep(string Step, string Reason);
