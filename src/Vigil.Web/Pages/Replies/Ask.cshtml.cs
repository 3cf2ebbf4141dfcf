using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Browse;
using Vigil.Features.Common;
using Vigil.Features.Replies;
using Vigil.Web.Pages.Work;

namespace Vigil.Web.Pages.Replies;

/// <summary>What the "Ask for a reply" form sends.</summary>
public sealed class AskForm
{
    public string? AskedDate { get; set; }

    public string? Channel { get; set; } = "email";

    public string? Question { get; set; }

    public string? Deadline { get; set; }

    public List<string> About { get; set; } = [];

    public string? Marking { get; set; } = "CLEAR";

    public ReplyRequestInput ToInput() => new(AskedDate, Channel, Question, Deadline, About, Marking);
}

/// <summary>
/// "Ask for a reply" from an actor's page (editors): when and how the company or state was asked, what,
/// about which of its records (ticked by name), and by when. Saved as a draft request.
/// </summary>
public sealed class AskModel(
    AskForReplyHandler ask, ReplySubjectChoicesHandler choices, GetActorHandler actors, IReaderAccessor readers, TimeProvider clock) : PageModel
{
    [BindProperty]
    public AskForm Form { get; set; } = new();

    public ActorPage Actor { get; private set; } = null!;

    public IReadOnlyList<ReplySubjectChoice> Choices { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public string? Missing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        if (!await LoadAsync(slug, ct))
        {
            return NotFound();
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Form.AskedDate = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // The Resource Centre's practice: a week or two to answer before publication.
        Form.Deadline = today.AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        var result = await ask.HandleAsync(slug, Form.ToInput(), ct);
        if (result.Status == WriteStatus.Created)
        {
            return Redirect($"/replies/{Uri.EscapeDataString(result.Value!.Slug)}");
        }
        if (!await LoadAsync(slug, ct))
        {
            return NotFound();
        }
        Errors = result.Errors;
        Missing = result.Status == WriteStatus.NotFound ? $"There is no {result.Missing}. Nothing was saved." : null;
        Response.StatusCode = result.Status == WriteStatus.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return Page();
    }

    public string? Error(string field) => Errors is { } e && e.TryGetValue(field, out var m) ? string.Join(" ", m) : null;

    private async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        if (await actors.HandleAsync(new GetActorRequest(slug), ct) is not { } actor)
        {
            return false;
        }
        Actor = actor;
        Choices = await choices.HandleAsync(slug, ct);
        return true;
    }
}
