using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Matching;
using Vigil.Model;
using Vigil.Search;

namespace Vigil.Features.Search;

/// <summary>
/// A type-ahead question: <c>Q</c> part of a name, alias or slug; <c>Kind</c> one of actor, state,
/// public-body, company, person, organisation, product, source, incident, measure, framework (several
/// comma-separated; none: all); <c>Limit</c> 1–50 (default 10).
/// </summary>
public sealed record LookupQuery(string? Q = null, string? Kind = null, int? Limit = null);

/// <summary>
/// A record a field may refer to: its <c>Kind</c> (actor, product, …), slug, name, a short
/// <c>Detail</c> to tell namesakes apart ("state · GR"), and the alias that matched when not the name.
/// </summary>
public sealed record LookupItem(
    string Kind, string Slug, string Name, string? Detail, string? Matched, [property: JsonIgnore] long Id = 0, [property: JsonIgnore] int Score = 0)
{
    /// <summary>The name with its detail, as a list or an error message shows it.</summary>
    public string Describe() => Detail is null ? Name : $"{Name} ({Detail})";
}

/// <summary>How a name typed in a field resolved: one record, or none and the candidates to choose from.</summary>
public sealed record Resolution(LookupItem? Match, IReadOnlyList<LookupItem> Candidates, bool Ambiguous);

/// <summary>
/// Pick by name, never by slug: the one type-ahead over names and aliases of every kind a field may refer
/// to, under the access rule (the query filters of <see cref="VigilDb"/>: a hidden record is never
/// suggested), accent- and case-insensitive. Forms, filters, the API (<c>GET /api/v1/lookup</c>) and the
/// write use cases (<see cref="ResolveAsync"/>: a name, an alias or a slug) all go through it.
/// </summary>
public sealed class LookupHandler(VigilDb db, NameSearch names)
{
    private static readonly string[] AllKinds = ["actor", "product", "source", "incident", "measure", "framework"];

    public async Task<ListResult<LookupItem>> HandleAsync(LookupQuery query, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var limit = query.Limit ?? 10;
        if (limit is < 1 or > 50)
        {
            errors.Add("limit", "limit must be 1 to 50.");
        }
        var kinds = ParseKinds(query.Kind, errors);
        if (!errors.IsEmpty)
        {
            return ListResult<LookupItem>.Invalid(errors);
        }
        var q = Normalise(query.Q ?? "");
        if (q.Length == 0)
        {
            return new ListResult<LookupItem>(new PagedList<LookupItem>([], 0, 1, limit));
        }
        var candidates = await CandidatesAsync(kinds, ct);
        var found = await RankAsync(query.Q!, q, kinds, candidates, ct);
        return new ListResult<LookupItem>(new PagedList<LookupItem>(found.Take(limit).ToList(), found.Count, 1, limit));
    }

    /// <summary>
    /// Resolves what a person typed in a field of this <paramref name="kind"/>: a slug, or a name or alias
    /// that only one visible record has. Otherwise no match, and the records it may mean.
    /// </summary>
    public async Task<Resolution> ResolveAsync(string kind, string text, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var kinds = ParseKinds(kind, errors);
        var candidates = await CandidatesAsync(kinds, ct);
        var trimmed = text.Trim();
        if (candidates.FirstOrDefault(c => string.Equals(c.Item.Slug, trimmed, StringComparison.OrdinalIgnoreCase)) is { } bySlug)
        {
            return new Resolution(bySlug.Item, [], false);
        }
        var q = Normalise(trimmed);
        // A record's own name wins over another's alias: "Intellexa" names Intellexa, even when a
        // subsidiary lists it as a former name. Two records of that name are still ambiguous.
        var named = candidates.Where(c => Normalise(c.Item.Name) == q).Select(c => c.Item).ToList();
        if (named.Count > 0)
        {
            return named.Count == 1 ? new Resolution(named[0], [], false)
                : new Resolution(null, named.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToList(), true);
        }
        var exact = candidates.Where(c => c.Names.Any(n => Normalise(n) == q)).Select(c => c.Item).ToList();
        if (exact.Count == 1)
        {
            return new Resolution(exact[0], [], false);
        }
        if (exact.Count > 1)
        {
            return new Resolution(null, exact.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToList(), true);
        }
        var near = q.Length == 0 ? [] : (await RankAsync(trimmed, q, kinds, candidates, ct)).Take(8).ToList();
        return new Resolution(null, near, false);
    }

    /// <summary>
    /// Resolves a field for a write use case: the record's id, or null with an error that names the
    /// candidates (visible ones only) so that the writer can pick one.
    /// </summary>
    public async Task<LookupItem?> ResolveFieldAsync(string field, string kind, string? text, ValidationErrors errors, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var r = await ResolveAsync(kind, text, ct);
        if (r.Match is not null)
        {
            return r.Match;
        }
        var what = kind.Contains(',', StringComparison.Ordinal) ? "record" : kind.Replace('-', ' ');
        errors.Add(field, r.Ambiguous
            ? $"'{text.Trim()}' names several: {string.Join("; ", r.Candidates.Select(c => c.Describe()))}. Pick one."
            : $"There is no {what} '{text.Trim()}'." + (r.Candidates.Count > 0 ? $" Did you mean: {string.Join("; ", r.Candidates.Select(c => c.Describe()))}?" : ""));
        return null;
    }

