using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Citations;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Sources;

/// <summary>A source in full, with what cites it (only citations whose subject the reader may see).</summary>
public sealed record SourceDetail(
    long Id, string Slug, string Title, string? Publisher, string? Url, SourceKind Kind, string? PublishedDate, string? AccessedDate,
    string? ContentHash, string Reliability, string Marking, ReviewStatus Status, int Version,
    DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy, IReadOnlyList<string> Authors,
    IReadOnlyList<CitationSummary> CitedBy);

/// <summary>Gets one source by id or slug; null when there is none the reader may see.</summary>
public sealed class GetSourceHandler(VigilDb db)
{
    public async Task<SourceDetail?> HandleAsync(string idOrSlug, CancellationToken ct = default)
    {
        var s = await db.Sources.ByIdOrSlug(idOrSlug)
            .Select(s => new SourceDetail(s.Id, s.Slug, s.Title, s.Publisher, s.Url, s.SourceKind, s.PublishedDate, s.AccessedDate, s.ContentHash,
                s.Reliability.ToString(), s.Marking.ToLabel(), s.Status, s.Version, s.CreatedAt, s.CreatedBy, s.UpdatedAt, s.UpdatedBy,
                Array.Empty<string>(), Array.Empty<CitationSummary>()))
            .FirstOrDefaultAsync(ct);
        if (s is null)
        {
            return null;
        }
        var citedBy = await CitationQueries.Summaries(db.Citations.Where(c => c.SourceId == s.Id)).ToListAsync(ct);
        return s with { Authors = await Evidence.AuthorsAsync(db, RecordKind.Source, s.Id, ct), CitedBy = citedBy.Select(c => c.ToSummary()).ToList() };
    }
}
