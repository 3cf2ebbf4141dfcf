using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Citations;

/// <summary>A citation in full.</summary>
public sealed record CitationDetail(
    long Id, string Slug, RecordRef Source, RecordRef Subject, string? Locator, string? Quote, int Credibility,
    ReviewStatus Status, string Marking, int Version, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy,
    IReadOnlyList<string> Authors);

/// <summary>Gets one citation by id or slug; null when the reader may not see it, its source or its subject.</summary>
public sealed class GetCitationHandler(VigilDb db)
{
    public async Task<CitationDetail?> HandleAsync(string idOrSlug, CancellationToken ct = default)
    {
        var found = db.Citations.ByIdOrSlug(idOrSlug);
        var row = await CitationQueries.Summaries(found).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var audit = await found.Select(c => new { c.CreatedAt, c.CreatedBy, c.UpdatedAt, c.UpdatedBy }).FirstAsync(ct);
        var s = row.ToSummary();
        return new CitationDetail(s.Id, s.Slug, s.Source, s.Subject, s.Locator, s.Quote, s.Credibility, s.Status, s.Marking, s.Version,
            audit.CreatedAt, audit.CreatedBy, audit.UpdatedAt, audit.UpdatedBy, await Evidence.AuthorsAsync(db, RecordKind.Citation, s.Id, ct));
    }
}
