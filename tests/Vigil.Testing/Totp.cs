using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Vigil.Testing;

/// <summary>
/// RFC 6238 time-based one-time passwords, as an authenticator app makes them: HMAC-SHA1 over the
/// base32 key and the count of 30-second steps since 1970, six digits. Written out here so that the
/// tests check the app against the standard, not against its own code.
/// </summary>
public static class Totp
{
    /// <summary>The code for <paramref name="base32Key"/> at <paramref name="at"/> (default: now).</summary>
    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var step = (at ?? TimeProvider.System.GetUtcNow()).ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(Base32Decode(base32Key), counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static readonly Dictionary<string, long> s_lastStep = [];

    /// <summary>
    /// A code that has not been used yet: Vigil accepts each code once, so a test that signs in twice
    /// within 30 seconds takes the next step's code, as a person would wait for the next code (the
    /// server allows two steps of clock drift).
    /// </summary>
    public static string NextCode(string base32Key)
    {
        var now = TimeProvider.System.GetUtcNow();
        long step;
        lock (s_lastStep)
        {
            step = Math.Max(now.ToUnixTimeSeconds() / 30, s_lastStep.GetValueOrDefault(base32Key, long.MinValue) + 1);
            s_lastStep[base32Key] = step;
        }
        return Code(base32Key, DateTimeOffset.FromUnixTimeSeconds(step * 30));
    }

    /// <summary>A code that is not the one for now (nor for the steps either side of it).</summary>
    public static string WrongCode(string base32Key)
    {
        var near = new[] { -60, -30, 0, 30, 60 }.Select(s => Code(base32Key, TimeProvider.System.GetUtcNow().AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(c => !near.Contains(c));
    }

    /// <summary>RFC 4648 base32 (A–Z, 2–7), ignoring spaces, padding and case.</summary>
    public static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a base32 character.");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        return [.. bytes];
    }
}
