using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Actors;
using Vigil.Features.Common;
using Vigil.Web.Pages.Work;

namespace Vigil.Web.Pages.Actors;

/// <summary>
/// Edits an actor (editors only; others get 404). The form carries the version it was read at: when the
/// stored actor moved on, the answer is a conflict page with both versions side by side and nothing is
/// saved. On a published actor the change waits for a reviewer.
/// </summary>
public sealed class EditModel(GetActorHandler get, UpdateActorHandler update, IReaderAccessor readers) : PageModel
{
    [BindProperty]
    public ActorForm Form { get; set; } = new();

    public ActorDetail Stored { get; private set; } = null!;

    public bool Conflict { get; private set; }

    public string? Message { get; private set; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        if (await get.HandleAsync(slug, ct) is not { } stored)
        {
            return NotFound();
        }
        Stored = stored;
        Form = ActorForm.From(stored);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        if (await get.HandleAsync(slug, ct) is not { } stored)
        {
            return NotFound();
        }
        var result = await update.HandleAsync(slug, Form.ToInput(stored), ct);
        switch (result.Status)
        {
            case WriteStatus.Updated:
                return Redirect($"/actors/{result.Value!.Slug}");
            case WriteStatus.Pending:
                return Redirect($"/actors/{result.Value!.Slug}/history");
            case WriteStatus.Conflict:
                Stored = result.Current!;
                Conflict = true;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case WriteStatus.NotFound:
                return NotFound();
            case WriteStatus.Forbidden:
                return Forbid();
            default:
                Stored = stored;
                Errors = result.Errors;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }
}
