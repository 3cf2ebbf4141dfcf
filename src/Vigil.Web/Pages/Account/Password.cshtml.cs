using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Security;
using Vigil.Web.Infrastructure.Security;
using UserAccount = Vigil.Security.Account;

namespace Vigil.Web.Pages.Account;

/// <summary>Changing one's password (the current one first). Other sessions of the account end.</summary>
[Authorize]
public sealed class PasswordModel(UserManager<UserAccount> users, SignInManager<UserAccount> signIn, SignInFlow flow) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your current password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string Current { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter a new password.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string New { get; set; } = "";

    public bool Changed { get; private set; }

    public int MinimumLength => PasswordRules.MinimumLength;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } account)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await users.ChangePasswordAsync(account, Current, New);
        Current = New = "";
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("", error.Code == "PasswordMismatch" ? "The current password is not right." : error.Description);
            }
            return Page();
        }
        await flow.AuditAsync(account.UserName!, AuditEvents.PasswordChanged, "", ct);
        // The new stamp ends every other session; this one goes on.
        await signIn.RefreshSignInAsync(account);
        Changed = true;
        return Page();
    }
}
