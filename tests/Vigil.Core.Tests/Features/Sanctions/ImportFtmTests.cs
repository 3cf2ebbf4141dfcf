using System.Globalization;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Tests.Features.Import;
using Microsoft.Extensions.Options;
using Vigil.Access;
using Vigil.Features.Import;
using Vigil.Features.Sanctions;
using Vigil.Features.Screening;
using Vigil.Matching;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Sanctions;

/// <summary>
/// Importing FollowTheMoney Sanction entities: every sanctioned entity is a list entry of <c>opensanctions</c>;
/// tracked or linked ones become actors with measures (authorities, programmes, dates, references); idempotence, delta, refusal.
/// </summary>
public abstract class ImportFtmTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string Fixture => Path.Combine(ImportFixtures.Root, "ftm", "opensanctions-zala-sample.ftm.json");

    /// <summary>The FtM ids of the sample's two sanctioned entities, LLC CST and Alexander Vyacheslavovich ZAKHAROV.</summary>
    public const string LlcCst = "NK-abdzbEBkqyT29GyREbiURZ";

    public const string Zakharov = "NK-aU5ybkbRFJucf8YMwsJvDw";

    /// <summary>A programme of each of the sample's two sanctioned entities (LLC CST: CA-SEMA; ZAKHAROV: GB-RUS, and CST too).</summary>
    private const string SamplesProgrammes = "CA-SEMA,GB-RUS";

    private async Task<FtmImportSummary> ImportAsync(string file, string? tracked = null, bool allowMassDelisting = false)
    {
        await using var db = Database.CreateContext();
        var options = tracked is null ? null : Options.Create(new ScreeningOptions { GraphPrograms = tracked });
        return await new ImportFtmHandler(db, TimeProvider.System, options).HandleAsync(file, allowMassDelisting, Ct);
    }

    private async Task<ListEntry> EntryAsync(string ftmId)
    {
        await using var db = Database.CreateContext();
        return await db.ListEntries.SingleAsync(x => x.List == ImportFtmHandler.Dataset && x.EntryId == ftmId, Ct);
    }

    /// <summary>A file of these FtM lines, in a folder of its own.</summary>
    public static string Write(IEnumerable<string> lines)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("vigil-ftm-").FullName, "entities.ftm.json");
        File.WriteAllLines(file, lines);
        return file;
    }

    private async Task<(int Actors, int Measures, int Revisions, int Sources, int Entries)> CountAsync()
    {
        await using var db = Database.CreateContext();
        return (await db.Actors.CountAsync(Ct), await db.Measures.CountAsync(Ct), await db.Revisions.CountAsync(Ct), await db.Sources.CountAsync(Ct),
            await db.ListEntries.CountAsync(Ct));
    }

    private async Task<Measure> MeasureAsync(string ftmId)
    {
        await using var db = Database.CreateContext();
        return await db.Measures.Include(m => m.Authority).Include(m => m.Steps).Include(m => m.Targets).ThenInclude(t => t.Actor)
            .SingleAsync(m => m.Slug == Vigil.Features.Common.Slugs.FromText("ftm " + ftmId), Ct);
    }

    [Fact]
    public async Task TheSample_IsTwoListEntries_NotActors_AndScreeningFindsThemInItsDataset()
    {
        var summary = await ImportAsync(Fixture);

        summary.Lines.Should().Be(91);
        summary.List!.Added.Should().Be(2, "every sanction of the sample targets one of two entities");
        summary.List.InGraph.Should().Be(0, "none of their programmes is tracked and no actor holds their ids");
        summary.List.SanctionsOutsideGraph.Should().Be(41);
        (summary.ActorsCreated, summary.MeasuresCreated, summary.AuthoritiesCreated).Should().Be((0, 0, 0));
        summary.Relations!.Created.Should().Be(0);
        summary.Relations.OutsideGraph.Should().Be(17, "every edge has an end outside the graph: none is pulled in");
        summary.Unresolved.Should().BeEmpty();
        (await CountAsync()).Should().Be((0, 0, 0, 0, 2), "the graph (home and browse counts) is unchanged; no source cites nothing");

        var cst = await EntryAsync(LlcCst);
        cst.Should().Match<ListEntry>(e => e.Name == "LLC CST" && e.Schema == "Company" && e.Countries == "RU" && e.ActorId == null && e.DelistedDate == null);
        ListEntry.Lines(cst.Programmes).Should().Contain(["CA-SEMA", "US-RUSHAR", "AU-RUSSIA"]);
        ListEntry.Lines(cst.Identifiers).Should().Contain(["opensanctions:" + LlcCst, "ofac:45928", "ofac:45934"], "the OFAC entry numbers its referents name");
        cst.Remarks.Should().Contain("ca_dfatd_sema_sanctions").And.Contain("Global Affairs Canada");
        cst.ListedDate.Should().Be("2021-10-30", "the earliest listing or start date of its sanctions");
        cst.SnapshotDate.Should().Be("2026-04-29", "the newest last_seen of the file");
        ListEntry.Lines(cst.Aliases).Should().NotBeEmpty();

        var hit = (await ScreenAsync("LLC CST", [ImportFtmHandler.Dataset])).Results.Should().ContainSingle(r => r.Id.Contains(LlcCst) || r.Caption == "LLC CST").Which;
        hit.Datasets.Should().Contain(ImportFtmHandler.Dataset);
        (await ScreenAsync("LLC CST", ["vigil"])).Results.Should().NotContain(r => r.Caption == "LLC CST", "the dataset filter holds");
        (await ScreenAsync("Alexander ZAKHAROV", [ImportFtmHandler.Dataset])).Results.Should().Contain(r => r.Caption == "Alexander Vyacheslavovich ZAKHAROV");
    }

    private async Task<ScreeningAnswer> ScreenAsync(string name, IReadOnlyCollection<string> datasets)
    {
        await using var db = Database.CreateContext(Reader.Anonymous);
        var outcome = await new ScreenNamesHandler(db, new NameSearch()).HandleAsync(new ScreeningRequest(
            new Dictionary<string, ScreeningQuery> { ["q"] = new(null, new Dictionary<string, IReadOnlyList<string>> { ["name"] = [name] }) },
            Datasets: datasets), Ct);
        outcome.Errors.Should().BeNull();
        return outcome.Responses!["q"];
    }

    [Fact]
    public async Task AnEntityLinkedByItsOfacNumber_BecomesAnActorWithItsMeasures_TheOtherStaysAnEntry()
    {
        long actorId;
        await using (var db = Database.CreateContext())
        {
            var actor = new Actor { Slug = "llc-cst", Name = "LLC CST", ActorKind = ActorKind.Company, Country = "RU", Status = ReviewStatus.Published };
            actor.Identifiers.Add(new ActorIdentifier { Scheme = "ofac", Value = "45928" });
            db.Actors.Add(actor);
            await db.SaveChangesAsync(Ct);
            actorId = actor.Id;
        }

        var summary = await ImportAsync(Fixture);

        summary.ActorsLinked.Should().Be(1);
        summary.ActorsCreated.Should().Be(0);
        summary.MeasuresCreated.Should().Be(28, "the 28 sanctions of LLC CST; ZAKHAROV's 13 stay on his entry");
        summary.List!.InGraph.Should().Be(1);
        summary.Relations!.Created.Should().Be(0, "every edge of LLC CST leads to an entity outside the graph");
        (await EntryAsync(LlcCst)).ActorId.Should().Be(actorId);
        (await EntryAsync(Zakharov)).ActorId.Should().BeNull();
        await using var check = Database.CreateContext();
        (await check.ActorIdentifiers.AnyAsync(i => i.ActorId == actorId && i.Scheme == "opensanctions" && i.Value == LlcCst, Ct)).Should().BeTrue();
        (await check.Measures.CountAsync(m => m.Targets.Any(t => t.ActorId == actorId), Ct)).Should().Be(28);

        var again = await ImportAsync(Fixture);
        again.ChangedNothing.Should().BeTrue(again.ToString());

        // A reviewed match links ZAKHAROV's entry to an actor (as DecideMatch does): the next import brings his sanctions in, and the edges between the two.
        long person;
        await using (var db = Database.CreateContext())
        {
            var zakharov = new Actor { Slug = "alexander-zakharov", Name = "Alexander Zakharov", ActorKind = ActorKind.Person, Status = ReviewStatus.Published };
            db.Actors.Add(zakharov);
            await db.SaveChangesAsync(Ct);
            person = zakharov.Id;
            var entry = await db.ListEntries.AsTracking().SingleAsync(x => x.List == ImportFtmHandler.Dataset && x.EntryId == Zakharov, Ct);
            entry.ActorId = person;
            await db.SaveChangesAsync(Ct);
        }
        var reviewed = await ImportAsync(Fixture);
        (reviewed.ActorsLinked, reviewed.ActorsCreated, reviewed.MeasuresCreated, reviewed.Relations!.Created).Should().Be((1, 0, 13, 4));
        (await EntryAsync(Zakharov)).ActorId.Should().Be(person);
        (await ImportAsync(Fixture)).ChangedNothing.Should().BeTrue();
    }

    [Fact]
    public async Task ALaterSnapshot_DelistsWhatDisappeared_AndRecordsARename_ButAMassDelistingNeedsTheOperatorsWord()
    {
        await ImportAsync(Fixture);
        var lines = File.ReadAllLines(Fixture)
            .Where(l => !(l.Contains("\"schema\": \"Sanction\"", StringComparison.Ordinal) && l.Contains(Zakharov, StringComparison.Ordinal)))
            .Select(l => l.StartsWith($"{{\"id\": \"{LlcCst}\"", StringComparison.Ordinal)
                ? l.Replace("\"caption\": \"LLC CST\"", "\"caption\": \"LLC CST Group\"", StringComparison.Ordinal) : l)
            .ToList();
        var later = Write(lines);

        var refused = () => ImportAsync(later);
        (await refused.Should().ThrowAsync<ImportRejectedException>()).Which.Errors.Single().Message.Should().Contain("would lift 1 of the 2 listings");
        (await EntryAsync(Zakharov)).DelistedDate.Should().BeNull("nothing was written");

        var summary = await ImportAsync(later, allowMassDelisting: true);

        (summary.List!.Delisted, summary.List.Changed, summary.List.Added).Should().Be((1, 1, 0));
        (await EntryAsync(Zakharov)).Should().Match<ListEntry>(e => e.DelistedDate == "2026-04-29" && e.History.Contains("delisted"));
        var cst = await EntryAsync(LlcCst);
        cst.Name.Should().Be("LLC CST Group");
        cst.History.Should().Contain("renamed from LLC CST");
        (await ImportAsync(later)).ChangedNothing.Should().BeTrue();
        (await CountAsync()).Actors.Should().Be(0);
    }

    [Fact]
    public async Task TheSample_WithTrackedProgrammes_BecomesMeasures_WithTheirAuthorityProgrammeAndDates()
    {
        var summary = await ImportAsync(Fixture, SamplesProgrammes);

        summary.Lines.Should().Be(91);
        summary.MeasuresCreated.Should().Be(41);
        summary.ActorsCreated.Should().Be(2, "every sanction of the sample targets one of two entities, both tracked; the twelve other entities "
            + "the ownerships and directorships name are on no list and stay out of the graph (until this change they became actors too: 14)");
        summary.List!.InGraph.Should().Be(2);
        summary.Unresolved.Should().BeEmpty();
        (await EntryAsync(LlcCst)).ActorId.Should().NotBeNull();

        var canada = await MeasureAsync("ca-sema-2393db52cd908ce435e236cf7a128d87a4789315");
        canada.Type.Should().Be(MeasureType.Sanction);
        canada.Authority!.Name.Should().Be("Global Affairs Canada");
        canada.Authority.Country.Should().Be("CA", "a country acting through its agency");
        canada.Authority.ActorKind.Should().Be(ActorKind.PublicBody);
        canada.Programme.Should().Be("CA-SEMA");
        canada.AnnouncedDate.Should().Be("2026-02-19");
        canada.EffectiveDate.Should().Be("2026-02-19", "without a start date the listing date is when it took effect");
        canada.Stage.Should().Be(MeasureStage.InForce);
        canada.Targets.Single().Actor!.Name.Should().Be("LLC CST");

        var entityList = await MeasureAsync("trade-csl-220a432fb6c7fd3e4d3af470f0f86f1f8e1ca513");
        entityList.Type.Should().Be(MeasureType.ExportControlListing);
        entityList.EffectiveDate.Should().Be("2023-11-02");

        var expired = await MeasureAsync("ua-nsdc-6c8c31da8d3db74b085a9217f3322ba118141a63");
        expired.Stage.Should().Be(MeasureStage.Expired);
        expired.LiftedDate.Should().Be("2024-10-30");
        expired.Steps.Select(s => (s.Stage, s.Date)).Should().BeEquivalentTo([(MeasureStage.InForce, "2021-10-30"), (MeasureStage.Expired, "2024-10-30")]);

        await using var db = Database.CreateContext();
        var cst = await db.Actors.Include(a => a.Identifiers).Include(a => a.Aliases).SingleAsync(a => a.Identifiers.Any(i => i.Scheme == "opensanctions" && i.Value == LlcCst), Ct);
        cst.Country.Should().Be("RU");
        cst.ActorKind.Should().Be(ActorKind.Company);
        cst.Aliases.Should().NotBeEmpty();
        (await db.Citations.CountAsync(c => c.ActorId == cst.Id, Ct)).Should().Be(1, "the actor cites the file it came from");
    }

    [Fact]
    public async Task TheSampleBackwards_WithAByteOrderMarkAndCrLf_LandsAsInItsOwnOrder()
    {
        // The import keeps of a sanctioned entity only where its line lies, and reads it again for its list entry, its screening
        // query and the actor made of it: sanctions before their entity, a byte-order mark and CR LF line ends move every line.
        var lines = File.ReadAllLines(Fixture).Where(l => l.Length > 0).Reverse();
        var file = Path.Combine(Directory.CreateTempSubdirectory("vigil-ftm-").FullName, "backwards.ftm.json");
        await File.WriteAllTextAsync(file, string.Join("\r\n", lines) + "\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), Ct);
        await using var reference = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await reference.MigrateAsync();
        FtmImportSummary expected;
        await using (var db = reference.CreateContext())
        {
            expected = await new ImportFtmHandler(db, TimeProvider.System, Options.Create(new ScreeningOptions { GraphPrograms = SamplesProgrammes })).HandleAsync(Fixture, Ct);
        }

        var summary = await ImportAsync(file, SamplesProgrammes);

        summary.ToString().Should().Be(expected.ToString());
        (summary.ActorsCreated, summary.MeasuresCreated, summary.List!.Added).Should().Be((2, 41, 2));
        // Actors without their slugs: two authorities of one country made in the other order take each other's "-2".
        (await GraphAsync(Database)).Should().BeEquivalentTo(await GraphAsync(reference), options => options.WithStrictOrdering());

        static async Task<(List<string> Entries, List<string> Actors, List<string> Relationships)> GraphAsync(TestDatabase database)
        {
            await using var db = database.CreateContext();
            var entries = (await db.ListEntries.AsNoTracking().ToListAsync(Ct)).Select(x => string.Join("|", x.List, x.EntryId, x.Name, x.Schema, x.Aliases, x.Identifiers,
                x.Programmes, x.Countries, x.Date, x.Remarks, x.ListedDate, x.SnapshotDate, x.ActorId is null ? "-" : "actor", x.History));
            var actors = (await db.Actors.AsNoTracking().Include(a => a.Aliases).Include(a => a.Identifiers).ToListAsync(Ct)).Select(a => string.Join("|", a.Name,
                a.ActorKind, a.Country, a.StartDate, string.Join(";", a.Aliases.Select(x => x.Name).Order(StringComparer.Ordinal)),
                string.Join(";", a.Identifiers.Select(i => i.Describe()).Order(StringComparer.Ordinal))));
            var relationships = await db.Relationships.AsNoTracking().Select(r => r.Slug + "|" + r.Type + "|" + r.Role).ToListAsync(Ct);
            return ([.. entries.Order(StringComparer.Ordinal)], [.. actors.Order(StringComparer.Ordinal)], [.. relationships.Order(StringComparer.Ordinal)]);
        }
    }

    [Fact]
    public async Task TheSamplesOwnershipsAndDirectorships_BecomeRelationships_BetweenTheGraphsActorsOnly()
    {
        var summary = await ImportAsync(Fixture, SamplesProgrammes);

        summary.Relations!.Created.Should().Be(4, "of 14 Ownership and 3 Directorship entities, one directorship and three ownerships join the two tracked entities");
        summary.Relations.OutsideGraph.Should().Be(13, "their other ends are on no list: not pulled into the graph");
        summary.Relations.Unresolved.Should().BeEmpty();
        await using var db = Database.CreateContext();
        var edges = await db.Relationships.Include(r => r.FromActor).Include(r => r.ToActor).ToListAsync(Ct);
        edges.Should().HaveCount(4);
        edges.Should().OnlyContain(r => r.FromActor!.Name == "Alexander Vyacheslavovich ZAKHAROV" && r.ToActor!.Name == "LLC CST");
        edges.Should().ContainSingle(r => r.Type == RelationshipType.OfficerOf && r.Role == "Leader or official of" && r.ToActor!.Name == "LLC CST");
        var dated = edges.Single(r => r.Slug == Vigil.Features.Common.Slugs.FromText("ftm ru-770bdf5f22537fa2a94176f53fa87fe28ecf94fa"));
        (dated.Type, dated.StartDate).Should().Be((RelationshipType.Owns, "2015-11-25"));
        (await db.Citations.CountAsync(c => c.RelationshipId == dated.Id, Ct)).Should().Be(1, "the relationship cites the file");
    }

    [Fact]
    public async Task AnEntryResemblingAnActor_IsQueuedForReview_AndOnceAcceptedTheNextImportBringsItsSanctionsIn()
    {
        long person;
        await using (var db = Database.CreateContext())
        {
            var zakharov = new Actor { Slug = "alexander-zakharov", Name = "Alexander Zakharov", ActorKind = ActorKind.Person, Country = "RU", Status = ReviewStatus.Published };
            db.Actors.Add(zakharov);
            db.Actors.Add(new Actor { Slug = "northwind-traders", Name = "Northwind Traders", ActorKind = ActorKind.Company, Country = "RU", Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
            person = zakharov.Id;
        }

        var first = await ImportAsync(Fixture);

        first.List!.MatchesQueued.Should().Be(1, first.ToString());
        first.MeasuresCreated.Should().Be(0, "a resemblance is not a link: nothing enters the graph before review");
        var editor = new Reader("edna", Marking.Red, SeesUnpublished: true, CanEdit: true) { AccountId = 1 };
        MatchCandidate match;
        await using (var db = Database.CreateContext(editor))
        {
            match = await db.MatchCandidates.SingleAsync(Ct);
            (match.List, match.EntryId, match.CandidateActorId).Should().Be((ImportFtmHandler.Scheme, Zakharov, person));
            match.ListEntryId.Should().Be((await EntryAsync(Zakharov)).Id, "the match points at the list entry, not at an actor made for it");
            match.EvidenceFor.Should().Contain("Zakharov", "the queue shows the engine's explanation");
        }
        (await ImportAsync(Fixture)).ChangedNothing.Should().BeTrue("an unchanged file queues nothing again");

        await using (var db = Database.CreateContext(editor))
        {
            (await new DecideMatchHandler(db).AcceptAsync(match.Id, Ct)).Outcome.Should().Be(MatchOutcome.Done);
        }
        (await EntryAsync(Zakharov)).ActorId.Should().Be(person);
        var reviewed = await ImportAsync(Fixture);
        (reviewed.ActorsCreated, reviewed.MeasuresCreated).Should().Be((0, 13), "his 13 sanctions become measures against the actor, who holds his FtM id since the review");
        reviewed.List!.MatchesQueued.Should().Be(0);
        await using var check = Database.CreateContext();
        (await check.Measures.CountAsync(m => m.Targets.Any(t => t.ActorId == person), Ct)).Should().Be(13);
    }

    [Fact]
    public async Task AFileOfMoreEntitiesThanAChunk_GivesEachEntryItsOwnEntitysNames_AndQueuesAMatchForTheRightEntry()
    {
        // The entries' lines are read again a chunk (2,048) at a time and made on every core: 5,000 people span three chunks.
        const int people = 5_000;
        // Two made-up words a person (six letters each, scattered over 26^6): no one's name resembles another's.
        static string Word(long n)
        {
            var letters = new char[6];
            n %= 308_915_776;
            for (var k = 0; k < 6; k++, n /= 26)
            {
                letters[k] = (char)((k == 0 ? 'A' : 'a') + (n % 26));
            }
            return new string(letters);
        }
        static string Name(int i) => $"{Word((i * 7_919L) + 104_729)} {Word((i * 15_485_863L) + 32_452_843)}";
        var lines = Enumerable.Range(0, people).SelectMany(i => new[]
        {
            $$"""{"id":"bench-{{i}}","caption":"{{Name(i)}}","schema":"Person","properties":{"name":["{{Name(i)}}"],"alias":["Alias {{i}}"],"country":["{{(i % 2 == 0 ? "ru" : "by")}}"]},"datasets":["eu_fsf"],"last_seen":"2026-04-29T12:00:00"}""",
            $$"""{"id":"bench-{{i}}-s","schema":"Sanction","properties":{"entity":["bench-{{i}}"],"authority":["Council of the European Union"],"programId":["EU-UKR"],"listingDate":["2022-0{{1 + (i % 9)}}-01"]},"datasets":["eu_fsf"],"last_seen":"2026-04-29T12:00:00"}""",
        }).ToList();
        long actorId;
        await using (var db = Database.CreateContext())
        {
            var actor = new Actor { Slug = "brannoc-veltrisk", Name = Name(4_321), ActorKind = ActorKind.Person, Country = "BY", Status = ReviewStatus.Published };
            db.Actors.Add(actor);
            await db.SaveChangesAsync(Ct);
            actorId = actor.Id;
        }
        var file = Write(lines);

        var first = await ImportAsync(file);

        first.List!.Added.Should().Be(people);
        first.List.MatchesQueued.Should().Be(1, first.ToString());
        await using (var db = Database.CreateContext())
        {
            var entries = await db.ListEntries.Where(x => x.List == ImportFtmHandler.Dataset).ToListAsync(Ct);
            entries.Should().HaveCount(people);
            static bool IsItsOwn(ListEntry e, int i) =>
                e.Name == Name(i) && e.Aliases == $"Alias {i}" && e.Countries == (i % 2 == 0 ? "RU" : "BY") && e.ListedDate == $"2022-0{1 + (i % 9)}-01";
            entries.Where(e => !IsItsOwn(e, int.Parse(e.EntryId["bench-".Length..], CultureInfo.InvariantCulture))).Should().BeEmpty();
            var match = await db.MatchCandidates.SingleAsync(Ct);
            (match.EntryId, match.EntryName, match.CandidateActorId).Should().Be(("bench-4321", Name(4_321), actorId));
        }
        (await ImportAsync(file)).ChangedNothing.Should().BeTrue("each entry read again compares equal to its own stored one");
    }

    [Fact]
    public async Task AnOwnershipWithoutItsAsset_IsRefusedWithItsLine()
    {
        var lines = File.ReadAllLines(Fixture).ToList();
        var ownership = lines.FindIndex(l => l.Contains("\"schema\": \"Ownership\"", StringComparison.Ordinal));
        lines[ownership] = System.Text.RegularExpressions.Regex.Replace(lines[ownership], "\"asset\": \\[\"[^\"]+\"\\],? ?", "");

        var act = () => ImportAsync(Write(lines));

        (await act.Should().ThrowAsync<ImportRejectedException>()).Which.Errors.Should().ContainSingle()
            .Which.Should().Match<ImportError>(e => e.Line == ownership + 1 && e.Message.Contains("both its ends"));
        (await CountAsync()).Actors.Should().Be(0);
    }

    [Fact]
    public async Task TheSameFileTwice_ChangesNothing()
    {
        await ImportAsync(Fixture);
        var before = await CountAsync();

        var again = await ImportAsync(Fixture);

        again.ChangedNothing.Should().BeTrue(again.ToString());
        (await CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task ASanctionOfAnEntityOutsideTheFile_IsReported_NotFatal_AndLinksByIdOnceKnown()
    {
        var lines = File.ReadAllLines(Fixture).ToList();
        var cstLine = lines.FindIndex(l => l.StartsWith($"{{\"id\": \"{LlcCst}\"", StringComparison.Ordinal));
        cstLine.Should().BeGreaterThan(-1);
        var withoutCst = lines.Where((_, i) => i != cstLine).ToList();

        var summary = await ImportAsync(Write(withoutCst), SamplesProgrammes);

        summary.Unresolved.Should().NotBeEmpty().And.OnlyContain(u => u.Contains(LlcCst));
        summary.MeasuresCreated.Should().Be(41 - summary.Unresolved.Count);

        // Once the entity is in Vigil (by its FtM id), a file without it links to it.
        await ImportAsync(Fixture, SamplesProgrammes);
        var later = await ImportAsync(Write(withoutCst), SamplesProgrammes);
        later.Unresolved.Should().BeEmpty();
        later.ChangedNothing.Should().BeTrue();
    }

    [Fact]
    public async Task AMalformedLine_OrABadDate_IsReportedWithItsLine_AndNothingIsWritten()
    {
        var before = await CountAsync();
        var lines = File.ReadAllLines(Fixture).ToList();
        lines[2] = "{\"id\": \"broken\", \"schema\": ";
        var sanction = lines.FindIndex(l => l.Contains("\"schema\": \"Sanction\"", StringComparison.Ordinal) && l.Contains("\"startDate\": [\"", StringComparison.Ordinal));
        lines[sanction] = System.Text.RegularExpressions.Regex.Replace(lines[sanction], "\"startDate\": \\[\"[^\"]+\"", "\"startDate\": [\"soon\"");

        var act = () => ImportAsync(Write(lines));

        var errors = (await act.Should().ThrowAsync<ImportRejectedException>()).Which.Errors;
        errors.Select(e => e.Line).Should().BeEquivalentTo([3, sanction + 1]);
        errors.Should().Contain(e => e.Field == "startDate" && e.Message.Contains("soon"));
        (await CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task AnEmptyFile_IsRefused_AndCreatesNoSource()
    {
        var before = await CountAsync();

        var act = () => ImportAsync(Write(["", "  "]));

        (await act.Should().ThrowAsync<ImportRejectedException>()).Which.Errors.Should().ContainSingle().Which.Message.Should().Contain("no entity read");
        (await CountAsync()).Should().Be(before, "no published source citing nothing");
    }
}

[Trait("Database", "Sqlite")]
public sealed class ImportFtmOnSqlite() : ImportFtmTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class ImportFtmOnPostgres() : ImportFtmTests(DatabaseKind.Postgres);
