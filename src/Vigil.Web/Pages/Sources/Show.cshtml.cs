using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Browse;
using Vigil.Features.Review;
using Vigil.Model;

namespace Vigil.Web.Pages.Sources;

public sealed class ShowModel(GetSourceHandler handler, GetTombstoneHandler tombstones, IReaderAccessor readers) : PageModel
{
    public SourcePage Source { get; private set; } = null!;

    /// <summary>Set instead of the record when it was retracted (and the reader could see it when published).</summary>
    public TombstoneView? Tombstone { get; private set; }

    public Reader Reader => readers.Current;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var source = await handler.HandleAsync(new GetSourceRequest(slug), ct);
        if (source is null)
        {
            if (await tombstones.HandleAsync(RecordKind.Source, slug, ct) is { } gone)
            {
                Tombstone = gone;
                Response.StatusCode = StatusCodes.Status410Gone;
                return Page();
            }
            return NotFound();
        }
        Source = source;
        return Page();
    }
}
