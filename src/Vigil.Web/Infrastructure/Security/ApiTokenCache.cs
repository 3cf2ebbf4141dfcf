using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Vigil.Security;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// Remembers, for a few seconds, whom a live API token authenticates as, so that a client reading in a
/// loop does not pay the token look-up and the owner's claims (four queries) on every request. An entry
/// is dropped as soon as anything about accounts changes in this process (<see cref="SecurityDb.Version"/>:
/// a revoked token, a changed role or clearance, a disabled account), and lives at most
/// <see cref="Lifetime"/>, which bounds how long another web node may honour a token revoked elsewhere.
/// Keyed by a hash of the secret: the secret itself is not kept.
/// </summary>
internal sealed class ApiTokenCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string secret, out IReadOnlyList<Claim> claims)
    {
        if (_entries.TryGetValue(Key(secret), out var entry)
            && entry.Version == SecurityDb.Version && clock.GetUtcNow().UtcDateTime < entry.Until)
        {
            claims = entry.Claims;
            return true;
        }
        claims = [];
        return false;
    }

    public void Put(string secret, IReadOnlyList<Claim> claims, DateTime tokenExpiresAt, long version)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        var until = clock.GetUtcNow().UtcDateTime + Lifetime;
        _entries[Key(secret)] = new Entry(claims, version, until < tokenExpiresAt ? until : tokenExpiresAt);
    }

    private static string Key(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private sealed record Entry(IReadOnlyList<Claim> Claims, long Version, DateTime Until);
}
