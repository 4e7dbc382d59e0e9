using Rapport.Core.Domain;

namespace Rapport.Core.Security;

/// <summary>
/// What a user may do. Every page and API endpoint declares one of these (or is explicitly public); a role holds
/// only what <see cref="RolePermissions"/> grants it — deny by default.
/// </summary>
public static class Permissions
{
    /// <summary>Any signed-in user: their own account (password, sign-out).</summary>
    public const string OwnAccount = "account.own";
    public const string DashboardView = "dashboard.view";
    public const string CustomersRead = "customers.read";
    public const string CustomersWrite = "customers.write";
    /// <summary>Unmasked personal values (names, e-mail, phone, address, notes); without it they are shown masked.</summary>
    public const string PersonalDataRead = "personal-data.read";
    /// <summary>See deals, pipelines, the sales forecast and tasks.</summary>
    public const string SalesRead = "sales.read";
    /// <summary>Create, edit and move deals; create and tick off tasks.</summary>
    public const string SalesManage = "sales.manage";
    /// <summary>Configure pipelines and their stages.</summary>
    public const string SalesConfigure = "sales.configure";
    public const string ServiceManage = "service.manage";
    public const string MarketingManage = "marketing.manage";
    /// <summary>Run analyses and see aggregates and pseudonymised data.</summary>
    public const string AnalyticsRun = "analytics.run";
    /// <summary>Start an insights refresh (all stored scores, segments, rules and forecasts recomputed) and follow its runs.</summary>
    public const string InsightsRefresh = "insights.refresh";
    public const string PrivacyRequests = "privacy.requests";
    public const string AuditView = "audit.view";
    public const string UsersManage = "users.manage";
    /// <summary>Define, change and delete the custom fields of customers, companies and deals (values are edited with the record's own permission).</summary>
    public const string CustomFieldsManage = "custom-fields.manage";
    /// <summary>Build workflow rules, see their runs, and manage outgoing webhooks.</summary>
    public const string AutomationManage = "automation.manage";

    public static readonly IReadOnlyList<string> All =
    [
        OwnAccount, DashboardView, CustomersRead, CustomersWrite, PersonalDataRead, SalesRead, SalesManage, SalesConfigure, ServiceManage, MarketingManage,
        AnalyticsRun, InsightsRefresh, PrivacyRequests, AuditView, UsersManage, CustomFieldsManage, AutomationManage,
    ];
}

/// <summary>The permission matrix: which role grants which permissions. A permission no role lists is Admin's alone.</summary>
public static class RolePermissions
{
    private static readonly Dictionary<string, HashSet<string>> Matrix = new(StringComparer.Ordinal)
    {
        [Roles.Admin] = [.. Permissions.All],
        [Roles.Manager] =
        [
            Permissions.OwnAccount, Permissions.DashboardView, Permissions.CustomersRead, Permissions.CustomersWrite, Permissions.PersonalDataRead,
            Permissions.SalesRead, Permissions.SalesManage, Permissions.SalesConfigure, Permissions.ServiceManage, Permissions.MarketingManage,
            Permissions.AnalyticsRun, Permissions.InsightsRefresh,
            Permissions.PrivacyRequests, Permissions.AuditView, Permissions.CustomFieldsManage, Permissions.AutomationManage,
        ],
        [Roles.Sales] = [Permissions.OwnAccount, Permissions.DashboardView, Permissions.CustomersRead, Permissions.CustomersWrite, Permissions.PersonalDataRead, Permissions.SalesRead, Permissions.SalesManage],
        [Roles.Service] = [Permissions.OwnAccount, Permissions.DashboardView, Permissions.CustomersRead, Permissions.PersonalDataRead, Permissions.ServiceManage],
        // Marketing works on segments and campaigns; contact details reach customers through the outbox, not the screen.
        [Roles.Marketing] = [Permissions.OwnAccount, Permissions.DashboardView, Permissions.CustomersRead, Permissions.MarketingManage, Permissions.AnalyticsRun],
        // Analysts see aggregates and pseudonymised data only: no customer records, no personal values.
        [Roles.Analyst] = [Permissions.OwnAccount, Permissions.DashboardView, Permissions.AnalyticsRun, Permissions.InsightsRefresh],
        [Roles.ReadOnly] = [Permissions.OwnAccount, Permissions.DashboardView, Permissions.CustomersRead, Permissions.SalesRead],
    };

    /// <summary>Whether <paramref name="role"/> grants <paramref name="permission"/>; unknown roles grant nothing.</summary>
    public static bool Grants(string role, string permission) => Matrix.TryGetValue(role, out var granted) && granted.Contains(permission);

    /// <summary>The roles that grant <paramref name="permission"/>.</summary>
    public static IReadOnlyList<string> RolesWith(string permission) => Roles.All.Where(r => Grants(r, permission)).ToList();
}

/// <summary>
/// Record-level visibility on top of the permission matrix. Sales staff see only the customers, companies and deals
/// they own or that members of their teams own; every other role that may read records sees all of them (managers
/// and admins oversee everyone, service and marketing serve the whole customer base, read-only is for auditors).
/// A user holding any all-seeing role sees everything.
/// </summary>
public static class RecordVisibility
{
    private static readonly HashSet<string> AllSeeing = [Roles.Admin, Roles.Manager, Roles.Service, Roles.Marketing, Roles.ReadOnly];

    public static bool SeesAllRecords(IEnumerable<string> roles) => roles.Any(AllSeeing.Contains);
}
