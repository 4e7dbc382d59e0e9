using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Core.Domain;
using Rapport.Web.Account;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests;

/// <summary>Optional TOTP two-step sign-in, through the real pages in Chromium, with codes computed as an authenticator app does (RFC 6238).</summary>
[Collection(RapportAppCollection.Name)]
public sealed class TwoFactorTests(RapportAppFixture app)
{
    private const string Password = "Tw0-Steps!Secure";

    [Fact]
    public async Task A_user_turns_on_an_authenticator_and_then_needs_its_code_to_sign_in()
    {
        const string userName = "totp-user";
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = new User { UserName = userName, DisplayName = "TOTP", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.ReadOnly)).Succeeded);
        }

        var page = await (await app.BrowserAsync()).NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login");
        await SignInAsync(page, userName, Password);
        await Expect(page).ToHaveURLAsync(new Regex("/$"));

        // Turn it on: the key is shown, a wrong code is refused, the app's current code is accepted.
        await page.GotoAsync("/account/two-factor");
        var key = (await page.GetByTestId("authenticator-key").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-7]{16,}$", key);
        await Expect(page.GetByTestId("authenticator-uri")).ToContainTextAsync($"otpauth://totp/Rapport%3A{userName}?secret={key}");
        await page.GetByTestId("two-factor-code").FillAsync("000000" == Code(key) ? "111111" : "000000");
        await page.GetByTestId("two-factor-submit").ClickAsync();
        await Expect(page.GetByTestId("two-factor-error")).ToBeVisibleAsync();
        await page.GetByTestId("two-factor-code").FillAsync(Code(key));
        await page.GetByTestId("two-factor-submit").ClickAsync();
        await Expect(page.GetByTestId("two-factor-enabled")).ToBeVisibleAsync();
        // Ten recovery codes, shown once and stored only as hashes.
        var recoveryCodes = (await page.GetByTestId("recovery-codes").Locator("li").AllInnerTextsAsync()).Select(c => c.Trim()).ToList();
        Assert.Equal(10, recoveryCodes.Distinct().Count());
        Assert.All(recoveryCodes, c => Assert.Matches("^[A-Z0-9]{5}-[A-Z0-9]{5}$", c));
        var stored = await app.QueryAsync(db => db.UserTokens.Where(t => t.Name == "RecoveryCodes" && db.Users.Any(u => u.Id == t.UserId && u.UserName == userName))
            .Select(t => t.Value!).SingleAsync());
        Assert.DoesNotContain(recoveryCodes[0], stored, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(RecoveryCodeHashingUserStore.Hash(recoveryCodes[0]), stored, StringComparison.Ordinal);
        // The authenticator key is kept encrypted, not as the Base32 text an authenticator app is given.
        var storedKey = await app.QueryAsync(db => db.UserTokens.Where(t => t.Name == RecoveryCodeHashingUserStore.AuthenticatorKeyToken
                && db.Users.Any(u => u.Id == t.UserId && u.UserName == userName)).Select(t => t.Value!).SingleAsync());
        Assert.DoesNotContain(key, storedKey, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(RecoveryCodeHashingUserStore.ProtectedPrefix, storedKey, StringComparison.Ordinal);

        // Sign out, then in again: the password alone is not enough.
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("/account/login");
        await SignInAsync(page, userName, Password);
        await Expect(page).ToHaveURLAsync(new Regex("/account/login-2fa"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));

        await page.GotoAsync("/account/login");
        await SignInAsync(page, userName, Password);
        await Expect(page).ToHaveURLAsync(new Regex("/account/login-2fa"));
        await page.GetByTestId("login-2fa-code").FillAsync(Code(key) == "123456" ? "654321" : "123456");
        await page.GetByTestId("login-2fa-submit").ClickAsync();
        await Expect(page.GetByTestId("login-2fa-error")).ToBeVisibleAsync();
        await page.GetByTestId("login-2fa-code").FillAsync(Code(key));
        await page.GetByTestId("login-2fa-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(page.GetByTestId("nav-dashboard")).ToBeVisibleAsync();

        // Phone lost: a recovery code signs in once, however it is typed; the second time it is refused.
        var typed = recoveryCodes[0].Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await page.Context.ClearCookiesAsync();
            await page.GotoAsync("/account/login");
            await SignInAsync(page, userName, Password);
            await Expect(page).ToHaveURLAsync(new Regex("/account/login-2fa"));
            await page.GetByTestId("login-2fa-code").FillAsync(typed);
            await page.GetByTestId("login-2fa-submit").ClickAsync();
            if (attempt == 0) await Expect(page.GetByTestId("nav-dashboard")).ToBeVisibleAsync();
            else await Expect(page.GetByTestId("login-2fa-error")).ToBeVisibleAsync();
        }
        await page.GetByTestId("login-2fa-code").FillAsync(recoveryCodes[1]);
        await page.GetByTestId("login-2fa-submit").ClickAsync();
        await Expect(page.GetByTestId("nav-dashboard")).ToBeVisibleAsync();
        await page.GotoAsync("/account/two-factor");
        await Expect(page.GetByTestId("recovery-codes-left")).ToContainTextAsync("8");

        // New codes replace the old ones.
        await page.GetByTestId("recovery-codes-new").ClickAsync();
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await Expect(page.GetByTestId("recovery-codes-left")).ToContainTextAsync("10");
        Assert.DoesNotContain(recoveryCodes[2], await page.GetByTestId("recovery-codes").InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GetByTestId("login-username").FillAsync(userName);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
    }

    /// <summary>RFC 6238: HMAC-SHA1 over the 30-second step count, dynamic truncation, 6 digits.</summary>
    private static string Code(string base32Key)
    {
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
        var hash = HMACSHA1.HashData(Base32(base32Key), counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8) { bytes.Add((byte)(buffer >> (bits - 8))); bits -= 8; }
        }
        return [.. bytes];
    }
}
