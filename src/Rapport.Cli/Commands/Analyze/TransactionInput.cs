using System.CommandLine;
using Rapport.Analytics.Transactions;

namespace Rapport.Cli.Commands.Analyze;

/// <summary>The transaction-file flags every `analyze` verb shares, mapped 1:1 onto <see cref="TransactionFileOptions"/>.</summary>
internal sealed class TransactionInput
{
    private readonly Option<FileInfo> _file;
    private readonly Option<bool> _noHeader = new("--no-header") { Description = "The file has no header row." };
    private readonly Option<string?> _columnNames = new("--column-names") { Description = "Column names for a file without header, comma-separated (e.g. id,sample,date,cds,amount)." };
    private readonly Option<string?> _delimiter = new("--delimiter") { Description = "Field delimiter: ',', ';', 'tab', 'space'/'whitespace', or one character (default: detected)." };
    private readonly Option<string?> _encoding = new("--encoding") { Description = "utf-8, latin1 or auto (default: auto, Latin-1 when the bytes are not UTF-8)." };
    private readonly Option<string?> _customer = new("--customer") { Description = "Customer column (default: detected, e.g. CustomerID)." };
    private readonly Option<string?> _date = new("--date") { Description = "Date column (default: detected, e.g. InvoiceDate)." };
    private readonly Option<string?> _amount = new("--amount") { Description = "Amount column (net value of the line)." };
    private readonly Option<string?> _quantity = new("--quantity") { Description = "Quantity column (with --price instead of --amount)." };
    private readonly Option<string?> _price = new("--price") { Description = "Unit price column." };
    private readonly Option<string?> _invoice = new("--invoice") { Description = "Order/invoice column (optional; frequency then counts orders)." };
    private readonly Option<string?> _item = new("--item") { Description = "Item/product column (optional)." };
    private readonly Option<string?> _dateFormat = new("--date-format") { Description = "Date format when not ISO 8601, e.g. yyyyMMdd or dd/MM/yyyy HH:mm." };
    private readonly Option<string?> _cancellationPrefix = new("--cancellation-prefix") { Description = "Invoices starting with this are cancellations (default C; '' to turn off)." };
    private readonly Option<bool> _dropReturns = new("--drop-returns") { Description = "Reject return lines (negative amounts) instead of keeping them as negative spend." };
    private readonly Option<bool> _keepZero = new("--keep-zero-amounts") { Description = "Keep lines whose amount is zero as purchases (default: rejected as zero price)." };
    private readonly Option<FileInfo?> _rejects = new("--rejects") { Description = "Write every rejected row (row, reason, field, raw line) to this CSV file." };

    /// <param name="required">False for verbs that accept another input instead (rules: --baskets).</param>
    public TransactionInput(bool required = true) =>
        _file = new("--transactions") { Description = "Transaction file (CSV, TSV or whitespace-separated; UTF-8 or Latin-1).", Required = required };

    /// <summary>Whether --transactions was given.</summary>
    public bool IsGiven(ParseResult parse) => parse.GetValue(_file) is not null;

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _file, _noHeader, _columnNames, _delimiter, _encoding, _customer, _date, _amount, _quantity, _price, _invoice, _item, _dateFormat, _cancellationPrefix, _dropReturns, _keepZero, _rejects })
            command.Options.Add(option);
    }

    public TransactionFileOptions ToOptions(ParseResult parse)
    {
        var file = parse.GetValue(_file)!;
        if (!file.Exists) throw new CliInputException($"{file.FullName}: file not found (--transactions).");
        var names = parse.GetValue(_columnNames);
        try
        {
            return new TransactionFileOptions
            {
                Path = file.FullName,
                HasHeader = !parse.GetValue(_noHeader),
                ColumnNames = names?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                Delimiter = parse.GetValue(_delimiter) is { } d ? TransactionFileOptions.ParseDelimiter(d) : null,
                Encoding = parse.GetValue(_encoding) is { } e ? TransactionFileOptions.ParseEncoding(e) : TextEncodingChoice.Auto,
                CustomerColumn = parse.GetValue(_customer),
                DateColumn = parse.GetValue(_date),
                AmountColumn = parse.GetValue(_amount),
                QuantityColumn = parse.GetValue(_quantity),
                PriceColumn = parse.GetValue(_price),
                InvoiceColumn = parse.GetValue(_invoice),
                ItemColumn = parse.GetValue(_item),
                DateFormat = parse.GetValue(_dateFormat),
                CancellationPrefix = parse.GetValue(_cancellationPrefix) is { } p ? (p.Length == 0 ? null : p) : "C",
                KeepReturns = !parse.GetValue(_dropReturns),
                KeepZeroAmounts = parse.GetValue(_keepZero),
                RejectsPath = parse.GetValue(_rejects)?.FullName,
            };
        }
        catch (ArgumentException ex)
        {
            throw new CliInputException(ex.Message, ex);
        }
    }

    /// <summary>Opens the reader; a file that cannot be understood is reported as bad input.</summary>
    public TransactionFileReader Open(ParseResult parse) => new(ToOptions(parse));
}
