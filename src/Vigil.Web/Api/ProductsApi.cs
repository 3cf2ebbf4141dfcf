using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Products;
using Vigil.Features.Common;
using Vigil.Features.Review;
using Vigil.Model;

namespace Vigil.Web.Api;

/// <summary>/api/v1/products: spyware, exploit, interception and forensic products.</summary>
public static class ProductsApi
{
    public static RouteGroupBuilder MapProductsApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/products").WithTags("Products");

        group.MapGet("/", async Task<Results<Ok<PagedList<ProductSummary>>, ValidationProblem>> (
                string? q, string? status, int? page, int? pageSize,
                ListProductsHandler handler, CancellationToken ct) =>
                ApiResults.List(await handler.HandleAsync(new ListProductsQuery(q, status, page, pageSize), ct)))
            .WithName("ListProducts").WithSummary("Lists products, filtered by status or full text (q).");

        group.MapGet("/{idOrSlug}", async Task<Results<Ok<ProductDetail>, ProblemHttpResult>> (
                string idOrSlug, GetProductHandler handler, GetTombstoneHandler tombstones, CancellationToken ct) =>
                await ApiResults.GetOrGoneAsync(await handler.HandleAsync(idOrSlug, ct), () => tombstones.HandleAsync(RecordKind.Product, idOrSlug, ct), "product", idOrSlug))
            .WithName("GetProduct").WithSummary("Gets a product by id or slug, with its developers, operators and citations.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);

        group.MapPost("/", async Task<Results<Created<ProductDetail>, ValidationProblem, ProblemHttpResult>> (
                ProductInput input, CreateProductHandler handler, CancellationToken ct) =>
                ApiResults.Created(await handler.HandleAsync(input, ct), a => $"/api/v1/products/{a.Slug}"))
            .WithName("CreateProduct").WithSummary("Creates a product (a draft unless a status is given).")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPut("/{idOrSlug}", async Task<Results<Ok<ProductDetail>, Accepted<ProductDetail>, ValidationProblem, ProblemHttpResult>> (
                string idOrSlug, ProductInput input, UpdateProductHandler handler, CancellationToken ct) =>
                ApiResults.Updated(await handler.HandleAsync(idOrSlug, input, ct), "product", idOrSlug))
            .WithName("UpdateProduct").WithSummary("Updates a product; send the version you read (409 with both versions when it is stale). A published product is not changed: the change waits for a reviewer (202).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }
}
