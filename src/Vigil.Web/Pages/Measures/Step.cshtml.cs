using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Common;
using Vigil.Features.Measures;
using Vigil.Features.Search;
using Vigil.Web.Pages.Work;

namespace Vigil.Web.Pages.Measures;

/// <summary>What the step form sends.</summary>
public sealed class StepForm
{
    public string? Stage { get; set; } = "lifted";

    public string? Date { get; set; }

    public string? Source { get; set; }

    public string? Note { get; set; }

    public int? Version { get; set; }
}

/// <summary>Adds a dated, sourced step to a measure: its lifting, a ruling, an appeal (editors only).</summary>
public sealed class StepModel(GetMeasureHandler get, AddMeasureStepHandler add, LookupHandler lookup, IReaderAccessor readers) : PageModel
{
    [BindProperty]
    public StepForm Form { get; set; } = new();

    public MeasureDetail Measure { get; private set; } = null!;

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public Picker Source { get; private set; } = null!;

    public string? Error(string field) => Errors is { } e && e.TryGetValue(field, out var m) ? string.Join(" ", m) : null;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        if (await get.HandleAsync(slug, ct) is not { } measure)
        {
            return NotFound();
        }
        Measure = measure;
        Form.Version = measure.Version;
        Source = await Pickers.ForAsync(lookup, null, "steps[0].source", "Form.Source", "source", "Source", "source", null, true, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        if (await get.HandleAsync(slug, ct) is not { } measure)
        {
            return NotFound();
        }
        var result = await add.HandleAsync(slug, new MeasureStepWrite(Form.Stage, Form.Date, Form.Source, Form.Note, Form.Version), ct);
        switch (result.Status)
        {
            case WriteStatus.Updated:
                return Redirect($"/measures/{Uri.EscapeDataString(measure.Slug)}");
            case WriteStatus.Pending:
                TempData["Message"] = "The measure is published: the new step waits for a reviewer, who publishes it from the review queue.";
                return Redirect($"/measures/{Uri.EscapeDataString(measure.Slug)}");
            case WriteStatus.Conflict:
                Errors = new Dictionary<string, string[]> { ["version"] = ["The measure was changed by someone else since you opened this form. Nothing was saved: check its page and add the step again."] };
                Form.Version = measure.Version;
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            case WriteStatus.NotFound:
                return NotFound();
            case WriteStatus.Forbidden:
                return Forbid();
            default:
                Errors = result.Errors;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }
        Measure = measure;
        Source = await Pickers.ForAsync(lookup, Errors, "steps[0].source", "Form.Source", "source", "Source", "source", Form.Source, true, ct);
        return Page();
    }
}
