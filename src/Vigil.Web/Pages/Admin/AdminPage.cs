using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;

namespace Vigil.Web.Pages.Admin;

/// <summary>
/// A page for administrators only: the request's reader must be an admin (which needs two-factor
/// authentication on). Anyone else signed in gets 403 before any handler runs.
/// </summary>
[Authorize]
public abstract class AdminPage(IReaderAccessor readers) : PageModel
{
    /// <summary>The admin's name, written to the audit log as the actor.</summary>
    protected string Actor => readers.Current.Name;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!readers.Current.IsAdmin)
        {
            context.Result = StatusCode(StatusCodes.Status403Forbidden);
            return;
        }
        Response.Headers.CacheControl = "no-store";
        await next();
    }
}
