using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Vigil.Access;
using Vigil.Data;

namespace Vigil.Web.Infrastructure.Caching;

/// <summary>
/// Caches what the anonymous public reads (published CLEAR records only, the same for everyone) in memory,
/// so that a page or API read answered once is served again without touching the database. Never for a
/// request that may read as someone: a session cookie, an Authorization header or an authenticated user
/// skips the cache both ways. Never a response that is not a plain 200, sets a cookie or says no-store
/// (a page with an antiforgery token in a form). Entries are keyed by the path, every query value, the
/// Accept header and <see cref="DataVersion"/>: any change to the graph makes every older entry unreachable.
/// </summary>
internal sealed class PublicReadCachePolicy : IOutputCachePolicy
{
    public const string SessionCookie = "vigil.session";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var anonymous = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && !request.Cookies.ContainsKey(SessionCookie)
            && http.User.Identity?.IsAuthenticated != true
            && !request.Path.StartsWithSegments("/account") && !request.Path.StartsWithSegments("/admin")
            && !request.Path.StartsWithSegments("/health");
        context.EnableOutputCaching = anonymous;
        context.AllowCacheLookup = anonymous;
        context.AllowCacheStorage = anonymous;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.HeaderNames = HeaderNames.Accept;
        context.CacheVaryByRules.VaryByValues["data"] = DataVersion.Current.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(5);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        var cacheControl = response.Headers.CacheControl.ToString();
        if (response.StatusCode != StatusCodes.Status200OK
            || response.Headers.ContainsKey(HeaderNames.SetCookie)
            || cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Moves <see cref="DataVersion"/> when another process (the CLI's import, a second web node) committed a
/// change: every few seconds, the newest revision id. Every change to a record writes a revision.
/// </summary>
internal sealed class DataVersionWatcher(IServiceScopeFactory scopes, ILogger<DataVersionWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? seen = null;
        using var timer = new PeriodicTimer(s_interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = ActivatorUtilities.CreateInstance<VigilDb>(scope.ServiceProvider, new FixedReaderAccessor(Reader.System("cache-watcher")));
                var newest = await db.Revisions.IgnoreQueryFilters().MaxAsync(r => (long?)r.Id, stoppingToken) ?? 0;
                if (seen is not null && newest != seen)
                {
                    DataVersion.Bump();
                }
                seen = newest;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database not migrated yet, or briefly away: the cache keeps its version, entries expire anyway.
                logger.LogDebug(e, "Could not read the newest revision");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class PublicReadCacheRegistration
{
    public static IServiceCollection AddPublicReadCache(this IServiceCollection services)
    {
        services.AddOutputCache(o =>
        {
            o.AddBasePolicy(new PublicReadCachePolicy());
            // Bounded, so the server stays small: the most read pages stay, the rest are read again.
            o.SizeLimit = 48 * 1024 * 1024;
            o.MaximumBodySize = 2 * 1024 * 1024;
        });
        services.AddHostedService<DataVersionWatcher>();
        return services;
    }
}
