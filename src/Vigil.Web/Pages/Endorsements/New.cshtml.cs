using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Commitments;
using Vigil.Features.Common;
using Vigil.Features.Search;
using Vigil.Web.Pages.Work;

namespace Vigil.Web.Pages.Endorsements;

/// <summary>What the endorsement form sends: who, which framework, when, and the evidence.</summary>
public sealed class EndorsementForm
{
    public string? Actor { get; set; }

    public string? Framework { get; set; }

    public string? Date { get; set; }

    public string? Note { get; set; }

    public string? Marking { get; set; } = "CLEAR";

    /// <summary>Evidence first: the source, the passage and its credibility.</summary>
    public EvidenceForm Evidence { get; set; } = new() { Credibility = 1 };

    public EndorsementInput ToInput() => new(
        Actor: Actor, Framework: Framework, Date: Date, Note: Note, Marking: Marking, Status: "draft",
        Evidence: Evidence.ToEvidence());
}

/// <summary>
/// "Record an endorsement" from a framework's page (editors): a state or company that signed or adopted
/// it, by name, with the date and the evidence. Saved as a draft with its citation in review.
/// </summary>
public sealed class NewModel(RecordEndorsementHandler record, LookupHandler lookup, IReaderAccessor readers) : PageModel
{
    [BindProperty]
    public EndorsementForm Form { get; set; } = new();

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public Picker Actor { get; private set; } = null!;

    public Picker Framework { get; private set; } = null!;

    public Picker Source { get; private set; } = null!;

    /// <summary>The evidence fieldset, as _EvidenceFieldset renders it.</summary>
    public EvidenceFields EvidenceFields => new(Source, Form.Evidence, Errors);

    /// <summary>The framework the form was opened from, named on the page and sent by its slug (its versions share a name).</summary>
    public LookupItem? Opened { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? framework, CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        Form.Framework = framework;
        await PickersAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        var result = await record.HandleAsync(Form.ToInput(), ct);
        if (result.Status == WriteStatus.Created)
        {
            var framework = await lookup.ResolveAsync("framework", Form.Framework ?? "", ct);
            return Redirect(framework.Match is { } f ? $"/commitments/frameworks/{Uri.EscapeDataString(f.Slug)}#endorsements" : "/commitments");
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
        Actor = await Pickers.ForAsync(lookup, Errors, "actor", "Form.Actor", "actor", "Who endorsed it (a state or a company)", "state,company,public-body", Form.Actor, true, ct);
        Opened = string.IsNullOrWhiteSpace(Form.Framework) ? null : (await lookup.ResolveAsync("framework", Form.Framework, ct)).Match;
        Framework = await Pickers.ForAsync(lookup, Errors, "framework", "Form.Framework", "framework", "Framework", "framework", Form.Framework, true, ct);
        Source = await Form.Evidence.PickerAsync(lookup, Errors, false, ct);
    }
}
