using Microsoft.EntityFrameworkCore;
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
/// The delta of a screening list, one rule and one path for every list import (OFAC SDN, FtM sanctions): a new entry is
/// added with "listed"; a stored one is rewritten only when something in it changed (or it was linked to an
/// actor since), with dated notes in its history; an entry missing from the snapshot is delisted with the
/// snapshot's date; an entry a later snapshot already changed is left alone, so an older file imported after
/// a newer one undoes nothing.
/// </summary>
internal static class ListDelta
{
    /// <summary>
    /// Applies the snapshot (dated <c>snapshot</c>) in the caller's transaction, without the change tracker. <c>fresh</c> are
    /// the snapshot's entries, each built into its list entry by <c>build</c> only when the delta needs it (with
    /// <see cref="ListEntry.ActorId"/> where it links one); <c>stored</c> the list before (<see cref="StoredAsync"/>);
    /// <c>inFile</c> the ids the snapshot still lists (more than <c>fresh</c>'s where a file names an entry without its
    /// details): the others are delisted with <c>delistedNote</c> in their history. A new entry is written without being
    /// compared (<see cref="BulkInsert.StreamListEntriesAsync"/>); a stored one is compared by its fingerprint, and only
    /// those that differ (or are listed again, or now link an actor) are read in full, for the notes, and rewritten in
    /// one batch with the entries delisted (<see cref="BulkInsert.UpdateListEntriesAsync"/>).
    /// </summary>
    public static Task<ListDeltaResult> ApplyAsync<T>(VigilDb db, IReadOnlyList<T> fresh, Func<T, string> entryId, Func<T, ListEntry> build,
        IReadOnlyDictionary<string, StoredListEntry> stored, IReadOnlySet<string> inFile, string snapshot, string delistedNote, DateTime now, CancellationToken ct) =>
        ApplyAsync(db, fresh, entryId, items => items.Select(build), stored, inFile, snapshot, delistedNote, now, ct);

    /// <summary>
    /// As above, with <paramref name="buildAll"/> making the entries of several items at once, in their order (lazily: the new
    /// entries stream into the table as they are made), so that an import may make them on every core.
    /// </summary>
    public static async Task<ListDeltaResult> ApplyAsync<T>(VigilDb db, IReadOnlyList<T> fresh, Func<T, string> entryId, Func<IReadOnlyList<T>, IEnumerable<ListEntry>> buildAll,
        IReadOnlyDictionary<string, StoredListEntry> stored, IReadOnlySet<string> inFile, string snapshot, string delistedNote, DateTime now, CancellationToken ct)
    {
        var added = new List<T>();
        var compared = new List<(T Item, StoredListEntry Old)>();
        foreach (var item in fresh)
        {
            if (!stored.TryGetValue(entryId(item), out var old))
            {
                added.Add(item);
            }
            else if (string.CompareOrdinal(old.SnapshotDate, snapshot) <= 0)
            {
                // (Else a later snapshot changed this entry already.)
                compared.Add((item, old));
            }
        }
        var candidates = new List<(ListEntry Fresh, long OldId)>();
        foreach (var (entry, old) in buildAll([.. compared.Select(c => c.Item)]).Zip(compared.Select(c => c.Old)))
        {
            if (!old.Delisted && Fingerprint(entry) == old.Fingerprint && (entry.ActorId ?? old.ActorId) == old.ActorId)
            {
                continue;
            }
            candidates.Add((entry, old.Id));
        }
        var delisting = stored.Where(x => !x.Value.Delisted && !inFile.Contains(x.Key) && string.CompareOrdinal(x.Value.SnapshotDate, snapshot) <= 0)
            .Select(x => x.Value.Id).ToList();

        // Only the entries that change are read in full: their old fields make the notes.
        var full = new Dictionary<long, ListEntry>();
        foreach (var chunk in candidates.Select(c => c.OldId).Concat(delisting).Chunk(1000))
        {
            foreach (var row in await db.ListEntries.AsNoTracking().Where(x => chunk.Contains(x.Id)).ToListAsync(ct))
            {
                full[row.Id] = row;
            }
        }
        var (changed, relisted) = (0, 0);
        var updates = new List<ListEntry>();
        var changes = new List<(ListEntry Entry, string Change)>();
        foreach (var (entry, oldId) in candidates)
        {
            if (Replaces(full[oldId], entry, snapshot, now, changes, ref changed, ref relisted))
            {
                updates.Add(entry);
            }
        }
        foreach (var id in delisting)
        {
            var old = full[id];
            old.DelistedDate = snapshot;
            old.SnapshotDate = snapshot;
            old.History = AppendHistory(old.History, [delistedNote]);
            old.UpdatedAt = now;
            updates.Add(old);
            changes.Add((old, delistedNote));
        }
        await BulkInsert.UpdateListEntriesAsync(db, updates, ct);
        await BulkInsert.StreamListEntriesAsync(db, buildAll(added).Select(entry =>
        {
            entry.History = $"{snapshot}: listed";
            return entry;
        }), ct);
        if (db.IsPostgres && added.Count >= AnalyzeAfter)
        {
            // PostgreSQL plans by the table's statistics, which a bulk load in an open transaction leaves as they were
            // (an empty table, on a first import). The import then screens the new entries against the graph, joining
            // this table on every batch: planned as empty, each join read it whole (a first import of a million FtM
            // entities took three times as long). Analyzing here (it sees the transaction's own rows) plans them right.
            await db.Database.ExecuteSqlRawAsync("ANALYZE \"ListEntries\"", ct);
        }
        var fresher = added.Select(entryId).Concat(changes.Where(x => x.Entry.DelistedDate is null).Select(x => x.Entry.EntryId)).ToHashSet(StringComparer.Ordinal);
        return new ListDeltaResult(added.Count, changed, delisting.Count, relisted, changes, fresher);
    }

