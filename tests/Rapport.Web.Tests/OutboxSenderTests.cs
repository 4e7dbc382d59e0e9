using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rapport.Core.Domain;
using Rapport.Data;
using Rapport.Web.Features.Marketing;

namespace Rapport.Web.Tests;

/// <summary>
/// The outbox sender against the app's database with a channel that fails on purpose and a clock of its own, set far in
/// the future so the app's own background sender never sees these messages as due.
/// </summary>
[Collection(RapportAppCollection.Name)]
public sealed class OutboxSenderTests(RapportAppFixture app)
{
    private static readonly DateTime T = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private sealed class Clock : TimeProvider
    {
        public DateTime Now { get; set; } = T;
        public override DateTimeOffset GetUtcNow() => new(Now);
    }

    /// <summary>Fails every send to the addresses it is told to, and the first <c>failFirst</c> sends to the others; records what went.</summary>
    private sealed class FlakyChannel(int failFirst, params string[] alwaysFail) : IMessageChannel
    {
        private int _calls;
        public List<OutgoingMessage> Delivered { get; } = [];
        public string Name => "Flaky";

        public Task SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            if (alwaysFail.Contains(message.To)) throw new InvalidOperationException("mailbox unavailable");
            if (++_calls <= failFirst) throw new InvalidOperationException($"connection refused ({_calls})");
            Delivered.Add(message);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_failing_send_is_retried_with_backoff_until_it_goes_capped_attempts_fail_and_erased_or_withdrawn_customers_are_never_sent()
    {
        var flaky = await MarketingTestData.CustomerAsync(app, "Flaky");
        var dead = await MarketingTestData.CustomerAsync(app, "Dead");
        var erased = await MarketingTestData.CustomerAsync(app, "Erased");
        var withdrew = await MarketingTestData.CustomerAsync(app, "Withdrew", consents: [ConsentStatus.Granted, ConsentStatus.Withdrawn]);
        var campaignId = await app.QueryAsync(async db =>
        {
            var campaign = new Campaign { Name = "Retry test", Channel = CampaignChannel.Email, Status = CampaignStatus.Running, CreatedAt = T, SentAt = T, Template = "Hi {{first_name}}" };
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            foreach (var c in new[] { flaky, dead, erased, withdrew })
            {
                var member = new CampaignMember { CampaignId = campaign.Id, CustomerId = c.Id, Status = CampaignMemberStatus.Pending };
                db.CampaignMembers.Add(member);
                await db.SaveChangesAsync();
                db.OutboxMessages.Add(new OutboxMessage { CampaignId = campaign.Id, CampaignMemberId = member.Id, CustomerId = c.Id, NextAttemptAt = T, CreatedAt = T });
            }
            (await db.Customers.SingleAsync(c => c.Id == erased.Id)).Status = RecordStatus.Erased;
            await db.SaveChangesAsync();
            return campaign.Id;
        });

        var clock = new Clock();
        var channel = new FlakyChannel(failFirst: 2, dead.Email!);
        var options = Options.Create(new MarketingOptions { MaxAttempts = 3, RetryBaseSeconds = 60 });
        var sender = new OutboxSender(app.App.Services.GetRequiredService<IDbContextFactory<RapportDb>>(), channel, options, clock, NullLogger<OutboxSender>.Instance);
        Task<Dictionary<long, OutboxMessage>> MessagesAsync() => app.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.CampaignId == campaignId).ToDictionaryAsync(m => m.CustomerId));

        // Round 1 at T: the erased and the withdrawn are cancelled without a send; the other two fail and wait 60 s.
        Assert.Equal(4, await sender.ProcessDueAsync(campaignId));
        var m = await MessagesAsync();
        Assert.Equal((OutboxStatus.Cancelled, 0), (m[erased.Id].Status, m[erased.Id].Attempts));
        Assert.Equal((OutboxStatus.Cancelled, 0), (m[withdrew.Id].Status, m[withdrew.Id].Attempts));
        Assert.Equal((OutboxStatus.Pending, 1, "connection refused (1)", T.AddSeconds(60)), (m[flaky.Id].Status, m[flaky.Id].Attempts, m[flaky.Id].LastError, m[flaky.Id].NextAttemptAt));
        Assert.Equal((OutboxStatus.Pending, 1, "mailbox unavailable", T.AddSeconds(60)), (m[dead.Id].Status, m[dead.Id].Attempts, m[dead.Id].LastError, m[dead.Id].NextAttemptAt));

        // Nothing is due before the backoff is over.
        clock.Now = T.AddSeconds(59);
        Assert.Equal(0, await sender.ProcessDueAsync(campaignId));

        // Round 2 at T + 60 s: both fail again and now wait twice as long (120 s).
        clock.Now = T.AddSeconds(60);
        Assert.Equal(2, await sender.ProcessDueAsync(campaignId));
        m = await MessagesAsync();
        Assert.Equal((2, "connection refused (2)", T.AddSeconds(180)), (m[flaky.Id].Attempts, m[flaky.Id].LastError, m[flaky.Id].NextAttemptAt));
        Assert.Equal((2, T.AddSeconds(180)), (m[dead.Id].Attempts, m[dead.Id].NextAttemptAt));

        // Round 3 at T + 180 s: the flaky one goes through; the dead one has used its three attempts and is failed for good.
        clock.Now = T.AddSeconds(180);
        Assert.Equal(2, await sender.ProcessDueAsync(campaignId));
        m = await MessagesAsync();
        Assert.Equal((OutboxStatus.Sent, 3, (string?)null, (DateTime?)T.AddSeconds(180)), (m[flaky.Id].Status, m[flaky.Id].Attempts, m[flaky.Id].LastError, m[flaky.Id].SentAt));
        Assert.Equal((OutboxStatus.Failed, 3, "mailbox unavailable"), (m[dead.Id].Status, m[dead.Id].Attempts, m[dead.Id].LastError));
        clock.Now = T.AddDays(1);
        Assert.Equal(0, await sender.ProcessDueAsync(campaignId));

        var delivered = Assert.Single(channel.Delivered);
        Assert.Equal((flaky.Email, "Hi Flaky"), (delivered.To, delivered.Text));
        var members = await app.QueryAsync(db => db.CampaignMembers.AsNoTracking().Where(x => x.CampaignId == campaignId).ToDictionaryAsync(x => x.CustomerId));
        Assert.Equal((CampaignMemberStatus.Sent, (DateTime?)T.AddSeconds(180)), (members[flaky.Id].Status, members[flaky.Id].SentAt));
        Assert.Equal(CampaignMemberStatus.Failed, members[dead.Id].Status);
        Assert.Equal((CampaignMemberStatus.Suppressed, (SuppressionReason?)SuppressionReason.Erased), (members[erased.Id].Status, members[erased.Id].SuppressionReason));
        Assert.Equal((CampaignMemberStatus.Suppressed, (SuppressionReason?)SuppressionReason.ConsentWithdrawn), (members[withdrew.Id].Status, members[withdrew.Id].SuppressionReason));
    }
}
