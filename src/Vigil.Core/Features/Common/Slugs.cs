using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Vigil.Access;
using Vigil.Data;
using Vigil.Model;
using Vigil.Search;

namespace Vigil.Features.Common;

/// <summary>Human keys for records: "Intellexa S.A." → <c>intellexa-s-a</c>, unique within the record kind.</summary>
public static partial class Slugs
{
    public const int MaxLength = 200;

    [GeneratedRegex("^[a-z0-9]+(-{1,2}[a-z0-9]+)*$")]
    private static partial Regex Valid();

    public static bool IsValid(string slug) => slug.Length <= MaxLength && Valid().IsMatch(slug);

    /// <summary>Lower-case ascii, accents folded, every other run of characters a single hyphen.</summary>
    public static string FromText(string text)
    {
        var sb = new StringBuilder();
        foreach (var ch in FullText.Fold(text).Replace("ß", "ss", StringComparison.Ordinal))
        {
            var c = char.ToLowerInvariant(ch);
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }
        var slug = sb.ToString().Trim('-');
        if (slug.Length > MaxLength - 10)
        {
            slug = slug[..(MaxLength - 10)].Trim('-');
        }
        return slug.Length == 0 ? "record" : slug;
    }

    /// <summary>
    /// <paramref name="wanted"/>, or <c>wanted-2</c>, <c>wanted-3</c>… whichever no record of the kind
    /// holds. Uniqueness must count records the writer cannot see (they hold the slug in the unique
    /// index all the same), so the check runs on a system-reader context; it returns only a free slug.
    /// </summary>
    public static async Task<string> UniqueAsync(VigilDb db, RecordKind kind, string wanted, CancellationToken ct)
    {
        await using var system = SystemContext(db);
        IQueryable<string> taken = kind switch
        {
            RecordKind.Actor => system.Actors.Select(r => r.Slug),
            RecordKind.Product => system.Products.Select(r => r.Slug),
            RecordKind.Relationship => system.Relationships.Select(r => r.Slug),
            RecordKind.Source => system.Sources.Select(r => r.Slug),
            RecordKind.Citation => system.Citations.Select(r => r.Slug),
            RecordKind.Incident => system.Incidents.Select(r => r.Slug),
            RecordKind.Target => system.Targets.Select(r => r.Slug),
            RecordKind.Measure => system.Measures.Select(r => r.Slug),
            RecordKind.Framework => system.Frameworks.Select(r => r.Slug),
            RecordKind.Commitment => system.Commitments.Select(r => r.Slug),
            RecordKind.Endorsement => system.Endorsements.Select(r => r.Slug),
            RecordKind.Assessment => system.Assessments.Select(r => r.Slug),
            RecordKind.NationalReport => system.NationalReports.Select(r => r.Slug),
            RecordKind.ReplyRequest => system.ReplyRequests.Select(r => r.Slug),
            RecordKind.Indicator => system.Indicators.Select(r => r.Slug),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var prefix = wanted + "-";
        var existing = await taken.Where(s => s == wanted || s.StartsWith(prefix)).ToListAsync(ct);
        if (!existing.Contains(wanted))
        {
            return wanted;
        }
        for (var n = 2; ; n++)
        {
            var candidate = $"{wanted}-{n}";
            if (!existing.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>True when a record of <paramref name="kind"/> other than <paramref name="exceptId"/> holds the slug, hidden ones included.</summary>
    public static async Task<bool> TakenByOtherAsync(VigilDb db, RecordKind kind, string slug, long exceptId, CancellationToken ct)
    {
        await using var system = SystemContext(db);
        return kind switch
        {
            RecordKind.Actor => await system.Actors.AnyAsync(r => r.Slug == slug && r.Id != exceptId, ct),
            RecordKind.Product => await system.Products.AnyAsync(r => r.Slug == slug && r.Id != exceptId, ct),
            RecordKind.Relationship => await system.Relationships.AnyAsync(r => r.Slug == slug && r.Id != exceptId, ct),
            RecordKind.Source => await system.Sources.AnyAsync(r => r.Slug == slug && r.Id != exceptId, ct),
            RecordKind.Citation => await system.Citations.AnyAsync(r => r.Slug == slug && r.Id != exceptId, ct),
            RecordKind.Incident => await system.Incidents.AnyAsync(r => r.Slug == slug && r.Id != exceptId, ct),
            RecordKind.Target => await system.Targets.AnyAsync(r => r.Slug == slug && r.Id != exceptId, ct),
            RecordKind.Measure => await system.Measures.AnyAsync(r => r.Slug == slug && r.Id != exceptId, ct),
            RecordKind.Framework => await system.Frameworks.AnyAsync(r => r.Slug == slug && r.Id != exceptId, ct),
            RecordKind.Commitment => await system.Commitments.AnyAsync(r => r.Slug == slug && r.Id != exceptId, ct),
            RecordKind.Endorsement => await system.Endorsements.AnyAsync(r => r.Slug == slug && r.Id != exceptId, ct),
            RecordKind.Assessment => await system.Assessments.AnyAsync(r => r.Slug == slug && r.Id != exceptId, ct),
            RecordKind.NationalReport => await system.NationalReports.AnyAsync(r => r.Slug == slug && r.Id != exceptId, ct),
            RecordKind.ReplyRequest => await system.ReplyRequests.AnyAsync(r => r.Slug == slug && r.Id != exceptId, ct),
            RecordKind.Indicator => await system.Indicators.AnyAsync(r => r.Slug == slug && r.Id != exceptId, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>A read-only context on the same database that sees every record; used only to test slugs for uniqueness.</summary>
    private static VigilDb SystemContext(VigilDb db) =>
        VigilDb.For((DbContextOptions<VigilDb>)db.GetService<IDbContextOptions>(), Reader.System());
}
