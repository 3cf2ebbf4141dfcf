using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;
using Vigil.Search;

namespace Vigil.Features.Products;

/// <summary>Filters of the product list; all optional.</summary>
public sealed record ListProductsQuery(string? Q = null, string? Status = null, int? Page = null, int? PageSize = null);

/// <summary>A product in a list.</summary>
public sealed record ProductSummary(long Id, string Slug, string Name, ProductKind Kind, ReviewStatus Status, string Marking, int Version);

/// <summary>Lists the products the reader may see, in name order (or by relevance with <c>q</c>).</summary>
public sealed class ListProductsHandler(VigilDb db)
{
    public async Task<ListResult<ProductSummary>> HandleAsync(ListProductsQuery query, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var (page, pageSize) = Paging.Normalise(query.Page, query.PageSize, errors);
        var status = errors.StatusFilter(query.Status);
        if (!errors.IsEmpty)
        {
            return ListResult<ProductSummary>.Invalid(errors);
        }
        var products = db.Products.AsQueryable();
        if (status is not null)
        {
            products = products.Where(p => p.Status == status);
        }
        var ordered = string.IsNullOrWhiteSpace(query.Q)
            ? products.OrderBy(p => p.Name).ThenBy(p => p.Id)
            : from p in products
              join h in FullText.Match(db, RecordKind.Product, query.Q) on p.Id equals h.RecordId
              orderby h.Rank, p.Name, p.Id
              select p;
        var rows = ordered.Select(p => new ProductSummary(p.Id, p.Slug, p.Name, p.ProductKind, p.Status, p.Marking.ToLabel(), p.Version));
        return new ListResult<ProductSummary>(await rows.ToPageAsync(db, page, pageSize, ct));
    }
}
