using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Commitments;
using Vigil.Features.Common;

namespace Vigil.Web.Pages.Commitments;

/// <summary>A quarter's progress (per state and per researcher) and its assessments, for editors and reviewers (404 for others).</summary>
public sealed class ProgressModel(QuarterProgressHandler progress, ListAssessmentsHandler assessments) : PageModel
{
    public QuarterProgress Progress { get; private set; } = null!;

    public PagedList<AssessmentRow> Assessments { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? P { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await progress.HandleAsync(code, ct) is not { } p)
        {
            return NotFound();
        }
        Progress = p;
        var list = await assessments.HandleAsync(new ListAssessmentsQuery(p.Code, string.IsNullOrWhiteSpace(Actor) ? null : Actor, null, P, 100), ct);
        Assessments = list.Page ?? new PagedList<AssessmentRow>([], 0, 1, 100);
        return Page();
    }
}
