using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Matching;
using Vigil.Model;

namespace Vigil.Features.Screening;

/// <summary>
/// One entity to screen, as FollowTheMoney describes it: a schema ("Person", "Company", "Organization",
/// "LegalEntity", "PublicBody"…) and properties (name, alias, country, nationality, jurisdiction,
/// registrationNumber, idNumber, birthDate…), each a list of values.
/// </summary>
public sealed record ScreeningQuery(string? Schema, IReadOnlyDictionary<string, IReadOnlyList<string>> Properties);

/// <summary>Queries by key, with the score a match needs, how many results each gets, and the datasets to search (null: all).</summary>
public sealed record ScreeningRequest(
    IReadOnlyDictionary<string, ScreeningQuery> Queries, double? Threshold = null, int? Limit = null, IReadOnlyCollection<string>? Datasets = null);

/// <summary>
/// A candidate for one query: a record of the graph the reader may see, its FtM schema and properties,
/// its score (0–1), whether it is a match (score ≥ threshold), and the features behind the score.
/// </summary>
public sealed record ScreeningResult(
    string Id, string Caption, string Schema, IReadOnlyDictionary<string, IReadOnlyList<string>> Properties, IReadOnlyList<string> Datasets,
    double Score, bool Match, IReadOnlyDictionary<string, double> Features, string Explanation, string Path);

/// <summary>The candidates of one query, best first.</summary>
public sealed record ScreeningAnswer(IReadOnlyList<ScreeningResult> Results, int Total, ScreeningQuery Query);

/// <summary>The answers by query key, or the errors of an invalid request.</summary>
public sealed record ScreeningOutcome(
    IReadOnlyDictionary<string, ScreeningAnswer>? Responses, IDictionary<string, string[]>? Errors, double Threshold, int Limit);

/// <summary>
/// Screens names against what Vigil holds (the graph's actors, with what sanctions imports linked to
/// them, and the entries of the screening lists that are not in the graph), through the name engine: every name and alias of the query against every name and alias of
/// the candidates, plus identifiers (an equal registration number or list id scores 1) and country
/// (agreeing adds a little, disagreeing takes some away). Only records the reader may see are
/// candidates. The same handler answers the API (/api/v1/match, reconciliation), the page and the CLI.
/// </summary>
public sealed class ScreenNamesHandler(VigilDb db, NameSearch names)
{
    public const int MaxQueries = 500;

    /// <summary>
    /// How many queries one request may hold: <see cref="MaxQueries"/> for a client; a list import, which screens hundreds of
    /// thousands of entries, asks more at a time, so that the candidates' details are read once for thousands of queries.
    /// </summary>
    internal int QueriesAllowed { get; init; } = MaxQueries;

    /// <summary>
    /// Whether only matches are wanted (a list import queues nothing else): the name engine then leaves out, before explaining
    /// them, the names that cannot reach the threshold even with the country's bonus, instead of every one above 0.5 that a
    /// client is shown as a weaker candidate.
    /// </summary>
    internal bool MatchesOnly { get; init; }

    // What an agreeing country adds to a score, and a disagreeing one takes away (without an identifier in common).
    private const double CountryBonus = 0.05;

    private const double CountryPenalty = 0.1;

    // The weakest name score a candidate is scored and shown with: a client sees the near misses too.
    private const double NameFloor = 0.5;

    public const int MaxLimit = 100;

    private static readonly string[] s_nameProperties = ["name", "alias", "previousName", "weakAlias", "firstName", "lastName"];

    private static readonly string[] s_countryProperties = ["country", "nationality", "jurisdiction", "citizenship", "mainCountry"];

    private static readonly string[] s_idProperties = ["registrationNumber", "idNumber", "taxNumber", "leiCode", "ogrnCode", "innCode", "wikidataId", "opensanctionsId", "ofacId"];

