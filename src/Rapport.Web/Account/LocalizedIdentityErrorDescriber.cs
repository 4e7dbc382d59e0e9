using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Rapport.Web.Resources;

namespace Rapport.Web.Account;

/// <summary>Identity's messages that a user can see (password rules, wrong current password) in the UI language.</summary>
internal sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<Strings> text) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), text["Identity_DefaultError"]);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), text["Identity_PasswordMismatch"]);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), text["Identity_PasswordTooShort", length]);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), text["Identity_PasswordRequiresDigit"]);
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), text["Identity_PasswordRequiresLower"]);
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), text["Identity_PasswordRequiresUpper"]);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), text["Identity_PasswordRequiresNonAlphanumeric"]);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), text["Identity_PasswordRequiresUniqueChars", uniqueChars]);

    public IdentityError PasswordUnchanged() => Error("PasswordUnchanged", text["Identity_PasswordUnchanged"]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
