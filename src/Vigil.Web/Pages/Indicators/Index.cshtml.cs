using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Import;
using Vigil.Features.Indicators;

namespace Vigil.Web.Pages.Indicators;

/// <summary>
/// "Which product is this domain or hash?": the indicators imported from labs' STIX bundles, found by
/// value or by product, under the access rule; editors upload a bundle here (it lands as drafts).
/// </summary>
public sealed class IndexModel(IReaderAccessor readers, FindIndicatorsHandler find, ImportStixHandler import) : PageModel
{
    public Reader Reader => readers.Current;

    [BindProperty(SupportsGet = true)]
    public string? Value { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Product { get; set; }

    public IReadOnlyList<IndicatorView> Found { get; private set; } = [];

    public int Total { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public StixImportSummary? Imported { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Value) && string.IsNullOrWhiteSpace(Product))
        {
            return;
        }
        var result = await find.HandleAsync(new FindIndicatorsQuery(Value, Product), ct);
        if (result.Page is { } page)
        {
            Found = page.Items;
            Total = page.Total;
        }
        else
        {
            Errors = [.. result.Errors!.SelectMany(e => e.Value)];
        }
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? bundle, CancellationToken ct)
    {
        if (!Reader.CanEdit)
        {
            return Forbid();
        }
        if (bundle is null || bundle.Length == 0)
        {
            Errors = ["Choose a STIX 2.1 bundle (.json or .stix2) to import."];
            return Page();
        }
        if (bundle.Length > Api.StixApi.MaxBundleBytes)
        {
            Errors = [$"A bundle of at most {Api.StixApi.MaxBundleBytes / 1024 / 1024} MB."];
            return Page();
        }
        using var buffer = new MemoryStream();
        await bundle.CopyToAsync(buffer, ct);
        try
        {
            Imported = await import.HandleAsync(buffer.ToArray(), Path.GetFileName(bundle.FileName), ct);
        }
        catch (ImportRejectedException e)
        {
            Errors = [$"The bundle was refused; nothing was written ({e.Errors.Count} error(s)).", .. e.Errors.Take(50).Select(x => x.ToString())];
        }
        return Page();
    }
}
