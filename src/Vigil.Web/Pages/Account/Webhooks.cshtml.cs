using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Webhooks;
using UserAccount = Vigil.Security.Account;

namespace Vigil.Web.Pages.Account;

/// <summary>
/// The person's outgoing webhooks: registered (the signing secret shown once), listed with how their deliveries
/// stand, removed; <c>?id=</c> shows one hook's deliveries, attempt by attempt.
/// </summary>
[Authorize]
public sealed class WebhooksModel(UserManager<UserAccount> users, WebhooksHandler hooks, RegisterWebhookHandler register, RemoveWebhookHandler remove) : PageModel
{
    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string Follows { get; set; } = WebhookFollows.Watchlist;

    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    public IReadOnlyList<WebhookView> Hooks { get; private set; } = [];

    public IReadOnlyList<DeliveryView>? Deliveries { get; private set; }

    public NewWebhook? Made { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await users.GetUserAsync(User) is { } account ? await ShowAsync(account.Id, ct) : Challenge();

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } account)
        {
            return Challenge();
        }
        var (result, made) = await register.HandleAsync(account.Id, account.UserName!, Address, Follows, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(result.Field == "follows" ? nameof(Follows) : nameof(Address), result.Error!);
        }
        else
        {
            Made = made;
            Address = null;
        }
        return await ShowAsync(account.Id, ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(long hook, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } account)
        {
            return Challenge();
        }
        return await remove.HandleAsync(account.Id, account.UserName!, hook, ct) ? RedirectToPage() : NotFound();
    }

    private async Task<IActionResult> ShowAsync(long accountId, CancellationToken ct)
    {
        Hooks = await hooks.ListAsync(accountId, ct);
        if (Id is { } id)
        {
            Deliveries = await hooks.DeliveriesAsync(accountId, id, ct);
            if (Deliveries is null)
            {
                return NotFound();
            }
        }
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
