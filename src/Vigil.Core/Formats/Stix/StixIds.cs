using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vigil.Model;

namespace Vigil.Formats.Stix;

/// <summary>
/// Deterministic STIX identifiers: a UUIDv5 (RFC 9562, SHA-1) in Vigil's own namespace, from the record's
/// kind and its slug. The slug, not the database key, because the slug is the record's stable identity
/// across installations (the starter data loads with the same slugs everywhere, under different keys):
/// a re-export, from this database or another, updates the consumer's object instead of adding one.
/// </summary>
public static class StixIds
{
    /// <summary>Vigil's namespace for UUIDv5: fixed forever (changing it would change every exported id).</summary>
    public static readonly Guid Namespace = new("8b1d3c55-3a37-5c2e-9f4e-6f1e0c7a2d10");

    /// <summary>The STIX id of an object of <paramref name="type"/> named by <paramref name="name"/> (<c>actor:nso-group</c>).</summary>
    public static string Of(string type, string name) => $"{type}--{Uuid5(Namespace, name)}";

    /// <summary>The STIX id of a record exported as <paramref name="type"/>.</summary>
    public static string Of(string type, RecordKind kind, string slug) => Of(type, $"{Features.Common.Labels.RecordType(kind)}:{slug}");

    /// <summary>A STIX timestamp, UTC to the millisecond (<c>2026-12-06T22:00:00.000Z</c>).</summary>
    public static string Timestamp(DateTime at) =>
        DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>UUID version 5 of <paramref name="name"/> in <paramref name="ns"/>.</summary>
    public static Guid Uuid5(Guid ns, string name)
    {
        var nsBytes = ns.ToByteArray(bigEndian: true);
        var data = new byte[nsBytes.Length + Encoding.UTF8.GetByteCount(name)];
        nsBytes.CopyTo(data, 0);
        Encoding.UTF8.GetBytes(name, 0, name.Length, data, nsBytes.Length);
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version 5; it names, it does not protect.
        var hash = SHA1.HashData(data);
#pragma warning restore CA5350
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
