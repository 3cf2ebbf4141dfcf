using Microsoft.EntityFrameworkCore;
using Vigil.Features.Screening;
using Vigil.Matching;
using Vigil.Model;

namespace Vigil.Features.Sanctions;

/// <summary>
/// Possible matches between the list's entries outside the graph and actors of the graph, queued for an editor
/// (the match queue, <c>/matches</c>) as the SDN import queues its own: an editor who accepts one links the entry
/// to the actor, and the next import brings the entry's sanctions into the graph as measures. Scored by the
/// screening engine (<see cref="ScreenNamesHandler"/>: names across scripts, word order and legal forms, kind,
/// country and identifiers), so a queued match carries the same explanation a screening would show.
/// </summary>
public sealed partial class ImportFtmHandler
{
    /// <summary>
    /// Queues, in the caller's transaction, the screening matches of <paramref name="outside"/> (entities without an actor, which
    /// may be read in part: each is read again from <paramref name="file"/> for its query) not queued before.
    /// </summary>
    private async Task<int> QueueMatchesAsync(FtmFile file, IReadOnlyList<Entity> outside, CancellationToken ct)
    {
        if (outside.Count == 0 || !await db.Actors.AnyAsync(a => a.ActorKind != ActorKind.State, ct))
        {
            return 0;
        }
        var entryIds = await db.ListEntries.Where(x => x.List == Dataset && x.ActorId == null)
            .Select(x => new { x.EntryId, x.Id }).ToDictionaryAsync(x => x.EntryId, x => x.Id, StringComparer.Ordinal, ct);
        // Any earlier decision stands: a rejected pair is not asked again.
        var asked = (await db.MatchCandidates.IgnoreQueryFilters().Where(x => x.List == Scheme)
            .Select(x => new { x.EntryId, x.CandidateActorId }).ToListAsync(ct)).Select(x => (x.EntryId, x.CandidateActorId)).ToHashSet();
        var screen = new ScreenNamesHandler(db, new NameSearch(clock)) { QueriesAllowed = ScreeningBatch, MatchesOnly = true };
        var now = clock.GetUtcNow().UtcDateTime;
        var queued = 0;
        foreach (var batch in outside.Where(e => entryIds.ContainsKey(e.Id)).Chunk(ScreeningBatch))
        {
            var made = OnEveryCore(file, batch, (e, line) => new ScreeningQuery(e.Schema, QueryOf(file.Full(e, line))), ct).ToList();
            var queries = batch.Select((e, i) => (e.Id, Query: made[i])).ToDictionary(x => x.Id, x => x.Query, StringComparer.Ordinal);
            var outcome = await screen.HandleAsync(new ScreeningRequest(queries, Limit: 5, Datasets: ["vigil"]), ct);
            var matches = (outcome.Responses ?? new Dictionary<string, ScreeningAnswer>())
                .SelectMany(r => r.Value.Results.Where(x => x.Match && x.Path.Length > 0).Select(x => (EntryId: r.Key, Result: x))).ToList();
            var slugs = matches.Select(m => m.Result.Id).Distinct().ToList();
            var actorIds = await db.Actors.Where(a => slugs.Contains(a.Slug)).Select(a => new { a.Slug, a.Id }).ToDictionaryAsync(a => a.Slug, a => a.Id, ct);
            foreach (var (entryId, result) in matches)
            {
                if (!actorIds.TryGetValue(result.Id, out var actorId) || !asked.Add((entryId, actorId)))
                {
                    continue;
                }
                db.MatchCandidates.Add(new MatchCandidate
                {
                    List = Scheme, EntryId = entryId, EntryName = Trim(queries[entryId].Properties["name"][0], 500), ListEntryId = entryIds[entryId],
                    CandidateActorId = actorId, Score = (int)Math.Round(result.Score * 100), EvidenceFor = result.Explanation, EvidenceAgainst = "",
                    CreatedAt = now,
                });
                queued++;
            }
        }
        return queued;
    }

    // Entries screened a request: each request reads the details of the actors its queries hit, the same few hundred for
    // every batch of a large list.
    private const int ScreeningBatch = 5_000;

    // The identifiers a screening query carries.
    private static readonly string[] s_queryIdentifiers = ["registrationNumber", "innCode", "ogrnCode", "taxNumber", "leiCode", "idNumber", "wikidataId"];

    /// <summary>An entity as a screening query: its names, countries and identifiers.</summary>
    private static Dictionary<string, IReadOnlyList<string>> QueryOf(Entity e)
    {
        var names = e.All("name").Prepend(e.Caption).OfType<string>().Where(n => n.Length is > 0 and <= 500).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var properties = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["name"] = names };
        if (e.All("alias") is { Count: > 0 } aliases)
        {
            properties["alias"] = aliases;
        }
        var countries = e.All("country").Concat(e.All("nationality")).Concat(e.All("jurisdiction")).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (countries.Count > 0)
        {
            properties["country"] = countries;
        }
        foreach (var key in s_queryIdentifiers)
        {
            if (e.All(key) is { Count: > 0 } values)
            {
                properties[key] = values;
            }
        }
        return properties;
    }
}
