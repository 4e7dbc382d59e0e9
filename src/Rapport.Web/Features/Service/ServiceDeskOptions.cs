using Rapport.Core.Domain;

namespace Rapport.Web.Features.Service;

/// <summary>Settings of the service desk (section <c>Rapport:Service</c>).</summary>
public sealed class ServiceDeskOptions
{
    public const string Section = "Rapport:Service";

    /// <summary>Hours from creation to the SLA due time (first response), per priority.</summary>
    public Dictionary<TicketPriority, double> SlaHours { get; set; } = new()
    {
        [TicketPriority.Urgent] = 4, [TicketPriority.High] = 8, [TicketPriority.Normal] = 24, [TicketPriority.Low] = 72,
    };

    /// <summary>An open ticket is "due soon" once less than this share of its SLA window is left.</summary>
    public double SlaWarningShare { get; set; } = 0.25;

    /// <summary>Folder of the Banking77 CSVs (train.csv) for the starter intent model; unset: ../shared/datasets/banking77 when present.</summary>
    public string? StarterIntentData { get; set; }

    /// <summary>Folder of the sentiment-labelled sentences (*_labelled.txt); unset: ../shared/datasets/sentiment-labelled-sentences when present.</summary>
    public string? SentimentData { get; set; }

    /// <summary>CSV of question/answer/class rows seeding an empty knowledge base; unset: ../shared/datasets/bank-faqs/BankFAQs.csv when present.</summary>
    public string? KnowledgeSeedData { get; set; }

    /// <summary>The desk's own model is used once this many resolved tickets carry a confirmed intent.</summary>
    public int MinDeskTickets { get; set; } = 30;

    /// <summary>Intents with fewer confirmed examples are left out of the desk model.</summary>
    public int MinExamplesPerIntent { get; set; } = 3;

    /// <summary>The intent model is retrained on next use after this many further tickets were resolved.</summary>
    public int RetrainAfterResolved { get; set; } = 25;

    /// <summary>Suggested answers returned per ticket.</summary>
    public int Suggestions { get; set; } = 3;

    /// <summary>Longest ticket description accepted (characters).</summary>
    public int MaxDescriptionLength { get; set; } = 20_000;

    public EmailDropOptions EmailDrop { get; set; } = new();
}

/// <summary>The inbound e-mail drop folder (<c>Rapport:Service:EmailDrop</c>).</summary>
public sealed class EmailDropOptions
{
    /// <summary>Folder polled for .eml files; unset: the drop folder is off.</summary>
    public string? Folder { get; set; }

    public double PollSeconds { get; set; } = 15;
}
