using System.Text;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Access;
using Vigil.Features.Home;
using Vigil.Features.Sanctions;
using Vigil.Features.Screening;
using Vigil.Matching;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Sanctions;

/// <summary>
/// Screening lists apart from the graph (issue 15, item 3): every SDN entry is a list entry; only tracked
/// programmes and linked entries are actors; screening sees both; deltas update the entries; the move
/// takes entries of earlier imports out of the graph with their history.
/// </summary>
public abstract class ScreeningListTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<SdnImportSummary> ImportAsync(string file, string? programmes = null)
    {
        await using var db = Database.CreateContext();
        var options = Options.Create(programmes is null ? new ScreeningOptions() : new ScreeningOptions { GraphPrograms = programmes });
        return await new ImportSdnHandler(db, TimeProvider.System, options).HandleAsync(file, ct: Ct);
    }

    private static List<string> Rows() =>
        File.ReadAllText(SdnFileTests.Fixture, Encoding.Latin1).TrimEnd('\u001a').Split("\r\n").Where(l => l.Length > 0).ToList();

    private static string Write(IEnumerable<string> rows, string name)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("vigil-sdn-").FullName, name);
        File.WriteAllText(file, string.Join("\r\n", rows) + "\r\n\u001a", Encoding.Latin1);
        return file;
    }

    private async Task<ListEntry> EntryAsync(string entNum)
    {
        await using var db = Database.CreateContext();
        return await db.ListEntries.SingleAsync(x => x.List == "us_ofac_sdn" && x.EntryId == entNum, Ct);
    }

    private async Task<ScreeningAnswer> ScreenAsync(string name, string? schema = null, IReadOnlyCollection<string>? datasets = null)
    {
        await using var db = Database.CreateContext(Reader.Anonymous);
        var outcome = await new ScreenNamesHandler(db, new NameSearch()).HandleAsync(new ScreeningRequest(
            new Dictionary<string, ScreeningQuery> { ["q"] = new(schema, new Dictionary<string, IReadOnlyList<string>> { ["name"] = [name] }) },
            Datasets: datasets), Ct);
        outcome.Errors.Should().BeNull();
        return outcome.Responses!["q"];
    }

    [Fact]
    public async Task UntrackedEntries_AreListEntries_NotActors_AndTheHomePageCountsOnlyTheGraph()
    {
        var summary = await ImportAsync(SdnFileTests.Fixture);

        summary.ListAdded.Should().Be(246);
        summary.InGraph.Should().Be(243);
        await using var db = Database.CreateContext(Reader.Anonymous);
        (await db.ListEntries.CountAsync(Ct)).Should().Be(246);
        (await db.Actors.AnyAsync(a => a.Name.Contains("CUBA"), Ct)).Should().BeFalse("Cuba programme entries are not tracked");
        (await db.ActorIdentifiers.CountAsync(i => i.Scheme == "ofac", Ct)).Should().Be(243);
        var bank = await EntryAsync("306");
        bank.Should().Match<ListEntry>(e => e.Name == "BANCO NACIONAL DE CUBA" && e.Programmes == "CUBA" && e.Aliases == "BNC"
            && e.Identifiers == "ofac:306" && e.ActorId == null && e.ListedDate == "2024-04-26" && e.DelistedDate == null);
        var hamou = await EntryAsync("48061");
        hamou.ActorId.Should().NotBeNull("a CYBER2 entry is tracked");
        (await db.Measures.CountAsync(m => m.Targets.Any(t => t.ActorId == hamou.ActorId) && m.Programme == "CYBER2", Ct)).Should().Be(1);

        var home = await new GetHomeHandler(db).HandleAsync(new GetHomeRequest(), Ct);
        var people = await db.Actors.CountAsync(a => a.ActorKind == ActorKind.Person, Ct);
        home.Counts.Single(c => c.Label == "people").Count.Should().Be(people);
        var companies = home.Counts.Where(c => c.Label is "companies").Sum(c => c.Count);
        companies.Should().BeLessThan(243, "the three Cuba entries are not counted, and the companies are CYBER2 actors only");
        (await db.Actors.CountAsync(a => a.Name == "AEROCARIBBEAN AIRLINES", Ct)).Should().Be(0);
    }

    [Fact]
    public async Task Screening_FindsAListEntry_ByATypo_AndByAlias_WithItsListProgrammesAndIdentifiers_AndTheDatasetsFilterHolds()
    {
        await ImportAsync(SdnFileTests.Fixture);

        var typo = await ScreenAsync("Banco Nacionall de Cuba");
        var hit = typo.Results.Should().Contain(r => r.Id == "us_ofac_sdn-306").Subject;
        hit.Match.Should().BeTrue(hit.Explanation);
        hit.Datasets.Should().Equal(["us_ofac_sdn"]);
        hit.Properties["program"].Should().Equal(["CUBA"]);
        hit.Properties["idNumber"].Should().Equal(["ofac:306"]);
        hit.Explanation.Should().Contain("us_ofac_sdn entry 306").And.Contain("CUBA");

        (await ScreenAsync("BNC")).Results.Should().Contain(r => r.Id == "us_ofac_sdn-306" && r.Match);
        (await ScreenAsync("Banco Nacional de Cuba", datasets: ["vigil"])).Results.Should().NotContain(r => r.Id == "us_ofac_sdn-306");
        (await ScreenAsync("Banco Nacional de Cuba", datasets: ["us_ofac_sdn"])).Results.Should().Contain(r => r.Id == "us_ofac_sdn-306");
        // A tracked entry is screened as its actor, once.
        var hamou = await ScreenAsync("Sara Hamou", "Person");
        hamou.Results.Should().ContainSingle(r => r.Caption.Contains("HAMOU")).Which.Path.Should().StartWith("/actors/");
    }

    [Fact]
    public async Task ATrackedProgramme_PutsTheEntryInTheGraph_WithItsMeasure()
    {
        var summary = await ImportAsync(SdnFileTests.Fixture, programmes: "CUBA");

        summary.InGraph.Should().Be(3);
        var bank = await EntryAsync("306");
        bank.ActorId.Should().NotBeNull();
        await using var db = Database.CreateContext();
        var actor = await db.Actors.Include(a => a.Identifiers).SingleAsync(a => a.Id == bank.ActorId, Ct);
        actor.Name.Should().Be("BANCO NACIONAL DE CUBA");
        actor.Identifiers.Should().ContainSingle(i => i.Scheme == "ofac" && i.Value == "306");
        (await db.Measures.SingleAsync(m => m.Targets.Any(t => t.ActorId == actor.Id), Ct))
            .Should().Match<Measure>(m => m.Programme == "CUBA" && m.Stage == MeasureStage.InForce && m.Reference == "SDN entry 306");
        (await EntryAsync("48061")).ActorId.Should().BeNull("CYBER2 is not tracked in this setting");
    }

    [Fact]
    public async Task AnEntryLinkedByAReviewedMatch_BecomesTheActor_WithItsMeasure_AndStaysOneOnReimport()
    {
        await using (var db = Database.CreateContext())
        {
            db.Actors.Add(new Actor { Slug = "banco-nacional-de-cuba", Name = "Banco Nacional de Cuba", ActorKind = ActorKind.Company, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
        }

        var summary = await ImportAsync(SdnFileTests.Fixture);

        summary.Candidates.Should().Be(1, "the same name outside the tracked programmes waits for review, it does not link by itself");
        var entry = await EntryAsync("306");
        entry.ActorId.Should().BeNull();
        long matchId;
        await using (var db = Database.CreateContext())
        {
            var match = await db.MatchCandidates.SingleAsync(Ct);
            match.Should().Match<MatchCandidate>(m => m.ListEntryId == entry.Id && m.ListedActorId == null && m.State == MatchState.Open);
            matchId = match.Id;
            var view = (await new ListMatchesHandler(db).HandleAsync(ct: Ct))!.Should().ContainSingle().Subject;
            view.Listed.Name.Should().Be("BANCO NACIONAL DE CUBA");
            view.Listed.Identifiers.Should().Equal(["ofac:306"]);
        }
        await using (var db = Database.CreateContext(new Reader("editor", Marking.Red, SeesUnpublished: true, CanEdit: true)))
        {
            (await new DecideMatchHandler(db).AcceptAsync(matchId, Ct)).Outcome.Should().Be(MatchOutcome.Done);
        }

        var linked = await EntryAsync("306");
        await using (var db = Database.CreateContext())
        {
            var actor = await db.Actors.Include(a => a.Identifiers).Include(a => a.Aliases).SingleAsync(a => a.Slug == "banco-nacional-de-cuba", Ct);
            linked.ActorId.Should().Be(actor.Id);
            linked.History.Should().Contain("linked to actor /actors/banco-nacional-de-cuba");
            actor.Identifiers.Should().ContainSingle(i => i.Scheme == "ofac" && i.Value == "306");
            actor.Aliases.Select(a => a.Name).Should().Contain("BNC");
            (await db.Measures.SingleAsync(m => m.Targets.Any(t => t.ActorId == actor.Id), Ct)).Programme.Should().Be("CUBA");
        }

        var again = await ImportAsync(SdnFileTests.Fixture);
        again.ChangedNothing.Should().BeTrue(again.ToString());
        again.InGraph.Should().Be(244, "the linked entry stays in the graph");
        (await ScreenAsync("Banco Nacional de Cuba")).Results.Should().ContainSingle(r => r.Caption.Contains("Cuba", StringComparison.OrdinalIgnoreCase))
            .Which.Path.Should().Be("/actors/banco-nacional-de-cuba");
    }

    [Fact]
    public async Task ADelta_DelistsAndRenamesListEntries_WithDatedHistory_AndTheSameFileTwiceWritesNothing()
    {
        await ImportAsync(SdnFileTests.Fixture);
        (await ImportAsync(SdnFileTests.Fixture)).ChangedNothing.Should().BeTrue();
        var rows = Rows();
        rows.RemoveAll(r => r.StartsWith("173,", StringComparison.Ordinal));
        var air = rows.FindIndex(r => r.StartsWith("36,", StringComparison.Ordinal));
        rows[air] = rows[air].Replace("\"AEROCARIBBEAN AIRLINES\"", "\"AEROCARIBBEAN AIRLINES S.A.\"", StringComparison.Ordinal);
        rows.Add("99002,\"EXAMPLE TRADING CO\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ");

        var summary = await ImportAsync(Write(rows, "ofac-sdn-2024-09-16.csv"));

        summary.Should().Match<SdnImportSummary>(s => s.ListAdded == 1 && s.ListChanged == 1 && s.ListDelisted == 1 && s.ListRelisted == 0 && s.ActorsCreated == 0);
        var anglo = await EntryAsync("173");
        anglo.DelistedDate.Should().Be("2024-09-16");
        anglo.History.Should().Contain("2024-09-16: not on the SDN list of 2024-09-16: delisted");
        var airline = await EntryAsync("36");
        airline.Name.Should().Be("AEROCARIBBEAN AIRLINES S.A.");
        airline.History.Should().Contain("2024-09-16: renamed from AEROCARIBBEAN AIRLINES");
        (await ScreenAsync("Anglo-Caribbean Co")).Results.Should().NotContain(r => r.Id == "us_ofac_sdn-173", "a delisted entry is not screened");

        var back = await ImportAsync(Write(Rows(), "ofac-sdn-2025-01-10.csv"));
        back.ListRelisted.Should().Be(1);
        (await EntryAsync("173")).Should().Match<ListEntry>(e => e.DelistedDate == null && e.ListedDate == "2025-01-10" && e.History.Contains("2025-01-10: listed again"));
        (await EntryAsync("36")).Name.Should().Be("AEROCARIBBEAN AIRLINES");
        // The older snapshot again: a later change wins.
        var older = await ImportAsync(Write(rows, "ofac-sdn-2024-09-16.csv"));
        older.ListDelisted.Should().Be(0);
        older.ListChanged.Should().Be(0);
    }

    [Fact]
    public async Task TheMove_TakesAnActorOfAnEarlierImport_OutOfTheGraph_WithItsHistory_AndKeepsTrackedAndCuratedOnes()
    {
        // The graph as the earlier, actor-making import left it: a Cuba entry, a CYBER2 entry, and a Cuba entry a curated actor carries.
        long bankId, cyberId, curatedId;
        await using (var db = Database.CreateContext())
        {
            db.ChangeReason = "import OFAC SDN list ofac-sdn-2024-04-26.csv (2024-04-26)";
            var source = new Source { Slug = "ofac-sdn-2024-04-26", Title = "OFAC SDN list, 2024-04-26", SourceKind = SourceKind.Dataset, Reliability = 'A', Status = ReviewStatus.Published };
            var other = new Source { Slug = "a-report", Title = "A report", SourceKind = SourceKind.Report, Reliability = 'B', Status = ReviewStatus.Published };
            var ofac = new Actor { Slug = "office-of-foreign-assets-control", Name = "Office of Foreign Assets Control", ActorKind = ActorKind.PublicBody, Status = ReviewStatus.Published };
            Actor Listed(string slug, string name, string entNum, string programme, Source cited)
            {
                var a = new Actor { Slug = slug, Name = name, ActorKind = ActorKind.Company, Status = ReviewStatus.Published, Aliases = [new ActorAlias { Name = name + " ALIAS" }],
                    Identifiers = [new ActorIdentifier { Scheme = "ofac", Value = entNum }] };
                db.Actors.Add(a);
                db.Citations.Add(new Citation { Slug = "c-" + slug, Source = cited, Status = ReviewStatus.Published }.Cites(a));
                var m = new Measure { Slug = $"ofac-sdn-{entNum}-{programme.ToLowerInvariant()}", Title = $"OFAC SDN listing: {name} ({programme})", Type = MeasureType.Sanction, Authority = ofac,
                    Programme = programme, Reference = $"SDN entry {entNum}", Status = ReviewStatus.Published, Targets = [new MeasureTarget { Actor = a }],
                    Steps = [new MeasureStep { Stage = MeasureStage.InForce, Date = "2024-04-26", Source = source }] };
                db.Measures.Add(m);
                db.Citations.Add(new Citation { Slug = "cm-" + slug, Source = source, Status = ReviewStatus.Published }.Cites(m));
                return a;
            }
            var bank = Listed("banco-nacional-de-cuba", "BANCO NACIONAL DE CUBA", "306", "CUBA", source);
            var cyber = Listed("evil-corp", "EVIL CORP", "26664", "CYBER2", source);
            var curated = Listed("anglo-caribbean-co-ltd", "ANGLO-CARIBBEAN CO., LTD.", "173", "CUBA", other);
            await db.SaveChangesAsync(Ct);
            (bankId, cyberId, curatedId) = (bank.Id, cyber.Id, curated.Id);
        }

        await using (var db = Database.CreateContext())
        {
            (await ListEntryMove.RunAsync(db, new ScreeningOptions().Tracked(), TimeProvider.System, Ct)).Should().Be(1);
        }

        await using (var db = Database.CreateContext())
        {
            (await db.Actors.IgnoreQueryFilters().AnyAsync(a => a.Id == bankId, Ct)).Should().BeFalse();
            (await db.Actors.AnyAsync(a => a.Id == cyberId, Ct)).Should().BeTrue("CYBER2 is tracked");
            (await db.Actors.AnyAsync(a => a.Id == curatedId, Ct)).Should().BeTrue("an actor with evidence of its own stays");
            (await db.Measures.IgnoreQueryFilters().AnyAsync(m => m.Slug == "ofac-sdn-306-cuba", Ct)).Should().BeFalse();
            var deleted = await db.Revisions.Where(r => r.RecordKind == RecordKind.Actor && r.RecordId == bankId).OrderBy(r => r.Version).ToListAsync(Ct);
            deleted.Select(r => r.Operation).Should().Equal(["create", "delete"], "the actor's history stays, ending in its delete");
            deleted[^1].Reason.Should().Contain("moved out of the knowledge graph");
            (await db.Revisions.AnyAsync(r => r.RecordKind == RecordKind.Measure && r.Operation == "delete", Ct)).Should().BeTrue();
        }
        var entry = await EntryAsync("306");
        entry.Should().Match<ListEntry>(e => e.Name == "BANCO NACIONAL DE CUBA" && e.Programmes == "CUBA" && e.ActorId == null && e.ListedDate == "2024-04-26"
            && e.Aliases == "BANCO NACIONAL DE CUBA ALIAS" && e.Identifiers == "ofac:306");
        entry.History.Should().Contain($"was actor /actors/banco-nacional-de-cuba, #{bankId}").And.Contain("ofac-sdn-306-cuba").And.Contain($"revisions stay under actor #{bankId}");
        (await ScreenAsync("Banco Nacional de Cuba")).Results.Should().Contain(r => r.Id == "us_ofac_sdn-306");

        // A later import finds the moved entry as a list entry: nothing to add again.
        var summary = await ImportAsync(SdnFileTests.Fixture);
        summary.ListAdded.Should().Be(245);
        (await EntryAsync("306")).History.Should().Contain("moved out of the knowledge graph");
    }
}

[Trait("Database", "Sqlite")]
public sealed class ScreeningListOnSqlite() : ScreeningListTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class ScreeningListOnPostgres() : ScreeningListTests(DatabaseKind.Postgres);
