namespace Vigil.Security;

/// <summary>
/// One security event in the append-only audit log. Each entry's <see cref="Hash"/> covers its own
/// fields and the previous entry's hash, so that changing, inserting or deleting a row breaks the chain
/// from that row on (<see cref="AuditLog.VerifyAsync"/>).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>Who acted: an account name, "anonymous", or "cli:…" for the operator.</summary>
    public string Actor { get; set; } = "";

    /// <summary>What happened, e.g. "sign-in", "sign-in-failed", "role-changed" (<see cref="AuditEvents"/>).</summary>
    public string Event { get; set; } = "";

    /// <summary>Facts about the event. Never a secret, a password or a target's identity.</summary>
    public string Detail { get; set; } = "";

    /// <summary>The hash of the entry before this one ("" for the first).</summary>
    public string PreviousHash { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the previous hash and this entry's fields.</summary>
    public string Hash { get; set; } = "";
}

/// <summary>A data-protection key (cookie and antiforgery encryption), shared by every web node.</summary>
public sealed class DataProtectionKey
{
    public long Id { get; set; }

    public string FriendlyName { get; set; } = "";

    public string Xml { get; set; } = "";
}
