using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Feeds;
using Vigil.Features.Watchlists;
using Vigil.Security;

namespace Vigil.Features.Webhooks;

/// <summary>A hook as its owner's list shows it (never the secret), with how its deliveries stand.</summary>
public sealed record WebhookView(long Id, string Url, string Follows, string SecretPrefix, DateTime CreatedAt, int Pending, int Delivered, int Failed);

/// <summary>One delivery as its owner sees it: what was sent, how many attempts, the last outcome.</summary>
public sealed record DeliveryView(long Id, long RevisionId, string State, int Attempts, DateTime CreatedAt, DateTime? LastAttemptAt,
    int? LastStatus, string? LastError, DateTime? DeliveredAt, DateTime? NextAttemptAt, string Payload);

/// <summary>A hook just registered: its id and the signing secret, shown once.</summary>
public sealed record NewWebhook(long Id, string Secret);

/// <summary>What a hook may follow, by its spelling: the owner's watchlist, everything, or one feed kind.</summary>
public static class WebhookFollows
{
    public const string Watchlist = "watchlist";
    public const string All = "all";

    public static IReadOnlyList<string> Names { get; } = [Watchlist, All, .. FeedQuery.Kinds.Keys];
}

/// <summary>
/// Registers an outgoing webhook for a person: a URL (http or https) and what it follows. Vigil makes the
/// signing secret (256 random bits, shown once) and keeps it protected with the data-protection keys (it
/// must read it back to sign). A new hook starts at the newest change: it is sent what is published after.
/// </summary>
public sealed class RegisterWebhookHandler(SecurityDb security, VigilDb db, IDataProtectionProvider protection, TimeProvider clock)
{
    public const int MaxPerAccount = 10;
    public const string SecretPrefix = "whsec_";
    internal const string ProtectionPurpose = "Vigil.Webhooks.Secret";

    public async Task<(WatchlistResult Result, NewWebhook? Hook)> HandleAsync(long accountId, string actor, string? url, string? follows, CancellationToken ct = default)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.OriginalString.Length > 500
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return (WatchlistResult.Fail("url", "url must be an absolute http or https address (at most 500 characters, no user name or password)."), null);
        }
        var what = string.IsNullOrWhiteSpace(follows) ? WebhookFollows.Watchlist : follows.Trim().ToLowerInvariant();
        if (!WebhookFollows.Names.Contains(what))
        {
            return (WatchlistResult.Fail("follows", $"follows is one of {string.Join(", ", WebhookFollows.Names)}."), null);
        }
        if (await security.Webhooks.CountAsync(h => h.AccountId == accountId, ct) >= MaxPerAccount)
        {
            return (WatchlistResult.Fail("url", $"At most {MaxPerAccount} webhooks per person; remove one first."), null);
        }
        var secret = Security.BearerSecrets.New(SecretPrefix);
        var hook = new Webhook
        {
            AccountId = accountId,
            Url = uri.AbsoluteUri,
            Follows = what,
            ProtectedSecret = protection.CreateProtector(ProtectionPurpose).Protect(secret),
            SecretPrefix = secret[..12],
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            ScannedRevisionId = await db.Revisions.MaxAsync(r => (long?)r.Id, ct) ?? 0,
        };
        security.Webhooks.Add(hook);
        await security.SaveChangesAsync(ct);
        security.ChangeTracker.Clear();
        await AuditLog.AppendAsync(security, clock, actor, AuditEvents.WebhookRegistered, $"webhook={hook.Id} host={uri.Host} follows={what}", ct);
        return (WatchlistResult.Ok(hook.Id), new NewWebhook(hook.Id, secret));
    }
}

/// <summary>Removes one of a person's webhooks and its deliveries; false when they have no such hook.</summary>
public sealed class RemoveWebhookHandler(SecurityDb security, TimeProvider clock)
{
    public async Task<bool> HandleAsync(long accountId, string actor, long webhookId, CancellationToken ct = default)
    {
        var removed = await security.Webhooks.Where(h => h.Id == webhookId && h.AccountId == accountId).ExecuteDeleteAsync(ct) > 0;
        if (removed)
        {
            await AuditLog.AppendAsync(security, clock, actor, AuditEvents.WebhookRemoved, $"webhook={webhookId}", ct);
        }
        return removed;
    }
}

/// <summary>A person's webhooks, and the deliveries of one of them (newest first): only their own.</summary>
public sealed class WebhooksHandler(SecurityDb security)
{
    public async Task<IReadOnlyList<WebhookView>> ListAsync(long accountId, CancellationToken ct = default)
    {
        var hooks = await security.Webhooks.AsNoTracking().Where(h => h.AccountId == accountId).OrderBy(h => h.Id).ToListAsync(ct);
        var ids = hooks.Select(h => h.Id).ToList();
        var counts = await security.WebhookDeliveries.AsNoTracking().Where(d => ids.Contains(d.WebhookId))
            .GroupBy(d => new { d.WebhookId, d.State }).Select(g => new { g.Key.WebhookId, g.Key.State, Count = g.Count() }).ToListAsync(ct);
        int Count(long id, DeliveryState state) => counts.Where(c => c.WebhookId == id && c.State == state).Sum(c => c.Count);
        return hooks.Select(h => new WebhookView(h.Id, h.Url, h.Follows, h.SecretPrefix + "…", h.CreatedAt,
            Count(h.Id, DeliveryState.Pending), Count(h.Id, DeliveryState.Delivered), Count(h.Id, DeliveryState.Failed))).ToList();
    }

    /// <summary>The hook's latest deliveries; null when the person has no such hook.</summary>
    public async Task<IReadOnlyList<DeliveryView>?> DeliveriesAsync(long accountId, long webhookId, CancellationToken ct = default)
    {
        if (!await security.Webhooks.AnyAsync(h => h.Id == webhookId && h.AccountId == accountId, ct))
        {
            return null;
        }
        return (await security.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == webhookId).OrderByDescending(d => d.Id).Take(100).ToListAsync(ct))
            .Select(d => new DeliveryView(d.Id, d.RevisionId, d.State.ToString().ToLowerInvariant(), d.Attempts, d.CreatedAt, d.LastAttemptAt, d.LastStatus,
                d.LastError, d.DeliveredAt, d.State == DeliveryState.Pending ? d.NextAttemptAt : null, d.Payload)).ToList();
    }
}
