using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Sanctions;

/// <summary>What an FtM import did to its screening list (<see cref="ImportFtmHandler.Dataset"/>).</summary>
public sealed record FtmListSummary(int Entries, int Added, int Changed, int Delisted, int Relisted)
{
    /// <summary>Entries in the graph: an actor holds their FtM id or another of their identifiers, a reviewed match linked them, or a programme is tracked.</summary>
    public int InGraph { get; init; }

    /// <summary>Sanctions of entries outside the graph: kept on the entry (its programmes), not made measures.</summary>
    public int SanctionsOutsideGraph { get; init; }

    /// <summary>Possible matches of entries outside the graph with actors of it, queued for an editor.</summary>
    public int MatchesQueued { get; init; }

    public bool ChangedNothing => Added + Changed + Delisted + Relisted + MatchesQueued == 0;

    public override string ToString() =>
        $"{Entries} sanctioned entities; list entries {Added} added, {Changed} changed, {Delisted} delisted, {Relisted} listed again; "
        + $"{InGraph} in the graph (a tracked programme or linked to an actor), {SanctionsOutsideGraph} sanction(s) of entries outside it kept on the list only; "
        + $"{MatchesQueued} possible match(es) with actors queued for review";
}

/// <summary>
/// The screening list of an FtM import: every sanctioned entity of a file that is not a Vigil export is
/// a <see cref="ListEntry"/> of the list <see cref="Dataset"/> (names and aliases, identifiers, the
/// programmes and datasets of its sanctions, countries, date of birth or incorporation, the earliest
/// listing date), applied as a delta as the SDN import does: new entities are added, entities the file
/// no longer sanctions are delisted with the snapshot's date (the newest <c>last_seen</c> of the file),
/// changes are noted in the entry's history, the same file twice writes nothing.
/// </summary>
public sealed partial class ImportFtmHandler
{
    /// <summary>The list of FtM entries, as yente names the OpenSanctions collection.</summary>
    public const string Dataset = "opensanctions";

    /// <summary>The programmes of an entity's sanctions: each sanction's programId, else its programme's name.</summary>
    private static List<string> ProgrammesOf(List<Entity> sanctions) =>
        sanctions.Select(s => s.First("programId") ?? s.First("program")).OfType<string>().Select(p => Trim(p, 200))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>An entity's identifiers: its FtM id, and the OFAC entry numbers its referents name (<c>ofac-45928</c>).</summary>
    private static List<(string Scheme, string Value)> IdentifiersOf(Entity e) =>
        [(Scheme, e.Id), .. e.Referents.Where(r => r.StartsWith("ofac-", StringComparison.Ordinal) && r.Length > 5 && r[5..].All(char.IsAsciiDigit))
            .Select(r => (ImportSdnHandler.Scheme, r[5..])).Distinct().Order()];

