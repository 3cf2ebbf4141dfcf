using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Actors;
using Vigil.Features.Common;
using Vigil.Web.Pages.Work;

namespace Vigil.Web.Pages.Actors;

/// <summary>Creates an actor as a draft (editors only; others get 404, like a page that is not there for them).</summary>
public sealed class NewModel(CreateActorHandler create, IReaderAccessor readers) : PageModel
{
    [BindProperty]
    public ActorForm Form { get; set; } = new();

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public IActionResult OnGet() => readers.Current.CanEdit ? Page() : WorkPages.Refuse(this, readers.Current);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        var result = await create.HandleAsync(Form.ToInput(null) with { Version = null }, ct);
        if (result.Status == WriteStatus.Created)
        {
            return Redirect($"/actors/{result.Value!.Slug}");
        }
        Errors = result.Errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
