namespace Rapport.Analytics.Transactions;

/// <summary>
/// One cleaned transaction line, from any source (a file reader, the database). Identifiers are dense
/// indexes into the source's key tables so that millions of lines cost no string allocations.
/// </summary>
/// <param name="Customer">Index into <see cref="ITransactionSource.CustomerKeys"/>.</param>
/// <param name="Day">Calendar day as <see cref="DateOnly.DayNumber"/>.</param>
/// <param name="Amount">Net amount of the line (quantity × price); negative for a return.</param>
/// <param name="Order">Index into <see cref="ITransactionSource.OrderKeys"/>, or -1 when the source has no order/invoice column.</param>
/// <param name="Item">Index into <see cref="ITransactionSource.ItemKeys"/>, or -1 when the source has no item column.</param>
/// <param name="Quantity">Units on the line (1 when the source gives only an amount).</param>
public readonly record struct TransactionLine(int Customer, int Day, double Amount, int Order, int Item, double Quantity)
{
    public DateOnly Date => DateOnly.FromDayNumber(Day);
}

/// <summary>A stream of transaction lines plus the key tables its indexes point into.</summary>
public interface ITransactionSource
{
    /// <summary>Customer keys as the source spells them; complete once <see cref="ReadLines"/> has been enumerated.</summary>
    IReadOnlyList<string> CustomerKeys { get; }
    IReadOnlyList<string> OrderKeys { get; }
    IReadOnlyList<string> ItemKeys { get; }

    /// <summary>Streams the cleaned lines; may be enumerated once.</summary>
    IEnumerable<TransactionLine> ReadLines();
}
