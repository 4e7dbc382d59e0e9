using Rapport.Core.Domain;

namespace Rapport.Core.Sales;

/// <summary>The "Sales" pipeline a new install and the demo start with: Lead → Qualified → Proposal → Negotiation → Won / Lost.</summary>
public static class StandardPipeline
{
    public const string Name = "Sales";

    public static readonly IReadOnlyList<(string Name, double Probability, bool Won, bool Lost)> Stages =
    [
        ("Lead", 0.10, false, false),
        ("Qualified", 0.25, false, false),
        ("Proposal", 0.50, false, false),
        ("Negotiation", 0.75, false, false),
        ("Won", 1.0, true, false),
        ("Lost", 0.0, false, true),
    ];

    /// <summary>New stage rows in order (positions from 1), without ids.</summary>
    public static List<PipelineStage> NewStages() =>
        Stages.Select((s, i) => new PipelineStage { Name = s.Name, Position = i + 1, Probability = s.Probability, IsWon = s.Won, IsLost = s.Lost }).ToList();
}
