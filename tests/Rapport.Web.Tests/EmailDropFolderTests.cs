using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rapport.Core.Domain;
using Rapport.Web.Features.Service;

namespace Rapport.Web.Tests;

/// <summary>
/// The inbound e-mail drop folder with real .eml files (Fixtures/Email): a known sender (matched through the
/// normalised e-mail contact point, whatever the case of the address), an unknown sender writing base64 HTML in
/// Chinese, a malformed upload and a message without sender.
/// </summary>
[Collection(RapportAppCollection.Name)]
public sealed class EmailDropFolderTests(RapportAppFixture app)
{
    private static string FixtureFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Email");

    private static string DropFolderWith(params string[] fixtures)
    {
        var folder = Path.Combine(Path.GetTempPath(), "rapport-drop-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var name in fixtures) File.Copy(Path.Combine(FixtureFolder, name), Path.Combine(folder, name));
        return folder;
    }

    private async Task<long> CustomerWithEmailAsync(string email)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Rapport.Data.RapportDb>();
        var customer = new Customer { FirstName = "Ana", LastName = "Lima", Source = "test", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        customer.ContactPoints.Add(new ContactPoint { Kind = ContactKind.Email, Value = email, NormalizedValue = email.ToLowerInvariant(), IsPrimary = true, CreatedAt = DateTime.UtcNow });
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    [Fact]
    public async Task Dropped_mails_become_tickets_and_bad_files_are_set_aside_with_a_reason()
    {
        var customerId = await CustomerWithEmailAsync("ana.lima@example.org");
        var folder = DropFolderWith("known-sender.eml", "unknown-sender.eml", "malformed.eml", "no-sender.eml");
        try
        {
            IReadOnlyList<EmailImportOutcome> outcomes;
            await using (var scope = app.App.Services.CreateAsyncScope())
                outcomes = await scope.ServiceProvider.GetRequiredService<EmailTicketImporter>().ImportFolderAsync(folder);

            var byFile = outcomes.ToDictionary(o => o.File);
            Assert.Equal(4, byFile.Count);
            Assert.Equal(customerId, byFile["known-sender.eml"].CustomerId);
            Assert.Null(byFile["unknown-sender.eml"].CustomerId);
            Assert.NotNull(byFile["unknown-sender.eml"].TicketId);
            Assert.NotNull(byFile["malformed.eml"].Failure);
            Assert.Equal("No sender address (From header).", byFile["no-sender.eml"].Failure);

            Assert.Empty(Directory.GetFiles(folder, "*.eml"));
            Assert.Equal(["known-sender.eml", "unknown-sender.eml"], Directory.GetFiles(Path.Combine(folder, "processed")).Select(Path.GetFileName).Order());
            var failed = Path.Combine(folder, "failed");
            Assert.Equal(["malformed.eml", "malformed.reason.txt", "no-sender.eml", "no-sender.reason.txt"], Directory.GetFiles(failed).Select(Path.GetFileName).Order());
            Assert.Equal(byFile["malformed.eml"].Failure, (await File.ReadAllTextAsync(Path.Combine(failed, "malformed.reason.txt"))).Trim());

            var known = await app.QueryAsync(db => db.Tickets.SingleAsync(t => t.Id == byFile["known-sender.eml"].TicketId));
            Assert.Equal(("Refund for my returned order", TicketChannel.Email, customerId), (known.Subject, known.Channel, known.CustomerId!.Value));
            Assert.Contains("refund of €89.90 has not arrived yet", known.Description); // quoted-printable decoded, soft line break joined
            Assert.Equal("refund_request", known.Intent);

            var stranger = await app.QueryAsync(db => db.Tickets.SingleAsync(t => t.Id == byFile["unknown-sender.eml"].TicketId));
            Assert.Equal("我的订单还没到", stranger.Subject);
            Assert.Equal("你好，我的订单已经一周了还没有到，物流信息也没有更新。", stranger.Description); // HTML only: tags dropped
            Assert.Equal("zh-CN", stranger.Language);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public async Task The_hosted_service_polls_the_configured_folder()
    {
        var folder = DropFolderWith("unknown-sender.eml");
        var options = Options.Create(new ServiceDeskOptions { EmailDrop = { Folder = folder, PollSeconds = 1 } });
        var service = new EmailDropFolderService(app.App.Services.GetRequiredService<IServiceScopeFactory>(), options,
            app.App.Services.GetRequiredService<IHostEnvironment>(), NullLogger<EmailDropFolderService>.Instance);
        try
        {
            await service.StartAsync(CancellationToken.None);
            var processed = Path.Combine(folder, "processed", "unknown-sender.eml");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!File.Exists(processed) && DateTime.UtcNow < deadline) await Task.Delay(100);
            Assert.True(File.Exists(processed), "the service moved the mail to processed/");
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
            Directory.Delete(folder, recursive: true);
        }
    }
}
