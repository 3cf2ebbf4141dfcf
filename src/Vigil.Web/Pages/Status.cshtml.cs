using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vigil.Web.Pages;

/// <summary>
/// The page for error status codes. A hidden record and a missing one both answer 404 with this
/// same page, so nobody can learn that a hidden record exists.
/// </summary>
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Code = code;
}
