using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Common;

// Views shared by several record kinds. Like every DTO here they carry only what the reader may see:
// they are built from the filtered sets, and name other records by slug and label, never by hidden data.

/// <summary>One citation as shown under the record it supports.</summary>
public sealed record CitationView(
    long Id, string Slug, string SourceSlug, string SourceTitle, string? SourceUrl, string SourceReliability,
    string? Locator, string? Quote, int Credibility);

/// <summary>The other end of an edge, or a record pointed at: which kind, its slug and label.</summary>
public sealed record RecordRef(string Type, string Slug, string Name, string? Kind);

/// <summary>Spellings used in JSON and URLs.</summary>
public static class Labels
{
    /// <summary>The kebab-case JSON spelling of an enum value ("public-body").</summary>
    public static string Kebab<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static string RecordType(RecordKind kind) => Kebab(kind);
}

/// <summary>Loading the citations of records through the filtered set.</summary>
public static class Evidence
{
    public static IQueryable<CitationView> View(this IQueryable<Citation> citations) =>
        citations
            .OrderBy(c => c.Source!.Title).ThenBy(c => c.Id)
            .Select(c => new CitationView(c.Id, c.Slug, c.Source!.Slug, Source.DisplayTitle(c.Source.Title, c.Source.TitleVerified, c.Source.Publisher, c.Source.Url), c.Source.Url, c.Source.Reliability.ToString(), c.Locator, c.Quote, c.Credibility));

    /// <summary>The visible citations of each of <paramref name="relationshipIds"/>.</summary>
    public static Task<ILookup<long, CitationView>> OfRelationshipsAsync(VigilDb db, IReadOnlyCollection<long> relationshipIds, CancellationToken ct) =>
        OfSubjectsAsync(db, RecordKind.Relationship, relationshipIds, ct);

    /// <summary>The visible citations of each record of one <paramref name="kind"/>, by the record's id.</summary>
    public static async Task<ILookup<long, CitationView>> OfSubjectsAsync(VigilDb db, RecordKind kind, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return Array.Empty<(long, CitationView)>().ToLookup(x => x.Item1, x => x.Item2);
        }
        // A citation has exactly one subject key, so the first that is set is the subject's id.
        var rows = await db.Citations
            .Where(Citation.OfSubjects(kind, ids))
            .OrderBy(c => c.Source!.Title).ThenBy(c => c.Id)
            .Select(c => new
            {
                Subject = c.ActorId ?? c.ProductId ?? c.RelationshipId ?? c.IncidentId ?? c.MeasureId ?? c.EndorsementId
                    ?? c.AssessmentId ?? c.NationalReportId ?? c.FrameworkId ?? c.CommitmentId ?? c.IndicatorId ?? 0,
                View = new CitationView(c.Id, c.Slug, c.Source!.Slug, Source.DisplayTitle(c.Source.Title, c.Source.TitleVerified, c.Source.Publisher, c.Source.Url), c.Source.Url, c.Source.Reliability.ToString(), c.Locator, c.Quote, c.Credibility),
            })
            .ToListAsync(ct);
        return rows.ToLookup(r => r.Subject, r => r.View);
    }

    /// <summary>Who changed a record, from its revisions (the record itself is already known to be visible).</summary>
    public static async Task<IReadOnlyList<string>> AuthorsAsync(VigilDb db, RecordKind kind, long id, CancellationToken ct) =>
        await db.Revisions.Where(r => r.RecordKind == kind && r.RecordId == id)
            .Select(r => r.By).Distinct().OrderBy(b => b).ToListAsync(ct);
}

/// <summary>The rule that nothing is published without evidence.</summary>
public static class Publishing
{
    public const string NeedsCitation = "A record is published only once it has at least one citation: save it as a draft, cite it, then publish it.";
}
