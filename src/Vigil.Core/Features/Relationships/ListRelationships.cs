using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Relationships;

/// <summary>Filters of the relationship list: <c>Type</c> ("subsidiary-of"), <c>Actor</c> (a slug at either end), <c>Status</c>.</summary>
public sealed record ListRelationshipsQuery(string? Type = null, string? Actor = null, string? Status = null, int? Page = null, int? PageSize = null);

/// <summary>An edge in a list, with both ends (only edges whose ends are both visible are listed at all).</summary>
public sealed record RelationshipSummary(
    long Id, string Slug, RelationshipType Type, RecordRef From, RecordRef To, string? Role, decimal? SharePercent,
    string? StartDate, string? EndDate, Confidence Confidence, ReviewStatus Status, string Marking, int Version);

/// <summary>Lists the relationships the reader may see, ordered by the source end's name, type and id.</summary>
public sealed class ListRelationshipsHandler(VigilDb db)
{
    public async Task<ListResult<RelationshipSummary>> HandleAsync(ListRelationshipsQuery query, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var (page, pageSize) = Paging.Normalise(query.Page, query.PageSize, errors);
        var status = errors.StatusFilter(query.Status);
        RelationshipType? type = null;
        if (!string.IsNullOrWhiteSpace(query.Type))
        {
            type = RelationshipInputs.ParseType(query.Type, "type", errors);
        }
        if (!errors.IsEmpty)
        {
            return ListResult<RelationshipSummary>.Invalid(errors);
        }
        var edges = db.Relationships.AsQueryable();
        if (type is not null)
        {
            edges = edges.Where(r => r.Type == type);
        }
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim();
            edges = edges.Where(r => r.FromActor!.Slug == actor || (r.ToActor != null && r.ToActor.Slug == actor));
        }
        if (status is not null)
        {
            edges = edges.Where(r => r.Status == status);
        }
        var rows = await RelationshipQueries.Rows(edges.OrderBy(r => r.FromActor!.Name).ThenBy(r => r.Type).ThenBy(r => r.Id)).ToPageAsync(db, page, pageSize, ct);
        return new ListResult<RelationshipSummary>(new PagedList<RelationshipSummary>(rows.Items.Select(r => r.ToSummary()).ToList(), rows.Total, rows.Page, rows.PageSize));
    }
}

/// <summary>Projection of edges shared by the list and the detail.</summary>
internal static class RelationshipQueries
{
    public static IQueryable<RelationshipRow> Rows(IQueryable<Relationship> edges) =>
        edges.Select(r => new RelationshipRow(
            r.Id, r.Slug, r.Type, r.FromActor!.Slug, r.FromActor.Name, r.FromActor.ActorKind,
            r.ToProductId != null, r.ToActor != null ? r.ToActor.Slug : r.ToProduct!.Slug, r.ToActor != null ? r.ToActor.Name : r.ToProduct!.Name,
            r.ToActor != null ? r.ToActor.ActorKind : null, r.Role, r.SharePercent, r.StartDate, r.EndDate, r.Confidence, r.Status, r.Marking, r.Version));
}

internal sealed record RelationshipRow(
    long Id, string Slug, RelationshipType Type, string FromSlug, string FromName, ActorKind FromKind,
    bool ToIsProduct, string ToSlug, string ToName, ActorKind? ToKind, string? Role, decimal? SharePercent,
    string? StartDate, string? EndDate, Confidence Confidence, ReviewStatus Status, Marking Marking, int Version)
{
    public RelationshipSummary ToSummary() => new(
        Id, Slug, Type, new RecordRef("actor", FromSlug, FromName, Labels.Kebab(FromKind)),
        new RecordRef(ToIsProduct ? "product" : "actor", ToSlug, ToName, ToKind is { } k ? Labels.Kebab(k) : null),
        Role, SharePercent, StartDate, EndDate, Confidence, Status, Marking.ToLabel(), Version);
}
