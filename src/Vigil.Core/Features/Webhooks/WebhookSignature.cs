using System.Security.Cryptography;
using System.Text;

namespace Vigil.Features.Webhooks;

/// <summary>
/// The signature on a delivery: <c>X-Vigil-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the exact
/// body bytes under the hook's secret. A receiver computes the same and compares in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Vigil-Signature";

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Whether <paramref name="header"/> is the signature of <paramref name="body"/> under <paramref name="secret"/>.</summary>
    public static bool Verify(string secret, byte[] body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(header));
}
