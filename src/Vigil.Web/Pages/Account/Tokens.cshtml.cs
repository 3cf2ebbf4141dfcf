using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Security;
using UserAccount = Vigil.Security.Account;

namespace Vigil.Web.Pages.Account;

/// <summary>
/// The person's API tokens: listed (never their secrets), made (the secret shown on that one
/// response), revoked. A token never does more than its owner may, and a read token only reads.
/// </summary>
[Authorize]
public sealed class TokensModel(UserManager<UserAccount> users, ApiTokens tokens) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Name the token, e.g. \"laptop CLI\".")]
    [StringLength(100)]
    [Display(Name = "Name")]
    public string Name { get; set; } = "";

    [BindProperty]
    [Display(Name = "Scope")]
    public string Scope { get; set; } = "read";

    [BindProperty]
    [Range(1, 366, ErrorMessage = "A token lives between 1 and 366 days.")]
    [Display(Name = "Lifetime in days")]
    public int Days { get; set; } = 90;

    public IReadOnlyList<ApiTokenSummary> Tokens { get; private set; } = [];

    /// <summary>The secret of the token just made, on this response only.</summary>
    public string? NewSecret { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await users.GetUserAsync(User) is { } account ? await ShowAsync(account, ct) : Challenge();

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } account)
        {
            return Challenge();
        }
        if (!ApiTokens.TryParseScope(Scope, out var scope))
        {
            ModelState.AddModelError(nameof(Scope), "Choose read or read-write.");
        }
        if (!ModelState.IsValid)
        {
            return await ShowAsync(account, ct);
        }
        var made = await tokens.CreateAsync(account, Name, scope, TimeSpan.FromDays(Days), account.UserName!, ct);
        NewSecret = made.Secret;
        Name = "";
        return await ShowAsync(account, ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } account)
        {
            return Challenge();
        }
        // Only the person's own tokens: another's id is simply not found.
        return await tokens.RevokeAsync(account.Id, id, account.UserName!, ct) ? RedirectToPage() : NotFound();
    }

    private async Task<IActionResult> ShowAsync(UserAccount account, CancellationToken ct)
    {
        Tokens = await tokens.ListAsync(account.Id, ct);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
