using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Data;
using Vigil.Features.Import;
using Vigil.Features.Screening;
using Vigil.Model;
using Vigil.Search;

namespace Vigil.Features.Sanctions;

/// <summary>What an SDN import did: to the screening list's entries, and to the graph (actors and measures of the entries it holds).</summary>
public sealed record SdnImportSummary(
    string Snapshot, int Entries, int ActorsCreated, int ActorsLinked, int ActorsUpdated, int MeasuresCreated, int MeasuresLifted,
    int MeasuresReinstated, int Candidates, int ListAdded = 0, int ListChanged = 0, int ListDelisted = 0, int ListRelisted = 0, int InGraph = 0)
{
    public bool ChangedNothing => ActorsCreated + ActorsLinked + ActorsUpdated + MeasuresCreated + MeasuresLifted + MeasuresReinstated + Candidates
        + ListAdded + ListChanged + ListDelisted + ListRelisted == 0;

    public override string ToString() =>
        $"snapshot {Snapshot}: {Entries} entries; list entries {ListAdded} added, {ListChanged} changed, {ListDelisted} delisted, {ListRelisted} listed again; "
        + $"{InGraph} in the graph (a tracked programme or linked to an actor): actors {ActorsCreated} created, {ActorsLinked} linked to existing, {ActorsUpdated} updated; "
        + $"measures {MeasuresCreated} created, {MeasuresLifted} lifted (delisted), {MeasuresReinstated} reinstated; {Candidates} possible matches queued for review";
}

/// <summary>
/// Imports a snapshot of the OFAC SDN list (<see cref="SdnFile"/>). Every entry is kept as a screening
/// <see cref="ListEntry"/> of the list <c>us_ofac_sdn</c> (names, aliases, identifier, programmes,
/// country, date, listed and delisted dates), written in bulk. Only an entry that Vigil tracks goes into
/// the knowledge graph: one listed under a programme of <c>Vigil:Screening:GraphPrograms</c> (default
/// CYBER2), or one already linked to an actor (the actor holds its <c>ofac</c> identifier, from an
/// earlier import or an accepted match). Such an entry becomes, or updates, a listed actor (identifier
/// <c>ofac</c> = its entry number; aliases; nationality or country; date of birth or establishment) and
/// one OFAC sanction measure per programme; it is linked to an actor already in the graph by its OFAC
/// identifier first, then by a strong match (the same name, as a set of words with legal forms dropped,
/// of the same kind, with no conflicting country); a weaker resemblance does not merge: the pair waits
/// in the match queue with the evidence for and against. An entry outside the graph that resembles an
/// actor of the graph waits in the queue too, as a list entry: accepting the match brings it into the
/// graph as that actor, with its measures.
/// <para>A newer snapshot applies the delta: new entries are added; entries no longer listed are
/// delisted with the snapshot's date (and their measures lifted, as a cited step); an entry listed
/// again is reinstated; changed names, aliases, countries and dates update the entry (with a dated
/// note in its history) and the actors the list created (never the names of curated actors, which only
/// gain aliases). A snapshot older than the one that last changed an entry does not undo it. The same
/// file twice changes nothing. All or nothing: a bad row is reported with its line, and nothing is
/// written.</para>
/// </summary>
public sealed partial class ImportSdnHandler(VigilDb db, TimeProvider clock, IOptions<ScreeningOptions>? options = null)
{
    /// <summary>The identifier scheme of OFAC entry numbers.</summary>
    public const string Scheme = "ofac";

    /// <summary>The dataset of the list's entries, as yente names it.</summary>
    public const string Dataset = "us_ofac_sdn";

    /// <summary>Slugs of snapshot sources start so.</summary>
    public const string SourcePrefix = "ofac-sdn-";

