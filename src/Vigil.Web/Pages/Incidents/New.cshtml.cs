using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Common;
using Vigil.Features.Incidents;
using Vigil.Web.Pages.Work;

namespace Vigil.Web.Pages.Incidents;

/// <summary>One target of the incident form: a category and countries, never a name except the sealed identity.</summary>
public sealed class TargetForm
{
    public string? Category { get; set; }
    public string? Residence { get; set; }
    public string? Nationality { get; set; }
    public string? Consent { get; set; } = "do-not-name";

    /// <summary>Write-only: sealed by the handler, never rendered back into the form.</summary>
    public string? Identity { get; set; }
}

/// <summary>The incident form: one incident with one suspected operator and up to three targets (more through the API or CSV).</summary>
public sealed class IncidentForm
{
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? FirstSeen { get; set; }
    public string? LastSeen { get; set; }
    public string? DisclosedOn { get; set; }
    public string? Country { get; set; }
    public string? ForensicStatus { get; set; } = "suspected";
    public string? Vector { get; set; } = "unknown";
    public string? Products { get; set; }
    public string? Vendors { get; set; }
    public string? Investigators { get; set; }
    public string? Operator { get; set; }
    public string? Confidence { get; set; } = "low";
    public string? Reasoning { get; set; }
    /// <summary>The target slots; a slot without a category is left out.</summary>
    public List<TargetForm> Targets { get; set; } = [new(), new(), new()];

    public string? Marking { get; set; } = "CLEAR";

    private static List<string> Slugs(string? text) =>
        // Names may hold commas ("NSO Group Technologies, Ltd."): the list is separated by semicolons.
        [.. (text ?? "").Split([';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    public IncidentInput ToInput() => new(
        Title, null, Summary, FirstSeen, LastSeen, DisclosedOn, Country, ForensicStatus, Vector, Slugs(Products), Slugs(Vendors),
        string.IsNullOrWhiteSpace(Operator) ? [] : [new OperatorInput(Operator.Trim(), Confidence, Reasoning)], Slugs(Investigators),
        [.. Targets.Where(t => !string.IsNullOrWhiteSpace(t.Category)).Select(t =>
            new TargetInput(null, t.Category, t.Residence, t.Nationality, t.Consent, Marking, string.IsNullOrWhiteSpace(t.Identity) ? null : t.Identity))],
        Marking, null);
}

/// <summary>Records an incident as a draft (editors only; a visitor is asked to sign in, a reader gets 404).</summary>
public sealed class NewModel(CreateIncidentHandler create, IReaderAccessor readers) : PageModel
{
    [BindProperty]
    public IncidentForm Form { get; set; } = new();

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public IActionResult OnGet() => readers.Current.CanEdit ? Page() : WorkPages.Refuse(this, readers.Current);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        var result = await create.HandleAsync(Form.ToInput(), ct);
        // An identity is never rendered back, and the form keeps its three slots.
        Form.Targets.ForEach(t => t.Identity = null);
        while (Form.Targets.Count < 3)
        {
            Form.Targets.Add(new TargetForm());
        }
        if (result.Status == WriteStatus.Created)
        {
            return Redirect($"/incidents/{result.Value!.Slug}");
        }
        Errors = result.Errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
