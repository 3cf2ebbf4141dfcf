using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Watchlists;
using UserAccount = Vigil.Security.Account;

namespace Vigil.Web.Pages.Account;

/// <summary>
/// The person's inbox: published changes touching what they watch since they last marked it read, read
/// through their own reader (the request's), newest first; "Mark all as read" moves the mark to the newest shown.
/// </summary>
[Authorize]
public sealed class InboxModel(UserManager<UserAccount> users, InboxHandler inbox, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public InboxResult Inbox { get; private set; } = new([], 0, null, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } account)
        {
            return Challenge();
        }
        Inbox = await inbox.HandleAsync(account.Id, All, ct);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostReadAsync(long upTo, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } account)
        {
            return Challenge();
        }
        await inbox.MarkReadAsync(account.Id, upTo, clock, ct);
        return RedirectToPage();
    }
}
