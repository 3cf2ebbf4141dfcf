using Vigil.Data;
using Vigil.Features.Citations;
using Vigil.Features.Common;
using Vigil.Features.Search;
using Vigil.Model;

namespace Vigil.Features.Products;

/// <summary>
/// A product as a client writes it (create and update). <c>Evidence</c> (create only) becomes its first
/// citation; <c>Version</c> is required on update only.
/// </summary>
public sealed record ProductInput(
    string? Name = null, string? Kind = null, string? Slug = null, string? Description = null,
    IReadOnlyList<string>? Aliases = null, IReadOnlyList<string>? Capabilities = null,
    string? Marking = null, string? Status = null, int? Version = null, ClaimEvidence? Evidence = null);

/// <summary>Validation of <see cref="ProductInput"/>, shared by create and update.</summary>
public static class ProductInputs
{
    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static void Apply(ProductInput input, Product product, VigilDb db, ValidationErrors errors)
    {
        product.Name = errors.Required("name", input.Name);
        if (!string.IsNullOrWhiteSpace(input.Kind))
        {
            var kind = Enum.GetValues<ProductKind>().Where(k => string.Equals(Labels.Kebab(k), input.Kind.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (kind.Count == 0)
            {
                errors.Add("kind", $"'{input.Kind}' is not a product kind: spyware, forensic, interception, exploit or other.");
            }
            else
            {
                product.ProductKind = kind[0];
            }
        }
        product.Description = errors.Optional("description", input.Description, 20_000);
        if (input.Capabilities is not null)
        {
            var lines = input.Capabilities.Select((c, i) => errors.Required($"capabilities[{i}]", c, 300)).ToList();
            product.Capabilities = lines.Count == 0 ? null : string.Join('\n', lines);
        }
        product.Marking = RecordWrites.Marking(input.Marking, product, db.Reader, errors);
        product.Status = errors.Status(input.Status, product.Id == 0 ? ReviewStatus.Draft : product.Status);
        if (input.Aliases is not null)
        {
            var names = input.Aliases.Select((a, i) => errors.Required($"aliases[{i}]", a, 200)).Distinct(StringComparer.Ordinal).ToList();
            product.Aliases.RemoveAll(a => !names.Contains(a.Name));
            product.Aliases.AddRange(names.Where(n => !product.Aliases.Any(a => a.Name == n)).Select(n => new ProductAlias { Name = n }));
        }
    }
}

/// <summary>Creates a product: a draft marked CLEAR unless the input says otherwise; evidence first, its first citation with it.</summary>
public sealed class CreateProductHandler(VigilDb db, LookupHandler lookup, GetProductHandler get)
{
    public Task<WriteResult<ProductDetail>> HandleAsync(ProductInput input, CancellationToken ct = default)
    {
        var product = new Product();
        return RecordWrites.CreateAsync(db, product, input.Slug,
            async errors =>
            {
                ProductInputs.Apply(input, product, db, errors);
                await ClaimEvidences.AddAsync(input.Evidence, product, db, lookup, errors, ct);
            },
            publishingNeedsCitation: true, slug => get.HandleAsync(slug, ct), ct);
    }
}
