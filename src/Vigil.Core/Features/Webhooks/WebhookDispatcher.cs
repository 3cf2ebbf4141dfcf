using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Data;
using Vigil.Features.Feeds;
using Vigil.Features.Watchlists;
using Vigil.Model;
using Vigil.Security;

namespace Vigil.Features.Webhooks;

/// <summary>
/// Sends outgoing webhooks, in two steps that a background service repeats (and that survive a restart,
/// because both work from the database):
/// <list type="number">
/// <item><see cref="ScanAsync"/>: for each hook, the published changes after the revision it has scanned up to,
/// read as the hook owner's reader (<see cref="OwnerReaders"/>: the one access rule, read only), each written
/// to the outbox (<see cref="WebhookDelivery"/>) with its JSON payload, in the same save as the hook's new mark;</item>
/// <item><see cref="SendDueAsync"/>: each due delivery is claimed (so two web nodes never send it twice at once),
/// posted with its HMAC-SHA256 signature, and marked delivered, or retried later with exponential back-off,
/// or given up after the last attempt.</item>
/// </list>
/// </summary>
public sealed class WebhookDispatcher(
    SecurityDb security, DbContextOptions<VigilDb> options, OwnerReaders owners, IDataProtectionProvider protection,
    IHttpClientFactory http, TimeProvider clock, IOptions<WebhookOptions> settings, ILogger<WebhookDispatcher> logger)
{
    /// <summary>The named HTTP client deliveries are sent with (see <see cref="WebhookHttp"/>).</summary>
    public const string HttpClientName = "vigil-webhooks";

    // Revisions looked at per step: a window never holds more changes than a feed query returns.
    private const int Window = 200;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes the outbox rows for changes published since each hook's mark; returns how many.</summary>
    public async Task<int> ScanAsync(CancellationToken ct = default)
    {
        var hookIds = await security.Webhooks.AsNoTracking().Where(h => h.DisabledAt == null).Select(h => h.Id).ToListAsync(ct);
        var queued = 0;
        foreach (var id in hookIds)
        {
            try
            {
                queued += await ScanHookAsync(id, ct);
            }
            catch (DbUpdateException e)
            {
                // Another node queued the same changes first (one delivery per hook and revision): it goes on from there.
                logger.LogDebug(e, "Webhook {Webhook}: scanned by another node", id);
            }
            finally
            {
                security.ChangeTracker.Clear();
            }
        }
        return queued;
    }

    private async Task<int> ScanHookAsync(long id, CancellationToken ct)
    {
        var hook = await security.Webhooks.FirstAsync(h => h.Id == id, ct);
        if (await owners.ForAsync(hook.AccountId, ct) is not { } reader)
        {
            return 0; // a disabled account's hooks wait, sending nothing
        }
        await using var db = VigilDb.For(options, reader, clock);
        var newest = await db.Revisions.MaxAsync(r => (long?)r.Id, ct) ?? 0;
        IReadOnlyList<FeedQuery> queries = hook.Follows == WebhookFollows.Watchlist
            ? await WatchlistHandler.QueriesAsync(security, hook.AccountId, ct)
            : [new FeedQuery(Kind: hook.Follows == WebhookFollows.All ? null : hook.Follows)];
        var site = settings.Value.BaseUrl?.TrimEnd('/') ?? "";
        var queued = 0;
        while (hook.ScannedRevisionId < newest)
        {
            var upTo = Math.Min(newest, hook.ScannedRevisionId + Window);
            var changes = await new RecentChangesHandler(db).WatchedAsync(queries, new ChangeWindow(hook.ScannedRevisionId, upTo), Window, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var e in changes.Entries.OrderBy(e => e.RevisionId))
            {
                var payload = JsonSerializer.Serialize(new
                {
                    @event = "change.published",
                    webhook = hook.Id,
                    revision = e.RevisionId,
                    change = new
                    {
                        id = $"urn:vigil:{e.Kind}:{e.Slug}:r{e.RevisionId}",
                        kind = e.Kind, slug = e.Slug, title = e.Title, url = site + e.Path,
                        operation = e.Operation, reason = e.Reason, marking = "TLP:" + e.Marking.ToLabel(), updated = e.Updated,
                    },
                }, s_json);
                security.WebhookDeliveries.Add(new WebhookDelivery
                {
                    WebhookId = hook.Id, RevisionId = e.RevisionId, Payload = payload, State = DeliveryState.Pending, CreatedAt = now, NextAttemptAt = now,
                });
                queued++;
            }
            hook.ScannedRevisionId = upTo;
            await security.SaveChangesAsync(ct);
        }
        return queued;
    }

    /// <summary>Sends every delivery that is due (a few at a time); returns how many were attempted.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var options = settings.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await security.WebhookDeliveries.AsNoTracking()
            // A disabled owner's queued deliveries wait: nothing is sent on behalf of an account that is shut.
            .Where(d => d.State == DeliveryState.Pending && d.NextAttemptAt <= now && !d.Webhook!.Account!.Disabled)
            .OrderBy(d => d.NextAttemptAt).Take(20)
            .Select(d => new { d.Id, d.Attempts, d.WebhookId, d.Payload, d.Webhook!.Url, d.Webhook.ProtectedSecret }).ToListAsync(ct);
        var attempted = 0;
        foreach (var d in due)
        {
            // Claimed by moving its next attempt past this one: whoever moves it sends it.
            var lease = now.AddSeconds(options.TimeoutSeconds * 2 + 5);
            var claimed = await security.WebhookDeliveries
                .Where(x => x.Id == d.Id && x.State == DeliveryState.Pending && x.Attempts == d.Attempts && x.NextAttemptAt <= now)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.NextAttemptAt, lease), ct);
            if (claimed == 0)
            {
                continue;
            }
            attempted++;
            var secret = protection.CreateProtector(RegisterWebhookHandler.ProtectionPurpose).Unprotect(d.ProtectedSecret);
            var body = Encoding.UTF8.GetBytes(d.Payload);
            int? status = null;
            string? error = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, d.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, body));
                request.Headers.Add("X-Vigil-Delivery", d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.Add("X-Vigil-Event", "change.published");
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
                using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                status = (int)response.StatusCode;
                if (!response.IsSuccessStatusCode)
                {
                    error = $"answered {status}";
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
            {
                error = e is TaskCanceledException ? $"no answer within {options.TimeoutSeconds} s" : e.Message;
            }
            var after = clock.GetUtcNow().UtcDateTime;
            var attempts = d.Attempts + 1;
            var state = error is null ? DeliveryState.Delivered : attempts >= options.MaxAttempts ? DeliveryState.Failed : DeliveryState.Pending;
            var next = after + Backoff(options.FirstRetrySeconds, attempts);
            var shortError = error is null ? null : error[..Math.Min(error.Length, 300)];
            await security.WebhookDeliveries.Where(x => x.Id == d.Id).ExecuteUpdateAsync(u => u
                .SetProperty(x => x.Attempts, attempts)
                .SetProperty(x => x.State, state)
                .SetProperty(x => x.LastAttemptAt, after)
                .SetProperty(x => x.LastStatus, status)
                .SetProperty(x => x.LastError, shortError)
                .SetProperty(x => x.NextAttemptAt, next)
                .SetProperty(x => x.DeliveredAt, state == DeliveryState.Delivered ? after : null), ct);
            logger.LogInformation("Webhook {Webhook} delivery {Delivery}: attempt {Attempt} {Outcome}", d.WebhookId, d.Id, attempts, error is null ? "delivered" : state == DeliveryState.Failed ? "failed, given up" : "failed, will retry");
        }
        return attempted;
    }

    /// <summary>The wait after <paramref name="attempts"/> failed attempts: first, then twice as long each time, at most six hours.</summary>
    public static TimeSpan Backoff(double firstSeconds, int attempts) =>
        TimeSpan.FromSeconds(Math.Min(firstSeconds * Math.Pow(2, Math.Max(0, attempts - 1)), 6 * 3600));
}

/// <summary>
/// The HTTP handler deliveries go through: no redirects, and (unless <see cref="WebhookOptions.AllowPrivateNetworks"/>)
/// a connection only to public addresses, checked on the address actually connected to, so a host name that
/// resolves into the server's own network is refused whatever it resolved to when the hook was registered.
/// </summary>
public static class WebhookHttp
{
    public static SocketsHttpHandler CreateHandler(bool allowPrivateNetworks) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
            var allowed = addresses.Where(a => allowPrivateNetworks || !IsInternal(a)).ToList();
            if (allowed.Count == 0)
            {
                throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves only to internal addresses, which webhooks may not reach.");
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Loopback, private, link-local, carrier-grade NAT, unspecified, multicast and unique-local addresses.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address))
        {
            return true;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] is 0 or 10 or 127 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127) || b[0] >= 224;
        }
        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.Equals(IPAddress.IPv6Any)
            || (address.GetAddressBytes()[0] & 0xFE) == 0xFC;
    }
}
