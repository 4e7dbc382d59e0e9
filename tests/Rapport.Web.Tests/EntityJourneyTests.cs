using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Core.Domain;
using Rapport.Web.Account;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests;

/// <summary>The company and product screens in headless Chromium: edit a company and see the change; follow a product's "bought together" list.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class EntityJourneyTests(RapportAppFixture app)
{
    private const string Password = "Entity-Journey-Password-42!";

    /// <param name="ownsCustomers">Customers handed to the new user (a Sales user sees only what they own).</param>
    /// <param name="ownsCompanies">Companies handed to the new user.</param>
    private async Task<IPage> SignedInAsync(string role, long[]? ownsCustomers = null, long[]? ownsCompanies = null)
    {
        // A background insights refresh started by another test would replace the stored rules and starve the circuit: wait for it.
        await app.App.Services.GetRequiredService<Rapport.Web.Features.Insights.InsightsRunner>().WhenIdleAsync();
        var name = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var user = await UserAccounts.CreateAsync(scope.ServiceProvider, name, Password, role);
            var db = scope.ServiceProvider.GetRequiredService<Rapport.Data.RapportDb>();
            long[] customers = ownsCustomers ?? [], companies = ownsCompanies ?? [];
            await db.Customers.Where(c => customers.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.OwnerId, user.Id));
            await db.Companies.Where(c => companies.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.OwnerId, user.Id));
        }
        var page = await (await app.BrowserAsync()).NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login");
        await page.GetByTestId("login-username").FillAsync(name);
        await page.GetByTestId("login-password").FillAsync(Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("nav-dashboard")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // The machine is shared: give this journey's pages time to load and connect their circuit.
        page.Context.SetDefaultTimeout(45_000);
        return page;
    }

    [Fact]
    public async Task A_manager_edits_a_company_and_follows_a_product_bought_together_rule()
    {
        var company = await app.QueryAsync(db => db.Companies.Where(c => db.Customers.Any(x => x.CompanyId == c.Id)).OrderBy(c => c.Id).FirstAsync());
        var page = await SignedInAsync(Roles.Manager);
        try
        {
            await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync(new() { Timeout = 30_000 });
            await page.FollowNavAsync("nav-companies");
            await Expect(page).ToHaveURLAsync(new Regex("/companies$"), new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("company-link").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.GetByTestId("company-search").FillAsync(company.Name);
            await Expect(page.GetByTestId("company-link").First).ToHaveTextAsync(company.Name, new() { Timeout = 30_000 });
            await page.GetByTestId("company-link").First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/companies/{company.Id}$"), new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("company-name")).ToHaveTextAsync(company.Name, new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("company-contact").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

            var industry = $"Journey industry {Guid.NewGuid():N}"[..26];
            await page.GetByTestId("company-edit").ClickAsync();
            await page.GetByTestId("company-form-industry").FillAsync(industry);
            await page.GetByTestId("company-form-save").ClickAsync();
            await Expect(page.GetByTestId("company-industry")).ToHaveTextAsync(industry, new() { Timeout = 30_000 });
            await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("company"), FullPage = true });
            Assert.Equal(industry, await app.QueryAsync(db => db.Companies.Where(c => c.Id == company.Id).Select(c => c.Industry).SingleAsync()));
            var key = company.Id.ToString(CultureInfo.InvariantCulture);
            Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Company) && a.EntityId == key && a.Action == AuditAction.Update)));

            // Two ordered products and a stored rule between them, as the insights job writes it.
            var products = await app.QueryAsync(db => db.Products.Where(p => db.OrderLines.Any(l => l.ProductId == p.Id)).OrderBy(p => p.Id).Take(2).ToListAsync());
            var (from, to) = (products[0], products[1]);
            await app.QueryAsync(async db =>
            {
                db.ProductAssociations.RemoveRange(db.ProductAssociations.Where(a => a.AntecedentKey == from.Id.ToString(CultureInfo.InvariantCulture)));
                db.ProductAssociations.Add(new ProductAssociation
                {
                    AntecedentKey = from.Id.ToString(CultureInfo.InvariantCulture), AntecedentProductIds = [from.Id], ConsequentProductId = to.Id,
                    Support = 0.02, Confidence = 0.45, Lift = 2.75, Orders = 9, ModelVersion = "journey", ComputedAt = DateTime.UtcNow,
                });
                return await db.SaveChangesAsync();
            });

            await page.FollowNavAsync("nav-products");
            await Expect(page).ToHaveURLAsync(new Regex("/products$"), new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("product-link").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.GetByTestId("product-search").FillAsync(from.Sku);
            await Expect(page.GetByTestId("product-link").First).ToHaveTextAsync(from.Name, new() { Timeout = 30_000 });
            await page.GetByTestId("product-link").First.ClickAsync();
            await Expect(page.GetByTestId("product-name")).ToHaveTextAsync(from.Name, new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("bought-together")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("bought-together")).ToContainTextAsync("45", new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("bought-together")).ToContainTextAsync("2.75", new() { Timeout = 30_000 });
            await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("product"), FullPage = true });
            await page.GetByTestId("bought-together-link").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/products/{to.Id}$"), new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("product-name")).ToHaveTextAsync(to.Name, new() { Timeout = 30_000 });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Sales_edits_a_customer_profile_and_opens_a_deal_from_the_360()
    {
        var customer = await app.QueryAsync(db => db.Customers.Where(c => c.Status == RecordStatus.Active && c.MergedIntoId == null && c.CompanyId == null)
            .OrderBy(c => c.Id).FirstAsync());
        var company = await app.QueryAsync(db => db.Companies.OrderBy(c => c.Id).Skip(1).FirstAsync());
        var page = await SignedInAsync(Roles.Sales, ownsCustomers: [customer.Id], ownsCompanies: [company.Id]);
        try
        {
            await page.GotoAsync($"/customers/{customer.Id}");
            await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(customer.DisplayName, new() { Timeout = 30_000 });

            var job = $"Buyer {Guid.NewGuid():N}"[..14];
            await page.GetByTestId("customer-edit").ClickAsync();
            await Expect(page.GetByTestId("customer-form-last")).ToHaveValueAsync(customer.LastName, new() { Timeout = 30_000 });
            await page.GetByTestId("customer-form-job").FillAsync(job);
            await page.GetByTestId("customer-form-company").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = company.Name, Exact = true }).ClickAsync();
            await page.GetByTestId("customer-form-save").ClickAsync();
            await Expect(page.GetByTestId("customer-job")).ToContainTextAsync(job, new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("customer-company")).ToHaveTextAsync(company.Name, new() { Timeout = 30_000 });
            var saved = await app.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == customer.Id));
            Assert.Equal((job, company.Id, customer.LastName), (saved.JobTitle, saved.CompanyId!.Value, saved.LastName));

            var title = $"Deal {Guid.NewGuid():N}"[..13];
            await page.GetByTestId("customer-create-deal").ClickAsync();
            await page.GetByTestId("deal-title").FillAsync(title);
            await page.GetByTestId("deal-amount").FillAsync("1250");
            await page.GetByTestId("deal-create").ClickAsync();
            await Expect(page.GetByTestId("deal-dialog")).ToBeHiddenAsync(new() { Timeout = 30_000 });
            await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("customer-edit"), FullPage = true });
            var deal = await app.QueryAsync(db => db.Deals.AsNoTracking().Include(d => d.Stage).SingleAsync(d => d.Title == title));
            var firstStage = await app.QueryAsync(db => db.PipelineStages.Where(s => s.PipelineId == deal.PipelineId && !s.IsWon && !s.IsLost).OrderBy(s => s.Position).FirstAsync());
            Assert.Equal((customer.Id, company.Id, 1250m, DealStatus.Open, firstStage.Id), (deal.CustomerId!.Value, deal.CompanyId!.Value, deal.Amount, deal.Status, deal.StageId));
            Assert.True(await app.QueryAsync(db => db.Pipelines.AnyAsync(p => p.Id == deal.PipelineId && p.IsDefault)));

            // The company's page now lists the new contact and the deal.
            await page.GetByTestId("customer-company").ClickAsync();
            await Expect(page.GetByTestId("company-deal").Filter(new() { HasText = title })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("company-contact").Filter(new() { HasText = customer.LastName })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
