using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Core.Import;
using Rapport.Data.Import;

namespace Rapport.Data.Tests;

/// <summary>File imports (orders in the Online Retail layout, customers, interactions, tickets, .xlsx), idempotency and undo, on every provider.</summary>
public abstract class ImportSuite<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IDisposable where TDatabase : DatabaseFixture
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-import-").FullName;
    // Each test uses its own source, order numbers and SKUs, so tests sharing the database never meet.
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private string File(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, text.Replace("{t}", _tag));
        return path;
    }

    private async Task<ImportResult> ImportAsync(ImportKind kind, string path, Func<ImportRequest, ImportRequest>? adjust = null)
    {
        await using var scope = database.Scope();
        var request = new ImportRequest(kind, path) { Source = "shop-" + _tag };
        return await scope.ServiceProvider.GetRequiredService<ImportService>().ImportAsync(adjust?.Invoke(request) ?? request);
    }

    private async Task<T> WithDbAsync<T>(Func<RapportDb, Task<T>> query)
    {
        await using var scope = database.Scope();
        return await query(scope.ServiceProvider.GetRequiredService<RapportDb>());
    }

    private async Task<ImportUndo.Result> UndoAsync(long batch)
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<ImportUndo>().UndoAsync(batch);
    }

    private const string RetailHeader = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    private string RetailFile(string name = "retail.csv") => File(name, RetailHeader +
        "{t}365,{t}-85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850.0,United Kingdom\n" +
        "{t}365,{t}-71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850.0,United Kingdom\n" +
        "{t}366,{t}-22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,1.85,17850.0,United Kingdom\n" +
        "C{t}379,{t}-85123A,WHITE HANGING HEART T-LIGHT HOLDER,-2,12/9/2010 9:41,2.55,17850.0,United Kingdom\n" +
        "{t}370,{t}-22728,ALARM CLOCK BAKELIKE PINK,24,12/1/2010 8:45,3.75,12583,France\n" +
        "{t}370,{t}-22727,ALARM CLOCK BAKELIKE RED,24,12/1/2010 8:45,3.75,12583,France\n" +
        "{t}371,{t}-22728,ALARM CLOCK BAKELIKE PINK,12,12/1/2010 8:45,3.75,,France\n" +        // no customer
        "{t}372,{t}-22728,ALARM CLOCK BAKELIKE PINK,twelve,12/1/2010 8:45,3.75,12583,France\n" + // bad quantity
        "{t}373,{t}-B,Adjust bad debt,1,12/1/2010 8:45,-11062.06,12583,France\n" +             // negative price
        "{t}374,{t}-22728,ALARM CLOCK BAKELIKE PINK,1,2010-13-45 8:45,3.75,12583,France\n" +    // impossible date
        "{t}370,{t}-22729,ALARM CLOCK BAKELIKE ORANGE,1,12/1/2010 8:45,3.75,99999,France\n");   // order of another customer

    [Fact]
    public async Task An_online_retail_file_creates_customers_products_orders_and_lines_and_keeps_every_rejected_row()
    {
        var result = await ImportAsync(ImportKind.Orders, RetailFile());

        var s = result.Summary;
        Assert.NotNull(result.BatchId);
        Assert.Equal(11, s.RowsRead);
        Assert.Equal(6, s.RowsLoaded);
        Assert.Equal(5, s.RowsRejected);
        Assert.Equal(1, s.RejectedByReason["customer: required value is empty"]);
        Assert.Equal(1, s.RejectedByReason["quantity: not a whole number"]);
        Assert.Equal(1, s.RejectedByReason["unit_price: negative price (an adjustment, not a sale)"]);
        Assert.Contains(s.RejectedByReason.Keys, k => k.StartsWith("ordered_at: not a date", StringComparison.Ordinal));
        Assert.Contains(s.RejectedByReason.Keys, k => k.StartsWith("customer: order " + _tag + "370 belongs to customer 12583", StringComparison.Ordinal));
        Assert.Contains(s.Remarks, r => r.Contains("month/day", StringComparison.Ordinal));
        Assert.Equal(2, s.Created["customers"]);
        Assert.Equal(4, s.Created["orders"]);
        Assert.Equal(5, s.Created["products"]);

        var source = "shop-" + _tag;
        var orders = await WithDbAsync(db => db.Orders.Where(o => o.ImportBatchId == result.BatchId).OrderBy(o => o.OrderNumber).ToListAsync());
        Assert.Equal(new[] { _tag + "365", _tag + "366", _tag + "370", "C" + _tag + "379" }.Order(StringComparer.Ordinal), orders.Select(o => o.OrderNumber).Order(StringComparer.Ordinal));
        var first = orders.Single(o => o.OrderNumber == _tag + "365");
        Assert.Equal(6 * 2.55m + 6 * 3.39m, first.TotalAmount);
        Assert.Equal(new DateTime(2010, 12, 1, 8, 26, 0, DateTimeKind.Utc), first.OrderedAt);
        var credit = orders.Single(o => o.OrderNumber.StartsWith('C'));
        Assert.Equal(OrderStatus.Returned, credit.Status);
        Assert.Equal(-5.10m, credit.TotalAmount);
        var customer = await WithDbAsync(db => db.Customers.SingleAsync(c => c.Source == source && c.ExternalId == "17850"));
        Assert.Equal("GB", customer.Country);
        Assert.Equal(customer.Id, first.CustomerId);
        var lines = await WithDbAsync(db => db.OrderLines.Where(l => l.OrderId == first.Id).OrderBy(l => l.LineNumber).ToListAsync());
        Assert.Equal([6, 6], lines.Select(l => l.Quantity));
        Assert.All(lines, l => Assert.Equal(customer.Id, l.CustomerId));
        Assert.Equal("WHITE HANGING HEART T-LIGHT HOLDER", await WithDbAsync(db => db.Products.Where(p => p.Sku == _tag + "-85123A").Select(p => p.Name).SingleAsync()));

        // The rejected rows are kept with the batch, row number, field and reason, and export safely.
        var writer = new StringWriter();
        await using (var scope = database.Scope())
            Assert.Equal(5, await scope.ServiceProvider.GetRequiredService<ImportBatches>().WriteRejectsAsync(result.BatchId!.Value, writer));
        var rejects = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("row,field,reason,raw", rejects[0]);
        Assert.StartsWith("8,customer,required value is empty,", rejects[1], StringComparison.Ordinal);
        Assert.StartsWith("9,quantity,", rejects[2], StringComparison.Ordinal);
        var batch = await WithDbAsync(db => db.ImportBatches.SingleAsync(b => b.Id == result.BatchId));
        Assert.Equal((ImportStatus.Completed, 11L, 6L, 5L), (batch.Status, batch.RowsRead, batch.RowsLoaded, batch.RowsRejected));
    }

    [Fact]
    public async Task The_same_file_twice_imports_once_and_an_overlapping_file_adds_only_new_orders()
    {
        var path = RetailFile();
        var first = await ImportAsync(ImportKind.Orders, path);
        var again = await ImportAsync(ImportKind.Orders, path);
        Assert.Equal(first.BatchId, again.AlreadyImportedAs);
        Assert.Null(again.BatchId);

        var overlap = File("overlap.csv", RetailHeader +
            "{t}365,{t}-85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom\n" +
            "{t}400,{t}-85123A,WHITE HANGING HEART T-LIGHT HOLDER,3,12/2/2010 10:00,2.55,17850,United Kingdom\n");
        var second = await ImportAsync(ImportKind.Orders, overlap);
        Assert.Equal(1, second.Summary.RowsAlreadyPresent);
        Assert.Equal(1, second.Summary.RowsLoaded);
        Assert.False(second.Summary.Created.ContainsKey("customers")); // 17850 is the customer of the first file
        Assert.Equal(1, await WithDbAsync(db => db.Orders.CountAsync(o => o.OrderNumber == _tag + "365")));
        var source = "shop-" + _tag;
        Assert.Equal(1, await WithDbAsync(db => db.Customers.CountAsync(c => c.Source == source && c.ExternalId == "17850")));
    }

    [Fact]
    public async Task Undo_takes_a_batch_out_and_refuses_while_a_later_batch_depends_on_it()
    {
        var first = await ImportAsync(ImportKind.Orders, RetailFile());
        var later = await ImportAsync(ImportKind.Orders, File("later.csv", RetailHeader +
            "{t}500,{t}-22633,HAND WARMER UNION JACK,2,2010-12-05 12:00,1.85,17850,United Kingdom\n"));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => UndoAsync(first.BatchId!.Value));
        Assert.Contains($"import batch {later.BatchId}", refused.Message, StringComparison.Ordinal);

        var undoLater = await UndoAsync(later.BatchId!.Value);
        Assert.Equal(1, undoLater.Deleted["orders"]);
        var undoFirst = await UndoAsync(first.BatchId!.Value);
        Assert.Equal(6, undoFirst.Deleted["order lines"]);
        Assert.Equal(2, undoFirst.Deleted["customers"]);
        var source = "shop-" + _tag;
        Assert.Equal(0, await WithDbAsync(db => db.Customers.CountAsync(c => c.Source == source)));
        Assert.Equal(0, await WithDbAsync(db => db.Products.CountAsync(p => p.Sku.StartsWith(_tag))));
        Assert.Equal(ImportStatus.Undone, await WithDbAsync(db => db.ImportBatches.Where(b => b.Id == first.BatchId).Select(b => b.Status).SingleAsync()));
        await Assert.ThrowsAsync<InvalidOperationException>(() => UndoAsync(first.BatchId!.Value));

        // Undone, the same file can come in again.
        var reimport = await ImportAsync(ImportKind.Orders, RetailFile("retail-again.csv"));
        Assert.Equal(6, reimport.Summary.RowsLoaded);
    }

    [Fact]
    public async Task Customers_come_with_contact_points_and_companies_and_hostile_text_is_kept_as_data()
    {
        var path = File("customers.csv",
            "Customer ID;Name;E-mail;Phone;Street;City;Zip;Country;Company;Date of birth\n" +
            "{t}-1;Ada Lovelace; Ada@Example.com ;+44 20 7946 0958;12 St James's Square;London;SW1Y 4JH;United Kingdom;Analytical Engines Ltd;1985-12-10\n" +
            "{t}-2;卢绍齐;lu@example.cn;;;;;CN;;\n" +
            "{t}-3;\"<script>alert(1)</script>'; DROP TABLE customers;--\";x@example.com;;;;;;Analytical Engines Ltd;\n" +
            "{t}-1;Ada Again;ada2@example.com;;;;;;;\n" +           // same id as row 2
            "{t}-5;Bad Mail;not-an-email;;;;;;;\n" +
            "{t}-6;Future Child;f@example.com;;;;;;;2999-01-01\n" +
            "{t}-7;Nobody;n@example.com;12ab;;;;;;\n" +
            "{t}-8;" + new string('x', 401) + ";;;;;;;;\n");
        var result = await ImportAsync(ImportKind.Customers, path);

        Assert.Equal(3, result.Summary.RowsLoaded);
        Assert.Equal(5, result.Summary.RowsRejected);
        Assert.Equal(1, result.Summary.RejectedByReason["external_id: same customer as row 2"]);
        Assert.Equal(1, result.Summary.RejectedByReason["email: not an e-mail address"]);
        Assert.Equal(1, result.Summary.RejectedByReason["birth_date: not a plausible date of birth"]);
        Assert.Equal(1, result.Summary.RejectedByReason["phone: not a phone number (6 to 15 digits)"]);
        Assert.Equal(1, result.Summary.RejectedByReason["full_name: longer than 400 characters"]);

        var source = "shop-" + _tag;
        var customers = await WithDbAsync(db => db.Customers.Include(c => c.ContactPoints).Include(c => c.Company)
            .Where(c => c.Source == source).OrderBy(c => c.ExternalId).ToListAsync());
        Assert.Equal(3, customers.Count);
        var ada = customers[0];
        Assert.Equal(("Ada", "Lovelace", "GB", new DateOnly(1985, 12, 10)), (ada.FirstName, ada.LastName, ada.Country, ada.BirthDate!.Value));
        // NormalizedValue is stored as a blind index (keyed hash): the normalised forms find Ada's points.
        Assert.Equal(ada.Id, await WithDbAsync(db => db.ContactPoints.Where(p => p.Kind == ContactKind.Email && p.NormalizedValue == "ada@example.com").Select(p => p.CustomerId).SingleAsync()));
        Assert.Equal(ada.Id, await WithDbAsync(db => db.ContactPoints.Where(p => p.Kind == ContactKind.Phone && p.NormalizedValue == "442079460958").Select(p => p.CustomerId).SingleAsync()));
        Assert.Equal("SW1Y 4JH", ada.ContactPoints.Single(p => p.Kind == ContactKind.Address).PostalCode);
        Assert.Equal(("绍齐", "卢"), (customers[1].FirstName, customers[1].LastName));
        Assert.Equal("<script>alert(1)</script>'; DROP TABLE customers;--", customers[2].DisplayName);
        Assert.Equal(ada.CompanyId, customers[2].CompanyId); // one company, found again by name
        Assert.Equal("Analytical Engines Ltd", ada.Company!.Name);

        // A second file with the same people: nobody doubled.
        var again = await ImportAsync(ImportKind.Customers, File("customers-again.csv", "external_id,first_name,last_name\n{t}-1,Ada,Lovelace\n{t}-9,Charles,Babbage\n"));
        Assert.Equal((1L, 1L), (again.Summary.RowsAlreadyPresent, again.Summary.RowsLoaded));
    }

    [Fact]
    public async Task A_customer_arriving_from_a_second_source_is_merged_into_the_known_one()
    {
        await ImportAsync(ImportKind.Customers, File("shop.csv", "external_id,first_name,last_name,email,phone,country\n{t}-7,Katherine,Johnson,kj.{t}@example.com,+1 202 555 0143,US\n"));
        var store = await ImportAsync(ImportKind.Customers, File("store.csv", "Client,Name,E-mail,Phone,Country\nS{t},KATHERINE JOHNSON, KJ.{t}@Example.com ,(202) 555-0143,USA\n"),
            r => r with { Source = "store-" + _tag });

        Assert.NotNull(store.Unification);
        Assert.Equal(1, store.Unification!.AutoMerged);
        var merged = await WithDbAsync(db => db.Customers.SingleAsync(c => c.ExternalId == "S" + _tag));
        var survivor = await WithDbAsync(db => db.Customers.SingleAsync(c => c.ExternalId == _tag + "-7"));
        Assert.Equal((RecordStatus.Merged, survivor.Id), (merged.Status, merged.MergedIntoId!.Value));

        // The store's batch cannot be undone while its customer is merged away; the merge is undone first.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => UndoAsync(store.BatchId!.Value));
        Assert.Contains("merged", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactions_and_tickets_attach_to_known_customers_only()
    {
        await ImportAsync(ImportKind.Customers, File("c.csv", "external_id,first_name,last_name,email\n{t}-1,Grace,Hopper,grace@example.com\n"));
        var interactions = await ImportAsync(ImportKind.Interactions, File("i.csv",
            "customer,type,date,subject,notes,duration\n" +
            "{t}-1,call,2026-03-01T10:00:00Z,Renewal,Wants a quote,15\n" +
            "{t}-1,fax,2026-03-02T10:00:00Z,Old school,,\n" +
            "{t}-404,email,2026-03-03T10:00:00Z,Who?,,\n"));
        Assert.Equal(1, interactions.Summary.RowsLoaded);
        Assert.Equal(1, interactions.Summary.RejectedByReason["kind: not one of call, email, meeting, note, chat, social"]);
        Assert.Contains(interactions.Summary.RejectedByReason.Keys, k => k.StartsWith("customer: no customer " + _tag + "-404", StringComparison.Ordinal));

        var tickets = await ImportAsync(ImportKind.Tickets, File("t.csv",
            "customer,subject,description,priority,created\n" +
            "{t}-1,Kettle leaks,It leaks since Monday,high,2026-03-04 09:00\n" +
            ",Anonymous question,Do you ship to Iceland?,,2026-03-05 09:00\n" +
            "{t}-1,Kettle leaks,It leaks since Monday,high,2026-03-04 09:00\n"));
        Assert.Equal(2, tickets.Summary.RowsLoaded);
        Assert.Equal(1, tickets.Summary.RowsAlreadyPresent);
        var source = "shop-" + _tag;
        var ticket = await WithDbAsync(db => db.Tickets.SingleAsync(t => t.Subject == "Kettle leaks" && db.Customers.Any(c => c.Id == t.CustomerId && c.Source == source)));
        Assert.Equal((TicketPriority.High, TicketStatus.New), (ticket.Priority, ticket.Status));
    }

    [Fact]
    public async Task An_xlsx_workbook_imports_like_a_csv_and_a_dry_run_writes_nothing()
    {
        var path = Path.Combine(_folder, "products.xlsx");
        MiniExcelLibs.MiniExcel.SaveAs(path, new[]
        {
            new Dictionary<string, object?> { ["SKU"] = _tag + "-X1", ["Product name"] = "Teapot", ["Category"] = "Kitchen", ["Price"] = 24.5 },
            new Dictionary<string, object?> { ["SKU"] = _tag + "-X2", ["Product name"] = "Cup", ["Category"] = "Kitchen", ["Price"] = "cheap" },
        });
        var dry = await ImportAsync(ImportKind.Products, path, r => r with { DryRun = true });
        Assert.Equal((1L, 1L), (dry.Summary.RowsLoaded, dry.Summary.RowsRejected));
        Assert.Null(dry.BatchId);
        Assert.Equal(0, await WithDbAsync(db => db.Products.CountAsync(p => p.Sku.StartsWith(_tag))));

        var real = await ImportAsync(ImportKind.Products, path);
        Assert.Equal("Excel (.xlsx)", real.Format);
        var teapot = await WithDbAsync(db => db.Products.SingleAsync(p => p.Sku == _tag + "-X1"));
        Assert.Equal(("Teapot", "Kitchen", 24.5m), (teapot.Name, teapot.Category, teapot.Price));
        Assert.Equal(1, real.Summary.RejectedByReason["price: not a number"]);
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_refused_before_anything_is_written()
    {
        var path = File("no-sku.csv", "InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n{t}1,1,2026-01-01,1.00,1\n");
        var error = await Assert.ThrowsAsync<ImportMappingException>(() => ImportAsync(ImportKind.Orders, path));
        Assert.Contains("no column for sku", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await WithDbAsync(db => db.ImportBatches.CountAsync(b => b.FileName == "no-sku.csv")));

        var mapped = File("mapped.csv", "Bon,Artikel,Menge,Datum,Preis,Kunde\n{t}1,{t}-A,1,2026-01-01,1.00,1\n");
        var result = await ImportAsync(ImportKind.Orders, mapped, r => r with
        {
            Map = new Dictionary<string, string> { ["Bon"] = "order_number", ["Artikel"] = "sku", ["Menge"] = "quantity", ["Datum"] = "ordered_at", ["Preis"] = "unit_price", ["Kunde"] = "customer" },
        });
        Assert.Equal(1, result.Summary.RowsLoaded);
    }
}

public sealed class SqliteImportTests(SqliteDatabase database) : ImportSuite<SqliteDatabase>(database);

public sealed class PostgresImportTests(PostgresDatabase database) : ImportSuite<PostgresDatabase>(database);
