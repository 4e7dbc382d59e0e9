using Microsoft.AspNetCore.DataProtection;

namespace Rapport.Web.Features.Automation;

/// <summary>Webhook secrets are kept encrypted (data protection, keys in the database) and shown only masked after creation.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Rapport.Webhooks.Secret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string? Reveal(string stored)
    {
        try { return _protector.Unprotect(stored); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }

    /// <summary>What lists show instead of the secret.</summary>
    public const string Masked = "whsec_••••••••";
}
