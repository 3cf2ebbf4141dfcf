namespace Vigil.Security;

/// <summary>What an API token may do: read only, or read and write (never more than its owner).</summary>
public enum TokenScope
{
    Read = 0,
    ReadWrite = 1,
}

/// <summary>
/// A personal API token. The secret is shown once at creation; only its SHA-256 hash is stored, with a
/// short prefix so that a person can tell their tokens apart. Expiring and revocable.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; set; }

    public long AccountId { get; set; }

    public Account? Account { get; set; }

    /// <summary>What the owner called it ("laptop CLI").</summary>
    public string Name { get; set; } = "";

    /// <summary>The first characters of the secret, shown in lists ("vgl_3fQx…").</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the whole secret.</summary>
    public string Hash { get; set; } = "";

    public TokenScope Scope { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}
