using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Vigil.Access;
using Vigil.Model;

namespace Vigil.Security;

/// <summary>
/// Turns a signed-in person into the <see cref="Reader"/> the access rule filters for. The one place
/// where roles, clearance, two-factor and token scope become permissions:
/// <list type="bullet">
/// <item>nobody signed in: <see cref="Reader.Anonymous"/> (published CLEAR only);</item>
/// <item>every account reads published records up to its clearance;</item>
/// <item>editors, reviewers and admins also see drafts; editors write, reviewers review, admins manage
/// accounts, but only once two-factor authentication is on: until then they read like a reader;</item>
/// <item>a read-only API token reads, whatever its owner's roles.</item>
/// </list>
/// </summary>
public static class AccountReaders
{
    public const string ClearanceClaim = "vigil:clearance";
    public const string FocalPointClaim = "vigil:focal-point";
    public const string VictimDataClaim = "vigil:victim-data";
    public const string TwoFactorClaim = "vigil:two-factor";
    public const string ScopeClaim = "vigil:token-scope";

    /// <summary>The reader for a request's user (anonymous when not authenticated).</summary>
    public static Reader FromPrincipal(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true
            || !long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return Reader.Anonymous;
        }
        Markings.TryParse(user.FindFirstValue(ClearanceClaim), out var clearance);
        TokenScope? scope = user.FindFirstValue(ScopeClaim) switch
        {
            null => null,
            "read-write" => TokenScope.ReadWrite,
            _ => TokenScope.Read,
        };
        return For(
            id,
            user.Identity.Name ?? "",
            user.FindAll(ClaimTypes.Role).Select(c => c.Value),
            clearance,
            user.FindFirstValue(TwoFactorClaim) == "true",
            user.FindFirstValue(FocalPointClaim),
            user.FindFirstValue(VictimDataClaim) == "true",
            scope);
    }

    /// <summary>The reader for an account with <paramref name="roles"/>; see the class summary for the rule.</summary>
    public static Reader For(
        long accountId, string name, IEnumerable<string> roles, Marking clearance, bool twoFactor,
        string? focalPointCountry, bool victimData, TokenScope? scope)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        if (!twoFactor)
        {
            held.ExceptWith(Roles.NeedingTwoFactor);
        }
        var writes = scope is null or TokenScope.ReadWrite;
        var editor = held.Contains(Roles.Editor);
        var reviewer = held.Contains(Roles.Reviewer);
        var admin = held.Contains(Roles.Admin);
        return new Reader(name, clearance, SeesUnpublished: editor || reviewer || admin, CanEdit: writes && editor)
        {
            AccountId = accountId,
            CanReview = writes && reviewer,
            IsAdmin = writes && admin,
            FocalPointCountry = held.Contains(Roles.FocalPoint) ? focalPointCountry : null,
            ReadOnlyToken = !writes,
            // A reveal is an act, audited like a write: a read-only token never carries victim data.
            SeesVictimData = writes && victimData && clearance == Marking.Red,
        };
    }

    /// <summary>The claims the access rule reads, for a session cookie or a token's principal.</summary>
    public static IEnumerable<Claim> ClaimsFor(Account account)
    {
        yield return new Claim(ClearanceClaim, account.Clearance.ToLabel());
        yield return new Claim(TwoFactorClaim, account.TwoFactorEnabled ? "true" : "false");
        if (account.FocalPointCountry is { } country)
        {
            yield return new Claim(FocalPointClaim, country);
        }
        if (account.VictimData)
        {
            yield return new Claim(VictimDataClaim, "true");
        }
    }
}

/// <summary>
/// Identity's principal (id, name, roles, security stamp) plus the claims <see cref="AccountReaders"/>
/// reads. Because a change of role or clearance renews the security stamp, and the stamp is checked on
/// every request, a session never outlives the permissions it was issued for.
/// </summary>
public sealed class AccountClaimsFactory(UserManager<Account> users, RoleManager<AccountRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Account, AccountRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaims(AccountReaders.ClaimsFor(user));
        return identity;
    }
}
