using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Security;
using Vigil.Web.Infrastructure.Security;
using UserAccount = Vigil.Security.Account;

namespace Vigil.Web.Pages.Account;

/// <summary>Signing out: a POST with the antiforgery token only, so that no link or image on another site can do it.</summary>
public sealed class LogoutModel(SignInManager<UserAccount> signIn, SignInFlow flow) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            var name = User.Identity.Name ?? "unknown";
            await signIn.SignOutAsync();
            await flow.AuditAsync(name, AuditEvents.SignOut, "", ct);
        }
        return LocalRedirect("/");
    }
}
