using System.Text;
using Microsoft.AspNetCore.Identity;
using Vigil.Security;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// What the sign-in pages share: the audit entries they write, where a person goes once signed in, and
/// the answer for a user name that has no account (as slow as a wrong password, so that timing does
/// not tell which names exist).
/// </summary>
public sealed class SignInFlow(SecurityDb db, TimeProvider clock, UserManager<Account> users, IPasswordHasher<Account> hasher)
{
    // A hash of a random password, made once: checking against it costs what a real check costs.
    private static readonly Lazy<string> s_decoyHash = new(() =>
        new PasswordHasher<Account>().HashPassword(new Account(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public Task AuditAsync(string actor, string @event, string detail, CancellationToken ct) =>
        AuditLog.AppendAsync(db, clock, actor, @event, detail, ct);

    /// <summary>Spends the time a password check takes, for a name with no account.</summary>
    public void SpendPasswordCheck(string password) => hasher.VerifyHashedPassword(new Account(), s_decoyHash.Value, password);

    /// <summary>
    /// Where to go after signing in: the two-factor set-up when the account holds a role that needs it
    /// and two-factor is off (the role is not in force until then), else the local return address.
    /// </summary>
    public async Task<string> LandingAsync(Account account, string? returnUrl, Func<string?, bool> isLocal)
    {
        if (!account.TwoFactorEnabled && (await users.GetRolesAsync(account)).Any(r => Roles.NeedingTwoFactor.Contains(r)))
        {
            return "/account/two-factor";
        }
        return isLocal(returnUrl) ? returnUrl! : "/";
    }

    /// <summary>A user name as typed, made safe for the audit log: printable, short.</summary>
    public static string Tried(string? userName)
    {
        var text = new StringBuilder();
        foreach (var c in (userName ?? "").Trim())
        {
            if (text.Length == 64)
            {
                text.Append('…');
                break;
            }
            text.Append(char.IsControl(c) || char.IsWhiteSpace(c) ? '_' : c);
        }
        return text.ToString();
    }
}
