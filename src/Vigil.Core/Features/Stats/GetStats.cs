using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Stats;

/// <summary>Headline counts of what the reader may see.</summary>
public sealed record StatsResult(
    IReadOnlyDictionary<string, int> ActorsByKind,
    int Products,
    int Relationships,
    int Sources,
    int Citations,
    int Published,
    int Unpublished,
    int Revisions);

/// <summary>Counts records through the access rule: a reader's counts never include what they may not see.</summary>
public sealed class GetStatsHandler(VigilDb db)
{
    public async Task<StatsResult> HandleAsync(CancellationToken ct = default)
    {
        var byKind = await db.Actors.GroupBy(a => a.ActorKind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var statuses = await db.Actors.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var products = await db.Products.CountAsync(ct);
        var relationships = await db.Relationships.CountAsync(ct);
        var sources = await db.Sources.CountAsync(ct);
        var citations = await db.Citations.CountAsync(ct);
        // Revisions carry no marking of their own: count only those of records the reader may see.
        var revisions = await db.Revisions.CountAsync(r =>
            (r.RecordKind == RecordKind.Actor && db.Actors.Any(a => a.Id == r.RecordId))
            || (r.RecordKind == RecordKind.Product && db.Products.Any(p => p.Id == r.RecordId))
            || (r.RecordKind == RecordKind.Relationship && db.Relationships.Any(x => x.Id == r.RecordId))
            || (r.RecordKind == RecordKind.Source && db.Sources.Any(s => s.Id == r.RecordId))
            || (r.RecordKind == RecordKind.Citation && db.Citations.Any(c => c.Id == r.RecordId))
            || (r.RecordKind == RecordKind.Measure && db.Measures.Any(m => m.Id == r.RecordId)), ct);
        return new StatsResult(
            Enum.GetValues<ActorKind>().ToDictionary(k => Export.ExportVigilDataHandler.ActorKindLabel(k), k => byKind.FirstOrDefault(x => x.Key == k)?.Count ?? 0),
            products, relationships, sources, citations,
            statuses.Where(s => s.Key == ReviewStatus.Published).Sum(s => s.Count),
            statuses.Where(s => s.Key != ReviewStatus.Published).Sum(s => s.Count),
            revisions);
    }
}