    /// <summary>
    /// Imports <paramref name="file"/>; unless <paramref name="allowMassDelisting"/>, a snapshot that holds no entry or would
    /// delist more than <see cref="ListImportSanity.DefaultMaxLiftedShare"/> of the entries listed is refused (<see cref="ListImportSanity"/>).
    /// </summary>
    public async Task<SdnImportSummary> HandleAsync(string file, string? snapshotDate = null, bool allowMassDelisting = false, CancellationToken ct = default)
    {
        if (!db.Reader.SeesUnpublished || db.Reader.Clearance != Marking.Red)
        {
            throw new InvalidOperationException("Imports run as the system reader, which sees every record.");
        }
        var name = Path.GetFileName(file);
        var date = snapshotDate ?? (DateInName().Match(name) is { Success: true } m ? m.Value : null);
        if (date is null || !PartialDate.IsValid(date) || date.Length != 10)
        {
            throw new ImportRejectedException([new ImportError(name, null, "snapshot date",
                "give the date of the list (--date YYYY-MM-DD) or keep it in the file name (sdn-2024-04-26.csv)")]);
        }
        var entries = SdnFile.Read(file);
        var tracked = (options?.Value ?? new ScreeningOptions()).Tracked();
        var created = 0;
        var linked = 0;
        var updated = 0;
        var measuresCreated = 0;
        var lifted = 0;
        var reinstated = 0;
        var candidates = 0;

        // The list as it stands, and the sanity check before anything is written.
        var stored = await ListDelta.StoredAsync(db, Dataset, ct);
        var inFile = entries.Select(e => e.EntNum).ToHashSet(StringComparer.Ordinal);
        var listedBefore = stored.Values.Count(x => !x.Delisted);
        var wouldDelist = stored.Count(x => !x.Value.Delisted && !inFile.Contains(x.Key) && string.CompareOrdinal(x.Value.SnapshotDate, date) <= 0);
        ListImportSanity.Check(name, entries.Count, listedBefore, wouldDelist, allowMassDelisting);

        // Actors on the list already (by entry number), tracked with what the import may change.
        var idRows = await db.ActorIdentifiers.Where(i => i.Scheme == Scheme).Select(i => new { i.Value, i.ActorId }).ToListAsync(ct);
        var actorIdByEntry = idRows.GroupBy(i => i.Value).ToDictionary(g => g.Key, g => g.First().ActorId);
        bool InGraph(SdnEntry e) => actorIdByEntry.ContainsKey(e.EntNum) || e.Programmes.Any(tracked.Contains);
        var graphEntries = entries.Where(InGraph).ToList();

        var source = await SnapshotSourceAsync(file, date, ct);
        // OFAC as an actor: found now, created only when a measure needs it.
        var ofac = await FindAuthorityAsync(ct);

        var listed = (await db.Actors.AsTracking().AsSplitQuery().Include(a => a.Aliases).Include(a => a.Identifiers)
            .Where(a => a.Identifiers.Any(i => i.Scheme == Scheme)).ToListAsync(ct)).ToDictionary(a => a.Id);
        var entryByActor = actorIdByEntry.ToDictionary(kv => kv.Value, kv => kv.Key);
        // Actors with evidence of their own are curated: the list lends them aliases and an identifier, not names.
        var curatedIds = (await db.Citations.Where(c => c.ActorId != null && !c.Source!.Slug.StartsWith(SourcePrefix))
            .Select(c => c.ActorId!.Value).Distinct().ToListAsync(ct)).ToHashSet();
        // So are actors an editor accepted as an entry: the review made them, not the list.
        curatedIds.UnionWith(await db.MatchCandidates.IgnoreQueryFilters().Where(x => x.List == Scheme && x.State == MatchState.Accepted)
            .Select(x => x.CandidateActorId).ToListAsync(ct));

        // OFAC's measures, by target and programme.
        var measures = ofac is null ? new List<Measure>() : await db.Measures.AsTracking().AsSplitQuery().Include(x => x.Targets).Include(x => x.Steps)
            .Where(x => x.AuthorityId == ofac.Id && x.Programme != null).ToListAsync(ct);
        var byTargetProgramme = new Dictionary<(long, string), Measure>();
        foreach (var x in measures)
        {
            foreach (var t in x.Targets)
            {
                byTargetProgramme.TryAdd((t.ActorId, x.Programme!), x);
            }
        }

        // Curated actors an unlinked entry may be: matched by name.
        var matchable = await db.Actors.Where(a => a.ActorKind != ActorKind.State && !a.Identifiers.Any(i => i.Scheme == Scheme))
            .Select(a => new Candidate(a.Id, a.Slug, a.Name, a.ActorKind, a.Country, a.StartDate, a.Aliases.Select(x => x.Name).ToList()))
            .ToListAsync(ct);
        var byKey = new Dictionary<string, List<Candidate>>();
        foreach (var c in matchable)
        {
            foreach (var n in c.Aliases.Prepend(c.Name))
            {
                var key = Key(n);
                if (key.Length > 0)
                {
                    (byKey.TryGetValue(key, out var list) ? list : byKey[key] = []).Add(c);
                }
            }
        }
        var actorSlugs = graphEntries.Count == 0 ? new HashSet<string>() : (await db.Actors.Select(a => a.Slug).ToListAsync(ct)).ToHashSet();
        var measureSlugs = graphEntries.Count == 0 ? new HashSet<string>() : (await db.Measures.Select(a => a.Slug).ToListAsync(ct)).ToHashSet();
        var queued = (await db.MatchCandidates.IgnoreQueryFilters().Where(x => x.List == Scheme).Select(x => new { x.EntryId, x.CandidateActorId }).ToListAsync(ct))
            .Select(x => (x.EntryId, x.CandidateActorId)).ToHashSet();
        var taken = new HashSet<long>(actorIdByEntry.Values);
        var wordsOf = matchable.Select(c => (c, Words: Key(c.Name).Split(' ').ToHashSet())).Where(x => x.Words.Count >= 2).ToList();

        var actorOfEntry = new Dictionary<string, Actor>(StringComparer.Ordinal);
        var onList = new HashSet<(long ActorId, string Programme)>();
        foreach (var e in graphEntries)
        {
            Actor actor;
            if (actorIdByEntry.TryGetValue(e.EntNum, out var id) && listed.TryGetValue(id, out var known))
            {
                actor = known;
                if (curatedIds.Contains(actor.Id))
                {
                    updated += AddAliases(actor, e) ? 1 : 0;
                }
                else if (Refresh(actor, e))
                {
                    updated++;
                }
            }
            else
            {
                var (strong, weak) = Match(e, byKey, wordsOf, taken);
                if (strong is not null)
                {
                    actor = await db.Actors.AsTracking().Include(a => a.Aliases).Include(a => a.Identifiers).FirstAsync(a => a.Id == strong.Id, ct);
                    actor.Identifiers.Add(new ActorIdentifier { Scheme = Scheme, Value = e.EntNum });
                    AddAliases(actor, e);
                    taken.Add(actor.Id);
                    linked++;
                }
                else
                {
                    actor = new Actor
                    {
                        Slug = ListImport.UniqueSlug(Common.Slugs.FromText(e.DisplayName), actorSlugs),
                        ActorKind = KindOf(e),
                        Marking = Marking.Clear,
                        Status = ReviewStatus.Published,
                    };
                    Refresh(actor, e);
                    actor.Identifiers.Add(new ActorIdentifier { Scheme = Scheme, Value = e.EntNum });
                    db.Actors.Add(actor);
                    Cite(actor, $"actor:{actor.Slug}", source, e);
                    created++;
                    foreach (var (candidate, score, evidenceFor, evidenceAgainst) in weak)
                    {
                        if (queued.Add((e.EntNum, candidate.Id)))
                        {
                            db.MatchCandidates.Add(new MatchCandidate
                            {
                                List = Scheme, EntryId = e.EntNum, EntryName = e.Name, ListedActor = actor, CandidateActorId = candidate.Id,
                                Score = score, EvidenceFor = evidenceFor, EvidenceAgainst = evidenceAgainst, CreatedAt = clock.GetUtcNow().UtcDateTime,
                            });
                            candidates++;
                        }
                    }
                }
            }
            actorOfEntry[e.EntNum] = actor;

            foreach (var programme in e.Programmes)
            {
                if (actor.Id != 0)
                {
                    onList.Add((actor.Id, programme));
                }
                if (actor.Id != 0 && byTargetProgramme.TryGetValue((actor.Id, programme), out var measure))
                {
                    if (measure.Stage.IsEnded() && !HasLaterStep(measure, date))
                    {
                        measure.Stage = MeasureStage.InForce;
                        measure.LiftedDate = null;
                        measure.Steps.Add(new MeasureStep { Stage = MeasureStage.InForce, Date = date, Source = source, Note = $"listed again on the SDN list of {date}" });
                        reinstated++;
                    }
                    continue;
                }
                ofac ??= AddAuthority(source);
                measure = NewMeasure(e.EntNum, e.DisplayName, programme, date, ofac, actor, source, measureSlugs);
                db.Measures.Add(measure);
                Cite(measure, $"measure:{measure.Slug}", source, e);
                measuresCreated++;
            }
        }

        // Delistings: OFAC measures on listed actors whose entry or programme this snapshot no longer has.
        foreach (var ((actorId, programme), measure) in byTargetProgramme)
        {
            if (!entryByActor.ContainsKey(actorId) || onList.Contains((actorId, programme)) || measure.Stage.IsEnded() || HasLaterStep(measure, date))
            {
                continue;
            }
            measure.Stage = MeasureStage.Lifted;
            measure.LiftedDate = date;
            measure.Steps.Add(new MeasureStep { Stage = MeasureStage.Lifted, Date = date, Source = source, Note = $"not on the SDN list of {date}: delisted" });
            lifted++;
        }

        // Entries outside the graph that resemble an actor of it: queued, pointing at the list entry.
        var entryCandidates = new List<(SdnEntry Entry, Candidate Actor, int Score, string For, string Against)>();
        foreach (var e in entries)
        {
            if (actorOfEntry.ContainsKey(e.EntNum) || matchable.Count == 0)
            {
                continue;
            }
            var (strong, weak) = Match(e, byKey, wordsOf, taken);
            if (strong is not null)
            {
                weak = [(strong, 90, $"same name: {e.Name} / {strong.Name}", "")];
            }
            foreach (var (candidate, score, evidenceFor, evidenceAgainst) in weak)
            {
                if (queued.Add((e.EntNum, candidate.Id)))
                {
                    entryCandidates.Add((e, candidate, score, evidenceFor, evidenceAgainst));
                }
            }
        }

        var graphChanged = db.ChangeTracker.HasChanges();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (graphChanged)
        {
            db.ChangeReason = $"import OFAC SDN list {name} ({date})";
            await db.SaveChangesAsync(ct);
        }

        // The screening list: new entries in bulk, changed and delisted ones in one batch.
        var now = clock.GetUtcNow().UtcDateTime;
        var delta = await ListDelta.ApplyAsync(db, entries, e => e.EntNum, e => ToListEntry(e, date, actorOfEntry.GetValueOrDefault(e.EntNum)?.Id, now), stored,
            inFile, date, $"{date}: not on the SDN list of {date}: delisted", now, ct);
        if (entryCandidates.Count > 0)
        {
            var ids = await db.ListEntries.Where(x => x.List == Dataset).Select(x => new { x.EntryId, x.Id }).ToDictionaryAsync(x => x.EntryId, x => x.Id, ct);
            foreach (var (e, candidate, score, evidenceFor, evidenceAgainst) in entryCandidates)
            {
                db.MatchCandidates.Add(new MatchCandidate
                {
                    List = Scheme, EntryId = e.EntNum, EntryName = e.Name, ListEntryId = ids[e.EntNum], CandidateActorId = candidate.Id,
                    Score = score, EvidenceFor = evidenceFor, EvidenceAgainst = evidenceAgainst, CreatedAt = now,
                });
                candidates++;
            }
        }
        // Screening cases with a hit on a changed entry need a new decision.
        await Screening.ScreeningCasesHandler.ReopenAsync(db, Dataset, delta.Changes, now, ct);
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        var summary = new SdnImportSummary(date, entries.Count, created, linked, updated, measuresCreated, lifted, reinstated, candidates,
            delta.Added, delta.Changed, delta.Delisted, delta.Relisted, graphEntries.Count);
        if (!summary.ChangedNothing)
        {
            DataVersion.Bump();
            await DatabaseSetup.RefreshStatisticsAsync(db, ct);
        }
        return summary;
    }

