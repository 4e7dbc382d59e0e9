namespace Rapport.Web.Features.Marketing;

/// <summary>Settings of the marketing module (section <c>Rapport:Marketing</c>).</summary>
public sealed class MarketingOptions
{
    public const string Section = "Rapport:Marketing";

    /// <summary>How messages leave: <c>File</c> (one .eml per message in <see cref="DropFolder"/>) or <c>Smtp</c>.</summary>
    public string Channel { get; set; } = "File";

    /// <summary>Folder of the file channel (relative to the content root); one sub-folder per campaign.</summary>
    public string DropFolder { get; set; } = "data/outbox";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Attempts per message before it is failed for good.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the second attempt; it doubles with every further failure.</summary>
    public double RetryBaseSeconds { get; set; } = 30;

    /// <summary>How often the background sender looks for due messages.</summary>
    public double PollSeconds { get; set; } = 5;

    public int BatchSize { get; set; } = 200;

    /// <summary>P(response) of an active customer when no past campaign of the channel has results yet.</summary>
    public double DefaultResponseRate { get; set; } = 0.05;
}

/// <summary>The SMTP server (<c>Rapport:Marketing:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Rapport <marketing@rapport.invalid>";
    /// <summary>STARTTLS when the server offers it (Auto), always (StartTls), or an implicit TLS port (SslOnConnect).</summary>
    public string Security { get; set; } = "Auto";
}
