using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests;

internal static class PageNavigation
{
    /// <summary>
    /// Follows a navigation link (by test id) as a user does, once the page's circuit is up: a click before that can be
    /// swallowed on a loaded machine, and the journey would wait on a page that never comes. Waits for the link's address.
    /// </summary>
    public static async Task FollowNavAsync(this IPage page, string testId)
    {
        await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        var link = page.GetByTestId(testId);
        var href = (await link.GetAttributeAsync("href") ?? "").TrimStart('/');
        await link.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/" + Regex.Escape(href) + "([?#].*)?$"), new() { Timeout = 30_000 });
    }
}
