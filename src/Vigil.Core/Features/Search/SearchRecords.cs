using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Actors;
using Vigil.Features.Browse;
using Vigil.Matching;
using Vigil.Model;
using Vigil.Search;

namespace Vigil.Features.Search;

/// <summary>
/// A search or browse request. <paramref name="Kind"/> is "actor", an actor kind ("company",
/// "public-body"…), "product" or "source"; empty means every kind. A country narrows to actors.
/// </summary>
public sealed record SearchRecordsRequest(string? Q = null, string? Kind = null, string? Country = null, string? Status = null, int Page = 1, int PageSize = 20);

public sealed record SearchItem(string Kind, string Slug, string Name, string SubKind, string? Country, Marking Marking, ReviewStatus Status, double? Score = null, string? Why = null)
{
    public string Path => Kind switch
    {
        "framework" => $"/commitments/frameworks/{Slug}",
        // A commitment is shown on its framework's page: Slug is "framework-slug#code".
        "commitment" => $"/commitments/frameworks/{Slug}",
        _ => $"/{Kind}s/{Slug}",
    };

    public string? CountryName => Country is null ? null : Model.Countries.NameOf(Country);
}

/// <summary>A facet value with the number of results that carry it.</summary>
public sealed record SearchFacet(string Value, string Label, int Count);

public sealed record SearchRecordsResult(IReadOnlyList<SearchItem> Items, int Total, int Page, int PageSize, IReadOnlyList<SearchFacet>? ByKind = null, IReadOnlyList<SearchFacet>? ByCountry = null)
{
    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>
/// Cross-kind browse and full-text search. Full-text hits are only candidate ids: each kind's hits are
/// joined with that kind's filtered set, so the index never shows what the reader may not see.
/// Results rank by relevance when there is a query, by name otherwise.
/// </summary>
public sealed class SearchRecordsHandler(VigilDb db, NameSearch names)
{
    public const int MaxPageSize = 100;

    public const int MaxPage = 10_000;

    /// <summary>Kinds accepted by <see cref="SearchRecordsRequest.Kind"/>.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        ["actor", .. Enum.GetValues<ActorKind>().Select(Display.ActorKindSlug), "product", "source", "incident", "measure", "framework", "commitment"];

    /// <summary>
    /// A search's or a browse page's answer is the same for every reader of one kind until the next save, so it is kept
    /// (<see cref="ReadResults"/>): a signed-in reader's search page, which is not stored whole, is rendered around it.
    /// The question is the whole request (a record's text holds every parameter, so a new one cannot be left out).
    /// </summary>
    public async Task<SearchRecordsResult> HandleAsync(SearchRecordsRequest request, CancellationToken ct = default) =>
        (await ReadResults.GetOrComputeAsync(db, "search\n" + request, () => ComputeAsync(request, ct)!, ReadResultSize.Small))!;

    private async Task<SearchRecordsResult> ComputeAsync(SearchRecordsRequest request, CancellationToken ct)
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

