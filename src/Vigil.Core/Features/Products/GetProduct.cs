using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Products;

/// <summary>A product in full: aliases, capabilities, who develops and operates it (visible edges only), citations.</summary>
public sealed record ProductDetail(
    long Id, string Slug, string Name, ProductKind Kind, string? Description, IReadOnlyList<string> Aliases, IReadOnlyList<string> Capabilities,
    string Marking, ReviewStatus Status, int Version, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy,
    IReadOnlyList<string> Authors, IReadOnlyList<ProductActorView> Developers, IReadOnlyList<ProductActorView> Operators,
    IReadOnlyList<CitationView> Citations);

/// <summary>An actor that develops or operates a product, through one cited edge.</summary>
public sealed record ProductActorView(
    long RelationshipId, string RelationshipSlug, RecordRef Actor, string? StartDate, string? EndDate, Confidence Confidence,
    ReviewStatus Status, IReadOnlyList<CitationView> Citations);

/// <summary>Gets one product by id or slug; null when there is none the reader may see.</summary>
public sealed class GetProductHandler(VigilDb db)
{
    public async Task<ProductDetail?> HandleAsync(string idOrSlug, CancellationToken ct = default)
    {
        var p = await db.Products.ByIdOrSlug(idOrSlug)
            .Select(p => new { p.Id, p.Slug, p.Name, p.ProductKind, p.Description, p.Capabilities, p.Marking, p.Status, p.Version, p.CreatedAt, p.CreatedBy, p.UpdatedAt, p.UpdatedBy })
            .FirstOrDefaultAsync(ct);
        if (p is null)
        {
            return null;
        }
        var aliases = await db.ProductAliases.Where(a => a.ProductId == p.Id).OrderBy(a => a.Id).Select(a => a.Name).ToListAsync(ct);
        var edges = await db.Relationships.Where(r => r.ToProductId == p.Id)
            .OrderBy(r => r.FromActor!.Name).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.Slug, r.Type, ActorSlug = r.FromActor!.Slug, ActorName = r.FromActor.Name, r.FromActor.ActorKind, r.StartDate, r.EndDate, r.Confidence, r.Status })
            .ToListAsync(ct);
        var edgeCitations = await Evidence.OfRelationshipsAsync(db, edges.Select(e => e.Id).ToList(), ct);
        var views = edges.Select(e => (e.Type, View: new ProductActorView(e.Id, e.Slug, new RecordRef("actor", e.ActorSlug, e.ActorName, Labels.Kebab(e.ActorKind)),
            e.StartDate, e.EndDate, e.Confidence, e.Status, edgeCitations[e.Id].ToList()))).ToList();
        var citations = await db.Citations.Where(c => c.ProductId == p.Id).View().ToListAsync(ct);
        return new ProductDetail(
            p.Id, p.Slug, p.Name, p.ProductKind, p.Description, aliases, ProductInputs.Lines(p.Capabilities),
            p.Marking.ToLabel(), p.Status, p.Version, p.CreatedAt, p.CreatedBy, p.UpdatedAt, p.UpdatedBy,
            await Evidence.AuthorsAsync(db, RecordKind.Product, p.Id, ct),
            views.Where(v => v.Type == RelationshipType.Develops).Select(v => v.View).ToList(),
            views.Where(v => v.Type == RelationshipType.Operates).Select(v => v.View).ToList(),
            citations);
    }
}
