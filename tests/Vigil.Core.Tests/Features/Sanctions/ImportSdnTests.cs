using System.Text;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Tests.Features.Import;
using Vigil.Features.Import;
using Vigil.Features.Sanctions;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Sanctions;

/// <summary>Importing SDN snapshots: linking to known actors, the match queue, deltas, idempotence, refusal.</summary>
public abstract class ImportSdnTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<SdnImportSummary> ImportAsync(string file, string? date = null, bool allowMassDelisting = false)
    {
        await using var db = Database.CreateContext();
        return await new ImportSdnHandler(db, TimeProvider.System).HandleAsync(file, date, allowMassDelisting, Ct);
    }

    private async Task ImportMiniDataAsync()
    {
        await using var db = Database.CreateContext();
        // mini-data gives Intellexa S.A. a made-up OFAC number; the real entry is 48059.
        var data = ImportFixtures.CopyOfMiniData();
        ImportFixtures.Edit(data, Path.Combine("actors", "intellexa-sa.yaml"), "identifiers:\n  - scheme: ofac\n    value: \"46221\"\n", "");
        await new ImportVigilDataHandler(db).HandleAsync(data, Ct);
    }

    /// <summary>The fixture's rows, to derive later snapshots from.</summary>
    private static List<string> Rows() =>
        File.ReadAllText(SdnFileTests.Fixture, Encoding.Latin1).TrimEnd('\u001a').Split("\r\n").Where(l => l.Length > 0).ToList();

    private static string Write(IEnumerable<string> rows, string name)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("vigil-sdn-").FullName, name);
        File.WriteAllText(file, string.Join("\r\n", rows) + "\r\n\u001a", Encoding.Latin1);
        return file;
    }

    private async Task<(int Actors, int Measures, int Steps, int Revisions, int Aliases)> CountAsync()
    {
        await using var db = Database.CreateContext();
        return (await db.Actors.CountAsync(Ct), await db.Measures.CountAsync(Ct), await db.MeasureSteps.CountAsync(Ct),
            await db.Revisions.CountAsync(Ct), await db.ActorAliases.CountAsync(Ct));
    }

    private async Task<Actor> ListedAsync(string entNum)
    {
        await using var db = Database.CreateContext();
        return await db.Actors.Include(a => a.Aliases).Include(a => a.Identifiers)
            .SingleAsync(a => a.Identifiers.Any(i => i.Scheme == "ofac" && i.Value == entNum), Ct);
    }

    private async Task<List<Measure>> MeasuresOfAsync(long actorId)
    {
        await using var db = Database.CreateContext();
        return await db.Measures.Include(m => m.Steps).Include(m => m.Authority)
            .Where(m => m.Targets.Any(t => t.ActorId == actorId)).ToListAsync(Ct);
    }

    [Fact]
    public async Task Cyber2Designations_LinkToTheKnownIntellexaActors_AndCreateTheOthers_WithAliases()
    {
        await ImportMiniDataAsync();

        var summary = await ImportAsync(SdnFileTests.Fixture);

        summary.Entries.Should().Be(246);
        summary.ListAdded.Should().Be(246, "every entry is kept for screening");
        summary.InGraph.Should().Be(243, "the 243 CYBER2 entries are tracked; the three Cuba entries are not");
        summary.MeasuresCreated.Should().Be(SdnFile.Read(SdnFileTests.Fixture).Where(e => e.Programmes.Contains("CYBER2")).Sum(e => e.Programmes.Count));
        var intellexa = await ListedAsync("48059");
        intellexa.Slug.Should().Be("intellexa-sa");
        intellexa.Name.Should().Be("Intellexa S.A.", "a curated actor keeps its name");
        var dilian = await ListedAsync("48060");
        dilian.Slug.Should().Be("tal-dilian");
        dilian.Aliases.Select(a => a.Name).Should().Contain("DILIAN, Tal Jonathan");
        (await ListedAsync("48067")).Slug.Should().Be("cytrox-ad");
        (await ListedAsync("48076")).Slug.Should().Be("thalestris-limited");
        summary.ActorsLinked.Should().Be(4, "Intellexa S.A., Cytrox AD, Thalestris Limited and Tal Jonathan Dilian are in the graph");
        summary.ActorsCreated.Should().Be(239, "every other tracked entry gets its own actor");
        var hamou = await ListedAsync("48061");
        hamou.Should().Match<Actor>(a => a.Name == "Sara Aleksandra Fayssal HAMOU" && a.ActorKind == ActorKind.Person && a.Country == "PL"
            && a.StartDate == "1984-06-27" && a.Status == ReviewStatus.Published);
        hamou.Aliases.Select(a => a.Name).Should().Contain("HAMOU, Sara Aleksandra Fayssal");
        var itsec = await ListedAsync("22950");
        itsec.Aliases.Select(a => a.Name).Should().BeEquivalentTo(["IT SECURITY & PENETRATION TESTING TEAM", "POOYA DIGITAL SECURITY GROUP"]);
        var measure = (await MeasuresOfAsync(intellexa.Id)).Should().ContainSingle().Subject;
        measure.Should().Match<Measure>(m => m.Type == MeasureType.Sanction && m.Programme == "CYBER2" && m.Authority!.Slug == "office-of-foreign-assets-control"
            && m.Stage == MeasureStage.InForce && m.Reference == "SDN entry 48059");
        measure.Steps.Should().ContainSingle().Which.Date.Should().Be("2024-04-26");
        // One measure per programme: the Iranian ministry is listed under seven.
        (await MeasuresOfAsync((await ListedAsync("12111")).Id)).Select(m => m.Programme).Should().HaveCount(7).And.Contain("CYBER2");
    }

    [Fact]
    public async Task AWeakerResemblance_WaitsInTheMatchQueue_WithEvidence_InsteadOfMerging()
    {
        await ImportMiniDataAsync();
        // A curated "Sara Hamou" (fewer names) in the graph: not the same name, so not merged.
        await using (var db = Database.CreateContext())
        {
            db.Actors.Add(new Actor { Slug = "sara-hamou", Name = "Sara Hamou", ActorKind = ActorKind.Person, Country = "PL" });
            await db.SaveChangesAsync(Ct);
        }

        var summary = await ImportAsync(SdnFileTests.Fixture);

        summary.Candidates.Should().Be(1);
        await using var check = Database.CreateContext();
        var candidate = await check.MatchCandidates.Include(c => c.ListedActor).Include(c => c.CandidateActor).SingleAsync(Ct);
        candidate.Should().Match<MatchCandidate>(c => c.List == "ofac" && c.EntryId == "48061" && c.CandidateActor!.Slug == "sara-hamou"
            && c.ListedActor!.Slug != "sara-hamou" && c.State == MatchState.Open && c.Score > 0);
        candidate.EvidenceFor.Should().Contain("same country: PL");
        candidate.EvidenceAgainst.Should().Contain("names differ");
    }

    [Fact]
    public async Task TheSameFileTwice_ChangesNothing()
    {
        await ImportMiniDataAsync();
        await ImportAsync(SdnFileTests.Fixture);
        var before = await CountAsync();

        var again = await ImportAsync(SdnFileTests.Fixture);

        again.ChangedNothing.Should().BeTrue(again.ToString());
        (await CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task ANewerSnapshot_AppliesTheDelta_AddedRemovedChanged_AsRevisionsAndSteps()
    {
        await ImportMiniDataAsync();
        await ImportAsync(SdnFileTests.Fixture);
        var rows = Rows();
        // Derived snapshot: Hamou delisted; Cytrox AD gains a programme; ZORSECURITY renamed with an alias; a new entry.
        rows.RemoveAll(r => r.StartsWith("48061,", StringComparison.Ordinal));
        var cytrox = rows.FindIndex(r => r.StartsWith("48067,", StringComparison.Ordinal));
        rows[cytrox] = rows[cytrox].Replace("\"CYBER2\"", "\"CYBER2] [GLOMAG\"", StringComparison.Ordinal);
        var zorRow = rows.FindIndex(r => r.StartsWith("21333,", StringComparison.Ordinal));
        rows[zorRow] = rows[zorRow].Replace("\"ZORSECURITY\"", "\"ZOR SECURITY LLC\"", StringComparison.Ordinal)
            .Replace("\"Secondary sanctions risk", "\"a.k.a. 'ZORSECURITY'; Secondary sanctions risk", StringComparison.Ordinal);
        rows.Add("99001,\"EXAMPLE SPYWARE BROKER LTD\",-0- ,\"CYBER2\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"Organization Established Date 2021.\"");
        var next = Write(rows, "ofac-sdn-2024-09-16.csv");
        var revisionsBefore = (await CountAsync()).Revisions;

        var summary = await ImportAsync(next);

        summary.Should().Match<SdnImportSummary>(s => s.ActorsCreated == 1 && s.MeasuresCreated == 2 && s.MeasuresLifted == 1
            && s.ActorsUpdated == 1 && s.ActorsLinked == 0 && s.MeasuresReinstated == 0);
        var hamou = await ListedAsync("48061");
        var lifted = (await MeasuresOfAsync(hamou.Id)).Should().ContainSingle().Subject;
        lifted.Should().Match<Measure>(m => m.Stage == MeasureStage.Lifted && m.LiftedDate == "2024-09-16");
        lifted.Steps.OrderBy(s => s.Date).Select(s => s.Stage).Should().Equal(MeasureStage.InForce, MeasureStage.Lifted);
        (await MeasuresOfAsync((await ListedAsync("48067")).Id)).Select(m => m.Programme).Should().BeEquivalentTo(["CYBER2", "GLOMAG"]);
        var zor = await ListedAsync("21333");
        zor.Name.Should().Be("ZOR SECURITY LLC");
        zor.Aliases.Select(a => a.Name).Should().Contain("ZORSECURITY");
        (await ListedAsync("99001")).Name.Should().Be("EXAMPLE SPYWARE BROKER LTD");
        await using (var db = Database.CreateContext())
        {
            var revisions = await db.Revisions.Where(r => r.RecordKind == RecordKind.Actor && r.RecordId == zor.Id).OrderBy(r => r.Version).ToListAsync(Ct);
            revisions.Should().HaveCount(2);
            revisions[1].Changes.Should().Contain("ZOR SECURITY LLC");
            revisions[1].Reason.Should().Contain("2024-09-16");
        }
        (await CountAsync()).Revisions.Should().BeGreaterThan(revisionsBefore);

        // Listed again later: reinstated with a step. The older snapshot again: changes nothing that a later step settled.
        var reinstated = await ImportAsync(Write(Rows(), "ofac-sdn-2025-01-10.csv"));
        reinstated.MeasuresReinstated.Should().Be(1);
        (await MeasuresOfAsync(hamou.Id)).Single().Stage.Should().Be(MeasureStage.InForce);
        var older = await ImportAsync(next);
        older.MeasuresLifted.Should().Be(0, "a step dated after the snapshot wins");
    }

    [Fact]
    public async Task AMalformedRow_IsReportedWithItsLine_AndNothingIsWritten()
    {
        await ImportMiniDataAsync();
        var before = await CountAsync();
        var rows = Rows();
        rows[100] = "48999,\"BROKEN\",-0- ";
        var file = Write(rows, "ofac-sdn-2024-05-01.csv");

        var act = () => ImportAsync(file);

        var errors = (await act.Should().ThrowAsync<ImportRejectedException>()).Which.Errors;
        errors.Should().ContainSingle().Which.Line.Should().Be(101);
        (await CountAsync()).Should().Be(before);
        await using var db = Database.CreateContext();
        (await db.Sources.AnyAsync(s => s.Slug.StartsWith("ofac-sdn-"), Ct)).Should().BeFalse();
    }

    [Fact]
    public async Task AnEmptySnapshot_IsRefused_AndDelistsNobody_UnlessMassDelistingIsAllowed()
    {
        await ImportMiniDataAsync();
        await ImportAsync(SdnFileTests.Fixture);
        var before = await CountAsync();
        var empty = Write([], "ofac-sdn-2024-05-01.csv");

        var act = () => ImportAsync(empty);

        var error = (await act.Should().ThrowAsync<ImportRejectedException>()).Which.Errors.Should().ContainSingle().Subject;
        error.Message.Should().Contain("no entry read").And.Contain("all 246 listing(s)").And.Contain("--allow-mass-delisting");
        (await CountAsync()).Should().Be(before, "nothing is lifted");
        var measures = SdnFile.Read(SdnFileTests.Fixture).Where(e => e.Programmes.Contains("CYBER2")).Sum(e => e.Programmes.Count);
        var all = await ImportAsync(empty, allowMassDelisting: true);
        all.MeasuresLifted.Should().Be(measures, "the operator said the delisting is meant");
        all.ListDelisted.Should().Be(246);
    }

    [Fact]
    public async Task ASnapshotCutAtALineBoundary_LiftingMoreThanFivePercent_IsRefused_WithTheNumbers()
    {
        await ImportMiniDataAsync();
        await ImportAsync(SdnFileTests.Fixture);
        var before = await CountAsync();
        var cut = Write(Rows().Take(200), "ofac-sdn-2024-05-01.csv");

        var act = () => ImportAsync(cut);

        var message = (await act.Should().ThrowAsync<ImportRejectedException>()).Which.Errors.Should().ContainSingle().Subject.Message;
        var entries = SdnFile.Read(SdnFileTests.Fixture);
        message.Should().Contain("200 entries read").And.Contain("lift 46 of the 246 listings in force").And.Contain("5 %");
        (await CountAsync()).Should().Be(before);
        var lifted = entries.Skip(200).Where(e => e.Programmes.Contains("CYBER2")).Sum(e => e.Programmes.Count);
        (await ImportAsync(cut, allowMassDelisting: true)).MeasuresLifted.Should().Be(lifted);
    }

    [Fact]
    public async Task ASnapshotEndingMidRecord_IsRefused_WithItsLine()
    {
        await ImportMiniDataAsync();
        var before = await CountAsync();
        var rows = Rows();
        var file = Path.Combine(Directory.CreateTempSubdirectory("vigil-sdn-").FullName, "ofac-sdn-2024-05-01.csv");
        // Cut inside the last row's last (unquoted) field: the row still has its twelve fields.
        File.WriteAllText(file, string.Join("\r\n", rows.SkipLast(1).Append("48999,\"CUT\",-0- ,\"CYBER2\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0")), Encoding.Latin1);

        var act = () => ImportAsync(file);

        var error = (await act.Should().ThrowAsync<ImportRejectedException>()).Which.Errors.Should().ContainSingle().Subject;
        error.Message.Should().Contain("ends mid-record");
        error.Line.Should().Be(rows.Count);
        (await CountAsync()).Should().Be(before);
    }
}

[Trait("Database", "Sqlite")]
public sealed class ImportSdnOnSqlite() : ImportSdnTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class ImportSdnOnPostgres() : ImportSdnTests(DatabaseKind.Postgres);
