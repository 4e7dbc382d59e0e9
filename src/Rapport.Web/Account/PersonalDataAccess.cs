using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Rapport.Core.Security;

namespace Rapport.Web.Account;

/// <summary>Whether a viewer sees personal values in clear (else masked): the one check the pages, the API and the exports make.</summary>
public static class PersonalDataAccess
{
    public static async Task<bool> SeesPersonalDataAsync(this IAuthorizationService authorization, ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, null, Permissions.PersonalDataRead)).Succeeded;
}
