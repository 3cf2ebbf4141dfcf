using Microsoft.EntityFrameworkCore;
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
/// programmes of its sanctions, its own and its sanctions' source datasets, countries, date of birth or incorporation, the earliest
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

    /// <summary>
    /// The source datasets of an entity: its own and its sanctions', distinct and sorted. A name that could not be one
    /// (blank, over 100 characters, with a space or a control character: the column holds one a line) is left out.
    /// </summary>
    private static List<string> DatasetsOf(Entity e, List<Entity> sanctions) =>
        e.Datasets.Concat(sanctions.SelectMany(s => s.Datasets))
            .Where(d => d.Length is > 0 and <= 100 && !d.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
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
            Datasets = ListEntry.Join(DatasetsOf(e, sanctions)),
            Countries = ListEntry.Join(countries),
            Date = Earliest(e.All("birthDate").Concat(e.All("incorporationDate")).ToList()),
            // The remarks keep the sanctions' datasets apart from the entity's own (Datasets holds both); dropping them would
            // also mark every entry stored before as changed on the next import.
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
    /// The delta of the list (<see cref="ListDelta"/>), in the caller's transaction; screening cases with a hit on
    /// an entry that changed, was delisted or listed again are reopened, as after an SDN delta. <paramref name="listed"/> may be
    /// entities read in part: each is read again from <paramref name="file"/> as its entry is built, and let go.
    /// </summary>
    private async Task<(FtmListSummary Summary, IReadOnlySet<string> New)> ApplyListAsync(FtmFile file, List<Entity> listed, HashSet<string> inFile, Dictionary<string, List<Entity>> sanctionsOf,
        Dictionary<string, ListDelta.StoredListEntry> stored, Dictionary<string, Actor> actors, string snapshot, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        ListEntry Build(Entity e, ReadOnlyMemory<byte> line) =>
            ToListEntry(file.Full(e, line), sanctionsOf[e.Id], snapshot, actors.TryGetValue(e.Id, out var actor) && actor.Id != 0 ? actor.Id : null, now);
        var delta = await ListDelta.ApplyAsync(db, listed, e => e.Id, items => OnEveryCore(file, items, Build, ct),
            stored, inFile, snapshot, $"{snapshot}: no longer sanctioned in the file of {snapshot}: delisted", now, ct);
        await Screening.ScreeningCasesHandler.ReopenAsync(db, Dataset, delta.Changes, now, ct);
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }
        return (new FtmListSummary(listed.Count, delta.Added, delta.Changed, delta.Delisted, delta.Relisted), delta.New);
    }
}
