using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Browse;

public sealed record GetProductRequest(string Slug);

public sealed record ProductPage(
    string Slug, string Name, ProductKind ProductKind, string? Description, IReadOnlyList<string> Capabilities,
    Marking Marking, ReviewStatus Status, DateTime UpdatedAt, string UpdatedBy,
    IReadOnlyList<string> Aliases, IReadOnlyList<RelationshipGroup> Incoming, IReadOnlyList<CitationView> Citations);

/// <summary>A product's page: aliases, capabilities, who develops and operates it, citations. Null when not visible.</summary>
public sealed class GetProductHandler(VigilDb db)
{
    /// <summary>
    /// The page's data is the same for every reader of one kind until the next save, so it is kept (<see cref="ReadResults"/>):
    /// a signed-in reader's page is then rendered around kept data, with their name and form tokens, as the public's.
    /// </summary>
    public Task<ProductPage?> HandleAsync(GetProductRequest request, CancellationToken ct = default) =>
        ReadResults.GetOrComputeAsync(db, "product-page\n" + request.Slug, () => LoadAsync(request, ct), ReadResultSize.Small);

    private async Task<ProductPage?> LoadAsync(GetProductRequest request, CancellationToken ct)
    {
        var product = await db.Products.Where(p => p.Slug == request.Slug)
            .Select(p => new { p.Id, p.Slug, p.Name, p.ProductKind, p.Description, p.Capabilities, p.Marking, p.Status, p.UpdatedAt, p.UpdatedBy })
            .SingleOrDefaultAsync(ct);
        if (product is null)
        {
            return null;
        }
        var aliases = await db.ProductAliases.Where(x => x.ProductId == product.Id).OrderBy(x => x.Name).Select(x => x.Name).ToListAsync(ct);
        var incoming = await db.Relationships.Where(r => r.ToProductId == product.Id)
            .Select(r => new RelationshipView(r.Id, r.Type, new RecordLink("actor", r.FromActor!.Slug, r.FromActor.Name),
                r.Role, r.SharePercent, r.StartDate, r.EndDate, r.Confidence, r.Description, r.Marking, r.Status) { Slug = r.Slug })
            .ToListAsync(ct);
        await Browse.Citations.AttachAsync(db, incoming, ct);
        var citations = await db.Citations.Where(c => c.ProductId == product.Id).OrderBy(c => c.Source!.Title)
            .Select(c => new CitationView(c.Source!.Slug, Source.DisplayTitle(c.Source.Title, c.Source.TitleVerified, c.Source.Publisher, c.Source.Url), c.Source.Reliability, c.Locator, c.Quote, c.Credibility))
            .ToListAsync(ct);
        var capabilities = (product.Capabilities ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ProductPage(product.Slug, product.Name, product.ProductKind, product.Description, capabilities,
            product.Marking, product.Status, product.UpdatedAt, product.UpdatedBy, aliases,
            Display.Group(incoming, Display.Incoming), citations);
    }
}
