using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Watchlists;
using UserAccount = Vigil.Security.Account;

namespace Vigil.Web.Pages.Account;

/// <summary>
/// The person's watchlist: what they watch, a form to add a watch (the "Watch" links on actor, country and
/// search pages land here with the form filled in), and Remove.
/// </summary>
[Authorize]
public sealed class WatchlistModel(UserManager<UserAccount> users, WatchlistHandler list, WatchHandler watch, UnwatchHandler unwatch) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Value { get; set; }

    public IReadOnlyList<WatchView> Watches { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await users.GetUserAsync(User) is { } account ? await ShowAsync(account.Id, ct) : Challenge();

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } account)
        {
            return Challenge();
        }
        var result = await watch.HandleAsync(account.Id, Kind, Value, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(result.Field == "kind" ? nameof(Kind) : nameof(Value), result.Error!);
            return await ShowAsync(account.Id, ct);
        }
        TempData["Changed"] = "Added to your watchlist.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } account)
        {
            return Challenge();
        }
        return await unwatch.HandleAsync(account.Id, id, ct) ? RedirectToPage() : NotFound();
    }

    private async Task<IActionResult> ShowAsync(long accountId, CancellationToken ct)
    {
        Watches = await list.HandleAsync(accountId, ct);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
