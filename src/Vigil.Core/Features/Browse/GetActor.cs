using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Browse;

public sealed record GetActorRequest(string Slug);

public sealed record AliasView(string Name, string? Script, string? Language);

public sealed record IdentifierView(string Scheme, string Value)
{
    public string? Url => Display.IdentifierUrl(Scheme, Value);
}

public sealed record ActorPage(
    string Slug, string Name, ActorKind ActorKind, string? Country, string? Description, string? StartDate, string? EndDate,
    Marking Marking, ReviewStatus Status, DateTime UpdatedAt, string UpdatedBy,
    IReadOnlyList<AliasView> Aliases, IReadOnlyList<IdentifierView> Identifiers,
    IReadOnlyList<RelationshipGroup> Outgoing, IReadOnlyList<RelationshipGroup> Incoming,
    IReadOnlyList<CitationView> Citations)
{
    public string CountryName => Model.Countries.NameOf(Country);
}

/// <summary>An actor's page: names, identifiers, edges both ways with their evidence, and its own citations. Null when not visible.</summary>
public sealed class GetActorHandler(VigilDb db)
{
    /// <summary>
    /// The page's data is the same for every reader of one kind until the next save, so it is kept (<see cref="ReadResults"/>):
    /// a signed-in reader's page is then rendered around kept data, with their name and form tokens, as the public's.
    /// </summary>
    public Task<ActorPage?> HandleAsync(GetActorRequest request, CancellationToken ct = default) =>
        ReadResults.GetOrComputeAsync(db, "actor-page\n" + request.Slug, () => LoadAsync(request, ct), ReadResultSize.Small);

    private async Task<ActorPage?> LoadAsync(GetActorRequest request, CancellationToken ct)
    {
        var actor = await db.Actors.Where(a => a.Slug == request.Slug)
            .Select(a => new { a.Id, a.Slug, a.Name, a.ActorKind, a.Country, a.Description, a.StartDate, a.EndDate, a.Marking, a.Status, a.UpdatedAt, a.UpdatedBy })
            .SingleOrDefaultAsync(ct);
        if (actor is null)
        {
            return null;
        }
        var aliases = await db.ActorAliases.Where(x => x.ActorId == actor.Id).OrderBy(x => x.Name)
            .Select(x => new AliasView(x.Name, x.Script, x.Language)).ToListAsync(ct);
        var identifiers = await db.ActorIdentifiers.Where(x => x.ActorId == actor.Id).OrderBy(x => x.Scheme).ThenBy(x => x.Value)
            .Select(x => new IdentifierView(x.Scheme, x.Value)).ToListAsync(ct);
        var outgoing = await db.Relationships.Where(r => r.FromActorId == actor.Id)
            .Select(r => new RelationshipView(r.Id, r.Type,
                r.ToActorId != null ? new RecordLink("actor", r.ToActor!.Slug, r.ToActor.Name) : new RecordLink("product", r.ToProduct!.Slug, r.ToProduct.Name),
                r.Role, r.SharePercent, r.StartDate, r.EndDate, r.Confidence, r.Description, r.Marking, r.Status) { Slug = r.Slug })
            .ToListAsync(ct);
        var incoming = await db.Relationships.Where(r => r.ToActorId == actor.Id)
            .Select(r => new RelationshipView(r.Id, r.Type, new RecordLink("actor", r.FromActor!.Slug, r.FromActor.Name),
                r.Role, r.SharePercent, r.StartDate, r.EndDate, r.Confidence, r.Description, r.Marking, r.Status) { Slug = r.Slug })
            .ToListAsync(ct);
        await Browse.Citations.AttachAsync(db, [.. outgoing, .. incoming], ct);
        var citations = await db.Citations.Where(c => c.ActorId == actor.Id).OrderBy(c => c.Source!.Title)
            .Select(c => new CitationView(c.Source!.Slug, Source.DisplayTitle(c.Source.Title, c.Source.TitleVerified, c.Source.Publisher, c.Source.Url), c.Source.Reliability, c.Locator, c.Quote, c.Credibility))
            .ToListAsync(ct);
        return new ActorPage(actor.Slug, actor.Name, actor.ActorKind, actor.Country, actor.Description, actor.StartDate, actor.EndDate,
            actor.Marking, actor.Status, actor.UpdatedAt, actor.UpdatedBy, aliases, identifiers,
            Display.Group(outgoing, Display.Outgoing), Display.Group(incoming, Display.Incoming), citations);
    }
}
