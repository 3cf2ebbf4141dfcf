using Microsoft.EntityFrameworkCore;

namespace Vigil.Security;

/// <summary>A token as its owner's list shows it (never the secret).</summary>
public sealed record ApiTokenSummary(
    long Id, string Name, string Prefix, string Scope, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt);

/// <summary>A token just made: the secret is in here once and nowhere else.</summary>
public sealed record NewApiToken(ApiTokenSummary Token, string Secret);

/// <summary>
/// Personal API tokens: created (the secret shown once), listed, revoked, and checked on each API
/// request. Only a SHA-256 of the secret is stored; the secret has 256 random bits, so a fast hash is
/// enough (no dictionary to guess from), and lookup by hash is a single indexed read.
/// </summary>
public sealed class ApiTokens(SecurityDb db, TimeProvider clock)
{
    /// <summary>Every secret starts with this, so that scanners and people can recognise a leaked one.</summary>
    public const string SecretPrefix = "vgl_";

    /// <summary>The longest a token may live.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    // Recording every use would write on every API call: record the first use in each window instead.
    private static readonly TimeSpan s_useRecordInterval = TimeSpan.FromMinutes(5);

    /// <summary>Makes a token for <paramref name="account"/>, valid for <paramref name="lifetime"/>.</summary>
    public async Task<NewApiToken> CreateAsync(Account account, string name, TokenScope scope, TimeSpan lifetime, string actor, CancellationToken ct = default)
    {
        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), $"A token lives between one day and {MaxLifetime.TotalDays:F0} days.");
        }
        var secret = BearerSecrets.New(SecretPrefix);
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new ApiToken
        {
            AccountId = account.Id,
            Name = string.IsNullOrWhiteSpace(name) ? "token" : name.Trim()[..Math.Min(name.Trim().Length, 100)],
            Prefix = secret[..12],
            Hash = BearerSecrets.HashOf(secret),
            Scope = scope,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        db.Entry(token).State = EntityState.Detached;
        await AuditLog.AppendAsync(db, clock, actor, AuditEvents.TokenCreated,
            $"account={account.UserName} token={token.Prefix} scope={ScopeLabel(scope)} expires={token.ExpiresAt:yyyy-MM-dd}", ct);
        return new NewApiToken(Summarise(token), secret);
    }

    /// <summary>The account's tokens, newest first.</summary>
    public async Task<IReadOnlyList<ApiTokenSummary>> ListAsync(long accountId, CancellationToken ct = default) =>
        (await db.ApiTokens.AsNoTracking().Where(t => t.AccountId == accountId).ToListAsync(ct))
            .OrderByDescending(t => t.CreatedAt).Select(Summarise).ToList();

    /// <summary>Revokes one of the account's tokens; false when it has no such token.</summary>
    public async Task<bool> RevokeAsync(long accountId, long tokenId, string actor, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.Include(t => t.Account).FirstOrDefaultAsync(t => t.Id == tokenId && t.AccountId == accountId, ct);
        if (token is null)
        {
            return false;
        }
        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, clock, actor, AuditEvents.TokenRevoked, $"account={token.Account!.UserName} token={token.Prefix}", ct);
        }
        return true;
    }

    /// <summary>
    /// The account and token a secret belongs to, when the token is live (not expired, not revoked)
    /// and its account is enabled; otherwise null. Records the use (at most once in a few minutes).
    /// </summary>
    public async Task<(Account Account, ApiToken Token)?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }
        var hash = BearerSecrets.HashOf(secret);
        var token = await db.ApiTokens.Include(t => t.Account).FirstOrDefaultAsync(t => t.Hash == hash, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (token?.Account is not { Disabled: false } account || token.RevokedAt is not null || token.ExpiresAt <= now)
        {
            if (token is not null)
            {
                await AuditLog.AppendAsync(db, clock, token.Account?.UserName ?? "unknown", AuditEvents.TokenRejected,
                    $"token={token.Prefix} reason={(token.RevokedAt is not null ? "revoked" : token.ExpiresAt <= now ? "expired" : "account disabled")}", ct);
            }
            return null;
        }
        if (token.LastUsedAt is null || now - token.LastUsedAt >= s_useRecordInterval)
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, clock, account.UserName!, AuditEvents.TokenUsed, $"token={token.Prefix}", ct);
        }
        return (account, token);
    }

    public static string ScopeLabel(TokenScope scope) => scope == TokenScope.ReadWrite ? "read-write" : "read";

    public static bool TryParseScope(string? text, out TokenScope scope)
    {
        scope = text?.Trim().ToLowerInvariant() switch
        {
            "read" => TokenScope.Read,
            "read-write" or "readwrite" or "write" => TokenScope.ReadWrite,
            _ => (TokenScope)(-1),
        };
        return Enum.IsDefined(scope);
    }

    private static ApiTokenSummary Summarise(ApiToken t) =>
        new(t.Id, t.Name, t.Prefix + "…", ScopeLabel(t.Scope), t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt);
}
