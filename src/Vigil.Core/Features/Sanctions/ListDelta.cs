using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Sanctions;

/// <summary>
/// What one snapshot of a screening list did to the entries stored before it: counts, and in <c>Changes</c> every
/// entry that changed, was listed again or was delisted with the dated note of what happened (screening cases with
/// a hit on one are reopened); <c>New</c> holds the ids of the entries added, changed or listed again.
/// </summary>
internal sealed record ListDeltaResult(
    int Added, int Changed, int Delisted, int Relisted, IReadOnlyList<(ListEntry Entry, string Change)> Changes, IReadOnlySet<string> New);

/// <summary>
/// The delta of a screening list, one rule for every list import (OFAC SDN, FtM sanctions): a new entry is
/// added with "listed"; a stored one is rewritten only when something in it changed (or it was linked to an
/// actor since), with dated notes in its history; an entry missing from the snapshot is delisted with the
/// snapshot's date; an entry a later snapshot already changed is left alone, so an older file imported after
/// a newer one undoes nothing.
/// </summary>
internal static class ListDelta
{
    /// <summary>
    /// Applies the snapshot (dated <c>snapshot</c>) in the caller's transaction: new entries in bulk, the rest through
    /// the change tracker (the caller saves). <c>fresh</c> are the snapshot's entries as the import built them (with
    /// <see cref="ListEntry.ActorId"/> where it links one); <c>stored</c> the list's entries before, by entry id;
    /// <c>inFile</c> the ids the snapshot still lists (more than <c>fresh</c>'s where a file names an entry without its
    /// details): the others are delisted with <c>delistedNote</c> in their history.
    /// </summary>
    public static async Task<ListDeltaResult> ApplyAsync(VigilDb db, IEnumerable<ListEntry> fresh, IReadOnlyDictionary<string, ListEntry> stored,
        IReadOnlySet<string> inFile, string snapshot, string delistedNote, DateTime now, CancellationToken ct)
    {
        var added = new List<ListEntry>();
        var (changed, delisted, relisted) = (0, 0, 0);
        var changes = new List<(ListEntry Entry, string Change)>();
        foreach (var entry in fresh)
        {
            if (!stored.TryGetValue(entry.EntryId, out var old))
            {
                entry.History = $"{snapshot}: listed";
                added.Add(entry);
                continue;
            }
            if (string.CompareOrdinal(old.SnapshotDate, snapshot) > 0)
            {
                // A later snapshot changed this entry already.
                continue;
            }
            if (Replaces(old, entry, snapshot, now, changes, ref changed, ref relisted))
            {
                db.ListEntries.Update(entry);
            }
        }
        foreach (var old in stored.Values)
        {
            if (old.DelistedDate is not null || inFile.Contains(old.EntryId) || string.CompareOrdinal(old.SnapshotDate, snapshot) > 0)
            {
                continue;
            }
            Delist(old, snapshot, delistedNote, now, changes);
            db.ListEntries.Update(old);
            delisted++;
        }
        await BulkInsert.ListEntriesAsync(db, added, ct);
        var fresher = added.Select(x => x.EntryId).Concat(changes.Where(x => x.Entry.DelistedDate is null).Select(x => x.Entry.EntryId)).ToHashSet(StringComparer.Ordinal);
        return new ListDeltaResult(added.Count, changed, delisted, relisted, changes, fresher);
    }

    /// <summary>
    /// Makes <paramref name="entry"/>, the snapshot's version of the stored <paramref name="old"/>, its replacement: same
    /// row, history carried on with the dated notes of what changed (noted in <paramref name="changes"/> and counted).
    /// False when nothing is to be written (nothing changed and no actor was linked since).
    /// </summary>
    public static bool Replaces(ListEntry old, ListEntry entry, string snapshot, DateTime now, List<(ListEntry Entry, string Change)> changes,
        ref int changed, ref int relisted)
    {
        var notes = Differences(old, entry, snapshot);
        if (old.DelistedDate is not null)
        {
            notes.Insert(0, $"{snapshot}: listed again");
            relisted++;
        }
        else if (notes.Count > 0)
        {
            changed++;
        }
        var actorId = entry.ActorId ?? old.ActorId;
        if (notes.Count == 0 && actorId == old.ActorId)
        {
            return false;
        }
        entry.Id = old.Id;
        entry.ListedDate = old.DelistedDate is null ? old.ListedDate : snapshot;
        entry.ActorId = actorId;
        entry.SnapshotDate = notes.Count > 0 ? snapshot : old.SnapshotDate;
        entry.History = AppendHistory(old.History, notes);
        entry.UpdatedAt = notes.Count > 0 ? now : old.UpdatedAt;
        if (notes.Count > 0)
        {
            changes.Add((entry, string.Join("; ", notes)));
        }
        return true;
    }

    /// <summary>Delists <paramref name="old"/> as of <paramref name="snapshot"/>, with <paramref name="note"/> in its history and in <paramref name="changes"/>.</summary>
    public static void Delist(ListEntry old, string snapshot, string note, DateTime now, List<(ListEntry Entry, string Change)> changes)
    {
        old.DelistedDate = snapshot;
        old.SnapshotDate = snapshot;
        old.History = AppendHistory(old.History, [note]);
        old.UpdatedAt = now;
        changes.Add((old, note));
    }

    /// <summary>Dated notes of what changed between two versions of an entry (empty when nothing did).</summary>
    public static List<string> Differences(ListEntry old, ListEntry fresh, string date)
    {
        var notes = new List<string>();
        if (old.Name != fresh.Name)
        {
            notes.Add($"{date}: renamed from {old.Name}");
        }
        if (old.Programmes != fresh.Programmes)
        {
            notes.Add($"{date}: programmes {string.Join(", ", ListEntry.Lines(fresh.Programmes))} (were {string.Join(", ", ListEntry.Lines(old.Programmes))})");
        }
        if (old.Aliases != fresh.Aliases)
        {
            notes.Add($"{date}: aliases {string.Join("; ", ListEntry.Lines(fresh.Aliases))} (were {string.Join("; ", ListEntry.Lines(old.Aliases))})");
        }
        if (old.Schema != fresh.Schema || old.Countries != fresh.Countries || old.Date != fresh.Date || old.Remarks != fresh.Remarks || old.Identifiers != fresh.Identifiers)
        {
            notes.Add($"{date}: details changed (kind, country, date or remarks)");
        }
        return notes;
    }

    /// <summary>The entry's history with <paramref name="notes"/> appended, one a line.</summary>
    public static string AppendHistory(string history, IEnumerable<string> notes) =>
        ListEntry.Join(ListEntry.Lines(history).Concat(notes));
}
