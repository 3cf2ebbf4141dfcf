using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;

namespace Vigil.Features.Products;

/// <summary>Replaces a product's fields; lists left out of the input are kept. Needs the version the client read.</summary>
public sealed class UpdateProductHandler(VigilDb db, GetProductHandler get)
{
    public Task<WriteResult<ProductDetail>> HandleAsync(string idOrSlug, ProductInput input, CancellationToken ct = default) =>
        RecordWrites.UpdateAsync(db, db.Products.Include(p => p.Aliases), idOrSlug, input.Version, input with { Evidence = null }, input.Slug,
            (product, errors) => { ProductInputs.Apply(input with { Evidence = null }, product, db, errors); return Task.CompletedTask; },
            id => db.Citations.AnyAsync(c => c.ProductId == id, ct),
            key => get.HandleAsync(key, ct), ct);
}
