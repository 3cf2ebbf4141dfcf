using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Gaps;
using Vigil.Model;

namespace Vigil.Web.Pages.Gaps;

/// <summary>One state's coordination gaps across every vendor: a row per vendor (cells by measure type) and the ranked gaps.</summary>
public sealed class StateModel(GetGapMatrixHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string State { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public int? Hops { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; }

    [BindProperty(Name = "type", SupportsGet = true)]
    public string[]? Types { get; set; }

    public JurisdictionGaps? View { get; private set; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Group ??= IndexModel.DefaultGroup;
        var (request, errors) = GapRequest.Parse(State, Hops, Group, Types);
        if (request is null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        View = await handler.ForStateAsync(State, request.Hops, request.Types, request.Group, ct);
        return View is null ? NotFound() : Page();
    }

    public bool TypeChosen(MeasureType t) => Types is { Length: > 0 } && Types.Contains(t.ToLabel());

    /// <summary>The vendor's own gap view, with the same hops, group and types.</summary>
    public string VendorLink(string vendor) => "/gaps/" + vendor + QueryString.Create(
        new List<KeyValuePair<string, string?>>
        {
            new("hops", Hops?.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("group", Group),
        }.Concat((Types ?? []).Select(t => new KeyValuePair<string, string?>("type", t))).Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent()
        + "#gaps-" + State;
}
