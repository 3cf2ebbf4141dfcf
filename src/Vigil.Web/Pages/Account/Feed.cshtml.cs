using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Security;
using UserAccount = Vigil.Security.Account;

namespace Vigil.Web.Pages.Account;

/// <summary>
/// The person's private feed: its token made or regenerated (the URL shown on that one response, since only
/// a hash is kept), or revoked. The feed reads as the person: their clearance, published changes only.
/// </summary>
[Authorize]
public sealed class FeedModel(UserManager<UserAccount> users, FeedTokens tokens) : PageModel
{
    public FeedTokenSummary? Current { get; private set; }

    /// <summary>The feed's address with the new secret, on this response only.</summary>
    public string? NewUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await users.GetUserAsync(User) is { } account ? await ShowAsync(account, ct) : Challenge();

    public async Task<IActionResult> OnPostRegenerateAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } account)
        {
            return Challenge();
        }
        var secret = await tokens.RegenerateAsync(account, ct);
        NewUrl = $"{Request.Scheme}://{Request.Host}/feeds/private/{secret}.atom";
        return await ShowAsync(account, ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } account)
        {
            return Challenge();
        }
        await tokens.RevokeAsync(account, ct);
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAsync(UserAccount account, CancellationToken ct)
    {
        Current = await tokens.CurrentAsync(account.Id, ct);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