    /// <summary>
    /// The slug a typed name, alias or slug stands for, or the text itself when it names no single
    /// visible record. A change held for review is stored this way, so that the reviewer, who may see
    /// more records, publishes the record the writer picked, not another of the same name.
    /// </summary>
    public async Task<string?> CanonicalAsync(string kind, string? text, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return text;
        }
        return (await ResolveAsync(kind, text, ct)).Match?.Slug ?? text;
    }

    /// <summary>
    /// Resolves a list filter (a vendor, an authority…) typed as a name, an alias or a slug to the slug
    /// the filter compares with. A slug (what links carry) is taken as it is, with one indexed query; a
    /// name or alias only one visible record has becomes its slug; an ambiguous one is an error that lists
    /// the candidates; an unknown text is kept, and the list is empty, as for any value nothing matches.
    /// </summary>
    public async Task<string?> FilterSlugAsync(string field, string kind, string? text, ValidationErrors errors, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return text;
        }
        var trimmed = text.Trim();
        var isSlug = kind == "product"
            ? await db.Products.AnyAsync(p => p.Slug == trimmed, ct)
            : await db.Actors.AnyAsync(a => a.Slug == trimmed, ct);
        if (isSlug)
        {
            return trimmed;
        }
        var r = await ResolveAsync(kind, trimmed, ct);
        if (r.Match is not null)
        {
            return r.Match.Slug;
        }
        if (r.Ambiguous)
        {
            errors.Add(field, $"'{trimmed}' names several: {string.Join("; ", r.Candidates.Select(c => $"{c.Describe()} [{c.Slug}]"))}. Pick one.");
        }
        return trimmed;
    }

    /// <summary>
    /// The plain comparison of a typed text with a name: 0 no match, higher is better. What it misses
    /// (typos, other scripts, reordered words) the name engine adds in <see cref="RankAsync"/>.
    /// </summary>
    public static int Match(string query, string name)
    {
        var n = Normalise(name);
        if (n == query)
        {
            return 100;
        }
        if (n.StartsWith(query, StringComparison.Ordinal))
        {
            return 80;
        }
        if (n.Contains(" " + query, StringComparison.Ordinal) || n.Contains("-" + query, StringComparison.Ordinal))
        {
            return 60;
        }
        return n.Contains(query, StringComparison.Ordinal) ? 40 : 0;
    }

    /// <summary>Case and accents folded, spaces collapsed: "  Zoë  BLOGGS" → "zoe bloggs".</summary>
    public static string Normalise(string text)
    {
        var folded = FullText.Fold(text).ToLower(CultureInfo.InvariantCulture);
        var sb = new StringBuilder(folded.Length);
        foreach (var ch in folded)
        {
            if (char.IsWhiteSpace(ch))
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
            }
            else
            {
                sb.Append(ch);
            }
        }
        return sb.ToString().TrimEnd();
    }

    // Scores below the plain matches (100 name, 80 prefix, 60 word, 40 inside): a name the engine finds
    // (a typo, another script, words reordered) ranks after every record whose name holds what was typed.
    private const int EngineScoreBase = 20;

    /// <summary>
    /// The visible candidates for a typed text, best first: what holds the text as typed (name, alias or
    /// slug: exact, prefix, word, inside), then what the name engine finds and the plain match does not
    /// ("Intelexa", "Ντίλιαν", "Dilian Tal"), scored by the engine's 0–1 score.
    /// </summary>
    private async Task<List<LookupItem>> RankAsync(string typed, string q, List<string> kinds, List<Candidate> candidates, CancellationToken ct)
    {
        var found = candidates.Select(c => Best(q, c)).Where(x => x is not null).Select(x => x!).ToList();
        var engineKinds = kinds.Select(k => ActorKindOf(k) is null ? k : "actor").Where(NameSearch.Kinds.Contains).Distinct().ToList();
        if (engineKinds.Count > 0)
        {
            var byKey = candidates.ToDictionary(c => (c.Item.Kind, c.Item.Id));
            var seen = found.Select(f => (f.Kind, f.Id)).ToHashSet();
            // The engine's hits are already limited to what this reader's query filters let through;
            // the candidates add the finer kind filter (a state, a company) and the detail line.
            foreach (var hit in await names.SearchVisibleAsync(db, typed, engineKinds, limit: 30, ct: ct))
            {
                if (hit.Score.Score >= 0.7 && byKey.TryGetValue((hit.Kind, hit.Id), out var c) && seen.Add((hit.Kind, hit.Id)))
                {
                    found.Add(c.Item with
                    {
                        Score = EngineScoreBase + (int)Math.Round(hit.Score.Score * (40 - EngineScoreBase - 1)),
                        Matched = hit.Name == c.Item.Name ? null : hit.Name,
                    });
                }
            }
        }
        return found.OrderByDescending(x => x.Score).ThenBy(x => x.Name, StringComparer.OrdinalIgnoreCase).ThenBy(x => x.Slug, StringComparer.Ordinal).ToList();
    }

    private static LookupItem? Best(string q, Candidate c)
    {
        var best = 0;
        string? matched = null;
        foreach (var name in c.Names)
        {
            var score = Match(q, name);
            if (score > best)
            {
                best = score;
                matched = name;
            }
        }
        if (Match(q, c.Item.Slug) is var bySlug && bySlug > best)
        {
            best = bySlug - 1;
            matched = null;
        }
        return best == 0 ? null : c.Item with { Score = best, Matched = matched == c.Item.Name ? null : matched };
    }

    private static List<string> ParseKinds(string? kind, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(kind))
        {
            return [.. AllKinds];
        }
        var kinds = kind.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(k => k.ToLowerInvariant()).ToList();
        foreach (var k in kinds.Where(k => !AllKinds.Contains(k) && ActorKindOf(k) is null))
        {
            errors.Add("kind", $"'{k}' is not a kind: actor, state, public-body, company, person, organisation, product, source, incident, measure or framework.");
        }
        return kinds;
    }

    private static ActorKind? ActorKindOf(string k) =>
        Enum.GetValues<ActorKind>().Where(a => Labels.Kebab(a) == k).Select(a => (ActorKind?)a).FirstOrDefault();

    private sealed record Candidate(LookupItem Item, IReadOnlyList<string> Names);

    // Every record of the kinds asked for that the reader may see, with its names: the query filters
    // decide what is visible, so the matcher never sees a hidden name.
    private async Task<List<Candidate>> CandidatesAsync(List<string> kinds, CancellationToken ct)
    {
        var result = new List<Candidate>();
        var actorKinds = kinds.Contains("actor") ? Enum.GetValues<ActorKind>().ToList() : kinds.Select(ActorKindOf).OfType<ActorKind>().ToList();
        if (actorKinds.Count > 0)
        {
            var actors = await db.Actors.AsNoTracking().Where(a => actorKinds.Contains(a.ActorKind))
                .Select(a => new { a.Id, a.Slug, a.Name, a.ActorKind, a.Country, Aliases = a.Aliases.Select(x => x.Name).ToList() }).ToListAsync(ct);
            result.AddRange(actors.Select(a => new Candidate(
                new LookupItem("actor", a.Slug, a.Name, Labels.Kebab(a.ActorKind).Replace('-', ' ') + (a.Country is null ? "" : " · " + a.Country), null, a.Id),
                [a.Name, .. a.Aliases])));
        }
        if (kinds.Contains("product"))
        {
            var products = await db.Products.AsNoTracking()
                .Select(p => new { p.Id, p.Slug, p.Name, p.ProductKind, Aliases = p.Aliases.Select(x => x.Name).ToList() }).ToListAsync(ct);
            result.AddRange(products.Select(p => new Candidate(new LookupItem("product", p.Slug, p.Name, Labels.Kebab(p.ProductKind), null, p.Id), [p.Name, .. p.Aliases])));
        }
        if (kinds.Contains("source"))
        {
            var sources = await db.Sources.AsNoTracking().Select(s => new { s.Id, s.Slug, s.Title, s.Publisher, s.PublishedDate }).ToListAsync(ct);
            result.AddRange(sources.Select(s => new Candidate(
                new LookupItem("source", s.Slug, s.Title, string.Join(" · ", new[] { s.Publisher, s.PublishedDate }.Where(x => !string.IsNullOrEmpty(x))) is { Length: > 0 } d ? d : null, null, s.Id),
                [s.Title])));
        }
        if (kinds.Contains("incident"))
        {
            var incidents = await db.Incidents.AsNoTracking().Select(i => new { i.Id, i.Slug, i.Title, i.Country, i.DisclosedOn }).ToListAsync(ct);
            result.AddRange(incidents.Select(i => new Candidate(
                new LookupItem("incident", i.Slug, i.Title, string.Join(" · ", new[] { i.Country, i.DisclosedOn }.Where(x => !string.IsNullOrEmpty(x))) is { Length: > 0 } d ? d : null, null, i.Id),
                [i.Title])));
        }
        if (kinds.Contains("measure"))
        {
            var measures = await db.Measures.AsNoTracking().Select(m => new { m.Id, m.Slug, m.Title, m.Type, m.Reference }).ToListAsync(ct);
            result.AddRange(measures.Select(m => new Candidate(
                new LookupItem("measure", m.Slug, m.Title, m.Type.ToTitle(), null, m.Id), m.Reference is null ? [m.Title] : [m.Title, m.Reference])));
        }
        if (kinds.Contains("framework"))
        {
            var frameworks = await db.Frameworks.AsNoTracking().Select(f => new { f.Id, f.Slug, f.Name, f.Edition, f.Date }).ToListAsync(ct);
            result.AddRange(frameworks.Select(f => new Candidate(
                new LookupItem("framework", f.Slug, f.Edition == 1 ? f.Name : $"{f.Name} (version {f.Edition})", f.Date, null, f.Id), [f.Name])));
        }
        return result;
    }
}
