using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Service;

/// <summary>What happened to one dropped e-mail file.</summary>
public sealed record EmailImportOutcome(string File, long? TicketId, long? CustomerId, string? Failure);

/// <summary>
/// Turns the .eml files of the drop folder into tickets. Each file is parsed with MimeKit; the sender is matched to a
/// customer through the normalised e-mail contact points (lower-cased address; an unknown sender gives a ticket
/// without customer); the plain-text body (else the HTML body without tags) is the description. A handled file moves
/// to <c>processed/</c>; a file that cannot be read, has no sender or no subject and no text, or is refused by the
/// desk moves to <c>failed/</c> with a <c>NAME.reason.txt</c> beside it saying why.
/// </summary>
public sealed partial class EmailTicketImporter(RapportDb db, TicketDesk desk, ILogger<EmailTicketImporter> log)
{
    public const string ProcessedFolder = "processed";
    public const string FailedFolder = "failed";

    public async Task<IReadOnlyList<EmailImportOutcome>> ImportFolderAsync(string folder, CancellationToken ct = default)
    {
        Directory.CreateDirectory(folder);
        var outcomes = new List<EmailImportOutcome>();
        foreach (var file in Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            var outcome = await ImportFileAsync(file, ct);
            Move(folder, file, outcome);
            outcomes.Add(outcome);
        }
        return outcomes;
    }

    private async Task<EmailImportOutcome> ImportFileAsync(string file, CancellationToken ct)
    {
        var name = Path.GetFileName(file);
        MimeMessage message;
        try
        {
            await using var stream = File.OpenRead(file);
            message = await MimeMessage.LoadAsync(stream, ct);
        }
        catch (Exception ex) when (ex is FormatException or ParseException or IOException)
        {
            return new EmailImportOutcome(name, null, null, $"Not a readable e-mail: {ex.Message}");
        }
        var sender = message.From.Mailboxes.FirstOrDefault()?.Address?.Trim();
        if (string.IsNullOrEmpty(sender)) return new EmailImportOutcome(name, null, null, "No sender address (From header).");
        var subject = message.Subject?.Trim() ?? "";
        var body = (message.TextBody ?? HtmlToText(message.HtmlBody) ?? "").Trim();
        if (subject.Length == 0 && body.Length == 0) return new EmailImportOutcome(name, null, null, "Neither a subject nor a text body.");
        if (subject.Length == 0) subject = FirstLine(body);

        var normalized = sender.ToLowerInvariant();
        var customerId = await db.ContactPoints.AsNoTracking()
            .Where(p => p.Kind == ContactKind.Email && p.CustomerId != null && p.NormalizedValue == normalized)
            .OrderBy(p => p.Id).Select(p => p.CustomerId).FirstOrDefaultAsync(ct);
        if (subject.Length > TicketDesk.MaxSubjectLength) subject = subject[..TicketDesk.MaxSubjectLength];
        var result = await desk.CreateAsync(new NewTicket(customerId, subject, body, Channel: TicketChannel.Email), ct);
        if (result.Errors is { Count: > 0 } errors)
            return new EmailImportOutcome(name, null, customerId, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        log.LogInformation("E-mail {File} became ticket {Ticket}.", name, result.Value!.Id);
        return new EmailImportOutcome(name, result.Value!.Id, customerId, null);
    }

    private static void Move(string folder, string file, EmailImportOutcome outcome)
    {
        var target = Path.Combine(folder, outcome.Failure is null ? ProcessedFolder : FailedFolder);
        Directory.CreateDirectory(target);
        var destination = Path.Combine(target, Path.GetFileName(file));
        if (File.Exists(destination)) destination = Path.Combine(target, $"{Path.GetFileNameWithoutExtension(file)}-{DateTime.UtcNow:yyyyMMddHHmmssfff}.eml");
        File.Move(file, destination);
        if (outcome.Failure is not null) File.WriteAllText(Path.ChangeExtension(destination, ".reason.txt"), outcome.Failure + Environment.NewLine);
    }

    private static string FirstLine(string body)
    {
        var line = body.Split('\n', 2)[0].Trim();
        return line.Length <= 120 ? line : line[..120];
    }

    private static string? HtmlToText(string? html)
        => html is null ? null : WebUtility.HtmlDecode(Whitespace().Replace(Tags().Replace(html, " "), " ")).Trim();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Whitespace();
}
