using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Vigil.Features.Feeds;

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
    }

    private static async Task<IResult> AtomAsync(HttpContext http, RecentChangesHandler handler, FeedQuery query, CancellationToken ct)
    {
        if (await handler.HandleAsync(query, ct) is not { } result)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No such actor or state.");
        }
        var origin = $"{http.Request.Scheme}://{http.Request.Host}";
        var self = origin + http.Request.Path + http.Request.QueryString;
        var feed = new SyndicationFeed(result.Title, "Published changes in Vigil, read under your access rule.", new Uri(origin + "/"))
        {
            Id = "urn:vigil:feed:" + http.Request.Path.Value + http.Request.QueryString.Value,
            LastUpdatedTime = new DateTimeOffset(result.Updated, TimeSpan.Zero),
            Generator = "Vigil",
        };
        feed.Authors.Add(new SyndicationPerson { Name = "Vigil" });
        feed.Links.Add(new SyndicationLink(new Uri(self)) { RelationshipType = "self", MediaType = "application/atom+xml" });
        feed.Items = result.Entries.Select(e =>
        {
            var item = new SyndicationItem(e.Title, $"{Capital(e.Kind)} {e.Operation}d{(e.Reason is null ? "" : ": " + e.Reason)} (TLP:{Model.Markings.ToLabel(e.Marking)}).",
                new Uri(origin + e.Path), $"urn:vigil:{e.Kind}:{e.Slug}:r{e.RevisionId}", new DateTimeOffset(e.Updated, TimeSpan.Zero));
            item.Categories.Add(new SyndicationCategory(e.Kind));
            item.Authors.Add(new SyndicationPerson { Name = "Vigil" });
            return item;
        }).ToList();
        var sb = new StringBuilder();
        await using (var writer = XmlWriter.Create(sb, new XmlWriterSettings { Async = true, Indent = true, Encoding = Encoding.UTF8 }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }
        return TypedResults.Text(sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), AtomType);
    }

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
