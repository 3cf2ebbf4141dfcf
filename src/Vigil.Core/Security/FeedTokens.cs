using Microsoft.EntityFrameworkCore;
using Vigil.Access;

namespace Vigil.Security;

/// <summary>A person's private feed token as the account page shows it (never the secret).</summary>
public sealed record FeedTokenSummary(string Prefix, DateTime CreatedAt, DateTime? LastUsedAt);

/// <summary>
/// Private feed tokens: one live token per account, whose secret is part of the private feed's URL
/// (<c>/feeds/private/{secret}.atom</c>), because a feed reader cannot sign in. Made or regenerated (the
/// old one stops working; the secret is shown once), revoked, and checked on each feed request. Stored
/// as a SHA-256 like <see cref="ApiTokens"/>. The feed reads as <see cref="OwnerReaders"/> makes the
/// owner's reader: their clearance, read only.
/// </summary>
public sealed class FeedTokens(SecurityDb db, TimeProvider clock)
{
    /// <summary>Every secret starts with this (a different prefix from API tokens: it opens a feed, nothing else).</summary>
    public const string SecretPrefix = "vgf_";

    private static readonly TimeSpan s_useRecordInterval = TimeSpan.FromMinutes(5);

    /// <summary>The account's live token, if any.</summary>
    public async Task<FeedTokenSummary?> CurrentAsync(long accountId, CancellationToken ct = default) =>
        await db.FeedTokens.AsNoTracking().Where(t => t.AccountId == accountId && t.RevokedAt == null)
            .OrderByDescending(t => t.Id).Select(t => new FeedTokenSummary(t.Prefix + "…", t.CreatedAt, t.LastUsedAt)).FirstOrDefaultAsync(ct);

    /// <summary>Makes a new token for the account, revoking the one it had; returns the secret (shown once).</summary>
    public async Task<string> RegenerateAsync(Account account, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await RevokeLiveAsync(account.Id, now, ct);
        var secret = BearerSecrets.New(SecretPrefix);
        db.FeedTokens.Add(new FeedToken { AccountId = account.Id, Prefix = secret[..12], Hash = BearerSecrets.HashOf(secret), CreatedAt = now });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await AuditLog.AppendAsync(db, clock, account.UserName!, AuditEvents.FeedTokenCreated, $"account={account.UserName} token={secret[..12]}", ct);
        return secret;
    }

    /// <summary>Revokes the account's live token; false when it had none.</summary>
    public async Task<bool> RevokeAsync(Account account, CancellationToken ct = default)
    {
        var revoked = await RevokeLiveAsync(account.Id, clock.GetUtcNow().UtcDateTime, ct);
        if (revoked > 0)
        {
            await AuditLog.AppendAsync(db, clock, account.UserName!, AuditEvents.FeedTokenRevoked, $"account={account.UserName}", ct);
        }
        return revoked > 0;
    }

    /// <summary>The account a live secret belongs to (enabled accounts only); null otherwise. Records the use now and then.</summary>
    public async Task<long?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }
        var hash = BearerSecrets.HashOf(secret);
        var token = await db.FeedTokens.Include(t => t.Account).FirstOrDefaultAsync(t => t.Hash == hash, ct);
        if (token is not { RevokedAt: null, Account.Disabled: false })
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (token.LastUsedAt is null || now - token.LastUsedAt >= s_useRecordInterval)
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return token.AccountId;
    }

    private async Task<int> RevokeLiveAsync(long accountId, DateTime now, CancellationToken ct) =>
        await db.FeedTokens.Where(t => t.AccountId == accountId && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now), ct);

}

/// <summary>
/// The reader a person's private feed, inbox, digest and webhooks read as, when the person is not the one
/// asking (a feed reader with their token, the digest, the webhook sender): <see cref="AccountReaders.For"/>,
/// the one rule, from the account's roles, clearance and two-factor state as stored now, with a read-only
/// scope (no write, no victim data). Null when the account is disabled or gone.
/// </summary>
public sealed class OwnerReaders(SecurityDb db)
{
    public async Task<Reader?> ForAsync(long accountId, CancellationToken ct = default)
    {
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == accountId, ct);
        if (account is null || account.Disabled)
        {
            return null;
        }
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == accountId
                           select r.Name).ToListAsync(ct);
        return AccountReaders.For(account.Id, account.UserName ?? "", roles.OfType<string>(), account.Clearance, account.TwoFactorEnabled,
            account.FocalPointCountry, account.VictimData, TokenScope.Read);
    }
}
