using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Sanctions;

/// <summary>One side of a possible match: the actor as the reader may see it.</summary>
public sealed record MatchSide(string Slug, string Name, string Kind, string? Country, string? Date, IReadOnlyList<string> Aliases, IReadOnlyList<string> Identifiers, string Link);

/// <summary>
/// A possible match between a sanctions-list entry (the actor the import made for it) and an actor
/// already in the graph, with the evidence for and against side by side.
/// </summary>
public sealed record MatchView(
    long Id, string List, string EntryId, string EntryName, int Score, MatchSide Listed, MatchSide Existing,
    IReadOnlyList<string> EvidenceFor, IReadOnlyList<string> EvidenceAgainst, string State, DateTime CreatedAt, DateTime? DecidedAt, string? DecidedBy);

/// <summary>
/// The match queue for editors (null for anyone else): possible matches the SDN, FtM and MISP imports
/// could not decide, open ones first by score. Filtered by the access rule like everything else: a
/// match shows only when the reader may see both actors.
/// </summary>
public sealed class ListMatchesHandler(VigilDb db)
{
    private const int Limit = 200;

    /// <param name="state">"open" (default), "accepted", "rejected" or "all".</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyList<MatchView>?> HandleAsync(string? state = null, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit && !db.Reader.CanReview)
        {
            return null;
        }
        var query = Matches.Query(db);
        query = (state ?? "open").Trim().ToLowerInvariant() switch
        {
            "all" => query,
            "accepted" => query.Where(m => m.State == MatchState.Accepted),
            "rejected" => query.Where(m => m.State == MatchState.Rejected),
            _ => query.Where(m => m.State == MatchState.Open),
        };
        var rows = await query.OrderBy(m => m.State).ThenByDescending(m => m.Score).ThenBy(m => m.Id).Take(Limit).ToListAsync(ct);
        return rows.Select(Matches.View).ToList();
    }

    public async Task<MatchView?> GetAsync(long id, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit && !db.Reader.CanReview)
        {
            return null;
        }
        return await Matches.Query(db).FirstOrDefaultAsync(m => m.Id == id, ct) is { } m ? Matches.View(m) : null;
    }
}

/// <summary>Loading and showing possible matches.</summary>
public static class Matches
{
    public static IQueryable<MatchCandidate> Query(VigilDb db) => db.MatchCandidates.AsNoTracking().AsSplitQuery()
        .Include(m => m.ListedActor).ThenInclude(a => a!.Aliases).Include(m => m.ListedActor).ThenInclude(a => a!.Identifiers)
        .Include(m => m.CandidateActor).ThenInclude(a => a!.Aliases).Include(m => m.CandidateActor).ThenInclude(a => a!.Identifiers)
        .Include(m => m.ListEntry);

    public static MatchView View(MatchCandidate m) => new(
        m.Id, m.List, m.EntryId, m.EntryName, m.Score, m.ListedActor is { } listed ? Side(listed) : Side(m.ListEntry!), Side(m.CandidateActor!),
        Lines(m.EvidenceFor), Lines(m.EvidenceAgainst), Labels.Kebab(m.State), m.CreatedAt, m.DecidedAt, m.DecidedBy);

    private static MatchSide Side(Actor a) => new(
        a.Slug, a.Name, Labels.Kebab(a.ActorKind), a.Country, a.StartDate,
        a.Aliases.Select(x => x.Name).OrderBy(x => x, StringComparer.Ordinal).ToList(),
        a.Identifiers.Select(i => i.Describe()).OrderBy(x => x, StringComparer.Ordinal).ToList(), $"/actors/{a.Slug}");

    /// <summary>A list entry outside the graph: shown as the list gives it, linked to a screening of its name.</summary>
    private static MatchSide Side(ListEntry e) => new(
        $"{e.List}:{e.EntryId}", e.Name, e.Schema.ToLowerInvariant(), ListEntry.Lines(e.Countries).FirstOrDefault(), e.Date,
        ListEntry.Lines(e.Aliases), ListEntry.Lines(e.Identifiers), $"/screening?name={Uri.EscapeDataString(e.Name)}&dataset={Uri.EscapeDataString(e.List)}");

    private static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
