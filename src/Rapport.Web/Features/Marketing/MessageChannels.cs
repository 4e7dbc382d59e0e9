using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Rapport.Web.Features.Marketing;

/// <summary>A message for one recipient, rendered and addressed.</summary>
public sealed record OutgoingMessage(long MessageId, long CampaignId, string To, string ToName, string Subject, string Text, string Html);

/// <summary>Where campaign messages go. Throwing means "not sent": the outbox retries later.</summary>
public interface IMessageChannel
{
    string Name { get; }
    Task SendAsync(OutgoingMessage message, CancellationToken ct);
}

internal static class MimeMessages
{
    public static MimeMessage Build(OutgoingMessage message, string from)
    {
        var mime = new MimeMessage { Subject = message.Subject, MessageId = $"campaign-{message.CampaignId}-message-{message.MessageId}@rapport" };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(new MailboxAddress(message.ToName, message.To));
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
        return mime;
    }
}

/// <summary>Writes each message as an .eml file into a folder per campaign (tests, the demo, and a pick-up folder for a mail relay).</summary>
public sealed class FileDropChannel(IOptions<MarketingOptions> options, IHostEnvironment environment) : IMessageChannel
{
    public string Name => "File";

    public string Folder => Path.GetFullPath(options.Value.DropFolder, environment.ContentRootPath);

    public string CampaignFolder(long campaignId) => Path.Combine(Folder, $"campaign-{campaignId}");

    public async Task SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var folder = CampaignFolder(message.CampaignId);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"message-{message.MessageId}.eml");
        // Written under a temporary name and moved, so a reader of the folder never sees half a message.
        var temporary = path + ".tmp";
        await using (var stream = File.Create(temporary))
            await MimeMessages.Build(message, options.Value.Smtp.From).WriteToAsync(stream, ct);
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>Sends through an SMTP server with MailKit (one connection per message: the outbox batches are small and retried).</summary>
public sealed class SmtpChannel(IOptions<MarketingOptions> options) : IMessageChannel
{
    public string Name => "Smtp";

    public async Task SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host)) throw new InvalidOperationException("Rapport:Marketing:Smtp:Host is not set");
        var security = Enum.TryParse<SecureSocketOptions>(smtp.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.Auto;
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.User)) await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        await client.SendAsync(MimeMessages.Build(message, smtp.From), ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
