using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Vigil.Access;
using Vigil.Data;

namespace Vigil.Web.Infrastructure.Caching;

/// <summary>
/// Caches read answers in memory, so that a page or API read answered once is served again without touching
/// the database. Two kinds of reader share it, each only with readers who see exactly the same:
/// <list type="bullet">
/// <item>the anonymous public (published CLEAR records only, the same for everyone): pages and API;</item>
/// <item>a signed-in reader (API token, or a session reading the API): API reads only, keyed by
/// <see cref="Reader.CacheKey"/>, which holds every input of the access rule. Pages are not cached for them:
/// they carry per-person parts (the name in the header, form tokens). Nor are the API reads that depend
/// on the person rather than on what they may see (<see cref="PerPerson"/>).</item>
/// </list>
/// Never a response other than a 200 (or an API read's 404 or 410: <see cref="KeptStatus"/>), one that sets a cookie or says no-store/private (a page with an
/// antiforgery token in a form). Entries are keyed by the path, the documented query values, the Accept
/// header, the reader's key and <see cref="DataVersion"/>: any change to the graph makes every older entry
/// unreachable.
/// </summary>
internal sealed class PublicReadCachePolicy : IOutputCachePolicy
{
    public const string SessionCookie = "vigil.session";

    /// <summary>Marks a signed-in reader's API read, whose entry is keyed by the reader's <see cref="Reader.CacheKey"/>.</summary>
    private const string SignedInReadItem = "vigil.cache.signed-in-read";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var read = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Path.StartsWithSegments("/account") && !request.Path.StartsWithSegments("/admin")
            && !request.Path.StartsWithSegments("/health")
            // A private feed reads as the person whose token is in its URL: never stored, never shared.
            && !request.Path.StartsWithSegments("/feeds/private");
        var signedIn = http.User.Identity?.IsAuthenticated == true;
        var anonymous = read
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && !request.Cookies.ContainsKey(SessionCookie)
            && !signedIn;
        var sharedApiRead = read && signedIn && IsSharedApiRead(request.Path);
        var cacheable = anonymous || sharedApiRead;
        http.Items[SignedInReadItem] = sharedApiRead;
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = DocumentedQueryKeys(http);
        context.CacheVaryByRules.HeaderNames = HeaderNames.Accept;
        context.CacheVaryByRules.VaryByValues["data"] = DataVersion.Current.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (cacheable)
        {
            // The one reader the request reads as (the same accessor VigilDb filters by).
            var reader = anonymous ? Reader.Anonymous : http.RequestServices.GetRequiredService<IReaderAccessor>().Current;
            context.CacheVaryByRules.VaryByValues["reader"] = reader.CacheKey;
        }
        context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(5);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// API reads whose answer depends on who the person is, not only on what they may see: the review queue
    /// (it compares the reader's name with each change's authors), a record's history, and the open-data
    /// and STIX downloads (an export may be audited, per person). Never cached for a
    /// signed-in reader.
    /// </summary>
    internal static bool PerPerson(PathString path) =>
        path.StartsWithSegments("/api/v1/reviews")
        // A person's watchlist, inbox and webhooks are theirs alone.
        || path.StartsWithSegments("/api/v1/account")
        // A signed-in reader's export may be audited: each one must reach the use case.
        || path.StartsWithSegments("/api/v1/data")
        || path.StartsWithSegments("/api/v1/stix")
        // A screening case's export is audited per person, like the open-data downloads.
        || path.StartsWithSegments("/api/v1/screening/cases")
        // An archived copy is large and read rarely: kept out of a signed-in reader's cache entries.
        || path.Value?.EndsWith("/archive", StringComparison.OrdinalIgnoreCase) == true
        || path.Value?.EndsWith("/history", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// The query parameters an API endpoint binds (its handler's parameters that are neither route values nor
    /// services): only these are part of the key, so an address with made-up parameters (a cache-busting
    /// <c>?x=1</c>) is the same entry as the address without them. They never reach the database either: the
    /// endpoint binds only what it declares. Pages keep every query value in the key (their parameters are
    /// bound by properties).
    /// </summary>
    internal static StringValues DocumentedQueryKeys(HttpContext http)
    {
        if (http.GetEndpoint() is not RouteEndpoint endpoint || endpoint.Metadata.GetMetadata<MethodInfo>() is not { } handler)
        {
            return "*";
        }
        return s_queryKeys.GetOrAdd(handler, static (method, route) =>
        {
            var names = method.GetParameters()
                .Where(p => p.Name is not null && route.Parameters.All(r => !string.Equals(r.Name, p.Name, StringComparison.OrdinalIgnoreCase)))
                .Where(p => IsQueryBindable(p.ParameterType))
                .Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name!)
                .ToArray();
            return new StringValues(names);
        }, endpoint.RoutePattern);
    }

    private static readonly ConcurrentDictionary<MethodInfo, StringValues> s_queryKeys = new();

    private static bool IsQueryBindable(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? (type.IsArray ? type.GetElementType()! : type);
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(Guid);
    }

    private static bool IsSharedApiRead(PathString path) => path.StartsWithSegments("/api/v1") && !PerPerson(path);

    /// <summary>
    /// The answers kept: a 200, and for an API read also a 404 or 410. A record the reader may not see answers 404
    /// to everyone of the reader's kind until the data changes, exactly like its 200 to those who may (the key is the
    /// same); and most addresses a crawler or a mistyped link asks for are of that kind. A page's 404 is not kept: its
    /// body is rendered outside this cache (the status-code pages), and an empty one would be served.
    /// </summary>
    internal static bool KeptStatus(PathString path, int status) =>
        status == StatusCodes.Status200OK
        || (path.StartsWithSegments("/api") && status is StatusCodes.Status404NotFound or StatusCodes.Status410Gone);

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        var cacheControl = response.Headers.CacheControl.ToString();
        // Every answer to a signed-in reader says "private, no-store" (HttpHardening): that is for browsers and
        // shared caches. This cache keys a signed-in reader's API read by everything the access rule reads, so
        // it may keep it; an anonymous answer that says no-store or private (a page with a form) is never kept.
        var signedInRead = context.HttpContext.Items.TryGetValue(SignedInReadItem, out var flag) && flag is true;
        if (!KeptStatus(context.HttpContext.Request.Path, response.StatusCode)
            || response.Headers.ContainsKey(HeaderNames.SetCookie)
            || (!signedInRead && (cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
                || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase))))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Moves <see cref="DataVersion"/> when another process (the CLI's import, a second web node) committed a
/// change: every second, the newest revision id. Every change to a record writes a revision.
/// </summary>
internal sealed class DataVersionWatcher(DbContextOptions<VigilDb> options, ILogger<DataVersionWatcher> logger) : BackgroundService
{
    // Every second: the README promises other nodes see a write within two seconds, and under load a node's answer
    // itself may wait its turn behind many connections (2.25 s measured with a two-second poll).
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? seen = null;
        using var timer = new PeriodicTimer(s_interval);
        do
        {
            try
            {
                // Disposed each round: on SQLite a context holds its connection open until then (KeptOpenSqliteConnection).
                await using var db = VigilDb.For(options, Reader.System("cache-watcher"));
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
