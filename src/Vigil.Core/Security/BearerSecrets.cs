using System.Security.Cryptography;
using System.Text;

namespace Vigil.Security;

/// <summary>
/// The one rule for secrets Vigil hands out once and then only recognises (API tokens, feed tokens, webhook
/// secrets): 256 random bits, URL-safe, behind a prefix that says what the secret is for; stored, where only
/// checked, as its SHA-256.
/// </summary>
public static class BearerSecrets
{
    /// <summary>A new secret: <paramref name="prefix"/> and 32 random bytes, base64url without padding.</summary>
    public static string New(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>What is stored of a secret that is only ever compared: its SHA-256 in lower-case hex.</summary>
    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
