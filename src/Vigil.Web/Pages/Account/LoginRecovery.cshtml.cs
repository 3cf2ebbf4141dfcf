using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vigil.Security;
using Vigil.Web.Infrastructure.Security;
using UserAccount = Vigil.Security.Account;

namespace Vigil.Web.Pages.Account;

/// <summary>The second step of signing in with one of the recovery codes instead of the app (each works once).</summary>
[EnableRateLimiting(SecurityRegistration.SignInLimit)]
public sealed class LoginRecoveryModel(SignInManager<UserAccount> signIn, UserManager<UserAccount> users, SignInFlow flow) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter one of your recovery codes.")]
    [Display(Name = "Recovery code")]
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
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Code.Replace(" ", "", StringComparison.Ordinal));
        if (result.Succeeded)
        {
            var left = await users.CountRecoveryCodesAsync(account);
            await flow.AuditAsync(account.UserName!, AuditEvents.RecoveryCodeUsed, $"codes-left={left}", ct);
            await flow.AuditAsync(account.UserName!, AuditEvents.SignIn, "method=password+recovery-code", ct);
            // Few codes left: straight to the page that makes new ones.
            return LocalRedirect(left <= 2 ? "/account/two-factor" : await flow.LandingAsync(account, ReturnUrl, Url.IsLocalUrl));
        }
        if (result.IsLockedOut)
        {
            await flow.AuditAsync(account.UserName!, AuditEvents.LockedOut, "step=recovery-code", ct);
            ModelState.AddModelError("", LoginModel.LockedOutMessage);
            return Page();
        }
        await flow.AuditAsync("anonymous", AuditEvents.SignInFailed, $"user={SignInFlow.Tried(account.UserName)} step=recovery-code", ct);
        ModelState.AddModelError("", "That recovery code is not right, or it has been used already.");
        Code = "";
        return Page();
    }
}
