using Rapport.Core.Domain;
using static Rapport.Core.Import.ImportFieldType;

namespace Rapport.Core.Import;

/// <summary>
/// The fields of each import kind with the column names they are recognised by. Custom column names are mapped
/// with <c>--map SOURCE=FIELD</c>; names here cover common exports (Online Retail, Shopify, HubSpot, Salesforce).
/// </summary>
public static class ImportFieldCatalog
{
    // Shared by every kind that refers to a customer: the customer's key in the source system.
    private static ImportField CustomerRef(bool required) =>
        new("customer", Text, "the customer's id in the source system (external id)",
            "customerid", "customer", "customerno", "customernumber", "customerexternalid", "clientid", "client", "custid", "contactid")
        { Required = required, MaxLength = 100 };

    private static readonly IReadOnlyDictionary<ImportKind, IReadOnlyList<ImportField>> Fields = new Dictionary<ImportKind, IReadOnlyList<ImportField>>
    {
        [ImportKind.Customers] =
        [
            new("external_id", Text, "the customer's id in the source system", "externalid", "customerid", "id", "customerno", "customernumber", "clientid", "client", "clientno", "contactid") { MaxLength = 100 },
            new("first_name", Text, "given name", "firstname", "givenname", "forename", "first") { MaxLength = 200 },
            new("last_name", Text, "family name", "lastname", "surname", "familyname", "last") { MaxLength = 200 },
            new("full_name", Text, "whole name, split at the last space when first/last are not given", "name", "fullname", "customername", "contactname") { MaxLength = 400 },
            new("email", Email, "e-mail address", "email", "emailaddress", "mail", "e-mail"),
            new("phone", Phone, "phone number", "phone", "phonenumber", "telephone", "tel", "mobile", "mobilephone", "cell"),
            new("street", Text, "street address", "street", "address", "address1", "addressline1", "streetaddress"),
            new("city", Text, "city", "city", "town") { MaxLength = 200 },
            new("region", Text, "state, province or region", "region", "state", "province", "county") { MaxLength = 200 },
            new("postal_code", Text, "postal or ZIP code", "postalcode", "postcode", "zip", "zipcode") { MaxLength = 20 },
            new("country", Text, "country (ISO code or English name)", "country", "countrycode", "countryname") { MaxLength = 100 },
            new("birth_date", Date, "date of birth", "birthdate", "dateofbirth", "dob", "birthday"),
            new("gender", Text, "gender as given", "gender", "sex") { MaxLength = 20 },
            new("language", Text, "preferred language (en, zh-CN, …)", "language", "preferredlanguage", "locale", "lang") { MaxLength = 16 },
            new("job_title", Text, "job title", "jobtitle", "title", "position", "role") { MaxLength = 200 },
            new("company", Text, "company external id or name", "company", "companyname", "account", "accountname", "organisation", "organization", "companyid") { MaxLength = 300 },
        ],
        [ImportKind.Companies] =
        [
            new("external_id", Text, "the company's id in the source system", "externalid", "companyid", "accountid", "id") { MaxLength = 100 },
            new("name", Text, "company name", "name", "companyname", "accountname", "organisation", "organization", "company") { Required = true, MaxLength = 300 },
            new("industry", Text, "industry", "industry", "sector") { MaxLength = 200 },
            new("website", Text, "web site", "website", "web", "url", "domain") { MaxLength = 300 },
            new("country", Text, "country (ISO code or English name)", "country", "countrycode") { MaxLength = 100 },
            new("city", Text, "city", "city", "town") { MaxLength = 200 },
            new("employee_count", Integer, "number of employees", "employees", "employeecount", "numberofemployees", "headcount"),
            new("annual_revenue", Number, "annual revenue", "annualrevenue", "revenue", "turnover"),
        ],
        [ImportKind.Products] =
        [
            new("sku", Text, "stock-keeping unit, unique", "sku", "stockcode", "productcode", "itemcode", "productid", "itemid", "articlenumber") { Required = true, MaxLength = 64 },
            new("name", Text, "product name", "name", "productname", "description", "itemname", "title", "product") { Required = true, MaxLength = 300 },
            new("category", Text, "category", "category", "productcategory", "type", "producttype") { MaxLength = 100 },
            new("subcategory", Text, "subcategory", "subcategory") { MaxLength = 100 },
            new("brand", Text, "brand", "brand", "vendor", "manufacturer") { MaxLength = 100 },
            new("price", Number, "list price", "price", "unitprice", "listprice") { Required = true },
            new("currency", Text, "ISO currency code", "currency", "currencycode") { MaxLength = 3 },
            new("description", Text, "longer description", "longdescription", "details", "body") { MaxLength = 4000 },
        ],
        [ImportKind.Orders] =
        [
            new("order_number", Text, "order or invoice number; credit notes start with C", "invoiceno", "invoice", "invoicenumber", "orderno", "ordernumber", "orderid", "order", "ordername") { Required = true, MaxLength = 64 },
            CustomerRef(required: true),
            new("ordered_at", Instant, "order date and time (UTC)", "invoicedate", "orderdate", "orderedat", "date", "purchasedate", "createdat", "timestamp") { Required = true },
            new("sku", Text, "product SKU; unknown SKUs create products", "stockcode", "sku", "productcode", "itemcode", "productid", "itemid", "lineitemsku") { Required = true, MaxLength = 64 },
            new("product_name", Text, "product name for products the file creates", "description", "productname", "itemname", "lineitemname", "product") { MaxLength = 300 },
            new("category", Text, "product category for products the file creates", "category", "productcategory") { MaxLength = 100 },
            new("quantity", Integer, "quantity; negative on credit notes", "quantity", "qty", "units", "lineitemquantity") { Required = true },
            new("unit_price", Number, "price of one unit", "unitprice", "price", "itemprice", "lineitemprice") { Required = true },
            new("discount", Number, "discount on the line", "discount", "linediscount", "discountamount"),
            new("currency", Text, "ISO currency code", "currency", "currencycode") { MaxLength = 3 },
            new("channel", Choice, "sales channel", "channel", "saleschannel", "source") { Choices = Enum.GetNames<SalesChannel>() },
            new("country", Text, "customer's country, for customers the file creates", "country", "billingcountry", "shippingcountry") { MaxLength = 100 },
        ],
        [ImportKind.Interactions] =
        [
            CustomerRef(required: true),
            new("kind", Choice, "call, email, meeting, note, chat or social", "kind", "type", "activitytype", "interactiontype", "channel") { Required = true, Choices = Enum.GetNames<InteractionKind>() },
            new("direction", Choice, "inbound, outbound or internal", "direction") { Choices = Enum.GetNames<InteractionDirection>() },
            new("occurred_at", Instant, "when it happened (UTC)", "occurredat", "date", "timestamp", "activitydate", "time", "datetime") { Required = true },
            new("duration_minutes", Integer, "length in minutes", "duration", "durationminutes", "minutes"),
            new("subject", Text, "subject", "subject", "title", "summary") { Required = true, MaxLength = 500 },
            new("body", Text, "notes or message text", "body", "notes", "note", "text", "description", "content") { MaxLength = 20000 },
        ],
        [ImportKind.Tickets] =
        [
            CustomerRef(required: false),
            new("subject", Text, "subject", "subject", "title", "summary") { Required = true, MaxLength = 500 },
            new("description", Text, "the customer's request", "description", "body", "text", "message", "content") { MaxLength = 20000 },
            new("status", Choice, "new, open, pending, resolved or closed", "status", "state") { Choices = Enum.GetNames<TicketStatus>() },
            new("priority", Choice, "low, normal, high or urgent", "priority", "severity") { Choices = Enum.GetNames<TicketPriority>() },
            new("channel", Choice, "email, web, phone, chat or api", "channel", "via", "source") { Choices = Enum.GetNames<TicketChannel>() },
            new("language", Text, "language of the text (en, zh-CN)", "language", "lang", "locale") { MaxLength = 16 },
            new("category", Text, "category", "category", "topic", "queue") { MaxLength = 100 },
            new("created_at", Instant, "when the ticket was opened (UTC)", "createdat", "created", "date", "opened", "openedat", "timestamp") { Required = true },
        ],
    };

