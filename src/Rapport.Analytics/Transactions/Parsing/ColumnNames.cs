using System.Text;

namespace Rapport.Analytics.Transactions.Parsing;

/// <summary>Common column names per role, compared after <see cref="Normalize"/> (case, blanks, '_', '-', '.', '#' ignored).</summary>
internal static class ColumnNames
{
    public const string Customer = "customer", Date = "date", Amount = "amount", Quantity = "quantity", Price = "price",
        Invoice = "invoice", Item = "item";

    /// <summary>Roles in the order they are resolved; earlier synonyms win.</summary>
    public static readonly (string Role, string[] Names)[] Synonyms =
    [
        (Customer, ["customerid", "customer", "custid", "customerno", "customernumber", "customercode", "customerkey",
            "clientid", "client", "clientno", "userid", "user", "buyerid", "buyer", "memberid", "member", "accountid",
            "account", "shopperid", "客户", "客户id", "客户编号", "客户号", "会员id", "用户id"]),
        (Date, ["invoicedate", "date", "orderdate", "transactiondate", "purchasedate", "txndate", "saledate", "salesdate",
            "datetime", "timestamp", "day", "日期", "订单日期", "交易日期", "购买日期"]),
        (Invoice, ["invoiceno", "invoice", "invoiceid", "invoicenumber", "orderid", "order", "orderno", "ordernumber",
            "transactionid", "txnid", "transaction", "receiptid", "receipt", "receiptno", "basketid", "basket", "billno",
            "订单号", "订单编号", "订单id", "发票号"]),
        (Item, ["stockcode", "sku", "productid", "product", "productcode", "itemid", "item", "itemcode", "article",
            "articleid", "商品", "商品编号", "商品id", "产品", "产品编号"]),
        (Quantity, ["quantity", "qty", "numberofcds", "units", "count", "quantityordered", "qtyordered",
            "numberofitems", "数量"]),
        (Price, ["unitprice", "price", "priceeach", "itemprice", "unitcost", "salesprice", "单价", "价格"]),
        (Amount, ["amount", "dollarvalue", "revenue", "total", "sales", "totalamount", "lineamount", "linetotal",
            "totalprice", "value", "spend", "monetary", "netamount", "sale", "金额", "总额", "销售额"]),
    ];

    public static string Normalize(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char c in name.Trim())
        {
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    public static bool IsKnownName(string name)
    {
        var n = Normalize(name);
        return Synonyms.Any(s => s.Names.Contains(n));
    }
}
