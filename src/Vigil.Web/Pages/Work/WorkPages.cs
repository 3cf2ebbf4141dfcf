using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Review;
using Vigil.Model;

namespace Vigil.Web.Pages.Work;

/// <summary>
/// Rules shared by the pages editors work on: how a page turns away a reader who may not use it, and how a
/// record's page submits it for review.
/// </summary>
public static class WorkPages
{
    /// <summary>
    /// A visitor who is not signed in is asked to sign in and comes back here (a session that ended is
    /// the usual reason); a signed-in reader without the role gets 404, as for a record they may not see,
    /// so that the page reveals nothing about what it would do.
    /// </summary>
    public static IActionResult Refuse(PageModel page, Reader reader) =>
        reader.IsSignedIn || page.User.Identity?.IsAuthenticated == true ? page.NotFound() : page.Challenge();

    /// <summary>
    /// "Submit for review" from a record's own page: back to <paramref name="pagePath"/> once submitted; not
    /// found as the use case answers; a reader who may not submit is turned away as by <see cref="Refuse"/>;
    /// otherwise the page again (<paramref name="reload"/>) with the reason the submission was refused
    /// (<paramref name="say"/>), as a 409.
    /// </summary>
    public static async Task<IActionResult> SubmitAsync(
        PageModel page, Reader reader, SubmitForReviewHandler submit, RecordKind kind, string slug, int? version, string pagePath,
        Func<Task<IActionResult>> reload, Action<string?> say, CancellationToken ct)
    {
        var result = await submit.HandleAsync(kind, slug, new ReviewInput(version), ct);
        switch (result.Outcome)
        {
            case ReviewOutcome.NotFound:
                return page.NotFound();
            case ReviewOutcome.Forbidden:
                return Refuse(page, reader);
            case ReviewOutcome.Done:
                return new RedirectResult(pagePath);
        }
        var shown = await reload();
        say(result.Detail);
        page.Response.StatusCode = StatusCodes.Status409Conflict;
        return shown;
    }
}