    /// <summary>The list entry an SDN entry makes.</summary>
    public static ListEntry ToListEntry(SdnEntry e, string date, long? actorId, DateTime now) => new()
    {
        List = Dataset,
        EntryId = e.EntNum,
        Name = e.DisplayName.Length <= 1000 ? e.DisplayName : e.DisplayName[..1000],
        Schema = e.Type switch { "individual" => "Person", "vessel" => "Vessel", "aircraft" => "Airplane", _ => KindOf(e) == ActorKind.PublicBody ? "PublicBody" : "LegalEntity" },
        Aliases = ListEntry.Join(Wanted(e).Order(StringComparer.Ordinal)),
        Identifiers = $"{Scheme}:{e.EntNum}",
        Programmes = ListEntry.Join(e.Programmes),
        Datasets = Dataset,
        Countries = e.Country ?? "",
        Date = e.Date,
        Remarks = e.Title is null ? e.Remarks : e.Remarks is null ? e.Title : $"{e.Title}. {e.Remarks}",
        ListedDate = date,
        SnapshotDate = date,
        ActorId = actorId,
        UpdatedAt = now,
    };

    /// <summary>An OFAC sanction measure of one entry and programme, in force from <paramref name="date"/>.</summary>
    internal static Measure NewMeasure(string entNum, string displayName, string programme, string date, Actor ofac, Actor target, Source source, HashSet<string> measureSlugs) => new()
    {
        Slug = ListImport.UniqueSlug(Common.Slugs.FromText($"ofac sdn {entNum} {programme}"), measureSlugs),
        Type = MeasureType.Sanction,
        Title = $"OFAC SDN listing: {displayName} ({programme})",
        Authority = ofac,
        Programme = programme,
        Reference = $"SDN entry {entNum}",
        Stage = MeasureStage.InForce,
        Marking = Marking.Clear,
        Status = ReviewStatus.Published,
        Targets = [new MeasureTarget { Actor = target }],
        Steps = [new MeasureStep { Stage = MeasureStage.InForce, Date = date, Source = source, Note = $"on the SDN list of {date}" }],
    };

