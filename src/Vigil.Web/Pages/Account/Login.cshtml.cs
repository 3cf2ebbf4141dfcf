using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vigil.Security;
using Vigil.Web.Infrastructure.Security;
using UserAccount = Vigil.Security.Account;

namespace Vigil.Web.Pages.Account;

/// <summary>
/// Sign-in with user name and password. Wrong password, unknown name, disabled and locked account all get
/// the same answer, in about the same time (a password hash is checked on every path): saying "locked" only
/// for accounts that exist would tell a prober which names do. Five failures lock the account for a while;
/// the one answer says so for everyone.
/// </summary>
[EnableRateLimiting(SecurityRegistration.SignInLimit)]
public sealed class LoginModel(SignInManager<UserAccount> signIn, UserManager<UserAccount> users, SignInFlow flow) : PageModel
{
    public const string Vague = "The user name or password is not right. After five failed attempts an account is locked for 15 minutes.";

    [BindProperty]
    [Required(ErrorMessage = "Enter your user name.")]
    [Display(Name = "User name")]
    public string UserName { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var tried = SignInFlow.Tried(UserName);
        var account = await users.FindByNameAsync(UserName.Trim());
        if (account is null)
        {
            flow.SpendPasswordCheck(Password);
            await flow.AuditAsync("anonymous", AuditEvents.SignInFailed, $"user={tried} step=password", ct);
            return Refuse(Vague);
        }
        var result = await signIn.PasswordSignInAsync(account, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await flow.AuditAsync(account.UserName!, AuditEvents.SignIn, "method=password", ct);
            return LocalRedirect(await flow.LandingAsync(account, ReturnUrl, Url.IsLocalUrl));
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginTwoFactor", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
        }
        if (result.IsLockedOut)
        {
            // Identity answers a locked account without hashing: spend the same work as for an unknown name.
            flow.SpendPasswordCheck(Password);
            await flow.AuditAsync(account.UserName!, AuditEvents.LockedOut, "step=password", ct);
            return Refuse(Vague);
        }
        await flow.AuditAsync("anonymous", AuditEvents.SignInFailed, $"user={tried} step=password" + (result.IsNotAllowed ? " reason=disabled" : ""), ct);
        return Refuse(Vague);
    }

    public static string LockedOutMessage =>
        "This account is locked after too many failed attempts. Try again in 15 minutes, or ask an administrator.";

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError("", message);
        Password = "";
        return Page();
    }
}
