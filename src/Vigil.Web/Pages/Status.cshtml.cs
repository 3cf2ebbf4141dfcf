using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vigil.Web.Pages;

/// <summary>
/// The page for error status codes. A hidden record and a missing one both answer 404 with this
/// same page, so nobody can learn that a hidden record exists.
/// </summary>
/// <remarks>
/// Status pages re-execute with the request's own method: a form post refused for its missing or
/// stale antiforgery token comes here as a POST, and must not be refused again for the same reason
/// (which left a blank 400).
/// </remarks>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    /// <summary>A form post that was refused (400): most often its form token was missing or had expired.</summary>
    public bool RefusedForm { get; private set; }

    public void OnGet(int code)
    {
        // Reached directly (/status/404) the page must still answer with the status it describes.
        Code = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;
    }

    public void OnPost(int code)
    {
        OnGet(code);
        RefusedForm = Code == 400;
    }
}
