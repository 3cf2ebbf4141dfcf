using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Browse;
using Vigil.Model;
using Vigil.Search;

namespace Vigil.Features.Search;

/// <summary>
/// A search or browse request. <paramref name="Kind"/> is "actor", an actor kind ("company",
/// "public-body"…), "product" or "source"; empty means every kind. A country narrows to actors.
/// </summary>
public sealed record SearchRecordsRequest(string? Q = null, string? Kind = null, string? Country = null, string? Status = null, int Page = 1, int PageSize = 20);

public sealed record SearchItem(string Kind, string Slug, string Name, string SubKind, string? Country, Marking Marking, ReviewStatus Status)
{
    public string Path => $"/{Kind}s/{Slug}";

    public string? CountryName => Country is null ? null : Model.Countries.NameOf(Country);
}

public sealed record SearchRecordsResult(IReadOnlyList<SearchItem> Items, int Total, int Page, int PageSize)
{
    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>
/// Cross-kind browse and full-text search. Full-text hits are only candidate ids: each kind's hits are
/// joined with that kind's filtered set, so the index never shows what the reader may not see.
/// Results rank by relevance when there is a query, by name otherwise.
/// </summary>
public sealed class SearchRecordsHandler(VigilDb db)
{
    public const int MaxPageSize = 100;

    public const int MaxPage = 10_000;

    /// <summary>Kinds accepted by <see cref="SearchRecordsRequest.Kind"/>.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        ["actor", .. Enum.GetValues<ActorKind>().Select(Display.ActorKindSlug), "product", "source"];

    public async Task<SearchRecordsResult> HandleAsync(SearchRecordsRequest request, CancellationToken ct = default)
    {
        // Bounded so that page × size cannot overflow; nobody reads page 10,001 of a result list.
        var page = Math.Clamp(request.Page, 1, MaxPage);
        var size = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var kind = request.Kind?.Trim().ToLowerInvariant();
        kind = string.IsNullOrEmpty(kind) ? null : kind;
        var country = string.IsNullOrWhiteSpace(request.Country) ? null : request.Country.Trim().ToUpperInvariant();
        ReviewStatus? status = ReviewStatuses.TryParse(request.Status, out var st) && !string.IsNullOrWhiteSpace(request.Status) ? st : null;
        var text = FullText.Words(request.Q).Count > 0 ? request.Q! : null;
        ActorKind? actorKind = Enum.GetValues<ActorKind>().Where(k => Display.ActorKindSlug(k) == kind).Select(k => (ActorKind?)k).FirstOrDefault();

        var take = page * size;
        var parts = new List<(int Count, List<Ranked> Rows)>();
        if (kind is null || kind == "actor" || actorKind is not null)
        {
            var actors = db.Actors.AsQueryable();
            if (actorKind is not null)
            {
                actors = actors.Where(a => a.ActorKind == actorKind);
            }
            if (country is not null)
            {
                actors = actors.Where(a => a.Country == country);
            }
            if (status is not null)
            {
                actors = actors.Where(a => a.Status == status);
            }
            var rows = text is null
                ? actors.Select(a => new Ranked { Rank = 0, Name = a.Name, Kind = "actor", Slug = a.Slug, SubKind = (int)a.ActorKind, Country = a.Country, Marking = a.Marking, Status = a.Status })
                : from a in actors
                  join h in FullText.Match(db, RecordKind.Actor, text) on a.Id equals h.RecordId
                  select new Ranked { Rank = h.Rank, Name = a.Name, Kind = "actor", Slug = a.Slug, SubKind = (int)a.ActorKind, Country = a.Country, Marking = a.Marking, Status = a.Status };
            parts.Add(await PartAsync(rows, take, ct));
        }
        if (country is null && (kind is null || kind == "product"))
        {
            var products = status is null ? db.Products : db.Products.Where(p => p.Status == status);
            var rows = text is null
                ? products.Select(p => new Ranked { Rank = 0, Name = p.Name, Kind = "product", Slug = p.Slug, SubKind = (int)p.ProductKind, Country = null, Marking = p.Marking, Status = p.Status })
                : from p in products
                  join h in FullText.Match(db, RecordKind.Product, text) on p.Id equals h.RecordId
                  select new Ranked { Rank = h.Rank, Name = p.Name, Kind = "product", Slug = p.Slug, SubKind = (int)p.ProductKind, Country = null, Marking = p.Marking, Status = p.Status };
            parts.Add(await PartAsync(rows, take, ct));
        }
        if (country is null && (kind is null || kind == "source"))
        {
            var sources = status is null ? db.Sources : db.Sources.Where(s => s.Status == status);
            var rows = text is null
                ? sources.Select(s => new Ranked { Rank = 0, Name = s.Title, Kind = "source", Slug = s.Slug, SubKind = (int)s.SourceKind, Country = null, Marking = s.Marking, Status = s.Status })
                : from s in sources
                  join h in FullText.Match(db, RecordKind.Source, text) on s.Id equals h.RecordId
                  select new Ranked { Rank = h.Rank, Name = s.Title, Kind = "source", Slug = s.Slug, SubKind = (int)s.SourceKind, Country = null, Marking = s.Marking, Status = s.Status };
            parts.Add(await PartAsync(rows, take, ct));
        }
        var items = parts.SelectMany(p => p.Rows)
            .OrderBy(r => r.Rank).ThenBy(r => r.Name, StringComparer.InvariantCultureIgnoreCase).ThenBy(r => r.Kind, StringComparer.Ordinal)
            .Skip((page - 1) * size).Take(size)
            .Select(r => new SearchItem(r.Kind, r.Slug, r.Name, SubKind(r.Kind, r.SubKind), r.Country, r.Marking, r.Status))
            .ToList();
        return new SearchRecordsResult(items, parts.Sum(p => p.Count), page, size);
    }

    private static async Task<(int, List<Ranked>)> PartAsync(IQueryable<Ranked> rows, int take, CancellationToken ct)
    {
        var count = await rows.CountAsync(ct);
        var top = await rows.OrderBy(r => r.Rank).ThenBy(r => r.Name).Take(take).ToListAsync(ct);
        return (count, top);
    }

    private static string SubKind(string kind, int value) => kind switch
    {
        "actor" => Display.ActorKindLabel((ActorKind)value),
        "product" => ((ProductKind)value).ToString().ToLowerInvariant(),
        _ => ((SourceKind)value).ToLabel().Replace('-', ' '),
    };

    /// <summary>One candidate row, the same shape for every kind so the kinds merge into one list (member-initialised so EF can order by it).</summary>
    private sealed class Ranked
    {
        public double Rank { get; init; }
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Slug { get; init; } = "";
        public int SubKind { get; init; }
        public string? Country { get; init; }
        public Marking Marking { get; init; }
        public ReviewStatus Status { get; init; }
    }
}
