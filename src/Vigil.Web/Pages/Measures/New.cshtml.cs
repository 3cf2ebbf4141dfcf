using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Common;
using Vigil.Features.Measures;
using Vigil.Features.Search;
using Vigil.Web.Pages.Work;

namespace Vigil.Web.Pages.Measures;

/// <summary>What the new-measure form sends: the measure, its actors by name, and the evidence it rests on.</summary>
public sealed class MeasureForm
{
    public string? Type { get; set; } = "sanction";

    public string? Title { get; set; }

    public string? Authority { get; set; }

    public List<string?> Targets { get; set; } = [null, null, null];

    public string? Programme { get; set; }

    public string? Reference { get; set; }

    public string? AnnouncedDate { get; set; }

    public string? EffectiveDate { get; set; }

    public string? Description { get; set; }

    public string? Marking { get; set; } = "CLEAR";

    /// <summary>Evidence first: the source, the passage and its credibility.</summary>
    public EvidenceForm Evidence { get; set; } = new() { Credibility = 1 };

    public MeasureInput ToInput() => new(
        Type: Type, Title: Title, Authority: Authority, Targets: Targets.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!).ToList(),
        Programme: Programme, Reference: Reference, AnnouncedDate: AnnouncedDate, EffectiveDate: EffectiveDate, Description: Description,
        Evidence: Evidence.ToEvidence(), Marking: Marking, Status: "draft");
}

/// <summary>Records a measure, evidence first (editors only; others get 404).</summary>
public sealed class NewModel(RecordMeasureHandler record, LookupHandler lookup, IReaderAccessor readers) : PageModel
{
    [BindProperty]
    public MeasureForm Form { get; set; } = new();

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public Picker Authority { get; private set; } = null!;

    public List<Picker> Targets { get; private set; } = [];

    public Picker Source { get; private set; } = null!;

    /// <summary>The evidence fieldset, as _EvidenceFieldset renders it.</summary>
    public EvidenceFields EvidenceFields => new(Source, Form.Evidence, Errors);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
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
        while (Form.Targets.Count < 3)
        {
            Form.Targets.Add(null);
        }
        var result = await record.HandleAsync(Form.ToInput(), ct);
        if (result.Status == WriteStatus.Created)
        {
            return Redirect($"/measures/{result.Value!.Slug}");
        }
        Errors = result.Errors;
        await PickersAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public string? Error(string field) => Errors is { } e && e.TryGetValue(field, out var m) ? string.Join(" ", m) : null;

    private async Task PickersAsync(CancellationToken ct)
    {
        Authority = await Pickers.ForAsync(lookup, Errors, "authority", "Form.Authority", "authority", "Imposed by (a state, agency, court or company)", "actor", Form.Authority, true, ct);
        // The use case numbers the targets it was given, blanks left out.
        var given = 0;
        Targets = [];
        for (var i = 0; i < Form.Targets.Count; i++)
        {
            var field = string.IsNullOrWhiteSpace(Form.Targets[i]) ? "-" : $"targets[{given++}]";
            Targets.Add(await Pickers.ForAsync(lookup, Errors, field, $"Form.Targets[{i}]", $"target-{i + 1}", $"Against ({i + 1})", "actor", Form.Targets[i], i == 0, ct));
        }
        Source = await Form.Evidence.PickerAsync(lookup, Errors, true, ct);
    }
}
