using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Screening;
using Vigil.Web.Pages.Work;

namespace Vigil.Web.Pages.Screening.Cases;

/// <summary>The screening cases the reader may see (those who see unpublished work; anyone else is turned away as from the review queue).</summary>
public sealed class IndexModel(ScreeningCasesHandler cases, IReaderAccessor readers) : PageModel
{
    public IReadOnlyList<ScreeningCaseSummary> Cases { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!readers.Current.SeesUnpublished)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        Cases = await cases.ListAsync(ct);
        return Page();
    }
}
