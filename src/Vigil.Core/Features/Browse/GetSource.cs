using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Browse;

public sealed record GetSourceRequest(string Slug);

/// <summary>One claim that rests on the source: the cited record (or edge, as a sentence) and the citation.</summary>
public sealed record CitingClaim(RecordLink? Record, string Text, CitationView Citation);

public sealed record SourcePage(
    string Slug, string Title, string? Publisher, string? Url, SourceKind SourceKind, string? PublishedDate, string? AccessedDate,
    string? ContentHash, char Reliability, Marking Marking, ReviewStatus Status, DateTime UpdatedAt, string UpdatedBy,
    IReadOnlyList<CitingClaim> Actors, IReadOnlyList<CitingClaim> Products, IReadOnlyList<CitingClaim> Relationships)
{
    public string ReliabilityLabel => Display.Reliability(Reliability);

    /// <summary>Whether <see cref="Title"/> is the document's own headline.</summary>
    public bool TitleVerified { get; init; }

    /// <summary>Primary, secondary or tertiary evidence.</summary>
    public EvidenceKind Evidence { get; init; } = EvidenceKind.Secondary;

    /// <summary>The heading a reader sees: the headline, or publisher and address when the title is not verified.</summary>
    public string DisplayTitle => Source.DisplayTitle(Title, TitleVerified, Publisher, Url);
}

/// <summary>A source's page: the document and what cites it, grouped by the kind of claim. Null when not visible.</summary>
public sealed class GetSourceHandler(VigilDb db)
{
    /// <summary>
    /// The page's data is the same for every reader of one kind until the next save, so it is kept (<see cref="ReadResults"/>):
    /// a signed-in reader's page is then rendered around kept data, with their name and form tokens, as the public's.
    /// </summary>
    public Task<SourcePage?> HandleAsync(GetSourceRequest request, CancellationToken ct = default) =>
        ReadResults.GetOrComputeAsync(db, "source-page\n" + request.Slug, () => LoadAsync(request, ct), ReadResultSize.Small);

    private async Task<SourcePage?> LoadAsync(GetSourceRequest request, CancellationToken ct)
    {
        var s = await db.Sources.Where(x => x.Slug == request.Slug)
            .Select(x => new { x.Id, x.Slug, x.Title, x.TitleVerified, x.Evidence, x.Publisher, x.Url, x.SourceKind, x.PublishedDate, x.AccessedDate, x.ContentHash, x.Reliability, x.Marking, x.Status, x.UpdatedAt, x.UpdatedBy })
            .SingleOrDefaultAsync(ct);
        if (s is null)
        {
            return null;
        }
        var rows = await db.Citations.Where(c => c.SourceId == s.Id)
            .Select(c => new
            {
                c.Locator, c.Quote, c.Credibility,
                ActorSlug = c.Actor!.Slug, ActorName = c.Actor.Name,
                ProductSlug = c.Product!.Slug, ProductName = c.Product.Name,
                c.RelationshipId,
                RelType = (RelationshipType?)c.Relationship!.Type,
                FromSlug = c.Relationship.FromActor!.Slug, FromName = c.Relationship.FromActor.Name,
                ToName = c.Relationship.ToActor!.Name ?? c.Relationship.ToProduct!.Name,
                c.ActorId, c.ProductId,
            })
            .ToListAsync(ct);
        CitationView View(string? locator, string? quote, int credibility) => new(s.Slug, Source.DisplayTitle(s.Title, s.TitleVerified, s.Publisher, s.Url), s.Reliability, locator, quote, credibility);
        var actors = rows.Where(r => r.ActorId != null).OrderBy(r => r.ActorName, StringComparer.InvariantCulture)
            .Select(r => new CitingClaim(new RecordLink("actor", r.ActorSlug, r.ActorName), r.ActorName, View(r.Locator, r.Quote, r.Credibility))).ToList();
        var products = rows.Where(r => r.ProductId != null).OrderBy(r => r.ProductName, StringComparer.InvariantCulture)
            .Select(r => new CitingClaim(new RecordLink("product", r.ProductSlug, r.ProductName), r.ProductName, View(r.Locator, r.Quote, r.Credibility))).ToList();
        var edges = rows.Where(r => r.RelationshipId != null && r.RelType != null).OrderBy(r => r.FromName, StringComparer.InvariantCulture)
            .Select(r => new CitingClaim(new RecordLink("actor", r.FromSlug, r.FromName), $"{r.FromName} {Display.Outgoing(r.RelType!.Value)} {r.ToName}", View(r.Locator, r.Quote, r.Credibility))).ToList();
        return new SourcePage(s.Slug, s.Title, s.Publisher, s.Url, s.SourceKind, s.PublishedDate, s.AccessedDate, s.ContentHash, s.Reliability,
            s.Marking, s.Status, s.UpdatedAt, s.UpdatedBy, actors, products, edges) { TitleVerified = s.TitleVerified, Evidence = s.Evidence };
    }
}
