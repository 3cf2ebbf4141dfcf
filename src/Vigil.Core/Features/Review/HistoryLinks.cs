using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Review;

/// <summary>
/// History under the access rule, for links. A revision of a record the reader sees may name another
/// record they may not: an incident's vendor now RED, a product still AMBER, a draft operator. The record's
/// own view drops such links (the access rule's query filters leave their navigation null); its history
/// must not name them either. Every value of a linked field — a key (<c>authorityId</c>, <c>sourceId</c>…,
/// found from the model's foreign keys) or a linked row (<c>vendors</c>, <c>products</c>,
/// <c>operators</c>, <c>investigators</c>, a measure's <c>targets</c>) — is looked up through the same
/// filters, and one the reader cannot see reads <see cref="Hidden"/>.
/// </summary>
public static class HistoryLinks
{
    /// <summary>What a linked value the reader may not see reads as.</summary>
    public const string Hidden = "a record you cannot see";

    private static readonly Dictionary<RecordKind, Type> s_types = new()
    {
        [RecordKind.Actor] = typeof(Actor), [RecordKind.Product] = typeof(Product), [RecordKind.Relationship] = typeof(Relationship),
        [RecordKind.Source] = typeof(Source), [RecordKind.Citation] = typeof(Citation), [RecordKind.Incident] = typeof(Incident),
        [RecordKind.Target] = typeof(Target), [RecordKind.Measure] = typeof(Measure), [RecordKind.Framework] = typeof(Framework),
        [RecordKind.Commitment] = typeof(Commitment), [RecordKind.Endorsement] = typeof(Endorsement), [RecordKind.Assessment] = typeof(Assessment),
        [RecordKind.NationalReport] = typeof(NationalReport), [RecordKind.ReplyRequest] = typeof(ReplyRequest), [RecordKind.Indicator] = typeof(Indicator),
    };

    /// <summary>Linked rows: the owner's field and the linked record's type.</summary>
    private static readonly Dictionary<(RecordKind, string), Type> s_rows = new()
    {
        [(RecordKind.Incident, "products")] = typeof(Product),
        [(RecordKind.Incident, "vendors")] = typeof(Actor),
        [(RecordKind.Incident, "operators")] = typeof(Actor),
        [(RecordKind.Incident, "investigators")] = typeof(Actor),
        [(RecordKind.Measure, "targets")] = typeof(Actor),
        // An incident's targets are named by pseudonym ("Target-QB07 (diplomat, …)"); the slug is its lower case.
        [(RecordKind.Incident, "targets")] = typeof(Target),
    };

    /// <summary>The linked type of <paramref name="field"/> of a record of <paramref name="kind"/>, or null when the field is no link.</summary>
    public static Type? LinkedType(DbContext db, RecordKind kind, string field)
    {
        if (s_rows.TryGetValue((kind, field), out var row))
        {
            return row;
        }
        if (!field.EndsWith("Id", StringComparison.Ordinal) || !s_types.TryGetValue(kind, out var type) || db.Model.FindEntityType(type) is not { } entity)
        {
            return null;
        }
        var property = entity.GetProperties().FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
        return property?.GetContainingForeignKeys().Select(f => f.PrincipalEntityType.ClrType).FirstOrDefault(t => typeof(Record).IsAssignableFrom(t));
    }

    /// <summary>The changes with every linked value the reader may not see replaced by <see cref="Hidden"/>.</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<FieldChange>>> RedactAsync(
        VigilDb db, RecordKind kind, IReadOnlyList<IReadOnlyList<FieldChange>> changeSets, CancellationToken ct = default)
    {
        // Every linked value, by linked type, read once.
        var wanted = new Dictionary<Type, (HashSet<long> Ids, HashSet<string> Slugs)>();
        foreach (var change in changeSets.SelectMany(c => c))
        {
            if (LinkedType(db, kind, change.Field) is not { } type)
            {
                continue;
            }
            var (ids, slugs) = wanted.TryGetValue(type, out var w) ? w : wanted[type] = ([], new HashSet<string>(StringComparer.Ordinal));
            foreach (var value in new[] { change.Old, change.New }.OfType<string>())
            {
                switch (Reference(value))
                {
                    case (long id, null):
                        ids.Add(id);
                        break;
                    case (_, string slug):
                        slugs.Add(slug);
                        break;
                }
            }
        }
        if (wanted.Count == 0)
        {
            return changeSets;
        }
        var visible = new Dictionary<Type, (HashSet<long> Ids, HashSet<string> Slugs)>();
        foreach (var (type, (ids, slugs)) in wanted)
        {
            var task = (Task<(HashSet<long>, HashSet<string>)>)s_visible.MakeGenericMethod(type).Invoke(null, [db, ids.ToList(), slugs.ToList(), ct])!;
            visible[type] = await task;
        }
        return changeSets.Select(changes => (IReadOnlyList<FieldChange>)changes.Select(c => LinkedType(db, kind, c.Field) is { } type
            ? c with { Old = Shown(c.Old, visible[type]), New = Shown(c.New, visible[type]) }
            : c).ToList()).ToList();
    }

    private static string? Shown(string? value, (HashSet<long> Ids, HashSet<string> Slugs) visible) => value is null or HistoryVisibility.Withheld ? value : Reference(value) switch
    {
        (long id, null) => visible.Ids.Contains(id) ? value : Hidden,
        (_, string slug) => visible.Slugs.Contains(slug) ? value : Hidden,
        _ => Hidden,
    };

    /// <summary>A stored linked value as an id ("17", "actor #17", "product 17") or a slug ("nso-group", "nso-group (high)").</summary>
    private static (long? Id, string? Slug) Reference(string value)
    {
        var text = value.Trim();
        foreach (var prefix in new[] { "", "actor #", "actor ", "product " })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return (id, null);
            }
        }
        var paren = text.IndexOf(" (", StringComparison.Ordinal);
        // Slugs are lower case; a target's pseudonym is its slug in upper case.
        return (null, (paren > 0 ? text[..paren] : text).ToLowerInvariant());
    }

    private static readonly MethodInfo s_visible = typeof(HistoryLinks).GetMethod(nameof(VisibleAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    // Through the context's query filters: the access rule decides, as for the record's own view.
    private static async Task<(HashSet<long>, HashSet<string>)> VisibleAsync<T>(VigilDb db, List<long> ids, List<string> slugs, CancellationToken ct) where T : Record
    {
        var byId = ids.Count == 0 ? [] : await db.Set<T>().Where(r => ids.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct);
        var bySlug = slugs.Count == 0 ? [] : await db.Set<T>().Where(r => slugs.Contains(r.Slug)).Select(r => r.Slug).ToListAsync(ct);
        return (byId.ToHashSet(), bySlug.ToHashSet(StringComparer.Ordinal));
    }
}
