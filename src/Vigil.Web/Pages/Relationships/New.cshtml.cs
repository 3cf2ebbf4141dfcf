using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Common;
using Vigil.Features.Relationships;
using Vigil.Features.Search;
using Vigil.Model;
using Vigil.Web.Pages.Work;

namespace Vigil.Web.Pages.Relationships;

/// <summary>What the new-relationship form sends: both ends by name, the kind of tie, and the evidence it rests on.</summary>
public sealed class RelationshipForm
{
    public string? From { get; set; }

    public string? Type { get; set; } = "supplies";

    public string? To { get; set; }

    public string? Role { get; set; }

    public decimal? SharePercent { get; set; }

    public string? StartDate { get; set; }

    public string? EndDate { get; set; }

    public string? Confidence { get; set; } = "moderate";

    public string? Description { get; set; }

    public string? Marking { get; set; } = "CLEAR";

    /// <summary>Evidence first: the source, the passage and its credibility.</summary>
    public EvidenceForm Evidence { get; set; } = new() { Credibility = 2 };

    public RelationshipInput ToInput() => new(
        Type: Type, From: From, To: To, Role: Role, SharePercent: SharePercent, StartDate: StartDate, EndDate: EndDate,
        Confidence: Confidence, Description: Description, Marking: Marking, Status: "draft",
        Evidence: Evidence.ToEvidence());
}

/// <summary>
/// "Add a relationship" from an actor's page (editors only; others are asked to sign in, or get 404):
/// who supplies, owns, funds or runs whom, picked by name, evidence first. The edge is saved as a draft
/// with its citation, ready to be submitted for review on its own or in a change set.
/// </summary>
public sealed class NewModel(CreateRelationshipHandler create, LookupHandler lookup, IReaderAccessor readers) : PageModel
{
    [BindProperty]
    public RelationshipForm Form { get; set; } = new();

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public Picker From { get; private set; } = null!;

    public Picker To { get; private set; } = null!;

    public Picker Source { get; private set; } = null!;

    /// <summary>The evidence fieldset, as _EvidenceFieldset renders it.</summary>
    public EvidenceFields EvidenceFields => new(Source, Form.Evidence, Errors);

    public async Task<IActionResult> OnGetAsync(string? from, string? type, string? to, CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        // Opened from a record's page: that record is an end, shown by its name ("Add a developer" on a
        // product's page opens "develops", to the product).
        if (RelationshipTypes.TryParse(type ?? "", out var tie))
        {
            Form.Type = tie.ToLabel();
        }
        if (!string.IsNullOrWhiteSpace(from) && (await lookup.ResolveAsync("actor", from, ct)).Match is { } actor)
        {
            Form.From = actor.Name;
        }
        if (!string.IsNullOrWhiteSpace(to) && (await lookup.ResolveAsync(tie.TargetsProduct() ? "product" : "actor", to, ct)).Match is { } other)
        {
            Form.To = other.Name;
        }
        await PickersAsync(ct);
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
            var edge = result.Value!;
            TempData["Message"] = $"The relationship “{edge.From.Name} {edge.Type.ToLabel().Replace('-', ' ')} {edge.To.Name}” is saved as a draft. Submit it for review with the records it belongs with.";
            // Back to the record the form was opened from: a product for develops and operates.
            return Redirect(edge.Type.TargetsProduct()
                ? $"/products/{Uri.EscapeDataString(edge.To.Slug)}#relationships"
                : $"/actors/{Uri.EscapeDataString(edge.From.Slug)}#relationships");
        }
        if (result.Status == WriteStatus.Forbidden)
        {
            return NotFound();
        }
        Errors = result.Errors;
        await PickersAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public string? Error(string field) => Errors is { } e && e.TryGetValue(field, out var m) ? string.Join(" ", m) : null;

    private async Task PickersAsync(CancellationToken ct)
    {
        From = await Pickers.ForAsync(lookup, Errors, "from", "Form.From", "from", "From (an actor)", "actor", Form.From, true, ct);
        To = await Pickers.ForAsync(lookup, Errors, "to", "Form.To", "to", "To (an actor, or a product for develops and operates)", "actor,product", Form.To, true, ct);
        Source = await Form.Evidence.PickerAsync(lookup, Errors, false, ct);
    }
}