        if (text is not null)
        {
            return await SearchTextAsync(text, kind, actorKind, country, status, page, size, ct);
        }
        if (kind is "incident" or "measure" or "framework" or "commitment")
        {
            // Browsing these kinds has its own pages; the search box covers them by name.
            return new SearchRecordsResult([], 0, page, size);
        }
        // One kind alone is paged by the database; several are merged here, so each gives its first page × size.
        var single = country is not null || (kind is not null && kind != "all");
        var skip = single ? (page - 1) * size : 0;
        var take = single ? size : page * size;
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
            static IQueryable<Ranked> Rows(IQueryable<Actor> actors) =>
                actors.Select(a => new Ranked { Rank = 0, Name = a.Name, Kind = "actor", Slug = a.Slug, SubKind = (int)a.ActorKind, Country = a.Country, Marking = a.Marking, Status = a.Status });
            if (single)
            {
                // A deep page of one kind starts at a kept row of the name-ordered list (ActorNameAnchors), as the API's
                // list does, instead of walking every row before it (page 1,700 of 100,000 companies: 8.6 ms a page).
                parts.Add(await ActorNameAnchors.PageAsync(db, actors, Rows, skip, take, ct));
            }
            else
            {
                parts.Add(await PartAsync(Rows(actors), skip, take, ct));
            }
        }
        if (country is null && (kind is null || kind == "product"))
        {
            var products = status is null ? db.Products : db.Products.Where(p => p.Status == status);
            var rows = products.Select(p => new Ranked { Rank = 0, Name = p.Name, Kind = "product", Slug = p.Slug, SubKind = (int)p.ProductKind, Country = null, Marking = p.Marking, Status = p.Status });
            parts.Add(await PartAsync(rows, skip, take, ct));
        }
        if (country is null && (kind is null || kind == "source"))
        {
            var sources = status is null ? db.Sources : db.Sources.Where(s => s.Status == status);
            var rows = sources.Select(s => new Ranked { Rank = 0, Name = s.Title, Kind = "source", Slug = s.Slug, SubKind = (int)s.SourceKind, Country = null, Marking = s.Marking, Status = s.Status });
            parts.Add(await PartAsync(rows, skip, take, ct));
        }
        var items = parts.SelectMany(p => p.Rows)
            .OrderBy(r => r.Rank).ThenBy(r => r.Name, StringComparer.InvariantCultureIgnoreCase).ThenBy(r => r.Kind, StringComparer.Ordinal)
            .Skip((page - 1) * size - skip).Take(size)
            .Select(r => new SearchItem(r.Kind, r.Slug, r.Name, SubKind(r.Kind, r.SubKind), r.Country, r.Marking, r.Status))
            .ToList();
        return new SearchRecordsResult(items, parts.Sum(p => p.Count), page, size);
    }

    /// <summary>How much a kind weighs when scores tie: records before their sources.</summary>
    private static double KindWeight(string kind) => kind switch
    {
        "actor" or "product" => 0.06,
        "incident" or "measure" => 0.04,
        "framework" or "commitment" => 0.02,
        _ => 0,
    };

    private const int MaxCandidates = 500;

    /// <summary>
    /// A text search: the name engine's hits (names, aliases, titles; typos and other scripts tolerated)
    /// and full-text hits (descriptions, sources), each kept only when the reader's filtered set holds it,
    /// ranked by score: an exact name first, then an exact alias, then the rest, kinds weighted.
    /// </summary>
    private async Task<SearchRecordsResult> SearchTextAsync(
        string text, string? kind, ActorKind? actorKind, string? country, ReviewStatus? status, int page, int size, CancellationToken ct)
    {
        string[] wanted = kind is null ? [.. NameSearch.Kinds, "source"]
            : actorKind is not null ? ["actor"]
            : new[] { kind };
        var index = await names.IndexAsync(db, ct);
        var hits = index.Search(text, wanted, MaxCandidates, prefix: true, threshold: 0.6);
        var query = Transliteration.ToAscii(text);
        var scored = new Dictionary<(string Kind, long Id), (double Score, string Why)>();
        foreach (var hit in hits)
        {
            var exact = Transliteration.ToAscii(hit.Name) == query;
            var score = hit.Score.Score + (exact ? (hit.Primary ? 0.5 : 0.4) : 0) + KindWeight(hit.Kind);
            scored[(hit.Kind, hit.Id)] = (score, (exact ? (hit.Primary ? "exact name; " : "exact alias; ") : "") + $"{hit.Name}: {hit.Score.Explain()}");
        }
        // Full text finds what names do not: words of a description, a source's title or publisher.
        var words = FullText.Words(text).Count > 0;
        var rows = new List<Ranked>();
        // Each kind's best hits among what the reader may see, all kinds in one query (a query costs more in EF than the
        // full-text match itself does in the database).
        IQueryable<Ranked>? fullText = null;
        var kindOf = new Dictionary<int, string>();
        void AddFullText<T>(string k, RecordKind recordKind, IQueryable<T> set, Func<IQueryable<T>, IQueryable<SearchHit>, IQueryable<Ranked>> join)
        {
            if (wanted.Contains(k) && words)
            {
                kindOf[(int)recordKind] = k;
                var best = join(set, FullText.Match(db, recordKind, text)).OrderBy(r => r.Rank).ThenBy(r => r.Id).Take(MaxCandidates);
                fullText = fullText is null ? best : fullText.Concat(best);
            }
        }
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
        var products = status is null ? db.Products : db.Products.Where(p => p.Status == status);
        var sources = status is null ? db.Sources : db.Sources.Where(p => p.Status == status);
        var incidents = status is null ? db.Incidents : db.Incidents.Where(p => p.Status == status);
        if (country is not null)
        {
            incidents = incidents.Where(i => i.Country == country);
        }
        // SubKind carries the hit's record kind here.
        AddFullText("actor", RecordKind.Actor, actors, (set, fts) => from a in set join h in fts on a.Id equals h.RecordId select new Ranked { Id = a.Id, Rank = h.Rank, SubKind = h.Kind });
        AddFullText("product", RecordKind.Product, products, (set, fts) => from a in set join h in fts on a.Id equals h.RecordId select new Ranked { Id = a.Id, Rank = h.Rank, SubKind = h.Kind });
        AddFullText("source", RecordKind.Source, sources, (set, fts) => from a in set join h in fts on a.Id equals h.RecordId select new Ranked { Id = a.Id, Rank = h.Rank, SubKind = h.Kind });
        AddFullText("incident", RecordKind.Incident, incidents, (set, fts) => from a in set join h in fts on a.Id equals h.RecordId select new Ranked { Id = a.Id, Rank = h.Rank, SubKind = h.Kind });
        if (fullText is not null)
        {
            foreach (var found in (await fullText.ToListAsync(ct)).GroupBy(r => r.SubKind))
            {
                var k = kindOf[found.Key];
                var position = 0;
                foreach (var row in found.OrderBy(r => r.Rank).ThenBy(r => r.Id))
                {
                    scored.TryAdd((k, row.Id), (0.5 + KindWeight(k) - (0.0001 * position), "full text"));
                    position++;
                }
            }
        }

        // Every candidate goes back through the reader's filtered sets: what they may not see is dropped here. A kind
        // without candidates is not asked.
        async Task AddRowsAsync(string k, Func<List<long>, IQueryable<Ranked>> read)
        {
            List<long> candidates = [.. scored.Keys.Where(x => x.Kind == k).Select(x => x.Id)];
            if (candidates.Count > 0)
            {
                rows.AddRange(await read(candidates).ToListAsync(ct));
            }
        }
        await AddRowsAsync("actor", ids => actors.Where(a => ids.Contains(a.Id))
            .Select(a => new Ranked { Id = a.Id, Name = a.Name, Kind = "actor", Slug = a.Slug, SubKind = (int)a.ActorKind, Country = a.Country, Marking = a.Marking, Status = a.Status }));
        if (country is null)
        {
            await AddRowsAsync("product", ids => products.Where(p => ids.Contains(p.Id))
                .Select(p => new Ranked { Id = p.Id, Name = p.Name, Kind = "product", Slug = p.Slug, SubKind = (int)p.ProductKind, Marking = p.Marking, Status = p.Status }));
            await AddRowsAsync("source", ids => sources.Where(p => ids.Contains(p.Id))
                .Select(p => new Ranked { Id = p.Id, Name = p.Title, Kind = "source", Slug = p.Slug, SubKind = (int)p.SourceKind, Marking = p.Marking, Status = p.Status }));
            var measures = status is null ? db.Measures : db.Measures.Where(p => p.Status == status);
            await AddRowsAsync("measure", ids => measures.Where(p => ids.Contains(p.Id))
                .Select(p => new Ranked { Id = p.Id, Name = p.Title, Kind = "measure", Slug = p.Slug, SubKind = (int)p.Type, Marking = p.Marking, Status = p.Status }));
            var frameworks = status is null ? db.Frameworks : db.Frameworks.Where(p => p.Status == status);
            await AddRowsAsync("framework", ids => frameworks.Where(p => ids.Contains(p.Id))
                .Select(p => new Ranked { Id = p.Id, Name = p.Name, Kind = "framework", Slug = p.Slug, Marking = p.Marking, Status = p.Status }));
            var commitments = status is null ? db.Commitments : db.Commitments.Where(p => p.Status == status);
            await AddRowsAsync("commitment", ids => commitments.Where(p => ids.Contains(p.Id))
                .Select(p => new Ranked { Id = p.Id, Name = p.Code + " " + p.Text, Kind = "commitment", Slug = p.Framework!.Slug, Marking = p.Marking, Status = p.Status }));
        }
        await AddRowsAsync("incident", ids => incidents.Where(p => ids.Contains(p.Id))
            .Select(p => new Ranked { Id = p.Id, Name = p.Title, Kind = "incident", Slug = p.Slug, Country = p.Country, Marking = p.Marking, Status = p.Status }));

        var ranked = rows
            .Select(r => (Row: r, Hit: scored[(r.Kind, r.Id)]))
            .OrderByDescending(x => x.Hit.Score).ThenBy(x => x.Row.Name, StringComparer.InvariantCultureIgnoreCase).ThenBy(x => x.Row.Kind, StringComparer.Ordinal)
            .ToList();
        var items = ranked.Skip((page - 1) * size).Take(size)
            .Select(x => new SearchItem(x.Row.Kind, x.Row.Slug, x.Row.Name, SubKind(x.Row.Kind, x.Row.SubKind), x.Row.Country, x.Row.Marking, x.Row.Status, Math.Round(x.Hit.Score, 3), x.Hit.Why))
            .ToList();
        var byKind = ranked.GroupBy(x => x.Row.Kind).Select(g => new SearchFacet(g.Key, g.Key, g.Count())).OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal).ToList();
        var byCountry = ranked.Where(x => x.Row.Country is not null).GroupBy(x => x.Row.Country!)
            .Select(g => new SearchFacet(g.Key, Model.Countries.NameOf(g.Key), g.Count())).OrderByDescending(f => f.Count).ThenBy(f => f.Label, StringComparer.Ordinal).ToList();
        return new SearchRecordsResult(items, ranked.Count, page, size, byKind, byCountry);
    }

    private async Task<(int, List<Ranked>)> PartAsync(IQueryable<Ranked> rows, int skip, int take, CancellationToken ct)
    {
        // The count walks every row the reader may see (100,000 actors: milliseconds on each page turn); it only
        // changes with the data, so it is kept per data version and kind of reader, like the other heavy reads.
        var count = await ReadResults.CountAsync(db, rows, ct);
        // By name alone (browse rows all rank 0), so that SQLite walks the (kind, name) index instead of sorting every row.
        var top = await rows.OrderBy(r => r.Name).Skip(skip).Take(take).ToListAsync(ct);
        return (count, top);
    }

    private static string SubKind(string kind, int value) => kind switch
    {
        "actor" => Display.ActorKindLabel((ActorKind)value),
        "product" => ((ProductKind)value).ToString().ToLowerInvariant(),
        "source" => ((SourceKind)value).ToLabel().Replace('-', ' '),
        "measure" => ((MeasureType)value).ToLabel().Replace('-', ' '),
        _ => kind,
    };


    /// <summary>One candidate row, the same shape for every kind so the kinds merge into one list (member-initialised so EF can order by it).</summary>
    private sealed class Ranked
    {
        public long Id { get; init; }
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
