using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Model;
using UserAccount = Vigil.Security.Account;

namespace Vigil.Web.Pages.Account;

/// <summary>The signed-in person's account: who they are, what they may do, and what is not yet in force.</summary>
[Authorize]
public sealed class IndexModel(UserManager<UserAccount> users, Vigil.Security.FeedTokens feedTokens) : PageModel
{
    public string UserName { get; private set; } = "";

    public string? Email { get; private set; }

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public string Clearance { get; private set; } = "";

    public string? FocalPointCountry { get; private set; }

    public bool VictimData { get; private set; }

    public bool TwoFactorEnabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>The private feed's live token, if any (its prefix only).</summary>
    public Vigil.Security.FeedTokenSummary? FeedToken { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } account)
        {
            return Challenge();
        }
        UserName = account.UserName!;
        Email = account.Email;
        Roles = (await users.GetRolesAsync(account)).Order(StringComparer.Ordinal).ToList();
        Clearance = account.Clearance.ToLabel();
        FocalPointCountry = account.FocalPointCountry;
        VictimData = account.VictimData;
        TwoFactorEnabled = account.TwoFactorEnabled;
        RecoveryCodesLeft = TwoFactorEnabled ? await users.CountRecoveryCodesAsync(account) : 0;
        FeedToken = await feedTokens.CurrentAsync(account.Id);
        return Page();
    }
}