    public async Task<ScreeningOutcome> HandleAsync(ScreeningRequest request, CancellationToken ct = default)
    {
        var outcome = await GraphAsync(request, ct);
        if (outcome.Responses is null)
        {
            return outcome;
        }
        // Null: every list entry; else the datasets that select list entries (ScreeningDatasetsHandler), none when only the graph is asked.
        var entryDatasets = request.Datasets is { Count: > 0 } wanted ? wanted.Where(d => d != ScreeningDatasetsHandler.Graph).ToList() : null;
        if (entryDatasets is { Count: 0 })
        {
            return outcome;
        }
        var entries = await EntriesAsync(request, entryDatasets, outcome.Threshold, outcome.Limit, ct);
        var responses = new Dictionary<string, ScreeningAnswer>();
        foreach (var (key, answer) in outcome.Responses)
        {
            var all = answer.Results.Concat(entries[key]).OrderByDescending(r => r.Score).ThenBy(r => r.Caption, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
            responses[key] = new ScreeningAnswer([.. all.Take(outcome.Limit)], answer.Total + entries[key].Count, answer.Query);
        }
        return outcome with { Responses = responses };
    }

    // How many more name hits an entry search takes when a dataset filter keeps only some entries: the filter applies to
    // the hits, and the best ones of a name common across lists may all be on lists not asked for.
    private const int FilteredPoolFactor = 5;

    /// <summary>
    /// Candidates among the list entries outside the graph (of <paramref name="datasets"/>, null: all): scored as actors
    /// are (names, identifiers, country); a result carries its list and source datasets as datasets and its programmes
    /// and identifiers as properties.
    /// </summary>
    private async Task<Dictionary<string, List<ScreeningResult>>> EntriesAsync(
        ScreeningRequest request, List<string>? datasets, double threshold, int limit, CancellationToken ct)
    {
        var index = await names.EntriesIndexAsync(db, ct);
        var pool = Math.Max(limit * 4, 20) * (datasets is null ? 1 : FilteredPoolFactor);
        var perQuery = BestHits(request.Queries, (name, schema) => index.Search(name, ["entry"], pool, schema, prefix: false, threshold: NameThreshold(threshold)), ct);
        var ids = perQuery.Values.SelectMany(d => d.Keys).Distinct().ToList();
        var queryIdValues = ParseIds(request.Queries.Values).Select(i => i.Value).Distinct().ToList();
        var candidates = db.ListEntries.AsNoTracking().Where(x => x.DelistedDate == null && x.ActorId == null);
        if (datasets is not null)
        {
            candidates = candidates.InDatasets(datasets);
        }
        var rows = await candidates.Where(x => ids.Contains(x.Id)).ToListAsync(ct);
        foreach (var value in queryIdValues)
        {
            // An identifier given bare ("48059") or with its scheme ("ofac:48059").
            var pattern = $"%:{value}";
            rows.AddRange(await candidates
                .Where(x => EF.Functions.Like(x.Identifiers, pattern) || EF.Functions.Like(x.Identifiers, pattern + "\n%") || x.Identifiers == value).Take(20).ToListAsync(ct));
        }
        var byId = rows.DistinctBy(r => r.Id).ToDictionary(r => r.Id);
        // The entries holding each identifier, by the whole line ("ofac:48059") and by its value ("48059").
        var holders = byId.Values.SelectMany(e => ListEntry.Lines(e.Identifiers).SelectMany(i => new[] { (Key: i, e.Id), (Key: i[(i.IndexOf(':') + 1)..], e.Id) }))
            .ToLookup(x => x.Key, x => x.Id, StringComparer.OrdinalIgnoreCase);
        var results = new Dictionary<string, List<ScreeningResult>>();
        foreach (var (key, q) in request.Queries)
        {
            var queryCountries = Values(q, s_countryProperties).Select(c => c.Trim().ToUpperInvariant()).ToHashSet();
            var queryIds = Values(q, s_idProperties).Select(v => v.Trim()).Where(v => v.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var list = new List<ScreeningResult>();
            foreach (var id in Candidates(perQuery[key], queryIds, holders, byId))
            {
                var e = byId[id];
                perQuery[key].TryGetValue(id, out var hit);
                var identifiers = ListEntry.Lines(e.Identifiers);
                var idMatch = identifiers.FirstOrDefault(i => queryIds.Contains(i) || queryIds.Contains(i[(i.IndexOf(':') + 1)..]));
                if (hit is null && idMatch is null)
                {
                    continue;
                }
                var countries = ListEntry.Lines(e.Countries);
                var (score, why, features) = Scored(hit, idMatch, countries, queryCountries);
                var programmes = ListEntry.Lines(e.Programmes);
                var properties = new Dictionary<string, IReadOnlyList<string>> { ["name"] = [e.Name] };
                if (ListEntry.Lines(e.Aliases) is { Count: > 0 } aliases)
                {
                    properties["alias"] = aliases;
                }
                if (countries.Count > 0)
                {
                    properties["country"] = [.. countries.Select(c => c.ToLowerInvariant())];
                }
                if (e.Date is not null)
                {
                    properties[e.Schema == "Person" ? "birthDate" : "incorporationDate"] = [e.Date];
                }
                properties["program"] = programmes;
                properties["idNumber"] = identifiers;
                properties["listingDate"] = [e.ListedDate];
                why = $"{e.List} entry {e.EntryId} ({string.Join(", ", programmes)}; {string.Join(", ", identifiers)}). {why}";
                list.Add(new ScreeningResult($"{e.List}-{e.EntryId}", e.Name, e.Schema, properties, e.AllDatasets(), Math.Round(score, 4), score >= threshold,
                    features, why.Trim(), ""));
            }
            results[key] = list;
        }
        return results;
    }

    private async Task<ScreeningOutcome> GraphAsync(ScreeningRequest request, CancellationToken ct)
    {
        var threshold = request.Threshold ?? NameMatcher.DefaultThreshold;
        var limit = Math.Clamp(request.Limit ?? 5, 1, MaxLimit);
        var errors = new Dictionary<string, string[]>();
        if (request.Queries.Count == 0)
        {
            errors["queries"] = ["Give at least one query."];
        }
        if (request.Queries.Count > QueriesAllowed)
        {
            errors["queries"] = [$"At most {QueriesAllowed} queries a request."];
        }
        if (threshold is < 0 or > 1)
        {
            errors["threshold"] = ["The threshold is a score between 0 and 1."];
        }
        foreach (var (key, q) in request.Queries)
        {
            if (NamesOf(q).Count == 0)
            {
                errors[$"queries.{key}.properties.name"] = ["Give at least one name."];
            }
        }
        // The catalog is asked only for a name beyond the graph and the lists: a list import screens its entries, in its
        // transaction (where nothing is kept), with datasets ["vigil"].
        if (request.Datasets is { Count: > 0 } named && !named.All(ScreeningDatasetsHandler.Always.Contains))
        {
            var known = (await ScreeningDatasetsHandler.CatalogAsync(db, ct)).Select(d => d.Name).ToList();
            if (named.Where(d => !known.Contains(d)).ToList() is { Count: > 0 } unknown)
            {
                errors["datasets"] = [$"Unknown datasets: {string.Join(", ", unknown)}. Known: {string.Join(", ", known)}."];
            }
        }
        if (errors.Count > 0)
        {
            return new ScreeningOutcome(null, errors, threshold, limit);
        }

        var index = await names.IndexAsync(db, ct);
        var perQuery = BestHits(request.Queries, (name, schema) => index.Search(name, ["actor"], Math.Max(limit * 4, 20), schema, prefix: false, threshold: NameThreshold(threshold)), ct);
        var ids = perQuery.Values.SelectMany(d => d.Keys).Distinct().ToList();
        var identifiers = ParseIds(request.Queries.Values);
        if (identifiers.Count > 0)
        {
            var values = identifiers.Select(i => i.Value).Distinct().ToList();
            ids.AddRange(await db.ActorIdentifiers.Where(i => values.Contains(i.Value)).Select(i => i.ActorId).ToListAsync(ct));
            ids = [.. ids.Distinct()];
        }
        // The reader's filtered sets decide which candidates exist: hidden actors are never scored or shown.
        // No candidate at all (most batches of a list import): no query.
        var actors = ids.Count == 0 ? [] : await db.Actors.Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Slug, a.Name, a.ActorKind, a.Country }).AsNoTracking().ToDictionaryAsync(a => a.Id, ct);
        var visibleIds = actors.Keys.ToList();
        var aliases = (visibleIds.Count == 0 ? [] : await db.ActorAliases.Where(x => visibleIds.Contains(x.ActorId)).Select(x => new { x.ActorId, x.Name }).ToListAsync(ct))
            .ToLookup(x => x.ActorId, x => x.Name);
        var ids2 = (visibleIds.Count == 0 ? [] : await db.ActorIdentifiers.Where(x => visibleIds.Contains(x.ActorId)).Select(x => new { x.ActorId, x.Scheme, x.Value }).ToListAsync(ct))
            .ToLookup(x => x.ActorId);
        // The datasets of the listed entries an actor is: yente gives an entity its datasets, and a filter naming one selects it.
        var listedIn = (visibleIds.Count == 0 ? [] : await db.ListEntries.Where(x => x.ActorId != null && visibleIds.Contains(x.ActorId.Value) && x.DelistedDate == null)
                .Select(x => new { x.ActorId, x.List, x.Datasets }).ToListAsync(ct))
            .ToLookup(x => x.ActorId!.Value, x => ListEntry.AllDatasets(x.List, x.Datasets));

        var holders = ids2.SelectMany(g => g).ToLookup(i => i.Value, i => i.ActorId, StringComparer.OrdinalIgnoreCase);
        var responses = new Dictionary<string, ScreeningAnswer>();
        foreach (var (key, q) in request.Queries)
        {
            var queryCountries = Values(q, s_countryProperties).Select(c => c.Trim().ToUpperInvariant()).ToHashSet();
            var queryIds = Values(q, s_idProperties).Select(v => v.Trim()).Where(v => v.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var results = new List<ScreeningResult>();
            foreach (var id in Candidates(perQuery[key], queryIds, holders, actors))
            {
                var a = actors[id];
                perQuery[key].TryGetValue(id, out var hit);
                var idMatch = ids2[id].FirstOrDefault(i => queryIds.Contains(i.Value));
                if (hit is null && idMatch is null)
                {
                    continue;
                }
                var (score, why, features) = Scored(hit, idMatch is null ? null : $"{idMatch.Scheme}:{idMatch.Value}", a.Country is null ? [] : [a.Country], queryCountries);
                var datasets = Datasets(ids2[id].Select(i => i.Scheme), listedIn[id]);
                if (request.Datasets is { Count: > 0 } wanted && !datasets.Any(wanted.Contains))
                {
                    continue;
                }
                var properties = new Dictionary<string, IReadOnlyList<string>> { ["name"] = [a.Name] };
                var al = aliases[id].ToList();
                if (al.Count > 0)
                {
                    properties["alias"] = al;
                }
                if (a.Country is not null)
                {
                    properties["country"] = [a.Country.ToLowerInvariant()];
                }
                results.Add(new ScreeningResult(
                    a.Slug, a.Name, FtmSchema(a.ActorKind), properties, datasets, Math.Round(score, 4), score >= threshold, features, why.Trim(), $"/actors/{a.Slug}"));
            }
            var ordered = results.OrderByDescending(r => r.Score).ThenBy(r => r.Caption, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
            responses[key] = new ScreeningAnswer([.. ordered.Take(limit)], ordered.Count, q);
        }
        return new ScreeningOutcome(responses, null, threshold, limit);
    }

    /// <summary>
    /// One query's candidates among a request's <paramref name="visible"/> records: those its names hit and those holding one of
    /// its identifiers, each once. Asking each query about its own hits, not about every record any query of the request hit,
    /// keeps a batch linear: a list import screens 500 entries a request against the hundreds of actors they hit together.
    /// </summary>
    private static IEnumerable<long> Candidates<T>(
        Dictionary<long, NameHit> hits, IReadOnlySet<string> queryIds, ILookup<string, long> holders, IReadOnlyDictionary<long, T> visible)
    {
        var seen = new HashSet<long>();
        foreach (var id in hits.Keys.Concat(queryIds.SelectMany(v => holders[v])))
        {
            if (visible.ContainsKey(id) && seen.Add(id))
            {
                yield return id;
            }
        }
    }

    // Queries in a request from which they are searched in parallel.
    private const int ParallelFrom = 32;

    /// <summary>
    /// Each query's best hit per record among the hits of its names (<paramref name="search"/> of a name read as the query's
    /// schema). The queries are searched in parallel: the index is never changed once built and searches take no lock, and a
    /// request of many queries (an API batch, a list import screening its new entries 500 at a time) is otherwise one core's work.
    /// A request of a few (one name from the screening page or a yente client) is searched on its own thread: a server under
    /// load has its cores busy with other requests already.
    /// </summary>
    private static Dictionary<string, Dictionary<long, NameHit>> BestHits(
        IReadOnlyDictionary<string, ScreeningQuery> queries, Func<string, NameSchema, IReadOnlyList<NameHit>> search, CancellationToken ct)
    {
        var all = queries.ToArray();
        var found = new Dictionary<long, NameHit>[all.Length];
        var parallel = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = all.Length >= ParallelFrom ? -1 : 1 };
        Parallel.For(0, all.Length, parallel, k =>
        {
            var q = all[k].Value;
            var schema = SchemaOf(q.Schema);
            var best = new Dictionary<long, NameHit>();
            foreach (var name in NamesOf(q))
            {
                foreach (var hit in search(name, schema))
                {
                    if (!best.TryGetValue(hit.Id, out var had) || hit.Score.Score > had.Score.Score)
                    {
                        best[hit.Id] = hit;
                    }
                }
            }
            found[k] = best;
        });
        var perQuery = new Dictionary<string, Dictionary<long, NameHit>>(all.Length);
        for (var k = 0; k < all.Length; k++)
        {
            perQuery[all[k].Key] = found[k];
        }
        return perQuery;
    }

    /// <summary>The FollowTheMoney schema of an actor kind.</summary>
    public static string FtmSchema(ActorKind kind) => kind switch
    {
        ActorKind.Person => "Person",
        ActorKind.Company => "Company",
        ActorKind.PublicBody or ActorKind.State => "PublicBody",
        _ => "Organization",
    };

    /// <summary>How the name engine reads names of an FtM schema.</summary>
    public static NameSchema SchemaOf(string? schema) => schema switch
    {
        "Person" => NameSchema.Person,
        "Company" or "Organization" or "LegalEntity" or "PublicBody" => NameSchema.Organization,
        _ => NameSchema.Any,
    };

    /// <summary>
    /// One scoring rule for a candidate, a graph actor or a list entry: the name engine's score and features, an
    /// identifier in common (certain: score 1), and the country (a small bonus, or a penalty unless an identifier matched).
    /// </summary>
    /// <summary>The name score below which the name engine drops a name (see <see cref="MatchesOnly"/>).</summary>
    private double NameThreshold(double threshold) => MatchesOnly ? Math.Max(0, threshold - CountryBonus) : Math.Min(threshold, NameFloor);

    private static (double Score, string Why, Dictionary<string, double> Features) Scored(
        NameHit? hit, string? identifier, IReadOnlyCollection<string> countries, IReadOnlySet<string> queryCountries)
    {
        var features = new Dictionary<string, double>();
        var score = hit?.Score.Score ?? 0;
        var why = hit is null ? "" : $"{hit.Name}: {hit.Score.Explain()}";
        if (hit is not null)
        {
            features["name_match"] = hit.Score.Score;
            foreach (var f in hit.Score.Features)
            {
                features[f.Name] = f.Value;
            }
        }
        if (identifier is not null)
        {
            score = 1;
            features["identifier_match"] = 1;
            why = $"identifier {identifier}; " + why;
        }
        if (queryCountries.Count > 0 && countries.Count > 0)
        {
            if (countries.Any(queryCountries.Contains))
            {
                score = Math.Min(1, score + CountryBonus);
                features["country_match"] = 1;
            }
            else if (identifier is null)
            {
                score = Math.Max(0, score - CountryPenalty);
                features["country_mismatch"] = 1;
            }
        }
        return (score, why, features);
    }

    /// <summary>An actor's datasets: the graph; the lists its identifiers come from; the lists and source datasets of its entries.</summary>
    private static List<string> Datasets(IEnumerable<string> schemes, IEnumerable<IReadOnlyList<string>> entries)
    {
        var sets = new List<string> { ScreeningDatasetsHandler.Graph };
        foreach (var s in schemes.Distinct())
        {
            if (s == Sanctions.ImportSdnHandler.Scheme)
            {
                sets.Add(Sanctions.ImportSdnHandler.Dataset);
            }
            else if (s == Sanctions.ImportFtmHandler.Scheme)
            {
                sets.Add(Sanctions.ImportFtmHandler.Dataset);
            }
        }
        return [.. sets.Concat(entries.SelectMany(e => e)).Distinct(StringComparer.Ordinal)];
    }

    private static List<string> NamesOf(ScreeningQuery q)
    {
        var names = Values(q, s_nameProperties.Take(4)).Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
        var first = Values(q, ["firstName"]).FirstOrDefault();
        var last = Values(q, ["lastName"]).FirstOrDefault();
        if (names.Count == 0 && (first is not null || last is not null))
        {
            names.Add($"{first} {last}".Trim());
        }
        return names;
    }

    private static IEnumerable<string> Values(ScreeningQuery q, IEnumerable<string> properties) =>
        properties.SelectMany(p => q.Properties.TryGetValue(p, out var v) ? v : []).Where(v => v is not null);

    private static List<(string Value, string Property)> ParseIds(IEnumerable<ScreeningQuery> queries) =>
        [.. queries.SelectMany(q => s_idProperties.SelectMany(p => q.Properties.TryGetValue(p, out var v) ? v.Select(x => (x.Trim(), p)) : [])).Where(x => x.Item1.Length > 0)];
}
