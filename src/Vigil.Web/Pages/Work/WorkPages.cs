using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;

namespace Vigil.Web.Pages.Work;

/// <summary>How a page for editors, reviewers or admins turns away a reader who may not use it.</summary>
public static class WorkPages
{
    /// <summary>
    /// A visitor who is not signed in is asked to sign in and comes back here (a session that ended is
    /// the usual reason); a signed-in reader without the role gets 404, as for a record they may not see,
    /// so that the page reveals nothing about what it would do.
    /// </summary>
    public static IActionResult Refuse(PageModel page, Reader reader) =>
        reader.IsSignedIn || page.User.Identity?.IsAuthenticated == true ? page.NotFound() : page.Challenge();
}
