using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using Vigil.Access;
using Vigil.Core.Tests.Features.Sanctions;
using Vigil.Data;
using Vigil.Features.Sanctions;
using Vigil.Features.Screening;
using Vigil.Matching;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Screening;

/// <summary>
/// Screening by dataset, as yente does (issue 15): a list entry holds its source datasets (the FtM entity's own and its
/// sanctions', <c>us_ofac_sdn</c> for an SDN entry); a <c>datasets</c> filter naming one selects the entries on it, and
/// <c>us_ofac_sdn</c> the SDN entries and the FtM entries from that source; a result names its datasets; an unknown name is
/// refused with the known ones; a delta that changes an entry's datasets is noted and reopens the cases with a hit on it.
/// Also how a request of many queries is answered (a list import's batches): each query keeps to its own candidates, and
/// a handler asked for matches only finds every match.
/// </summary>
public abstract class ScreeningDatasetsTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string LlcCst = ImportFtmTests.LlcCst;

    private const string Zakharov = ImportFtmTests.Zakharov;

    // A query needs a name: one that matches nobody, for a query that should find by its identifier alone.
    private const string Unnamed = "Quillon Brevard";

    private async Task<FtmImportSummary> ImportFtmAsync(string file)
    {
        await using var db = Database.CreateContext();
        return await new ImportFtmHandler(db, TimeProvider.System).HandleAsync(file, ct: Ct);
    }

    private async Task<ListEntry> EntryAsync(string ftmId)
    {
        await using var db = Database.CreateContext();
        return await db.ListEntries.SingleAsync(x => x.List == ImportFtmHandler.Dataset && x.EntryId == ftmId, Ct);
    }

    /// <summary>Screens queries of a name each (and an identifier, where given) against <paramref name="datasets"/>.</summary>
    private async Task<ScreeningOutcome> ScreenAsync(IReadOnlyCollection<string> datasets, params (string Key, string Name, string? IdNumber)[] queries)
    {
        await using var db = Database.CreateContext(Reader.Anonymous);
        return await new ScreenNamesHandler(db, new NameSearch()).HandleAsync(new ScreeningRequest(
            queries.ToDictionary(q => q.Key, q => new ScreeningQuery(null, q.IdNumber is null
                ? new Dictionary<string, IReadOnlyList<string>> { ["name"] = [q.Name] }
                : new Dictionary<string, IReadOnlyList<string>> { ["name"] = [q.Name], ["idNumber"] = [q.IdNumber] })),
            Datasets: datasets), Ct);
    }

    private static async Task<IReadOnlyList<ScreeningResult>> ResultsAsync(Task<ScreeningOutcome> screening, string key)
    {
        var outcome = await screening;
        outcome.Errors.Should().BeNull();
        return outcome.Responses![key].Results;
    }

    [Fact]
    public async Task AnFtmImport_StoresTheEntitysOwnAndItsSanctionsDatasets_SortedOnceEach()
    {
        await ImportFtmAsync(ImportFtmTests.Fixture);

        var cst = ListEntry.Lines((await EntryAsync(LlcCst)).Datasets);
        cst.Should().Contain(["au_dfat_sanctions", "ca_dfatd_sema_sanctions", "us_ofac_sdn"], "its sanctions come from them")
            .And.Contain(["permid", "ext_ru_egrul"], "the entity itself is in them, though no sanction of it is")
            .And.NotContain("eu_travel_bans", "only ZAKHAROV is on that list")
            .And.OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
        ListEntry.Lines((await EntryAsync(Zakharov)).Datasets).Should().Contain("eu_travel_bans").And.NotContain("au_dfat_sanctions");
    }

    [Fact]
    public async Task ASourceDataset_SelectsOnlyTheEntriesOnIt_ByNameAndByIdentifier_AndTheResultNamesIt()
    {
        await ImportFtmAsync(ImportFtmTests.Fixture);
        // A name that LIKE would take for eu_travel_bans were its "_" a wildcard, and one that holds it inside a longer line.
        await using (var db = Database.CreateContext())
        {
            db.ListEntries.Add(new ListEntry
            {
                List = ImportFtmHandler.Dataset, EntryId = "decoy", Name = "Alexander Vyacheslavovich ZAKHAROV", Schema = "Person",
                Datasets = "eu_travelXbans\nxeu_travel_bans", ListedDate = "2026-04-29", SnapshotDate = "2026-04-29", UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }

        var screening = ScreenAsync(["eu_travel_bans"], ("cst", "LLC CST", null), ("person", "Alexander Vyacheslavovich ZAKHAROV", null), ("ofac", Unnamed, "45928"));

        var outcome = await screening;
        outcome.Errors.Should().BeNull();
        outcome.Responses!["cst"].Results.Should().BeEmpty("LLC CST is on no list of eu_travel_bans");
        outcome.Responses["ofac"].Results.Should().BeEmpty("an identifier finds only what the filter keeps too");
        var person = outcome.Responses["person"].Results.Should().ContainSingle("the decoy is on no line eu_travel_bans").Which;
        person.Id.Should().Be($"{ImportFtmHandler.Dataset}-{Zakharov}");
        person.Datasets[0].Should().Be(ImportFtmHandler.Dataset, "a result names its list first (a case's hit keeps it as its list)");
        person.Datasets.Should().Contain(["eu_travel_bans", "eu_fsf"]);
        (await ResultsAsync(ScreenAsync(["au_dfat_sanctions"], ("ofac", Unnamed, "45928")), "ofac")).Should().ContainSingle(r => r.Caption == "LLC CST");
    }

    [Fact]
    public async Task UsOfacSdn_SelectsTheSdnListsEntries_AndFtmEntriesFromThatSource()
    {
        await using (var db = Database.CreateContext())
        {
            await new ImportSdnHandler(db, TimeProvider.System, Options.Create(new ScreeningOptions())).HandleAsync(SdnFileTests.Fixture, ct: Ct);
        }
        await ImportFtmAsync(ImportFtmTests.Fixture);

        var outcome = await ScreenAsync([ImportSdnHandler.Dataset], ("bank", "Banco Nacional de Cuba", null), ("cst", "LLC CST", null));

        outcome.Errors.Should().BeNull();
        outcome.Responses!["bank"].Results.Should().Contain(r => r.Id == "us_ofac_sdn-306")
            .Which.Datasets.Should().Equal(["us_ofac_sdn"], "an SDN entry is on its list only");
        outcome.Responses["cst"].Results.Should().Contain(r => r.Id == $"{ImportFtmHandler.Dataset}-{LlcCst}")
            .Which.Datasets.Should().StartWith([ImportFtmHandler.Dataset]).And.Contain(ImportSdnHandler.Dataset);
        (await ResultsAsync(ScreenAsync([ImportFtmHandler.Dataset], ("bank", "Banco Nacional de Cuba", null)), "bank"))
            .Should().NotContain(r => r.Id == "us_ofac_sdn-306", "the SDN list's own entries are not OpenSanctions'");
    }

    [Fact]
    public async Task AnActorLinkedToAListedEntry_IsInItsDatasets_AndAFilterNamingOneSelectsIt()
    {
        await using (var db = Database.CreateContext())
        {
            var actor = new Actor { Slug = "llc-cst", Name = "LLC CST", ActorKind = ActorKind.Company, Country = "RU", Status = ReviewStatus.Published };
            actor.Identifiers.Add(new ActorIdentifier { Scheme = "ofac", Value = "45928" });
            db.Actors.Add(actor);
            await db.SaveChangesAsync(Ct);
        }
        await ImportFtmAsync(ImportFtmTests.Fixture);
        (await EntryAsync(LlcCst)).ActorId.Should().NotBeNull("the import linked the entry by its OFAC number");

        var hit = (await ResultsAsync(ScreenAsync(["au_dfat_sanctions"], ("q", "LLC CST", null)), "q")).Should().ContainSingle().Which;

        hit.Path.Should().Be("/actors/llc-cst", "a linked entry is screened as its actor");
        hit.Datasets.Should().StartWith(["vigil"]).And.Contain(["us_ofac_sdn", "opensanctions", "au_dfat_sanctions"]).And.OnlyHaveUniqueItems();
        (await ResultsAsync(ScreenAsync(["eu_travel_bans"], ("q", "LLC CST", null)), "q")).Should().BeEmpty();
    }

    [Fact]
    public async Task InARequestOfSeveralQueries_EachGetsItsOwnNameHitsAndTheHoldersOfItsIdentifiers_NoOtherQuerys()
    {
        await using (var db = Database.CreateContext())
        {
            var actor = new Actor { Slug = "orbit-lattice", Name = "Orbit Lattice Systems", ActorKind = ActorKind.Company, Status = ReviewStatus.Published };
            actor.Identifiers.Add(new ActorIdentifier { Scheme = "ofac", Value = "77031" });
            db.Actors.Add(actor);
            db.Actors.Add(new Actor { Slug = "marrow-fieldwork", Name = "Marrow Fieldwork", ActorKind = ActorKind.Company, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
        }
        await ImportFtmAsync(ImportFtmTests.Fixture);

        // Four queries in one request: the candidates of all of them are read together; each must keep to its own.
        var outcome = await ScreenAsync(["vigil", ImportFtmHandler.Dataset],
            ("orbit", "Orbit Lattice Systems", null), ("marrow", "Marrow Fieldwork", null), ("byId", Unnamed, "77031"), ("entryById", Unnamed, "45928"));

        outcome.Errors.Should().BeNull();
        var answers = outcome.Responses!;
        answers["orbit"].Results.Select(r => r.Id).Should().Equal(["orbit-lattice"]);
        answers["marrow"].Results.Select(r => r.Id).Should().Equal(["marrow-fieldwork"]);
        var byId = answers["byId"].Results.Should().ContainSingle("only the actor holding 77031, though the request also hit another").Which;
        (byId.Id, byId.Score, byId.Features["identifier_match"]).Should().Be(("orbit-lattice", 1.0, 1.0));
        answers["entryById"].Results.Select(r => r.Id).Should().Equal([$"{ImportFtmHandler.Dataset}-{LlcCst}"], "a list entry is found by its identifier alone too");
        answers.Values.Sum(a => a.Total).Should().Be(4);
    }

    [Fact]
    public async Task AHandlerForMatchesOnly_FindsEveryMatchThePlainOneFinds_EvenOneThatNeedsTheCountrysBonus()
    {
        await using (var db = Database.CreateContext())
        {
            db.Actors.Add(new Actor { Slug = "halvard-quenby-ostrom", Name = "Halvard Quenby Ostrom", ActorKind = ActorKind.Company, Country = "NO", Status = ReviewStatus.Published });
            db.Actors.Add(new Actor { Slug = "tessaly-brightwater", Name = "Tessaly Brightwater", ActorKind = ActorKind.Company, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
        }
        // "Halvard Quenby" is 0.7692 of "Halvard Quenby Ostrom" as company names: a match (0.8) only with the country's 0.05.
        var queries = new Dictionary<string, ScreeningQuery>
        {
            ["borderline"] = new("Company", new Dictionary<string, IReadOnlyList<string>> { ["name"] = ["Halvard Quenby"], ["country"] = ["no"] }),
            ["elsewhere"] = new("Company", new Dictionary<string, IReadOnlyList<string>> { ["name"] = ["Halvard Quenby"], ["country"] = ["se"] }),
            ["typo"] = new("Company", new Dictionary<string, IReadOnlyList<string>> { ["name"] = ["Tesaly Brightwatter"] }),
        };

        async Task<Dictionary<string, List<(string Id, double Score)>>> MatchesAsync(bool matchesOnly)
        {
            await using var db = Database.CreateContext(Reader.Anonymous);
            var outcome = await new ScreenNamesHandler(db, new NameSearch()) { MatchesOnly = matchesOnly }
                .HandleAsync(new ScreeningRequest(queries, Datasets: ["vigil"]), Ct);
            return outcome.Responses!.ToDictionary(r => r.Key, r => r.Value.Results.Where(x => x.Match).Select(x => (x.Id, x.Score)).ToList());
        }

        var plain = await MatchesAsync(false);
        plain["borderline"].Should().Equal([("halvard-quenby-ostrom", 0.8192)]);
        plain["elsewhere"].Should().BeEmpty("a disagreeing country takes 0.1 away");
        plain["typo"].Should().ContainSingle().Which.Id.Should().Be("tessaly-brightwater");
        (await MatchesAsync(true)).Should().BeEquivalentTo(plain);
    }

    [Fact]
    public async Task AnUnknownDataset_IsRefused_NamingTheKnownOnes_AndTheCatalogCountsWhatEachSelects()
    {
        await ImportFtmAsync(ImportFtmTests.Fixture);
        await using (var db = Database.CreateContext())
        {
            await db.ListEntries.Where(x => x.EntryId == Zakharov).ExecuteUpdateAsync(s => s.SetProperty(x => x.DelistedDate, "2026-05-01"), Ct);
        }

        var outcome = await ScreenAsync(["eu_fsf", "xx_nowhere", "eu_travel_bans"], ("q", "LLC CST", null));

        outcome.Responses.Should().BeNull();
        var error = outcome.Errors!["datasets"].Should().ContainSingle().Which;
        error.Should().StartWith("Unknown datasets: xx_nowhere, eu_travel_bans.", "only a delisted entry is on eu_travel_bans");
        error.Should().Contain("Known: vigil, us_ofac_sdn, opensanctions, au_dfat_sanctions,").And.Contain("eu_fsf");
        await using var reader = Database.CreateContext(Reader.Anonymous);
        var catalog = (await new ScreeningDatasetsHandler(reader).HandleAsync(Ct)).ToDictionary(d => d.Name);
        catalog["vigil"].Should().Be(new ScreeningDataset("vigil", "Vigil knowledge graph", 0));
        (catalog["opensanctions"].Count, catalog["us_ofac_sdn"].Count, catalog["eu_fsf"].Count).Should().Be((1, 1, 1), "LLC CST only: ZAKHAROV is delisted");
        catalog["eu_fsf"].Title.Should().BeNull();
    }

    [Fact]
    public async Task ADeltaThatChangesAnEntitysDatasets_IsNotedInItsHistory_AndReopensACaseWithAHitOnIt()
    {
        await ImportFtmAsync(ImportFtmTests.Fixture);
        var editor = new Reader("edna", Marking.Red, SeesUnpublished: true, CanEdit: true) { AccountId = 1 };
        ScreeningCaseView saved;
        await using (var db = Database.CreateContext(editor))
        await using (var security = DatabaseSetup.CreateSecurityDb(Database.Options))
        {
            var cases = new ScreeningCasesHandler(db, security, new ScreenNamesHandler(db, new NameSearch()), TimeProvider.System);
            saved = (await cases.SaveAsync(new ScreeningCaseInput("Alexander Vyacheslavovich Zakharov", Datasets: ["eu_fsf"]), Ct)).Case!;
            saved.Hits.Should().Contain(h => h.EntryId == Zakharov);
            await cases.DecideAsync(saved.Id, new("clear", "Not the person we deal with."), Ct);
        }
        // Only the entity's own datasets change: its sanctions, and so its remarks, stay as they were.
        var lines = File.ReadAllLines(ImportFtmTests.Fixture).Select(l => l.StartsWith($"{{\"id\": \"{Zakharov}\"", StringComparison.Ordinal)
            ? l.Replace("\"datasets\": [", "\"datasets\": [\"gb_hmt_sanctions\", ", StringComparison.Ordinal) : l);

        var summary = await ImportFtmAsync(ImportFtmTests.Write(lines));

        summary.List!.Changed.Should().Be(1);
        var entry = await EntryAsync(Zakharov);
        ListEntry.Lines(entry.Datasets).Should().Contain("gb_hmt_sanctions");
        entry.History.Should().Contain("datasets +gb_hmt_sanctions");
        await using (var db = Database.CreateContext(editor))
        await using (var security = DatabaseSetup.CreateSecurityDb(Database.Options))
        {
            var reopened = await new ScreeningCasesHandler(db, security, new ScreenNamesHandler(db, new NameSearch()), TimeProvider.System).GetAsync(saved.Id, Ct);
            reopened!.Status.Should().Be("reopened");
            reopened.ReopenReason.Should().Contain("datasets +gb_hmt_sanctions");
        }
        (await ResultsAsync(ScreenAsync(["gb_hmt_sanctions"], ("q", "Alexander Vyacheslavovich ZAKHAROV", null)), "q")).Should().ContainSingle();
    }

    [Fact]
    public async Task AnEntryStoredWithoutDatasets_GetsThemFromTheNextImport_WithoutANoteOrAChange()
    {
        await ImportFtmAsync(ImportFtmTests.Fixture);
        var before = await EntryAsync(Zakharov);
        await using (var db = Database.CreateContext())
        {
            // As the migration leaves an FtM entry stored before Vigil recorded datasets.
            await db.ListEntries.Where(x => x.EntryId == Zakharov).ExecuteUpdateAsync(s => s.SetProperty(x => x.Datasets, ""), Ct);
        }

        var summary = await ImportFtmAsync(ImportFtmTests.Fixture);

        summary.ChangedNothing.Should().BeTrue(summary.ToString());
        var after = await EntryAsync(Zakharov);
        after.Datasets.Should().Be(before.Datasets);
        (after.History, after.SnapshotDate).Should().Be((before.History, before.SnapshotDate));
    }

    [Fact]
    public async Task TheMigration_GivesSdnEntriesTheirList_AndLeavesFtmEntriesToTheNextImport()
    {
        await using var database = await TestDatabase.CreateAsync(Kind);
        await using var db = database.CreateContext();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(Vigil.Data.Migrations.TableMappings.Id, cancellationToken: Ct);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "ListEntries" ("List", "EntryId", "Name", "Schema", "Aliases", "Identifiers", "Programmes", "Countries", "Remarks", "ListedDate", "SnapshotDate", "History", "UpdatedAt")
            VALUES ('us_ofac_sdn', '306', 'BANCO NACIONAL DE CUBA', 'LegalEntity', '', 'ofac:306', 'CUBA', '', NULL, '2024-04-26', '2024-04-26', '', '2024-04-26'),
                   ('opensanctions', 'NK-x', 'LLC CST', 'Company', '', '', '', '', 'Datasets: eu_fsf.', '2024-04-26', '2024-04-26', '', '2024-04-26')
            """, Ct);

        await migrator.MigrateAsync(cancellationToken: Ct);

        (await db.ListEntries.OrderBy(x => x.List).Select(x => x.Datasets).ToListAsync(Ct)).Should().Equal(["", "us_ofac_sdn"]);
    }
}

[Trait("Database", "Sqlite")]
public sealed class ScreeningDatasetsOnSqlite() : ScreeningDatasetsTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class ScreeningDatasetsOnPostgres() : ScreeningDatasetsTests(DatabaseKind.Postgres);
