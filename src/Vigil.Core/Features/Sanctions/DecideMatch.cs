using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Sanctions;

/// <summary>How a match decision ended.</summary>
public enum MatchOutcome
{
    Done,
    NotFound,
    Forbidden,
    Conflict,
}

/// <summary>The outcome of accepting or rejecting a possible match.</summary>
public sealed record MatchDecision(MatchOutcome Outcome, string? Detail = null, MatchView? Match = null);

/// <summary>
/// An editor decides a possible match. <b>Accept</b>: the list entry is the existing actor. The existing
/// actor takes the entry's identifier, its names as aliases, its measures and its citations; the actor the
/// import made for the entry is retracted with a tombstone that points to the existing one; other open
/// matches of the same entry are closed. A later snapshot then finds the existing actor by the
/// identifier. <b>Reject</b>: they are different; they stay apart, and later imports do not ask again.
/// Both in one transaction, with revisions of every actor touched.
/// </summary>
public sealed class DecideMatchHandler(VigilDb db)
{
    public async Task<MatchDecision> AcceptAsync(long id, CancellationToken ct = default) => await DecideAsync(id, accept: true, ct);

    public async Task<MatchDecision> RejectAsync(long id, CancellationToken ct = default) => await DecideAsync(id, accept: false, ct);

    private async Task<MatchDecision> DecideAsync(long id, bool accept, CancellationToken ct)
    {
        if (!db.Reader.CanEdit)
        {
            return new(MatchOutcome.Forbidden, "Only an editor may decide possible matches.");
        }
        var match = await db.MatchCandidates.AsTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (match is null)
        {
            return new(MatchOutcome.NotFound);
        }
        if (match.State != MatchState.Open)
        {
            db.ChangeTracker.Clear();
            return new(MatchOutcome.Conflict, $"This possible match was already {Labels.Kebab(match.State)} by {match.DecidedBy}.");
        }
        match.State = accept ? MatchState.Accepted : MatchState.Rejected;
        match.DecidedAt = db.Now();
        match.DecidedBy = db.Reader.Name;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (accept)
        {
            var failure = await MergeAsync(match, ct);
            if (failure is not null)
            {
                db.ChangeTracker.Clear();
                return failure;
            }
        }
        else
        {
            db.ChangeReason = $"possible match of {match.List} entry {match.EntryId} rejected by {db.Reader.Name}: kept apart";
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new(MatchOutcome.Done, Match: Matches.View(await Matches.Query(db).FirstAsync(m => m.Id == id, ct)));
    }

    private async Task<MatchDecision?> MergeAsync(MatchCandidate match, CancellationToken ct)
    {
        if (match.ListEntryId is { } entryId)
        {
            return await LinkEntryAsync(match, entryId, ct);
        }
        var listed = await db.Actors.AsTracking().Include(a => a.Aliases).Include(a => a.Identifiers).FirstOrDefaultAsync(a => a.Id == match.ListedActorId!.Value, ct);
        var existing = await db.Actors.AsTracking().Include(a => a.Aliases).Include(a => a.Identifiers).FirstOrDefaultAsync(a => a.Id == match.CandidateActorId, ct);
        if (listed is null || existing is null)
        {
            return new(MatchOutcome.NotFound);
        }
        if (listed.Status == ReviewStatus.Retracted)
        {
            return new(MatchOutcome.Conflict, "The list entry's actor was already merged or retracted.");
        }
        db.ChangeReason = $"{match.List} entry {match.EntryId} accepted by {db.Reader.Name} as {existing.Name}: merged";
        // The entry's identifiers and names go to the existing actor.
        foreach (var identifier in listed.Identifiers.ToList())
        {
            listed.Identifiers.Remove(identifier);
            if (!existing.Identifiers.Any(i => i.Scheme == identifier.Scheme && i.Value == identifier.Value))
            {
                existing.Identifiers.Add(new ActorIdentifier { Scheme = identifier.Scheme, Value = identifier.Value });
            }
        }
        var names = existing.Aliases.Select(a => a.Name).Append(existing.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in listed.Aliases.Select(a => a.Name).Prepend(listed.Name))
        {
            if (names.Add(name))
            {
                existing.Aliases.Add(new ActorAlias { Name = name.Length <= 500 ? name : name[..500] });
            }
        }
        // Its measures and the citations of the list now point at the existing actor.
        foreach (var target in await db.MeasureTargets.AsTracking().Where(t => t.ActorId == listed.Id).ToListAsync(ct))
        {
            target.ActorId = existing.Id;
        }
        foreach (var citation in await db.Citations.AsTracking().Where(c => c.ActorId == listed.Id).ToListAsync(ct))
        {
            citation.ActorId = existing.Id;
        }
        foreach (var other in await db.MatchCandidates.AsTracking()
                     .Where(m => m.Id != match.Id && m.State == MatchState.Open && (m.ListedActorId == listed.Id || m.EntryId == match.EntryId && m.List == match.List))
                     .ToListAsync(ct))
        {
            other.State = MatchState.Rejected;
            other.DecidedAt = db.Now();
            other.DecidedBy = db.Reader.Name;
        }
        // The actor made for the entry steps aside, leaving a pointer for those who followed it.
        var wasPublished = listed.Status == ReviewStatus.Published;
        listed.Status = ReviewStatus.Retracted;
        var reason = $"The same as {existing.Name} (/actors/{existing.Slug}): merged from the match queue.";
        // Saved now so that the review step records the version the retraction made.
        await db.SaveChangesAsync(ct);
        db.ReviewEvents.Add(new ReviewEvent
        {
            RecordKind = RecordKind.Actor, RecordId = listed.Id, Version = listed.Version, Marking = listed.Marking,
            At = db.Now(), By = db.Reader.Name, Action = "retract", Comment = reason,
        });
        if (wasPublished)
        {
            db.Tombstones.Add(new Tombstone
            {
                RecordKind = RecordKind.Actor, RecordId = listed.Id, Slug = listed.Slug, Label = listed.Label.Length <= 1000 ? listed.Label : listed.Label[..1000],
                Marking = listed.Marking, RetractedAt = db.Now(), RetractedBy = db.Reader.Name, Reason = reason,
            });
        }
        return null;
    }

    /// <summary>
    /// Accepting a match of a list entry outside the graph: the existing actor is the entry. It takes the
    /// entry's identifiers and names, and (for an SDN entry still listed) one OFAC measure per programme,
    /// cited to the snapshot that listed it; the entry points at the actor, so later imports keep it in
    /// the graph; other open matches of the entry are closed.
    /// </summary>
    private async Task<MatchDecision?> LinkEntryAsync(MatchCandidate match, long entryId, CancellationToken ct)
    {
        var entry = await db.ListEntries.AsTracking().FirstOrDefaultAsync(x => x.Id == entryId, ct);
        var existing = await db.Actors.AsTracking().Include(a => a.Aliases).Include(a => a.Identifiers).FirstOrDefaultAsync(a => a.Id == match.CandidateActorId, ct);
        if (entry is null || existing is null)
        {
            return new(MatchOutcome.NotFound);
        }
        if (entry.ActorId is not null)
        {
            return new(MatchOutcome.Conflict, "The list entry is already an actor of the graph.");
        }
        db.ChangeReason = $"{match.List} entry {match.EntryId} accepted by {db.Reader.Name} as {existing.Name}: linked";
        foreach (var identifier in ListEntry.Lines(entry.Identifiers))
        {
            if (identifier.Split(':', 2) is [var scheme, var value] && !existing.Identifiers.Any(i => i.Scheme == scheme && i.Value == value))
            {
                existing.Identifiers.Add(new ActorIdentifier { Scheme = scheme, Value = value });
            }
        }
        var names = existing.Aliases.Select(a => a.Name).Append(existing.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in ListEntry.Lines(entry.Aliases).Prepend(entry.Name))
        {
            if (names.Add(name))
            {
                existing.Aliases.Add(new ActorAlias { Name = name.Length <= 500 ? name : name[..500] });
            }
        }
        if (entry.List == ImportSdnHandler.Dataset && entry.DelistedDate is null)
        {
            var source = await db.Sources.AsTracking().FirstOrDefaultAsync(x => x.Slug == ImportSdnHandler.SourcePrefix + entry.ListedDate, ct)
                ?? await db.Sources.AsTracking().Where(x => x.Slug.StartsWith(ImportSdnHandler.SourcePrefix)).OrderByDescending(x => x.Slug).FirstAsync(ct);
            var sdn = new ImportSdnHandler(db, TimeProvider.System);
            var ofac = await sdn.FindAuthorityAsync(ct) ?? sdn.AddAuthority(source);
            var slugs = (await db.Measures.IgnoreQueryFilters().Where(x => x.Slug.StartsWith("ofac-sdn-")).Select(x => x.Slug).ToListAsync(ct)).ToHashSet();
            foreach (var programme in ListEntry.Lines(entry.Programmes))
            {
                var measure = ImportSdnHandler.NewMeasure(entry.EntryId, entry.Name, programme, entry.ListedDate, ofac, existing, source, slugs);
                db.Measures.Add(measure);
                ListImport.Cite(db, measure, $"measure:{measure.Slug}", source, $"SDN entry {entry.EntryId}", credibility: 1);
            }
        }
        entry.ActorId = existing.Id;
        entry.History = ListDelta.AppendHistory(entry.History, [$"{DateOnly.FromDateTime(db.Now()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}: linked to actor /actors/{existing.Slug} by {db.Reader.Name} (match #{match.Id})"]);
        foreach (var other in await db.MatchCandidates.AsTracking()
                     .Where(m => m.Id != match.Id && m.State == MatchState.Open && m.EntryId == match.EntryId && m.List == match.List).ToListAsync(ct))
        {
            other.State = MatchState.Rejected;
            other.DecidedAt = db.Now();
            other.DecidedBy = db.Reader.Name;
        }
        return null;
    }
}