    public static IReadOnlyList<ImportField> For(ImportKind kind) => Fields[kind];

    /// <summary>Prefix of custom fields among the import targets: <c>custom.KEY</c>.</summary>
    public const string CustomPrefix = "custom.";

    /// <summary>The record kind whose custom fields an import kind can fill (customers and companies), or null.</summary>
    public static CustomFieldEntity? CustomEntityOf(ImportKind kind) => kind switch
    {
        ImportKind.Customers => CustomFieldEntity.Customer,
        ImportKind.Companies => CustomFieldEntity.Company,
        _ => null,
    };

    /// <summary>
    /// Custom fields as import targets named <c>custom.KEY</c>, recognised by their key or label as a header. Values are
    /// read as text and checked by <see cref="CustomFields.CustomFieldRules"/> (its length limit, not the catalogue's).
    /// </summary>
    public static IReadOnlyList<ImportField> Custom(IEnumerable<CustomFieldDefinition> definitions) =>
        definitions.Select(d => new ImportField(CustomPrefix + d.Key, d.Type switch
            {
                CustomFieldType.Number => Number,
                CustomFieldType.Date => Date,
                CustomFieldType.Choice => Choice,
                _ => Text,
            }, $"custom field: {d.Label}", d.Key, d.Label)
            // Never required as a column (files from other systems would stop importing); a mapped required field rejects empty cells.
            { Required = false, MaxLength = CustomFields.CustomFieldRules.MaxTextLength, Choices = d.Options }).ToList();
}
