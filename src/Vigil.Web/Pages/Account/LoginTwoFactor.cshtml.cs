using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vigil.Security;
using Vigil.Web.Infrastructure.Security;
using UserAccount = Vigil.Security.Account;

namespace Vigil.Web.Pages.Account;

/// <summary>The second step of signing in: the six-digit code from the authenticator app.</summary>
[EnableRateLimiting(SecurityRegistration.SignInLimit)]
public sealed class LoginTwoFactorModel(SignInManager<UserAccount> signIn, SignInFlow flow) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the code from your authenticator app.")]
    [Display(Name = "Authentication code")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var account = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (account is null)
        {
            return RedirectToPage("/Account/Login");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        // "Remember this device" is not offered: every sign-in asks for the second factor.
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await flow.AuditAsync(account.UserName!, AuditEvents.SignIn, "method=password+authenticator", ct);
            return LocalRedirect(await flow.LandingAsync(account, ReturnUrl, Url.IsLocalUrl));
        }
        if (result.IsLockedOut)
        {
            await flow.AuditAsync(account.UserName!, AuditEvents.LockedOut, "step=authenticator", ct);
            ModelState.AddModelError("", LoginModel.LockedOutMessage);
            return Page();
        }
        await flow.AuditAsync("anonymous", AuditEvents.SignInFailed, $"user={SignInFlow.Tried(account.UserName)} step=authenticator", ct);
        ModelState.AddModelError("", "That code is not right. Codes change every 30 seconds: enter the one shown now.");
        Code = "";
        return Page();
    }
}
