using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Browse;

namespace Vigil.Web.Pages.Products;

public sealed class ShowModel(GetProductHandler handler) : PageModel
{
    public ProductPage Product { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var product = await handler.HandleAsync(new GetProductRequest(slug), ct);
        if (product is null)
        {
            return NotFound();
        }
        Product = product;
        return Page();
    }
}
