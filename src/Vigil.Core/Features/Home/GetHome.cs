using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Browse;
using Vigil.Model;

namespace Vigil.Features.Home;

public sealed record GetHomeRequest(int Latest = 10);

/// <summary>How many records of one kind the reader can see, and where to browse them.</summary>
public sealed record KindCount(string Label, string SearchKind, int Count);

/// <summary>One recent change of a visible record.</summary>
public sealed record RecentChange(RecordLink Record, string Operation, DateTime At, string By, string? Reason);

public sealed record HomePage(IReadOnlyList<KindCount> Counts, IReadOnlyList<RecentChange> Latest);

/// <summary>
/// The home page: what the reader may see, counted, and the latest changes. Revisions carry no access
/// information, so they are joined to the filtered record sets: a change to a hidden or deleted record never shows.
/// </summary>
public sealed class GetHomeHandler(VigilDb db)
{
    public async Task<HomePage> HandleAsync(GetHomeRequest request, CancellationToken ct = default)
    {
        var byKind = await db.Actors.GroupBy(a => a.ActorKind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var counts = Enum.GetValues<ActorKind>()
            .Select(k => new KindCount(Plural(k), Display.ActorKindSlug(k), byKind.SingleOrDefault(x => x.Key == k)?.Count ?? 0))
            .Append(new KindCount("products", "product", await db.Products.CountAsync(ct)))
            .Append(new KindCount("sources", "source", await db.Sources.CountAsync(ct)))
            .ToList();

        var n = Math.Clamp(request.Latest, 1, 50);
        var actors = await (from r in db.Revisions
                            join a in db.Actors on r.RecordId equals a.Id
                            where r.RecordKind == RecordKind.Actor
                            orderby r.At descending, r.Id descending
                            select new { r.Id, Link = new RecordLink("actor", a.Slug, a.Name), r.Operation, r.At, r.By, r.Reason }).Take(n).ToListAsync(ct);
        var products = await (from r in db.Revisions
                              join p in db.Products on r.RecordId equals p.Id
                              where r.RecordKind == RecordKind.Product
                              orderby r.At descending, r.Id descending
                              select new { r.Id, Link = new RecordLink("product", p.Slug, p.Name), r.Operation, r.At, r.By, r.Reason }).Take(n).ToListAsync(ct);
        var sources = await (from r in db.Revisions
                             join s in db.Sources on r.RecordId equals s.Id
                             where r.RecordKind == RecordKind.Source
                             orderby r.At descending, r.Id descending
                             select new { r.Id, Link = new RecordLink("source", s.Slug, s.Title), r.Operation, r.At, r.By, r.Reason }).Take(n).ToListAsync(ct);
        var latest = actors.Concat(products).Concat(sources)
            .OrderByDescending(x => x.At).ThenByDescending(x => x.Id).Take(n)
            .Select(x => new RecentChange(x.Link, x.Operation, x.At, x.By, x.Reason)).ToList();
        return new HomePage(counts, latest);
    }

    private static string Plural(ActorKind kind) => kind switch
    {
        ActorKind.State => "states",
        ActorKind.PublicBody => "public bodies",
        ActorKind.Company => "companies",
        ActorKind.Person => "people",
        _ => "organisations",
    };
}
