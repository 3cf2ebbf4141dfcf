using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vigil.Model;

namespace Vigil.Security;

/// <summary>An account as lists show it.</summary>
public sealed record AccountSummary(
    long Id, string UserName, string? Email, IReadOnlyList<string> Roles, string Clearance, string? FocalPointCountry,
    bool VictimData, bool TwoFactorEnabled, bool Disabled, bool LockedOut, DateTime CreatedAt);

/// <summary>The outcome of an account change: done, or why not (a message naming the field).</summary>
public sealed record AccountResult(bool Succeeded, string? Error = null, Account? Account = null)
{
    public static AccountResult Ok(Account account) => new(true, null, account);

    public static AccountResult Fail(string error) => new(false, error);
}

/// <summary>
/// Account management, used by the admin pages and by <c>vigil users</c>: one set of rules whoever
/// asks. Every change that alters what a person may do renews their security stamp, which ends their
/// sessions at their next request, and is written to the audit log under the name of whoever made it.
/// </summary>
public sealed class Accounts(UserManager<Account> users, RoleManager<AccountRole> roles, SecurityDb db, TimeProvider clock)
{
    /// <summary>Creates an account with a password (checked against the password rules) and roles.</summary>
    public async Task<AccountResult> AddAsync(
        string actor, string userName, string? email, string password, IReadOnlyCollection<string> roleNames,
        Marking clearance, string? focalPointCountry, CancellationToken ct = default)
    {
        var parsed = new List<string>();
        foreach (var name in roleNames)
        {
            if (Roles.Parse(name) is not { } role)
            {
                return AccountResult.Fail($"role: '{name}' is not a role; roles are {string.Join(", ", Roles.All)}.");
            }
            parsed.Add(role);
        }
        if (parsed.Contains(Roles.FocalPoint) != (focalPointCountry is not null))
        {
            return AccountResult.Fail("focal-point: a focal point needs a state (an ISO 3166-1 alpha-2 code), and only a focal point has one.");
        }
        if (focalPointCountry is not null && !Countries.IsKnown(focalPointCountry.ToUpperInvariant()))
        {
            return AccountResult.Fail($"focal-point: '{focalPointCountry}' is not an ISO 3166-1 alpha-2 code.");
        }
        var account = new Account
        {
            UserName = userName.Trim(),
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            Clearance = clearance,
            FocalPointCountry = focalPointCountry?.ToUpperInvariant(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded)
        {
            return AccountResult.Fail(Describe(created));
        }
        await EnsureRolesAsync();
        var added = await users.AddToRolesAsync(account, parsed.Count == 0 ? [Roles.Reader] : parsed);
        if (!added.Succeeded)
        {
            return AccountResult.Fail(Describe(added));
        }
        await AuditLog.AppendAsync(db, clock, actor, AuditEvents.AccountCreated,
            $"account={account.UserName} roles={string.Join(",", parsed.DefaultIfEmpty(Roles.Reader))} clearance={clearance.ToLabel()}", ct);
        return AccountResult.Ok(account);
    }

    /// <summary>Every account, by name.</summary>
    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken ct = default)
    {
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roleNames = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               select new { ur.UserId, r.Name }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return accounts.Select(a => new AccountSummary(
            a.Id, a.UserName!, a.Email,
            roleNames.Where(r => r.UserId == a.Id).Select(r => r.Name!).Order(StringComparer.Ordinal).ToList(),
            a.Clearance.ToLabel(), a.FocalPointCountry, a.VictimData, a.TwoFactorEnabled, a.Disabled,
            a.LockoutEnd is { } end && end > now, a.CreatedAt)).ToList();
    }

