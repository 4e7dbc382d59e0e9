using Rapport.Core.Automation;

namespace Rapport.Web.Features.Automation;

/// <summary>Settings of the automation worker (<c>Rapport:Automation</c>).</summary>
public sealed class AutomationOptions
{
    public const string Section = "Rapport:Automation";

    /// <summary>Whether the background worker runs at all.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>How often the worker looks for work when nothing woke it (seconds).</summary>
    public double PollSeconds { get; set; } = 2;
    /// <summary>How often SLA and schedule triggers are checked (seconds).</summary>
    public double ScanSeconds { get; set; } = 30;
    /// <summary>Attempts per failing action or webhook delivery before it is reported failed.</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>Wait after the first failure; doubled after each further one (seconds).</summary>
    public double RetryBaseSeconds { get; set; } = 30;
    public double RetryMaxSeconds { get; set; } = 3600;
    public double WebhookTimeoutSeconds { get; set; } = 10;
    /// <summary>How many rules may cause one another in a chain (A's change fires B, B's fires C …) before it stops.</summary>
    public int MaxChainDepth { get; set; } = 3;

    public RetrySchedule Retries => new(Math.Max(1, MaxAttempts), TimeSpan.FromSeconds(RetryBaseSeconds), TimeSpan.FromSeconds(RetryMaxSeconds));
}
