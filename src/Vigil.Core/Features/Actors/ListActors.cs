using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;
using Vigil.Search;

namespace Vigil.Features.Actors;

/// <summary>Filters of the actor list; all optional. <c>Q</c> is full text (names, aliases, description).</summary>
public sealed record ListActorsQuery(string? Kind = null, string? Country = null, string? Status = null, string? Q = null, int? Page = null, int? PageSize = null);

/// <summary>An actor in a list.</summary>
public sealed record ActorSummary(long Id, string Slug, string Name, ActorKind Kind, string? Country, ReviewStatus Status, string Marking, int Version);

/// <summary>Lists the actors the reader may see, filtered, in name order (or by relevance with <c>q</c>).</summary>
public sealed class ListActorsHandler(VigilDb db)
{
    public async Task<ListResult<ActorSummary>> HandleAsync(ListActorsQuery query, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var (page, pageSize) = Paging.Normalise(query.Page, query.PageSize, errors);
        ActorKind? kind = null;
        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            kind = ActorInputs.ParseKind(query.Kind, "kind", errors);
        }
        var country = errors.Country("country", query.Country);
        var status = errors.StatusFilter(query.Status);
        if (!errors.IsEmpty)
        {
            return ListResult<ActorSummary>.Invalid(errors);
        }

        var actors = db.Actors.AsQueryable();
        if (kind is not null)
        {
            actors = actors.Where(a => a.ActorKind == kind);
        }
        if (country is not null)
        {
            actors = actors.Where(a => a.Country == country);
        }
        if (status is not null)
        {
            actors = actors.Where(a => a.Status == status);
        }
        if (string.IsNullOrWhiteSpace(query.Q))
        {
            // In name order a deep page starts at a kept row (ActorNameAnchors) instead of walking the rows before it.
            var (total, items) = await ActorNameAnchors.PageAsync(db, actors, Summaries, (page - 1) * pageSize, pageSize, ct);
            return new ListResult<ActorSummary>(new PagedList<ActorSummary>(items, total, page, pageSize));
        }
        var ranked = from a in actors
                     join h in FullText.Match(db, RecordKind.Actor, query.Q) on a.Id equals h.RecordId
                     orderby h.Rank, a.Name, a.Id
                     select a;
        return new ListResult<ActorSummary>(await Summaries(ranked).ToPageAsync(db, page, pageSize, ct));
    }

    private static IQueryable<ActorSummary> Summaries(IQueryable<Actor> ordered) =>
        ordered.Select(a => new ActorSummary(a.Id, a.Slug, a.Name, a.ActorKind, a.Country, a.Status, a.Marking.ToLabel(), a.Version));
}
