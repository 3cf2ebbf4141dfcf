using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Security;
using Vigil.Web.Infrastructure.Security;
using UserAccount = Vigil.Security.Account;

namespace Vigil.Web.Pages.Account;

/// <summary>
/// Setting up two-factor authentication with an authenticator app (TOTP): the key to scan or type, a
/// code to prove it works, then ten recovery codes shown once. Editor, reviewer and admin roles are
/// only in force once this is done.
/// </summary>
[Authorize]
public sealed class TwoFactorModel(UserManager<UserAccount> users, SignInManager<UserAccount> signIn, SignInFlow flow) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    [Required(ErrorMessage = "Enter the code your authenticator app shows.")]
    [Display(Name = "Code from the app")]
    public string Code { get; set; } = "";

    public bool Enabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>The key in groups of four, for typing it in.</summary>
    public string GroupedKey { get; private set; } = "";

    /// <summary>The otpauth:// address an authenticator app reads from the QR code.</summary>
    public string AuthenticatorUri { get; private set; } = "";

    /// <summary>New recovery codes, on the one response that shows them.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() =>
        await users.GetUserAsync(User) is { } account ? await ShowAsync(account) : Challenge();

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } account)
        {
            return Challenge();
        }
        if (account.TwoFactorEnabled)
        {
            return RedirectToPage();
        }
        if (!ModelState.IsValid)
        {
            return await ShowAsync(account);
        }
        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), "That code is not right. Check the app shows Vigil, and enter the code shown now.");
            Code = "";
            return await ShowAsync(account);
        }
        await users.SetTwoFactorEnabledAsync(account, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount))?.ToList() ?? [];
        await flow.AuditAsync(account.UserName!, AuditEvents.TwoFactorEnabled, "method=authenticator", ct);
        // The stamp changed and the session's claims say two-factor is off: issue a new session.
        await signIn.RefreshSignInAsync(account);
        return await ShowAsync(account);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } account)
        {
            return Challenge();
        }
        if (!account.TwoFactorEnabled)
        {
            return RedirectToPage();
        }
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount))?.ToList() ?? [];
        await flow.AuditAsync(account.UserName!, AuditEvents.RecoveryCodesRenewed, $"codes={RecoveryCodes.Count}", ct);
        return await ShowAsync(account);
    }

    private async Task<IActionResult> ShowAsync(UserAccount account)
    {
        Enabled = account.TwoFactorEnabled;
        // This page carries secrets (the key, or recovery codes): never cached.
        Response.Headers.CacheControl = "no-store";
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(account);
            return Page();
        }
        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(account);
            key = await users.GetAuthenticatorKeyAsync(account);
            // Resetting the key renewed the stamp: keep this session.
            await signIn.RefreshSignInAsync(account);
        }
        GroupedKey = Group(key!);
        AuthenticatorUri = UriFor(account.UserName!, key!);
        return Page();
    }

    /// <summary>The otpauth:// URI for <paramref name="userName"/>'s key (Google Authenticator's key-uri format).</summary>
    public static string UriFor(string userName, string key) =>
        $"otpauth://totp/Vigil:{Uri.EscapeDataString(userName)}?secret={key}&issuer=Vigil&digits=6";

    private static string Group(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return text.ToString().TrimEnd().ToLowerInvariant();
    }
}
