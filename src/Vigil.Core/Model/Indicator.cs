namespace Vigil.Model;

/// <summary>What an indicator's observable is. Stored as numbers: never renumber.</summary>
public enum ObservableKind
{
    Domain = 1,
    Url = 2,
    Ip = 3,
    Email = 4,
    Hash = 5,
    Process = 6,
    File = 7,
    /// <summary>A pattern on an object type STIX does not define (MVT's <c>configuration-profile</c>), or one we do not parse.</summary>
    Other = 9,
}

/// <summary>
/// A technical indicator from a lab's STIX 2.1 bundle (a domain, URL, IP address, e-mail address, hash,
/// process or file name), linked to the product it indicates and, where the bundle says, an incident.
/// Its identity is the STIX id, so re-importing the same bundle finds it instead of adding it again.
/// </summary>
public sealed class Indicator : Record
{
    /// <summary>The STIX id, <c>indicator--UUID</c>, unique.</summary>
    public string StixId { get; set; } = "";

    /// <summary>The pattern as the bundle wrote it (<c>[domain-name:value = 'x.com']</c>).</summary>
    public string Pattern { get; set; } = "";

    /// <summary>The pattern language: <c>stix</c>, <c>yara</c>, <c>snort</c>, <c>sigma</c>…</summary>
    public string PatternType { get; set; } = "stix";

    public ObservableKind ObservableKind { get; set; } = ObservableKind.Other;

    /// <summary>The object path the value was read from (<c>domain-name:value</c>, <c>file:hashes.'SHA-256'</c>).</summary>
    public string ObservableType { get; set; } = "";

    /// <summary>The observable's value, as written.</summary>
    public string Value { get; set; } = "";

    /// <summary>The value folded for lookup (lower case, trimmed; a domain without a trailing dot).</summary>
    public string ValueKey { get; set; } = "";

    public string? Name { get; set; }

    public string? Description { get; set; }

    /// <summary>From when the indicator is valid (STIX <c>valid_from</c>).</summary>
    public DateTime? ValidFrom { get; set; }

    public long? ProductId { get; set; }

    public Product? Product { get; set; }

    public long? IncidentId { get; set; }

    public Incident? Incident { get; set; }

    public override RecordKind Kind => RecordKind.Indicator;

    public override string Label => $"{ObservableKind.ToString().ToLowerInvariant()} {Value}";

    /// <summary>A value folded for lookup: what <see cref="ValueKey"/> holds and a search asks for.</summary>
    public static string KeyOf(string value)
    {
        var v = value.Trim().ToLowerInvariant();
        return v.EndsWith('.') && !v.Contains('/', StringComparison.Ordinal) ? v.TrimEnd('.') : v;
    }
}
