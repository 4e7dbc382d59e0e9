using System.Linq.Expressions;
using Rapport.Core.Domain;
using Rapport.Core.Segments;

namespace Rapport.Data.Segments;

/// <summary>
/// Turns a <see cref="SegmentRule"/> into a database query over the active customers: each condition becomes a
/// subquery on the stored insights or the orders, ANDed together, so membership is counted and paged by the database
/// against whatever the latest refresh stored — nothing is loaded into memory to evaluate it.
/// </summary>
public static class SegmentRuleQuery
{
    /// <summary>The active customers (not merged, not erased) the rule selects; <paramref name="now"/> anchors recency.</summary>
    public static IQueryable<Customer> Members(RapportDb db, SegmentRule rule, DateTime now)
        => Apply(db, db.Customers.Where(c => c.Status == RecordStatus.Active && c.MergedIntoId == null), rule, now);

    /// <summary>Narrows <paramref name="customers"/> to those the rule selects.</summary>
    public static IQueryable<Customer> Apply(RapportDb db, IQueryable<Customer> customers, SegmentRule rule, DateTime now)
    {
        foreach (var condition in rule.Conditions) customers = customers.Where(Condition(db, condition, now));
        return customers;
    }

    private static Expression<Func<Customer, bool>> Condition(RapportDb db, RuleCondition condition, DateTime now)
    {
        var field = condition.Field;
        var orders = db.Orders.Where(o => o.Status != OrderStatus.Cancelled);
        switch (field.Source)
        {
            case RuleFieldSource.InsightValue:
            {
                var kind = field.InsightKind!;
                var ids = db.CustomerInsights.Where(i => i.Kind == kind).Where(Compare<CustomerInsight>(i => i.Value, condition.Operator, condition.Number))
                    .Select(i => i.CustomerId);
                return c => ids.Contains(c.Id);
            }
            case RuleFieldSource.InsightLabel:
            {
                var kind = field.InsightKind!;
                var text = condition.Text;
                var ids = condition.Operator == RuleOperator.Equal
                    ? db.CustomerInsights.Where(i => i.Kind == kind && i.Label == text).Select(i => i.CustomerId)
                    : db.CustomerInsights.Where(i => i.Kind == kind && i.Label != text).Select(i => i.CustomerId);
                return c => ids.Contains(c.Id);
            }
            case RuleFieldSource.Country:
            {
                var text = condition.Text;
                return condition.Operator == RuleOperator.Equal ? c => c.Country == text : c => c.Country != text || c.Country == null;
            }
            case RuleFieldSource.Frequency:
                return Compare<Customer>(c => (double)orders.Count(o => o.CustomerId == c.Id), condition.Operator, condition.Number);
            case RuleFieldSource.Monetary:
                return Compare<Customer>(c => orders.Where(o => o.CustomerId == c.Id).Sum(o => (double)o.TotalAmount), condition.Operator, condition.Number);
            case RuleFieldSource.RecencyDays:
                return Recency(orders, condition.Operator, condition.Number, now);
            default:
                throw new ArgumentOutOfRangeException(nameof(condition), field.Source, "unknown field source");
        }
    }

    /// <summary>
    /// "Days since the last order OP n" as a comparison of the last order's time with now − n days (more days = an
    /// earlier order, so the comparison turns round). Customers without orders have no recency and never match.
    /// </summary>
    private static Expression<Func<Customer, bool>> Recency(IQueryable<Order> orders, RuleOperator op, double days, DateTime now)
    {
        var at = now.AddDays(-days);
        var dayBefore = now.AddDays(-days - 1);
        return op switch
        {
            RuleOperator.Greater => c => orders.Where(o => o.CustomerId == c.Id).Max(o => (DateTime?)o.OrderedAt) < at,
            RuleOperator.GreaterOrEqual => c => orders.Where(o => o.CustomerId == c.Id).Max(o => (DateTime?)o.OrderedAt) <= at,
            RuleOperator.Less => c => orders.Where(o => o.CustomerId == c.Id).Max(o => (DateTime?)o.OrderedAt) > at,
            RuleOperator.LessOrEqual => c => orders.Where(o => o.CustomerId == c.Id).Max(o => (DateTime?)o.OrderedAt) >= at,
            // Whole days: n days ago means the last order fell in the day-long window ending now − n days.
            RuleOperator.Equal => c => orders.Where(o => o.CustomerId == c.Id).Max(o => (DateTime?)o.OrderedAt) > dayBefore
                                       && orders.Where(o => o.CustomerId == c.Id).Max(o => (DateTime?)o.OrderedAt) <= at,
            _ => c => orders.Any(o => o.CustomerId == c.Id)
                      && !(orders.Where(o => o.CustomerId == c.Id).Max(o => (DateTime?)o.OrderedAt) > dayBefore
                           && orders.Where(o => o.CustomerId == c.Id).Max(o => (DateTime?)o.OrderedAt) <= at),
        };
    }

    /// <summary>selector(x) OP value as one lambda the provider translates.</summary>
    private static Expression<Func<T, bool>> Compare<T>(Expression<Func<T, double>> selector, RuleOperator op, double value)
    {
        var type = op switch
        {
            RuleOperator.Greater => ExpressionType.GreaterThan, RuleOperator.GreaterOrEqual => ExpressionType.GreaterThanOrEqual,
            RuleOperator.Less => ExpressionType.LessThan, RuleOperator.LessOrEqual => ExpressionType.LessThanOrEqual,
            RuleOperator.Equal => ExpressionType.Equal, _ => ExpressionType.NotEqual,
        };
        // A closure member rather than a constant: the value is sent as a parameter, so one plan serves every threshold.
        Expression<Func<double>> boxed = () => value;
        return Expression.Lambda<Func<T, bool>>(Expression.MakeBinary(type, selector.Body, boxed.Body), selector.Parameters);
    }
}