    private void Cite(Record subject, string key, Source source, SdnEntry? e) =>
        ListImport.Cite(db, subject, key, source, e is null ? null : $"SDN entry {e.EntNum}", credibility: 1);

    private static bool HasLaterStep(Measure m, string date) => m.Steps.Any(s => s.Date is not null && string.CompareOrdinal(s.Date, date) > 0);

    private static ActorKind KindOf(SdnEntry e) =>
        e.IsPerson ? ActorKind.Person
        : e.Remarks?.Contains("Target Type Government Entity", StringComparison.Ordinal) == true ? ActorKind.PublicBody
        : ActorKind.Company;

    /// <summary>Sets what the list says on an actor the list created; true when something changed.</summary>
    private static bool Refresh(Actor actor, SdnEntry e)
    {
        var changed = false;
        Set(actor.Name, e.DisplayName, v => actor.Name = v!);
        Set(actor.Country, e.Country, v => actor.Country = v);
        Set(actor.StartDate, e.Date, v => actor.StartDate = v);
        var description = e.Title is null ? e.Remarks : e.Remarks is null ? e.Title : $"{e.Title}. {e.Remarks}";
        Set(actor.Description, description, v => actor.Description = v);
        var wanted = Wanted(e);
        foreach (var stale in actor.Aliases.Where(a => !wanted.Contains(a.Name)).ToList())
        {
            actor.Aliases.Remove(stale);
            changed = true;
        }
        changed |= AddAliases(actor, e);
        return changed;

        void Set(string? current, string? value, Action<string?> set)
        {
            if (!string.Equals(current, value, StringComparison.Ordinal))
            {
                set(value);
                changed = true;
            }
        }
    }

