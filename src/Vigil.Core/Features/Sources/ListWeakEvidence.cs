using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Sources;

/// <summary>A published record that rests only on tertiary sources or on sources without an address.</summary>
public sealed record WeakEvidenceRecord(RecordRef Record, int Citations);

/// <summary>
/// The published records the reader may see whose every visible citation rests on weak evidence: a
/// tertiary source (aggregator, forum, wiki, rewrite) or one with no address to check it at. The review
/// queue lists them and each record's page flags them (<see cref="IsWeakAsync(RecordKind, long, CancellationToken)"/>): they want a better
/// source, or a draft status.
/// </summary>
public sealed class ListWeakEvidenceHandler(VigilDb db)
{
    public async Task<IReadOnlyList<WeakEvidenceRecord>> HandleAsync(CancellationToken ct = default)
    {
        var rows = await db.Citations
            .Where(c => c.ActorId != null || c.ProductId != null || c.RelationshipId != null || c.IncidentId != null || c.MeasureId != null || c.EndorsementId != null)
            .Select(c => new
            {
                c.ActorId, c.ProductId, c.RelationshipId, c.IncidentId, c.MeasureId, c.EndorsementId,
                Weak = c.Source!.Evidence == EvidenceKind.Tertiary || c.Source.Url == null || c.Source.Url == "",
            })
            .ToListAsync(ct);
        var weak = rows
            .GroupBy(r => r.ActorId is { } a ? (RecordKind.Actor, a)
                : r.ProductId is { } p ? (RecordKind.Product, p)
                : r.RelationshipId is { } l ? (RecordKind.Relationship, l)
                : r.IncidentId is { } i ? (RecordKind.Incident, i)
                : r.MeasureId is { } m ? (RecordKind.Measure, m)
                : (RecordKind.Endorsement, r.EndorsementId!.Value))
            .Where(g => g.All(r => r.Weak))
            .ToDictionary(g => g.Key, g => g.Count());
        List<long> Ids(RecordKind kind) => weak.Keys.Where(k => k.Item1 == kind).Select(k => k.Item2).ToList();

        var found = new List<(RecordKind Kind, long Id, string Slug, string Name)>();
        var actors = Ids(RecordKind.Actor);
        found.AddRange((await db.Actors.Where(x => actors.Contains(x.Id) && x.Status == ReviewStatus.Published).Select(x => new { x.Id, x.Slug, x.Name }).ToListAsync(ct))
            .Select(x => (RecordKind.Actor, x.Id, x.Slug, x.Name)));
        var products = Ids(RecordKind.Product);
        found.AddRange((await db.Products.Where(x => products.Contains(x.Id) && x.Status == ReviewStatus.Published).Select(x => new { x.Id, x.Slug, x.Name }).ToListAsync(ct))
            .Select(x => (RecordKind.Product, x.Id, x.Slug, x.Name)));
        var edges = Ids(RecordKind.Relationship);
        found.AddRange((await db.Relationships.Where(x => edges.Contains(x.Id) && x.Status == ReviewStatus.Published).Select(x => new { x.Id, x.Slug }).ToListAsync(ct))
            .Select(x => (RecordKind.Relationship, x.Id, x.Slug, x.Slug)));
        var incidents = Ids(RecordKind.Incident);
        found.AddRange((await db.Incidents.Where(x => incidents.Contains(x.Id) && x.Status == ReviewStatus.Published).Select(x => new { x.Id, x.Slug, x.Title }).ToListAsync(ct))
            .Select(x => (RecordKind.Incident, x.Id, x.Slug, x.Title)));
        var measures = Ids(RecordKind.Measure);
        found.AddRange((await db.Measures.Where(x => measures.Contains(x.Id) && x.Status == ReviewStatus.Published).Select(x => new { x.Id, x.Slug, x.Title }).ToListAsync(ct))
            .Select(x => (RecordKind.Measure, x.Id, x.Slug, x.Title)));
        var endorsements = Ids(RecordKind.Endorsement);
        found.AddRange((await db.Endorsements.Where(x => endorsements.Contains(x.Id) && x.Status == ReviewStatus.Published).Select(x => new { x.Id, x.Slug }).ToListAsync(ct))
            .Select(x => (RecordKind.Endorsement, x.Id, x.Slug, x.Slug)));
        return found
            .OrderBy(x => x.Kind).ThenBy(x => x.Name, StringComparer.InvariantCulture)
            .Select(x => new WeakEvidenceRecord(new RecordRef(Labels.RecordType(x.Kind), x.Slug, x.Name, null), weak[(x.Kind, x.Id)]))
            .ToList();
    }

    /// <summary>
    /// <see cref="IsWeakAsync(RecordKind, long, CancellationToken)"/> for a record found by its slug among
    /// those the reader may see (actors and products; false for any other kind or an unknown slug).
    /// </summary>
    /// <remarks>Kept per data version and kind of reader (<see cref="ReadResults"/>): every actor and product page asks.</remarks>
    public async Task<bool> IsWeakAsync(RecordKind kind, string slug, CancellationToken ct = default) =>
        (await ReadResults.GetOrComputeAsync(db, $"weak-evidence\n{kind}\n{slug}",
            async () => await ComputeIsWeakAsync(kind, slug, ct) ? s_weak : s_notWeak, ReadResultSize.Small))!.Value;

    // ReadResults keeps objects: the two answers, boxed once.
    private static readonly StrongBox<bool> s_weak = new(true);

    private static readonly StrongBox<bool> s_notWeak = new(false);

    private async Task<bool> ComputeIsWeakAsync(RecordKind kind, string slug, CancellationToken ct)
    {
        var id = kind switch
        {
            RecordKind.Actor => await db.Actors.Where(a => a.Slug == slug).Select(a => (long?)a.Id).SingleOrDefaultAsync(ct),
            RecordKind.Product => await db.Products.Where(p => p.Slug == slug).Select(p => (long?)p.Id).SingleOrDefaultAsync(ct),
            _ => null,
        };
        return id is { } found && await IsWeakAsync(kind, found, ct);
    }

    /// <summary>True when the record has visible citations and every one rests on weak evidence.</summary>
    public async Task<bool> IsWeakAsync(RecordKind kind, long id, CancellationToken ct = default)
    {
        var sources = await db.Citations.Where(Citation.OfSubjects(kind, [id]))
            .Select(c => c.Source!.Evidence == EvidenceKind.Tertiary || c.Source.Url == null || c.Source.Url == "").ToListAsync(ct);
        return sources.Count > 0 && sources.All(w => w);
    }
}
