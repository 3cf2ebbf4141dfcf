using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;
using Vigil.Search;

namespace Vigil.Features.Sources;

/// <summary>Filters of the source list; all optional.</summary>
public sealed record ListSourcesQuery(string? Q = null, string? Status = null, int? Page = null, int? PageSize = null);

/// <summary>A source in a list.</summary>
public sealed record SourceSummary(
    long Id, string Slug, string Title, string? Publisher, string? Url, SourceKind Kind, string? PublishedDate, string Reliability,
    ReviewStatus Status, string Marking, int Version);

/// <summary>Lists the sources the reader may see, in title order (or by relevance with <c>q</c>).</summary>
public sealed class ListSourcesHandler(VigilDb db)
{
    public async Task<ListResult<SourceSummary>> HandleAsync(ListSourcesQuery query, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var (page, pageSize) = Paging.Normalise(query.Page, query.PageSize, errors);
        var status = errors.StatusFilter(query.Status);
        if (!errors.IsEmpty)
        {
            return ListResult<SourceSummary>.Invalid(errors);
        }
        var sources = db.Sources.AsQueryable();
        if (status is not null)
        {
            sources = sources.Where(s => s.Status == status);
        }
        var ordered = string.IsNullOrWhiteSpace(query.Q)
            ? sources.OrderBy(s => s.Title).ThenBy(s => s.Id)
            : from s in sources
              join h in FullText.Match(db, RecordKind.Source, query.Q) on s.Id equals h.RecordId
              orderby h.Rank, s.Title, s.Id
              select s;
        var rows = ordered.Select(s => new SourceSummary(s.Id, s.Slug, s.Title, s.Publisher, s.Url, s.SourceKind, s.PublishedDate,
            s.Reliability.ToString(), s.Status, s.Marking.ToLabel(), s.Version));
        return new ListResult<SourceSummary>(await rows.ToPageAsync(db, page, pageSize, ct));
    }
}