    /// <summary>The list entry of a sanctioned entity.</summary>
    private static ListEntry ToListEntry(Entity e, List<Entity> sanctions, string snapshot, long? actorId, DateTime now)
    {
        var name = e.Caption ?? e.First("name") ?? e.Id;
        var countries = new[] { "country", "nationality", "citizenship", "jurisdiction" }.SelectMany(e.All).Select(Country).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var datasets = sanctions.SelectMany(s => s.Datasets).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var authorities = sanctions.SelectMany(s => s.All("authority").Take(1)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var listed = Earliest(sanctions.SelectMany(s => s.All("listingDate").Concat(s.All("startDate"))).ToList()) ?? e.FirstSeen ?? snapshot;
        return new ListEntry
        {
            List = Dataset,
            EntryId = e.Id,
            Name = Trim(name, 1000),
            Schema = Trim(e.Schema, 40),
            Aliases = ListEntry.Join(e.All("name").Concat(e.All("alias")).Where(n => n.Length <= 500 && !n.Equals(name, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).Take(200)),
            Identifiers = ListEntry.Join(IdentifiersOf(e).Select(i => $"{i.Scheme}:{i.Value}")),
            Programmes = ListEntry.Join(ProgrammesOf(sanctions)),
            Countries = ListEntry.Join(countries),
            Date = Earliest(e.All("birthDate").Concat(e.All("incorporationDate")).ToList()),
            Remarks = Trim(string.Join(" ", new[]
            {
                authorities.Count == 0 ? null : $"Listed by: {string.Join("; ", authorities)}.",
                datasets.Count == 0 ? null : $"Datasets: {string.Join(", ", datasets)}.",
            }.OfType<string>()), 4000) is { Length: > 0 } remarks ? remarks : null,
            ListedDate = string.CompareOrdinal(listed, snapshot) <= 0 ? listed : snapshot,
            SnapshotDate = snapshot,
            ActorId = actorId,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// A stored entry of the list as the delta needs it: its row id, a fingerprint of the fields <see cref="ListDelta.Differences"/>
    /// compares, whether it is delisted, its snapshot and its actor. One query reads the list into these, so a list of a
    /// million entries costs a dictionary of small values, not a million tracked entities.
    /// </summary>
    internal readonly record struct StoredEntry(long Id, UInt128 Fingerprint, bool Delisted, string SnapshotDate, long? ActorId);

    /// <summary>The stored entries of the list, by entry id (<see cref="StoredEntry"/>).</summary>
    private async Task<Dictionary<string, StoredEntry>> StoredEntriesAsync(CancellationToken ct)
    {
        var stored = new Dictionary<string, StoredEntry>(StringComparer.Ordinal);
        var dates = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var x in db.ListEntries.AsNoTracking().Where(x => x.List == Dataset)
            .Select(x => new { x.Id, x.EntryId, x.Name, x.Schema, x.Aliases, x.Identifiers, x.Programmes, x.Countries, x.Date, x.Remarks, x.DelistedDate, x.SnapshotDate, x.ActorId })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            // Snapshot dates repeat: one string each.
            var snapshot = dates.TryGetValue(x.SnapshotDate, out var same) ? same : dates[x.SnapshotDate] = x.SnapshotDate;
            stored.TryAdd(x.EntryId, new StoredEntry(x.Id, Fingerprint(x.Name, x.Schema, x.Aliases, x.Identifiers, x.Programmes, x.Countries, x.Date, x.Remarks),
                x.DelistedDate is not null, snapshot, x.ActorId));
        }
        return stored;
    }

    /// <summary>A 128-bit digest (SHA-256, cut) of the fields <see cref="ListDelta.Differences"/> compares; equal digests, equal fields.</summary>
    internal static UInt128 Fingerprint(string name, string schema, string aliases, string identifiers, string programmes, string countries, string? date, string? remarks)
    {
        var text = string.Join('\u0001', name, schema, aliases, identifiers, programmes, countries, date ?? "\u0002", remarks ?? "\u0002");
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

    private static UInt128 Fingerprint(ListEntry e) => Fingerprint(e.Name, e.Schema, e.Aliases, e.Identifiers, e.Programmes, e.Countries, e.Date, e.Remarks);

    /// <summary>
    /// The delta of the list, in the caller's transaction, by the rule of <see cref="ListDelta"/> (the same counts, notes
    /// and history), without the change tracker: an entry the list lacks is written without being compared
    /// (PostgreSQL: binary <c>COPY</c>; SQLite: prepared multi-row INSERTs); a stored one is built and compared by its
    /// fingerprint, and only those that differ (or are listed again, or now link an actor) are read in full and
    /// rewritten in one batch (<see cref="BulkInsert.UpdateListEntriesAsync"/>), as are the entries delisted. Screening
    /// cases with a hit on an entry that changed, was delisted or listed again are reopened, as after an SDN delta.
    /// </summary>
    private async Task<(FtmListSummary Summary, IReadOnlySet<string> New)> ApplyListAsync(List<Entity> listed, HashSet<string> inFile, Dictionary<string, List<Entity>> sanctionsOf,
        Dictionary<string, StoredEntry> stored, Dictionary<string, Actor> actors, string snapshot, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        long? ActorOf(Entity e) => actors.TryGetValue(e.Id, out var actor) && actor.Id != 0 ? actor.Id : null;
        var added = new List<Entity>();
        var candidates = new List<(ListEntry Fresh, long OldId)>();
        foreach (var e in listed)
        {
            if (!stored.TryGetValue(e.Id, out var old))
            {
                added.Add(e);
                continue;
            }
            if (string.CompareOrdinal(old.SnapshotDate, snapshot) > 0)
            {
                // A later snapshot changed this entry already.
                continue;
            }
            var entry = ToListEntry(e, sanctionsOf[e.Id], snapshot, ActorOf(e), now);
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
        var (changed, delisted, relisted) = (0, 0, 0);
        var updates = new List<ListEntry>();
        var changes = new List<(ListEntry Entry, string Change)>();
        foreach (var (entry, oldId) in candidates)
        {
            if (ListDelta.Replaces(full[oldId], entry, snapshot, now, changes, ref changed, ref relisted))
            {
                updates.Add(entry);
            }
        }
        var delistedNote = $"{snapshot}: no longer sanctioned in the file of {snapshot}: delisted";
        foreach (var id in delisting)
        {
            var old = full[id];
            ListDelta.Delist(old, snapshot, delistedNote, now, changes);
            updates.Add(old);
            delisted++;
        }
        await BulkInsert.UpdateListEntriesAsync(db, updates, ct);
        await BulkInsert.StreamListEntriesAsync(db, added.Select(e =>
        {
            var entry = ToListEntry(e, sanctionsOf[e.Id], snapshot, ActorOf(e), now);
            entry.History = $"{snapshot}: listed";
            return entry;
        }), ct);
        await Screening.ScreeningCasesHandler.ReopenAsync(db, Dataset, changes, now, ct);
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }
        var fresher = added.Select(x => x.Id).Concat(changes.Where(x => x.Entry.DelistedDate is null).Select(x => x.Entry.EntryId)).ToHashSet(StringComparer.Ordinal);
        return (new FtmListSummary(listed.Count, added.Count, changed, delisted, relisted), fresher);
    }
}
