using System.Security.Cryptography;
using System.Text;

namespace Rapport.Core.Automation;

/// <summary>
/// How receivers check a webhook came from this CRM: <c>X-Rapport-Signature: sha256=&lt;hex HMAC-SHA256 of the raw body,
/// keyed with the subscription's secret&gt;</c>, with the send time in <c>X-Rapport-Timestamp</c> (Unix seconds).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Rapport-Signature";
    public const string TimestampHeader = "X-Rapport-Timestamp";
    public const string EventHeader = "X-Rapport-Event";

    public static string Compute(byte[] key, byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, body));

    public static string Compute(string secret, string body) => Compute(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body));

    /// <summary>Constant-time check of a received header against the body (what a receiver does).</summary>
    public static bool Verify(string secret, byte[] body, string? header)
        => header is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(Encoding.UTF8.GetBytes(secret), body)), Encoding.ASCII.GetBytes(header));

    /// <summary>A new random secret (32 bytes, base64url).</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