    /// <summary>New entries from which a bulk load is followed by fresh statistics of the table (PostgreSQL).</summary>
    private const int AnalyzeAfter = 10_000;

    /// <summary>
    /// A stored entry of a list as the delta needs it: its row id, a fingerprint of the fields <see cref="Differences"/>
    /// compares, whether it is delisted, its snapshot and its actor. One query reads a list into these, so a list of a
    /// million entries costs a dictionary of small values, not a million entities.
    /// </summary>
    internal readonly record struct StoredListEntry(long Id, UInt128 Fingerprint, bool Delisted, string SnapshotDate, long? ActorId);

    /// <summary>The stored entries of <paramref name="list"/>, by entry id.</summary>
    public static async Task<Dictionary<string, StoredListEntry>> StoredAsync(VigilDb db, string list, CancellationToken ct)
    {
        var stored = new Dictionary<string, StoredListEntry>(StringComparer.Ordinal);
        var dates = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var x in db.ListEntries.AsNoTracking().Where(x => x.List == list)
            .Select(x => new { x.Id, x.EntryId, x.Name, x.Schema, x.Aliases, x.Identifiers, x.Programmes, x.Datasets, x.Countries, x.Date, x.Remarks, x.DelistedDate, x.SnapshotDate, x.ActorId })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            // Snapshot dates repeat: one string each.
            var snapshot = dates.TryGetValue(x.SnapshotDate, out var same) ? same : dates[x.SnapshotDate] = x.SnapshotDate;
            stored.TryAdd(x.EntryId, new StoredListEntry(x.Id, Fingerprint(x.Name, x.Schema, x.Aliases, x.Identifiers, x.Programmes, x.Datasets, x.Countries, x.Date, x.Remarks),
                x.DelistedDate is not null, snapshot, x.ActorId));
        }
        return stored;
    }

    /// <summary>A 128-bit digest (SHA-256, cut) of the fields <see cref="Differences"/> compares; equal digests, equal fields.</summary>
    private static UInt128 Fingerprint(
        string name, string schema, string aliases, string identifiers, string programmes, string datasets, string countries, string? date, string? remarks)
    {
        var text = string.Join('\u0001', name, schema, aliases, identifiers, programmes, datasets, countries, date ?? "\u0002", remarks ?? "\u0002");
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(System.Text.Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = System.Text.Encoding.UTF8.GetBytes(text, bytes);
            Span<byte> hash = stackalloc byte[32];
            System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, length), hash);
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static UInt128 Fingerprint(ListEntry e) =>
        Fingerprint(e.Name, e.Schema, e.Aliases, e.Identifiers, e.Programmes, e.Datasets, e.Countries, e.Date, e.Remarks);

    /// <summary>
    /// Makes <paramref name="entry"/>, the snapshot's version of the stored <paramref name="old"/>, its replacement: same
    /// row, history carried on with the dated notes of what changed (noted in <paramref name="changes"/> and counted).
    /// False when nothing is to be written (nothing changed, no actor was linked since, no datasets were recorded for the first time).
    /// </summary>
    private static bool Replaces(ListEntry old, ListEntry entry, string snapshot, DateTime now, List<(ListEntry Entry, string Change)> changes,
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
        if (notes.Count == 0 && actorId == old.ActorId && entry.Datasets == old.Datasets)
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
        // An entry stored before Vigil recorded datasets has none: the snapshot's are recorded without a note, for the list
        // did not change (else the first import after the migration would reopen every case with a hit on such an entry).
        if (old.Datasets != fresh.Datasets && old.Datasets.Length > 0)
        {
            var (was, now) = (ListEntry.Lines(old.Datasets), ListEntry.Lines(fresh.Datasets));
            var changes = now.Except(was).Select(d => "+" + d).Concat(was.Except(now).Select(d => "-" + d));
            notes.Add($"{date}: datasets {string.Join(", ", changes)}");
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
