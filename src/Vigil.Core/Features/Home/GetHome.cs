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

public sealed record HomePage(IReadOnlyList<KindCount> Counts, IReadOnlyList<RecentChange> Latest)
{
    /// <summary>Bulk imports, one line each ("615 companies imported from MISP galaxy … on 4 Dec 2026"), newest first.</summary>
    public IReadOnlyList<BulkImport> Imports { get; init; } = [];
}

/// <summary>One bulk import summarised: how many visible actors of each kind it added, from where, when.</summary>
public sealed record BulkImport(string From, IReadOnlyList<KindCount> Added, DateTime At)
{
    public string Text => $"{string.Join(", ", Added.Select(a => $"{a.Count} {(a.Count == 1 ? Singular(a.Label) : a.Label)}"))} imported from {From}";

    private static string Singular(string plural) => plural switch
    {
        "people" => "person",
        "companies" => "company",
        "public bodies" => "public body",
        _ => plural.TrimEnd('s'),
    };
}

/// <summary>
/// The home page: what the reader may see, counted, and the latest changes. Revisions carry no access
/// information, so they are joined to the filtered record sets: a change to a hidden or deleted record never shows.
/// The latest changes are curated work (edits, reviews, publications); a bulk import (its revisions carry
/// the reason "import …") would drown them, so it is summarised in one line instead.
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
        const string Imported = "import ";
        var actors = await (from r in db.Revisions
                            join a in db.Actors on r.RecordId equals a.Id
                            where r.RecordKind == RecordKind.Actor && (r.Reason == null || !r.Reason.StartsWith(Imported))
                            orderby r.At descending, r.Id descending
                            select new { r.Id, Link = new RecordLink("actor", a.Slug, a.Name), r.Operation, r.At, r.By, r.Reason }).Take(n).ToListAsync(ct);
        var products = await (from r in db.Revisions
                              join p in db.Products on r.RecordId equals p.Id
                              where r.RecordKind == RecordKind.Product && (r.Reason == null || !r.Reason.StartsWith(Imported))
                              orderby r.At descending, r.Id descending
                              select new { r.Id, Link = new RecordLink("product", p.Slug, p.Name), r.Operation, r.At, r.By, r.Reason }).Take(n).ToListAsync(ct);
        var sources = await (from r in db.Revisions
                             join s in db.Sources on r.RecordId equals s.Id
                             where r.RecordKind == RecordKind.Source && (r.Reason == null || !r.Reason.StartsWith(Imported))
                             orderby r.At descending, r.Id descending
                             select new { r.Id, Link = new RecordLink("source", s.Slug, Source.DisplayTitle(s.Title, s.TitleVerified, s.Publisher, s.Url)), r.Operation, r.At, r.By, r.Reason }).Take(n).ToListAsync(ct);
        var measures = await (from r in db.Revisions
                              join m in db.Measures on r.RecordId equals m.Id
                              where r.RecordKind == RecordKind.Measure && (r.Reason == null || !r.Reason.StartsWith(Imported))
                              orderby r.At descending, r.Id descending
                              select new { r.Id, Link = new RecordLink("measure", m.Slug, m.Title), r.Operation, r.At, r.By, r.Reason }).Take(n).ToListAsync(ct);
        var latest = actors.Concat(products).Concat(sources).Concat(measures)
            .OrderByDescending(x => x.At).ThenByDescending(x => x.Id).Take(n)
            .Select(x => new RecentChange(x.Link, x.Operation, x.At, x.By, x.Reason)).ToList();
        var imported = await (from r in db.Revisions
                              join a in db.Actors on r.RecordId equals a.Id
                              where r.RecordKind == RecordKind.Actor && r.Operation == "create" && r.Reason != null && r.Reason.StartsWith(Imported)
                              group r by new { r.Reason, a.ActorKind } into g
                              select new { g.Key.Reason, g.Key.ActorKind, Count = g.Count(), At = g.Max(x => x.At) }).ToListAsync(ct);
        var imports = imported.GroupBy(x => x.Reason!)
            .Select(g => new BulkImport(g.Key[Imported.Length..],
                g.OrderByDescending(x => x.Count).Select(x => new KindCount(Plural(x.ActorKind), Display.ActorKindSlug(x.ActorKind), x.Count)).ToList(),
                g.Max(x => x.At)))
            .OrderByDescending(x => x.At).ToList();
        return new HomePage(counts, latest) { Imports = imports };
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
