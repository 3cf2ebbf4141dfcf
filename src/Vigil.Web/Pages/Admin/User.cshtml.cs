using Microsoft.AspNetCore.Mvc;
using Vigil.Access;
using Vigil.Model;
using Vigil.Security;

namespace Vigil.Web.Pages.Admin;

/// <summary>
/// One account's permissions: roles, clearance, victim data, disabled, two-factor reset. Each change
/// goes through <see cref="Accounts"/>, which renews the account's security stamp (ending its
/// sessions at their next request) and writes the audit log under the admin's name.
/// </summary>
public sealed class UserModel(Accounts accounts, IReaderAccessor readers) : AdminPage(readers)
{
    [BindProperty(SupportsGet = true)]
    public string Name { get; set; } = "";

    [BindProperty]
    public List<string> SelectedRoles { get; set; } = [];

    [BindProperty]
    public string? FocalPointCountry { get; set; }

    [BindProperty]
    public string Clearance { get; set; } = "";

    public AccountSummary Account { get; private set; } = null!;

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(null, ct);

    public async Task<IActionResult> OnPostRolesAsync(CancellationToken ct) =>
        await ApplyAsync(accounts.SetRolesAsync(Actor, Name, SelectedRoles,
            string.IsNullOrWhiteSpace(FocalPointCountry) ? null : FocalPointCountry.Trim(), ct), "Roles changed.", ct);

    public async Task<IActionResult> OnPostClearanceAsync(CancellationToken ct)
    {
        if (!Markings.TryParse(Clearance, out var clearance))
        {
            ModelState.AddModelError(nameof(Clearance), "Choose a clearance.");
            return await ShowAsync(null, ct);
        }
        return await ApplyAsync(accounts.SetClearanceAsync(Actor, Name, clearance, ct), "Clearance changed.", ct);
    }

    public async Task<IActionResult> OnPostVictimDataAsync(bool allowed, CancellationToken ct) =>
        await ApplyAsync(accounts.SetVictimDataAsync(Actor, Name, allowed, ct), allowed ? "Victim data granted." : "Victim data withdrawn.", ct);

    public async Task<IActionResult> OnPostDisabledAsync(bool disabled, CancellationToken ct)
    {
        if (disabled && string.Equals(Name.Trim(), Actor, StringComparison.OrdinalIgnoreCase))
        {
            // Locking oneself out would leave nobody to undo it; another admin (or the CLI) can.
            ModelState.AddModelError("", "You cannot disable your own account.");
            return await ShowAsync(null, ct);
        }
        return await ApplyAsync(accounts.SetDisabledAsync(Actor, Name, disabled, ct), disabled ? "Account disabled; its sessions and tokens stopped working." : "Account enabled.", ct);
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(CancellationToken ct) =>
        await ApplyAsync(accounts.ResetTwoFactorAsync(Actor, Name, ct), "Two-factor authentication reset: they set it up again at their next sign-in.", ct);

    private async Task<IActionResult> ApplyAsync(Task<AccountResult> change, string done, CancellationToken ct)
    {
        var result = await change;
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", result.Error!);
        }
        return await ShowAsync(result.Succeeded ? done : null, ct);
    }

    private async Task<IActionResult> ShowAsync(string? done, CancellationToken ct)
    {
        var found = (await accounts.ListAsync(ct)).FirstOrDefault(a => string.Equals(a.UserName, Name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (found is null)
        {
            return NotFound();
        }
        Account = found;
        Done = done;
        SelectedRoles = [.. found.Roles];
        FocalPointCountry = found.FocalPointCountry;
        Clearance = found.Clearance;
        return Page();
    }
}
