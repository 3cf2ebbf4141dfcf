using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Sanctions;

/// <summary>
/// Moves the SDN entries that earlier imports turned into actors, and that Vigil does not track, out of
/// the knowledge graph into screening list entries (issue 15). An actor moves when all of these hold:
/// it carries an <c>ofac</c> identifier; every citation of it is to an SDN snapshot (no evidence of its
/// own); no OFAC measure of it is under a tracked programme; no measure of another authority targets it;
/// nothing else of the graph points at it (relationships, incidents, measure parties, replies,
/// endorsements); and no accepted match made it. Its OFAC measures and their citations go with it.
/// <para>Nothing is silently lost: the deletes are saved through <see cref="VigilDb"/>, so each actor,
/// measure and citation gets a <c>delete</c> revision (with the reason) beside its earlier revisions; the
/// list entry gets a dated history note naming the actor it was (slug, id, version) and its measures;
/// open possible matches that pointed at the actor now point at the entry.</para>
/// Run after the <see cref="Data.Migrations.ScreeningLists"/> migration (<see cref="DatabaseSetup.MigrateAsync"/>).
/// </summary>
public static class ListEntryMove
{
    /// <summary>Moves what qualifies; returns how many actors moved.</summary>
    public static async Task<int> RunAsync(VigilDb db, IReadOnlySet<string> tracked, TimeProvider clock, CancellationToken ct = default)
    {
        var listedIds = await db.ActorIdentifiers.IgnoreQueryFilters().Where(i => i.Scheme == ImportSdnHandler.Scheme).Select(i => i.ActorId).Distinct().ToListAsync(ct);
        if (listedIds.Count == 0)
        {
            return 0;
        }
        var keep = new HashSet<long>();
        keep.UnionWith(await db.Citations.IgnoreQueryFilters().Where(c => c.ActorId != null && listedIds.Contains(c.ActorId.Value) && !c.Source!.Slug.StartsWith(ImportSdnHandler.SourcePrefix))
            .Select(c => c.ActorId!.Value).ToListAsync(ct));
        keep.UnionWith(await db.Relationships.IgnoreQueryFilters().Where(r => listedIds.Contains(r.FromActorId)).Select(r => r.FromActorId).ToListAsync(ct));
        keep.UnionWith(await db.Relationships.IgnoreQueryFilters().Where(r => r.ToActorId != null && listedIds.Contains(r.ToActorId.Value)).Select(r => r.ToActorId!.Value).ToListAsync(ct));
        keep.UnionWith(await db.MeasureParties.IgnoreQueryFilters().Where(p => listedIds.Contains(p.ActorId)).Select(p => p.ActorId).ToListAsync(ct));
        keep.UnionWith(await db.IncidentVendors.IgnoreQueryFilters().Where(p => listedIds.Contains(p.ActorId)).Select(p => p.ActorId).ToListAsync(ct));
        keep.UnionWith(await db.IncidentOperators.IgnoreQueryFilters().Where(p => listedIds.Contains(p.ActorId)).Select(p => p.ActorId).ToListAsync(ct));
        keep.UnionWith(await db.IncidentInvestigators.IgnoreQueryFilters().Where(p => listedIds.Contains(p.ActorId)).Select(p => p.ActorId).ToListAsync(ct));
        keep.UnionWith(await db.ReplyRequests.IgnoreQueryFilters().Where(p => listedIds.Contains(p.ActorId)).Select(p => p.ActorId).ToListAsync(ct));
        keep.UnionWith(await db.Endorsements.IgnoreQueryFilters().Where(p => listedIds.Contains(p.ActorId)).Select(p => p.ActorId).ToListAsync(ct));
        keep.UnionWith(await db.Measures.IgnoreQueryFilters().Where(m => listedIds.Contains(m.AuthorityId)).Select(m => m.AuthorityId).ToListAsync(ct));
        keep.UnionWith(await db.MatchCandidates.IgnoreQueryFilters().Where(m => m.State == MatchState.Accepted && listedIds.Contains(m.CandidateActorId)).Select(m => m.CandidateActorId).ToListAsync(ct));
        // Measures on them: a tracked programme, or another authority's measure, keeps the actor in the graph.
        var targeted = await db.MeasureTargets.IgnoreQueryFilters().Where(t => listedIds.Contains(t.ActorId))
            .Select(t => new { t.ActorId, t.MeasureId, t.Measure!.Programme, Reference = t.Measure.Reference, Authority = t.Measure.Authority!.Slug }).ToListAsync(ct);
        foreach (var t in targeted)
        {
            if (t.Authority != "office-of-foreign-assets-control" || t.Programme is null || tracked.Contains(t.Programme) || t.Reference?.StartsWith("SDN entry ", StringComparison.Ordinal) != true)
            {
                keep.Add(t.ActorId);
            }
        }
        var moving = listedIds.Where(id => !keep.Contains(id)).ToList();
        if (moving.Count == 0)
        {
            return 0;
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow().UtcDateTime;
        var entries = await db.ListEntries.AsTracking().Where(x => x.List == ImportSdnHandler.Dataset).ToDictionaryAsync(x => x.EntryId, StringComparer.Ordinal, ct);
        var moved = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ChangeReason = "moved out of the knowledge graph into the screening list us_ofac_sdn (issue 15): not a tracked programme, not linked to the graph";
        foreach (var chunk in moving.Chunk(500))
        {
            var actors = await db.Actors.IgnoreQueryFilters().AsTracking().AsSplitQuery().Include(a => a.Aliases).Include(a => a.Identifiers)
                .Where(a => chunk.Contains(a.Id)).ToListAsync(ct);
            var measureIds = targeted.Where(t => chunk.Contains(t.ActorId)).Select(t => t.MeasureId).Distinct().ToList();
            var measures = await db.Measures.IgnoreQueryFilters().AsTracking().AsSplitQuery().Include(m => m.Targets).Include(m => m.Steps).Include(m => m.Parties)
                .Where(m => measureIds.Contains(m.Id)).ToListAsync(ct);
            var citations = await db.Citations.IgnoreQueryFilters().AsTracking()
                .Where(c => (c.ActorId != null && chunk.Contains(c.ActorId.Value)) || (c.MeasureId != null && measureIds.Contains(c.MeasureId.Value))).ToListAsync(ct);
            var open = await db.MatchCandidates.IgnoreQueryFilters().AsTracking().Where(m => m.ListedActorId != null && chunk.Contains(m.ListedActorId.Value)).ToListAsync(ct);
            foreach (var actor in actors)
            {
                var entNum = actor.Identifiers.First(i => i.Scheme == ImportSdnHandler.Scheme).Value;
                var own = measures.Where(m => m.Targets.Any(t => t.ActorId == actor.Id)).ToList();
                var steps = own.SelectMany(m => m.Steps).Where(s => s.Date is not null).Select(s => s.Date!).Order(StringComparer.Ordinal).ToList();
                var inForce = own.Where(m => !m.Stage.IsEnded()).ToList();
                var note = $"{today}: moved out of the knowledge graph (was actor /actors/{actor.Slug}, #{actor.Id}, version {actor.Version}"
                    + (own.Count == 0 ? "" : $"; measures {string.Join(", ", own.Select(m => m.Slug))}") + $"); its revisions stay under actor #{actor.Id}";
                if (!entries.TryGetValue(entNum, out var entry))
                {
                    entry = new ListEntry
                    {
                        List = ImportSdnHandler.Dataset,
                        EntryId = entNum,
                        Name = actor.Name,
                        Schema = actor.ActorKind switch { ActorKind.Person => "Person", ActorKind.PublicBody => "PublicBody", _ => "LegalEntity" },
                        Aliases = ListEntry.Join(actor.Aliases.Select(a => a.Name).Order(StringComparer.Ordinal)),
                        Identifiers = ListEntry.Join(actor.Identifiers.Select(i => $"{i.Scheme}:{i.Value}")),
                        Programmes = ListEntry.Join((inForce.Count > 0 ? inForce : own).Select(m => m.Programme!).Distinct()),
                        Datasets = ImportSdnHandler.Dataset,
                        Countries = actor.Country ?? "",
                        Date = actor.StartDate,
                        Remarks = actor.Description,
                        ListedDate = steps.FirstOrDefault() ?? today,
                        DelistedDate = own.Count > 0 && inForce.Count == 0 ? own.Max(m => m.LiftedDate) ?? steps.LastOrDefault() : null,
                        SnapshotDate = steps.LastOrDefault() ?? today,
                        UpdatedAt = now,
                    };
                    entries[entNum] = entry;
                    db.ListEntries.Add(entry);
                }
                entry.ActorId = null;
                entry.History = ListDelta.AppendHistory(entry.History, [note]);
                foreach (var m in open.Where(m => m.ListedActorId == actor.Id))
                {
                    m.ListedActorId = null;
                    m.ListEntry = entry;
                }
                db.Citations.RemoveRange(citations.Where(c => c.ActorId == actor.Id || (c.MeasureId != null && own.Any(m => m.Id == c.MeasureId))));
                foreach (var m in own)
                {
                    db.RemoveRange(m.Targets);
                    db.RemoveRange(m.Steps);
                    db.RemoveRange(m.Parties);
                    db.Measures.Remove(m);
                }
                db.RemoveRange(actor.Aliases);
                db.RemoveRange(actor.Identifiers);
                db.Actors.Remove(actor);
                moved++;
            }
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return moved;
    }
}
