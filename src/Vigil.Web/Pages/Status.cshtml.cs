using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vigil.Web.Pages;

/// <summary>
/// The page for error status codes. A hidden record and a missing one both answer 404 with this
/// same page, so nobody can learn that a hidden record exists.
/// </summary>
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code)
    {
        // Reached directly (/status/404) the page must still answer with the status it describes.
        Code = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;
    }
}
