using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Common;
using Vigil.Features.Products;
using Vigil.Features.Search;
using Vigil.Web.Pages.Work;

namespace Vigil.Web.Pages.Products;

/// <summary>What the new-product form sends: the product, its other names and capabilities one per line, and its evidence.</summary>
public sealed class ProductForm
{
    public string? Name { get; set; }

    public string? Kind { get; set; } = "spyware";

    public string? Aliases { get; set; }

    public string? Capabilities { get; set; }

    public string? Description { get; set; }

    public string? Marking { get; set; } = "CLEAR";

    /// <summary>Evidence first: the source, the passage and its credibility.</summary>
    public EvidenceForm Evidence { get; set; } = new() { Credibility = 2 };

    public ProductInput ToInput() => new(
        Name: Name, Kind: Kind, Description: Description, Aliases: ProductInputs.Lines(Aliases), Capabilities: ProductInputs.Lines(Capabilities),
        Marking: Marking, Status: "draft",
        Evidence: Evidence.ToEvidence());
}

/// <summary>
/// Records a product (a spyware suite, an interception or forensic tool), evidence first (editors only;
/// a visitor is asked to sign in, a reader gets 404). Who develops and operates it is added from its page.
/// </summary>
public sealed class NewModel(CreateProductHandler create, LookupHandler lookup, IReaderAccessor readers) : PageModel
{
    [BindProperty]
    public ProductForm Form { get; set; } = new();

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public Picker Source { get; private set; } = null!;

    /// <summary>The evidence fieldset, as _EvidenceFieldset renders it.</summary>
    public EvidenceFields EvidenceFields => new(Source, Form.Evidence, Errors);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        Source = await SourcePickerAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        var result = await create.HandleAsync(Form.ToInput(), ct);
        if (result.Status == WriteStatus.Created)
        {
            return Redirect($"/products/{Uri.EscapeDataString(result.Value!.Slug)}");
        }
        if (result.Status == WriteStatus.Forbidden)
        {
            return NotFound();
        }
        Errors = result.Errors;
        Source = await SourcePickerAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public string? Error(string field) => Errors is { } e && e.TryGetValue(field, out var m) ? string.Join(" ", m) : null;

    private Task<Picker> SourcePickerAsync(CancellationToken ct) =>
        Form.Evidence.PickerAsync(lookup, Errors, false, ct);
}