    /// <summary>Replaces the account's roles.</summary>
    public Task<AccountResult> SetRolesAsync(string actor, string userName, IReadOnlyCollection<string> roleNames, string? focalPointCountry, CancellationToken ct = default) =>
        ChangeAsync(actor, userName, ct, async account =>
        {
            var parsed = new List<string>();
            foreach (var name in roleNames)
            {
                if (Roles.Parse(name) is not { } role)
                {
                    return Change.Refused($"role: '{name}' is not a role; roles are {string.Join(", ", Roles.All)}.");
                }
                parsed.Add(role);
            }
            if (parsed.Contains(Roles.FocalPoint) && (focalPointCountry ?? account.FocalPointCountry) is not { } country)
            {
                return Change.Refused("focal-point: a focal point needs a state (an ISO 3166-1 alpha-2 code).");
            }
            if (focalPointCountry is not null && !Countries.IsKnown(focalPointCountry.ToUpperInvariant()))
            {
                return Change.Refused($"focal-point: '{focalPointCountry}' is not an ISO 3166-1 alpha-2 code.");
            }
            await EnsureRolesAsync();
            var current = await users.GetRolesAsync(account);
            var removed = await users.RemoveFromRolesAsync(account, current.Except(parsed));
            var added = await users.AddToRolesAsync(account, parsed.Except(current));
            if (!removed.Succeeded || !added.Succeeded)
            {
                return Change.Refused(Describe(removed.Succeeded ? added : removed));
            }
            account.FocalPointCountry = parsed.Contains(Roles.FocalPoint) ? (focalPointCountry ?? account.FocalPointCountry)?.ToUpperInvariant() : null;
            return new Change(AuditEvents.RoleChanged, $"account={account.UserName} roles={string.Join(",", current.Order(StringComparer.Ordinal))} -> {string.Join(",", parsed.Order(StringComparer.Ordinal))}");
        });

    /// <summary>Sets the highest marking the account may see.</summary>
    public Task<AccountResult> SetClearanceAsync(string actor, string userName, Marking clearance, CancellationToken ct = default) =>
        ChangeAsync(actor, userName, ct, account =>
        {
            var before = account.Clearance;
            account.Clearance = clearance;
            return Task.FromResult(new Change(AuditEvents.ClearanceChanged, $"account={account.UserName} clearance={before.ToLabel()} -> {clearance.ToLabel()}"));
        });

    /// <summary>Grants or withdraws the permission to see targets' real identities.</summary>
    public Task<AccountResult> SetVictimDataAsync(string actor, string userName, bool allowed, CancellationToken ct = default) =>
        ChangeAsync(actor, userName, ct, account =>
        {
            account.VictimData = allowed;
            return Task.FromResult(new Change(AuditEvents.ClearanceChanged, $"account={account.UserName} victim-data={(allowed ? "granted" : "withdrawn")}"));
        });

    /// <summary>Disables or re-enables an account; a disabled account's sessions and tokens stop working.</summary>
    public Task<AccountResult> SetDisabledAsync(string actor, string userName, bool disabled, CancellationToken ct = default) =>
        ChangeAsync(actor, userName, ct, account =>
        {
            account.Disabled = disabled;
            return Task.FromResult(new Change(disabled ? AuditEvents.AccountDisabled : AuditEvents.AccountEnabled, $"account={account.UserName}"));
        });

    /// <summary>Turns two-factor off and forgets the authenticator key and recovery codes (a lost phone).</summary>
    public Task<AccountResult> ResetTwoFactorAsync(string actor, string userName, CancellationToken ct = default) =>
        ChangeAsync(actor, userName, ct, async account =>
        {
            await users.SetTwoFactorEnabledAsync(account, false);
            await users.ResetAuthenticatorKeyAsync(account);
            // New codes that nobody sees: the old ones stop working.
            await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 0);
            return new Change(AuditEvents.TwoFactorReset, $"account={account.UserName}");
        });

    /// <summary>What a change did, for the audit log, or why it was refused.</summary>
    private sealed record Change(string Event, string Detail, string? Error = null)
    {
        public static Change Refused(string error) => new("", "", error);
    }

    private async Task<AccountResult> ChangeAsync(string actor, string userName, CancellationToken ct, Func<Account, Task<Change>> change)
    {
        var account = await users.FindByNameAsync(userName.Trim());
        if (account is null)
        {
            return AccountResult.Fail($"user: there is no account named '{userName}'.");
        }
        var outcome = await change(account);
        if (outcome.Error is { } error)
        {
            return AccountResult.Fail(error);
        }
        var updated = await users.UpdateAsync(account);
        if (!updated.Succeeded)
        {
            return AccountResult.Fail(Describe(updated));
        }
        // Ends open sessions: the cookie's stamp no longer matches at the next request.
        await users.UpdateSecurityStampAsync(account);
        await AuditLog.AppendAsync(db, clock, actor, outcome.Event, outcome.Detail, ct);
        return AccountResult.Ok(account);
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var name in Roles.All)
        {
            if (!await roles.RoleExistsAsync(name))
            {
                await roles.CreateAsync(new AccountRole(name));
            }
        }
    }

    private static string Describe(IdentityResult result) =>
        string.Join(" ", result.Errors.Select(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password: " + e.Description
            : e.Code.Contains("UserName", StringComparison.Ordinal) ? "user: " + e.Description : e.Description));
}
