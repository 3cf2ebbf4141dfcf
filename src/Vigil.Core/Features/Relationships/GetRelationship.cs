using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Relationships;

/// <summary>An edge in full, with its citations.</summary>
public sealed record RelationshipDetail(
    long Id, string Slug, RelationshipType Type, RecordRef From, RecordRef To, string? Role, decimal? SharePercent,
    string? StartDate, string? EndDate, Confidence Confidence, string? Description, ReviewStatus Status, string Marking, int Version,
    DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy, IReadOnlyList<string> Authors, IReadOnlyList<CitationView> Citations);

/// <summary>Gets one relationship by id or slug; null when the reader may not see it or one of its ends.</summary>
public sealed class GetRelationshipHandler(VigilDb db)
{
    public async Task<RelationshipDetail?> HandleAsync(string idOrSlug, CancellationToken ct = default)
    {
        var found = db.Relationships.ByIdOrSlug(idOrSlug);
        var row = await RelationshipQueries.Rows(found).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var more = await found.Select(r => new { r.Description, r.CreatedAt, r.CreatedBy, r.UpdatedAt, r.UpdatedBy }).FirstAsync(ct);
        var citations = await db.Citations.Where(c => c.RelationshipId == row.Id).View().ToListAsync(ct);
        var s = row.ToSummary();
        return new RelationshipDetail(s.Id, s.Slug, s.Type, s.From, s.To, s.Role, s.SharePercent, s.StartDate, s.EndDate, s.Confidence,
            more.Description, s.Status, s.Marking, s.Version, more.CreatedAt, more.CreatedBy, more.UpdatedAt, more.UpdatedBy,
            await Evidence.AuthorsAsync(db, RecordKind.Relationship, s.Id, ct), citations);
    }
}
