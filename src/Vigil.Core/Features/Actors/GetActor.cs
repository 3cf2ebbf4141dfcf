using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Actors;

/// <summary>An actor in full, as the reader may see it.</summary>
/// <remarks>
/// Built only from the filtered sets: edges whose other end is hidden, and citations of hidden sources,
/// are absent, not redacted. Authors are the names on the actor's revisions.
/// </remarks>
public sealed record ActorDetail(
    long Id, string Slug, string Name, ActorKind Kind, string? Country, string? CountryName, bool IsDependentTerritory,
    string? StartDate, string? EndDate, string? Description, string Marking, ReviewStatus Status, int Version,
    DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy, IReadOnlyList<string> Authors,
    IReadOnlyList<AliasView> Aliases, IReadOnlyList<IdentifierView> Identifiers,
    IReadOnlyList<EdgeView> RelationshipsOut, IReadOnlyList<EdgeView> RelationshipsIn, IReadOnlyList<CitationView> Citations);

public sealed record AliasView(string Name, string? Script, string? Language);

public sealed record IdentifierView(string Scheme, string Value);

/// <summary>An edge seen from one of its ends: the type, the other end, and the edge's own citations.</summary>
public sealed record EdgeView(
    long Id, string Slug, RelationshipType Type, RecordRef Other, string? Role, decimal? SharePercent,
    string? StartDate, string? EndDate, Confidence Confidence, ReviewStatus Status, IReadOnlyList<CitationView> Citations);

/// <summary>Gets one actor by id or slug; null when there is none the reader may see.</summary>
public sealed class GetActorHandler(VigilDb db)
{
    public async Task<ActorDetail?> HandleAsync(string idOrSlug, CancellationToken ct = default)
    {
        var a = await db.Actors.ByIdOrSlug(idOrSlug)
            .Select(a => new
            {
                a.Id, a.Slug, a.Name, a.ActorKind, a.Country, a.IsDependentTerritory, a.StartDate, a.EndDate, a.Description,
                a.Marking, a.Status, a.Version, a.CreatedAt, a.CreatedBy, a.UpdatedAt, a.UpdatedBy,
            })
            .AsNoTracking().FirstOrDefaultAsync(ct);
        if (a is null)
        {
            return null;
        }
        var aliases = await db.ActorAliases.Where(x => x.ActorId == a.Id).OrderBy(x => x.Id)
            .Select(x => new AliasView(x.Name, x.Script, x.Language)).ToListAsync(ct);
        var identifiers = await db.ActorIdentifiers.Where(x => x.ActorId == a.Id).OrderBy(x => x.Scheme).ThenBy(x => x.Value)
            .Select(x => new IdentifierView(x.Scheme, x.Value)).ToListAsync(ct);

        var outgoing = await db.Relationships.Where(r => r.FromActorId == a.Id)
            .OrderBy(r => r.Type).ThenBy(r => r.StartDate).ThenBy(r => r.Id)
            .Select(r => new EdgeRow(r.Id, r.Slug, r.Type, r.ToProductId != null, r.ToActor != null ? r.ToActor.Slug : r.ToProduct!.Slug,
                r.ToActor != null ? r.ToActor.Name : r.ToProduct!.Name, r.ToActor != null ? r.ToActor.ActorKind : null,
                r.Role, r.SharePercent, r.StartDate, r.EndDate, r.Confidence, r.Status))
            .ToListAsync(ct);
        var incoming = await db.Relationships.Where(r => r.ToActorId == a.Id)
            .OrderBy(r => r.Type).ThenBy(r => r.StartDate).ThenBy(r => r.Id)
            .Select(r => new EdgeRow(r.Id, r.Slug, r.Type, false, r.FromActor!.Slug, r.FromActor.Name, r.FromActor.ActorKind,
                r.Role, r.SharePercent, r.StartDate, r.EndDate, r.Confidence, r.Status))
            .ToListAsync(ct);
        var edgeCitations = await Evidence.OfRelationshipsAsync(db, outgoing.Concat(incoming).Select(e => e.Id).ToList(), ct);
        var citations = await db.Citations.Where(c => c.ActorId == a.Id).View().ToListAsync(ct);

        return new ActorDetail(
            a.Id, a.Slug, a.Name, a.ActorKind, a.Country, a.Country is null ? null : Model.Countries.NameOf(a.Country), a.IsDependentTerritory,
            a.StartDate, a.EndDate, a.Description, a.Marking.ToLabel(), a.Status, a.Version,
            a.CreatedAt, a.CreatedBy, a.UpdatedAt, a.UpdatedBy, await Evidence.AuthorsAsync(db, RecordKind.Actor, a.Id, ct),
            aliases, identifiers,
            outgoing.Select(e => e.ToView(edgeCitations)).ToList(), incoming.Select(e => e.ToView(edgeCitations)).ToList(), citations);
    }

    private sealed record EdgeRow(
        long Id, string Slug, RelationshipType Type, bool OtherIsProduct, string OtherSlug, string OtherName, ActorKind? OtherKind,
        string? Role, decimal? SharePercent, string? StartDate, string? EndDate, Confidence Confidence, ReviewStatus Status)
    {
        public EdgeView ToView(ILookup<long, CitationView> citations) => new(
            Id, Slug, Type,
            new RecordRef(OtherIsProduct ? "product" : "actor", OtherSlug, OtherName, OtherKind is { } k ? Labels.Kebab(k) : null),
            Role, SharePercent, StartDate, EndDate, Confidence, Status, citations[Id].ToList());
    }
}
