using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Feeds;
using Vigil.Features.Watchlists;
using Vigil.Security;

namespace Vigil.Web.Api;

/// <summary>
/// Atom 1.0 feeds (RFC 4287) of published changes: everything, one kind, one actor, one state, one search.
/// Each is read as the requesting reader (the public's are cached like the public pages); they are not
/// part of the JSON API and its OpenAPI document.
/// </summary>
public static class FeedsEndpoints
{
    public const string AtomType = "application/atom+xml; charset=utf-8";

    public static void MapFeeds(this WebApplication app)
    {
        var feeds = app.MapGroup("/feeds").ExcludeFromDescription();
        feeds.MapGet("/changes.atom", (HttpContext http, RecentChangesHandler handler, string? kind, string? q, CancellationToken ct) =>
            kind is not null && !FeedQuery.Kinds.ContainsKey(kind)
                ? Task.FromResult<IResult>(TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"kind is one of {string.Join(", ", FeedQuery.Kinds.Keys)}"] }))
                : AtomAsync(http, handler, new FeedQuery(kind, Search: q), ct));
        feeds.MapGet("/actors/{slug}.atom", (HttpContext http, RecentChangesHandler handler, string slug, CancellationToken ct) =>
            AtomAsync(http, handler, new FeedQuery(Actor: slug), ct));
        feeds.MapGet("/states/{state}.atom", (HttpContext http, RecentChangesHandler handler, string state, CancellationToken ct) =>
            AtomAsync(http, handler, new FeedQuery(State: state), ct));
        // A person's private feed: the token in the URL stands for the person (a feed reader cannot sign in).
        feeds.MapGet("/private/{token}.atom", PrivateAsync);
    }

    /// <summary>
    /// The private feed of the person whose feed token is in the URL: everything published, or one kind,
    /// or (<c>?watchlist=true</c>) what their watchlist follows, read through <see cref="OwnerReaders"/> as
    /// that person (their clearance, read only), never through the request's reader. Published changes
    /// only: drafts stay in the review queue, for everyone. Never cached, by Vigil or anyone in between.
    /// </summary>
    private static async Task<IResult> PrivateAsync(
        HttpContext http, FeedTokens tokens, OwnerReaders owners, Security.SecurityDb security, DbContextOptions<VigilDb> options, TimeProvider clock,
        string token, string? kind, bool? watchlist, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "private, no-store";
        if (kind is not null && !FeedQuery.Kinds.ContainsKey(kind))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"kind is one of {string.Join(", ", FeedQuery.Kinds.Keys)}"] });
        }
        // Unknown, revoked and a disabled owner's tokens all read the same: no such feed.
        if (await tokens.AuthenticateAsync(token, ct) is not { } accountId || await owners.ForAsync(accountId, ct) is not { } reader)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No such feed.");
        }
        await using var db = VigilDb.For(options, reader, clock);
        var handler = new RecentChangesHandler(db);
        FeedResult result;
        if (watchlist == true)
        {
            result = await handler.WatchedAsync(await WatchlistHandler.QueriesAsync(security, accountId, ct), new ChangeWindow(), 50, ct);
        }
        else
        {
            result = (await handler.HandleAsync(new FeedQuery(kind), ct))!;
        }
        // The token never appears in the feed: its id and self link name the feed, not the secret.
        return Render(http, result with { Title = result.Title + " (private)" }, "/feeds/private.atom" + (watchlist == true ? "?watchlist=true" : kind is null ? "" : "?kind=" + kind), self: false);
    }

    private static async Task<IResult> AtomAsync(HttpContext http, RecentChangesHandler handler, FeedQuery query, CancellationToken ct)
    {
        if (await handler.HandleAsync(query, ct) is not { } result)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No such actor or state.");
        }
        return Render(http, result, http.Request.Path.Value + http.Request.QueryString.Value, self: true);
    }

    private static IResult Render(HttpContext http, FeedResult result, string name, bool self)
    {
        var origin = $"{http.Request.Scheme}://{http.Request.Host}";
        var feed = new SyndicationFeed(result.Title, "Published changes in Vigil, read under your access rule.", new Uri(origin + "/"))
        {
            Id = "urn:vigil:feed:" + name,
            LastUpdatedTime = new DateTimeOffset(result.Updated, TimeSpan.Zero),
            Generator = "Vigil",
        };
        feed.Authors.Add(new SyndicationPerson { Name = "Vigil" });
        if (self)
        {
            feed.Links.Add(new SyndicationLink(new Uri(origin + http.Request.Path + http.Request.QueryString)) { RelationshipType = "self", MediaType = "application/atom+xml" });
        }
        feed.Items = result.Entries.Select(e =>
        {
            var item = new SyndicationItem(e.Title, $"{Capital(e.Kind)} {e.Operation}d{(e.Reason is null ? "" : ": " + e.Reason)} (TLP:{Model.Markings.ToLabel(e.Marking)}).",
                new Uri(origin + e.Path), $"urn:vigil:{e.Kind}:{e.Slug}:r{e.RevisionId}", new DateTimeOffset(e.Updated, TimeSpan.Zero));
            item.Categories.Add(new SyndicationCategory(e.Kind));
            item.Authors.Add(new SyndicationPerson { Name = "Vigil" });
            return item;
        }).ToList();
        var sb = new StringBuilder();
        using (var writer = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }
        return TypedResults.Text(sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), AtomType);
    }

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