    private static HashSet<string> Wanted(SdnEntry e)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (e.Name != e.DisplayName)
        {
            names.Add(e.Name);
        }
        names.UnionWith(e.Aliases);
        return names;
    }

    private static bool AddAliases(Actor actor, SdnEntry e)
    {
        var changed = false;
        foreach (var alias in Wanted(e))
        {
            if (alias.Length <= 500 && !alias.Equals(actor.Name, StringComparison.OrdinalIgnoreCase)
                && !actor.Aliases.Any(a => a.Name.Equals(alias, StringComparison.OrdinalIgnoreCase)))
            {
                actor.Aliases.Add(new ActorAlias { Name = alias });
                changed = true;
            }
        }
        return changed;
    }

    private sealed record Candidate(long Id, string Slug, string Name, ActorKind Kind, string? Country, string? StartDate, List<string> Aliases);

    /// <summary>
    /// A strong match (same name key, compatible kind, no conflicting country or date) links; weaker
    /// resemblances are returned with their evidence, for the queue.
    /// </summary>
    private static (Candidate? Strong, List<(Candidate, int, string, string)> Weak) Match(
        SdnEntry e, Dictionary<string, List<Candidate>> byKey, List<(Candidate C, HashSet<string> Words)> all, HashSet<long> taken)
    {
        var names = e.Aliases.Prepend(e.DisplayName).Select(Key).Where(k => k.Length > 0).Distinct().ToList();
        var weak = new List<(Candidate, int, string, string)>();
        var exact = names.SelectMany(k => byKey.GetValueOrDefault(k) ?? []).DistinctBy(c => c.Id).Where(c => Compatible(e, c.Kind) && !taken.Contains(c.Id)).ToList();
        foreach (var c in exact)
        {
            var against = new List<string>();
            if (e.Country is not null && c.Country is not null && e.Country != c.Country)
            {
                against.Add($"country: the list says {e.Country}, the actor {c.Country}");
            }
            // A birth date that differs says "another person"; a company's founding date is often given differently.
            if (e.IsPerson && e.Date is not null && c.StartDate is not null && !e.Date.StartsWith(c.StartDate, StringComparison.Ordinal) && !c.StartDate.StartsWith(e.Date, StringComparison.Ordinal))
            {
                against.Add($"date: the list says {e.Date}, the actor {c.StartDate}");
            }
            var primary = Key(e.DisplayName) == Key(c.Name);
            if (against.Count == 0 && primary && exact.Count == 1)
            {
                return (c, []);
            }
            var evidenceFor = new List<string> { primary ? $"same name: {e.Name} / {c.Name}" : $"an alias matches: {e.Name} / {c.Name}" };
            if (e.Country is not null && e.Country == c.Country)
            {
                evidenceFor.Add($"same country: {e.Country}");
            }
            if (exact.Count > 1)
            {
                against.Add($"{exact.Count} actors share the name");
            }
            weak.Add((c, Math.Max(10, (primary ? 80 : 65) - 20 * against.Count), string.Join('\n', evidenceFor), string.Join('\n', against)));
        }
        if (exact.Count > 0)
        {
            return (null, weak);
        }
        // A name whose words all appear in the other's ("Tal Dilian" in "Tal Jonathan DILIAN"), with at least two words.
        var words = Key(e.DisplayName).Split(' ').ToHashSet();
        if (words.Count < 2)
        {
            return (null, weak);
        }
        foreach (var (c, theirs) in all)
        {
            if (!Compatible(e, c.Kind) || taken.Contains(c.Id) || !(theirs.IsSubsetOf(words) || words.IsSubsetOf(theirs)))
            {
                continue;
            }
            var against = new List<string> { $"names differ: {e.Name} / {c.Name}" };
            if (e.Country is not null && c.Country is not null && e.Country != c.Country)
            {
                against.Add($"country: the list says {e.Country}, the actor {c.Country}");
            }
            var evidenceFor = new List<string> { $"every word of the shorter name is in the longer: {e.Name} / {c.Name}" };
            if (e.Country is not null && e.Country == c.Country)
            {
                evidenceFor.Add($"same country: {e.Country}");
            }
            weak.Add((c, 60 - 15 * (against.Count - 1), string.Join('\n', evidenceFor), string.Join('\n', against)));
        }
        return (null, weak);
    }

    private static bool Compatible(SdnEntry e, ActorKind kind) => e.IsPerson ? kind == ActorKind.Person : kind != ActorKind.Person;

    /// <summary>A name as a matching key: folded words, legal forms dropped, sorted (so "DILIAN, Tal" = "Tal Dilian").</summary>
    public static string Key(string name)
    {
        var text = name.Replace("&", " and ", StringComparison.Ordinal).ToLowerInvariant();
        foreach (var form in s_longLegalForms)
        {
            text = text.Replace(form, " ", StringComparison.Ordinal);
        }
        var words = FullText.Words(text).Where(w => !s_legalForms.Contains(w)).ToList();
        words.Sort(StringComparer.Ordinal);
        return string.Join(' ', words);
    }

    private static readonly string[] s_longLegalForms =
    [
        "zartkoruen mukodo reszvenytarsasag", "korlatolt felelossegu tarsasag", "limited liability company", "joint stock company",
        "societe anonyme", "sociedad anonima", "public limited company", "private limited company",
    ];

    private static readonly HashSet<string> s_legalForms =
        ["ltd", "limited", "sa", "s", "a", "inc", "gmbh", "ag", "ad", "zrt", "kft", "pte", "llc", "srl", "spa", "bv", "nv", "plc", "co", "corp", "corporation", "ooo", "jsc", "fze", "fzco", "llp"];

    internal async Task<Source> SnapshotSourceAsync(string file, string date, CancellationToken ct)
    {
        var slug = SourcePrefix + date;
        var source = await db.Sources.AsTracking().FirstOrDefaultAsync(s => s.Slug == slug, ct);
        if (source is not null)
        {
            return source;
        }
        await using var stream = File.OpenRead(file);
        source = new Source
        {
            Slug = slug,
            Title = $"OFAC Specially Designated Nationals (SDN) list, {date}",
            Publisher = "US Department of the Treasury, Office of Foreign Assets Control",
            Url = "https://www.treasury.gov/ofac/downloads/sdn.csv",
            SourceKind = SourceKind.Dataset,
            PublishedDate = date,
            ContentHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct)),
            Reliability = 'A',
            Marking = Marking.Clear,
            Status = ReviewStatus.Published,
        };
        db.Sources.Add(source);
        return source;
    }

    /// <summary>OFAC as an actor: the one in the graph (by slug or alias), or null.</summary>
    internal async Task<Actor?> FindAuthorityAsync(CancellationToken ct) =>
        await db.Actors.AsTracking().FirstOrDefaultAsync(a => a.Slug == "office-of-foreign-assets-control", ct)
            ?? await db.Actors.AsTracking().FirstOrDefaultAsync(a => a.ActorKind == ActorKind.PublicBody && a.Aliases.Any(x => x.Name == "OFAC"), ct);

    /// <summary>OFAC as a new public body of the United States, cited to the snapshot.</summary>
    internal Actor AddAuthority(Source source)
    {
        var ofac = new Actor
        {
            Slug = "office-of-foreign-assets-control",
            Name = "Office of Foreign Assets Control",
            ActorKind = ActorKind.PublicBody,
            Country = "US",
            Description = "US Treasury office that administers sanctions; keeps the SDN list.",
            Marking = Marking.Clear,
            Status = ReviewStatus.Published,
            Aliases = [new ActorAlias { Name = "OFAC" }],
        };
        db.Actors.Add(ofac);
        Cite(ofac, "actor:" + ofac.Slug, source, null);
        return ofac;
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex DateInName();
}
