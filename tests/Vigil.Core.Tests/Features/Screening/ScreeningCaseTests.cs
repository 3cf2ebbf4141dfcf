using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Access;
using Vigil.Core.Tests.Features.Sanctions;
using Vigil.Data;
using Vigil.Features.Review;
using Vigil.Features.Sanctions;
using Vigil.Features.Screening;
using Vigil.Matching;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Screening;

/// <summary>
/// Screening case files (issue 15 item 6): save, decide, confirm by a second person, export (all audited);
/// the access rule keeps cases from readers without the role or the clearance; a delta import that renames
/// or delists an entry behind a hit (SDN or FtM) reopens the case, naming the entry and the change.
/// </summary>
public abstract class ScreeningCaseTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Reader s_editor = new("edna", Marking.Red, SeesUnpublished: true, CanEdit: true) { AccountId = 1 };

    private static readonly Reader s_reviewer = new("rhea", Marking.Red, SeesUnpublished: true, CanEdit: false) { AccountId = 2, CanReview = true };

    private static readonly Reader s_editorReviewer = new("ella", Marking.Red, SeesUnpublished: true, CanEdit: true) { AccountId = 3, CanReview = true };

    private async Task<T> AsAsync<T>(Reader reader, Func<ScreeningCasesHandler, Task<T>> work)
    {
        await using var db = Database.CreateContext(reader);
        await using var security = DatabaseSetup.CreateSecurityDb(Database.Options);
        return await work(new ScreeningCasesHandler(db, security, new ScreenNamesHandler(db, new NameSearch()), TimeProvider.System));
    }

    private async Task ImportAsync(string file)
    {
        await using var db = Database.CreateContext();
        await new ImportSdnHandler(db, TimeProvider.System, Options.Create(new ScreeningOptions())).HandleAsync(file, ct: Ct);
    }

    private static List<string> Rows() =>
        File.ReadAllText(SdnFileTests.Fixture, Encoding.Latin1).TrimEnd('\u001a').Split("\r\n").Where(l => l.Length > 0).ToList();

    private static string Write(IEnumerable<string> rows, string name)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("vigil-sdn-").FullName, name);
        File.WriteAllText(file, string.Join("\r\n", rows) + "\r\n\u001a", Encoding.Latin1);
        return file;
    }

    private async Task<List<AuditEntry>> AuditAsync()
    {
        await using var security = DatabaseSetup.CreateSecurityDb(Database.Options);
        return await security.AuditLog.AsNoTracking().Where(e => e.Event.StartsWith("screening-case")).OrderBy(e => e.Id).ToListAsync(Ct);
    }

    [Fact]
    public async Task SaveDecideConfirmExport_FourEyes_AndEveryStepIsAudited()
    {
        await ImportAsync(SdnFileTests.Fixture);

        var saved = await AsAsync(s_editorReviewer, h => h.SaveAsync(new ScreeningCaseInput("Aerocaribbean Airlines"), Ct));
        saved.Outcome.Should().Be(ReviewOutcome.Done, saved.Detail);
        var c = saved.Case!;
        c.Marking.Should().Be("AMBER");
        c.Status.Should().Be("open");
        c.CreatedBy.Should().Be("ella");
        var hit = c.Hits.Should().Contain(x => x.CandidateId == "us_ofac_sdn-36").Subject;
        hit.Should().Match<ScreeningCaseHitView>(x => x.CandidateKind == "entry" && x.List == "us_ofac_sdn" && x.EntryId == "36" && x.Score > 0.9);
        hit.Explanation.Should().Contain("us_ofac_sdn entry 36");

        (await AsAsync(s_editorReviewer, h => h.DecideAsync(c.Id, new("maybe", ""), Ct))).Errors.Should().ContainKeys("decision", "rationale");
        (await AsAsync(s_reviewer, h => h.DecideAsync(c.Id, new("refuse", "listed airline"), Ct))).Outcome.Should().Be(ReviewOutcome.Forbidden);
        var decided = await AsAsync(s_editorReviewer, h => h.DecideAsync(c.Id, new("refuse", "The customer is the listed airline (same name, Cuba)."), Ct));
        decided.Case!.Should().Match<ScreeningCaseView>(x => x.Status == "decided" && x.Decision == "refuse" && x.DecidedBy == "ella" && x.ConfirmedBy == null);

        var self = await AsAsync(s_editorReviewer, h => h.ConfirmAsync(c.Id, Ct));
        self.Outcome.Should().Be(ReviewOutcome.SelfReview);
        self.Detail.Should().Contain("second person");
        (await AsAsync(s_editor, h => h.ConfirmAsync(c.Id, Ct))).Outcome.Should().Be(ReviewOutcome.Forbidden, "an editor without the reviewer role does not confirm");
        var confirmed = await AsAsync(s_reviewer, h => h.ConfirmAsync(c.Id, Ct));
        confirmed.Case!.ConfirmedBy.Should().Be("rhea");
        (await AsAsync(s_reviewer, h => h.ConfirmAsync(c.Id, Ct))).Outcome.Should().Be(ReviewOutcome.Conflict);

        var json = await AsAsync(s_reviewer, h => h.ExportAsync(c.Id, Ct));
        using var doc = JsonDocument.Parse(json!);
        doc.RootElement.GetProperty("decision").GetString().Should().Be("refuse");
        doc.RootElement.GetProperty("confirmedBy").GetString().Should().Be("rhea");
        doc.RootElement.GetProperty("hits").EnumerateArray().Should().Contain(x => x.GetProperty("candidateId").GetString() == "us_ofac_sdn-36");

        var audit = await AuditAsync();
        audit.Select(e => (e.Event, e.Actor)).Should().Equal(
            ("screening-case-saved", "ella"), ("screening-case-decided", "ella"), ("screening-case-confirmed", "rhea"), ("screening-case-exported", "rhea"));
        audit[0].Detail.Should().Contain($"case={c.Id}").And.Contain("marking=AMBER");
    }

    [Fact]
    public async Task AReaderWithoutTheRoleOrTheClearance_NeverSeesACase()
    {
        await ImportAsync(SdnFileTests.Fixture);
        var c = (await AsAsync(s_editor, h => h.SaveAsync(new ScreeningCaseInput("Banco Nacional de Cuba", Marking: "AMBER+STRICT"), Ct))).Case!;
        c.Marking.Should().Be("AMBER+STRICT");

        Reader[] blind =
        [
            Reader.Anonymous,
            new("reader", Marking.Red, SeesUnpublished: false, CanEdit: false) { AccountId = 9 },
            new("low-editor", Marking.Amber, SeesUnpublished: true, CanEdit: true) { AccountId = 10, CanReview = true },
        ];
        foreach (var reader in blind)
        {
            (await AsAsync(reader, h => h.ListAsync(Ct))).Should().BeEmpty(reader.Name);
            (await AsAsync(reader, h => h.GetAsync(c.Id, Ct))).Should().BeNull(reader.Name);
            (await AsAsync(reader, h => h.ExportAsync(c.Id, Ct))).Should().BeNull(reader.Name);
            (await AsAsync(reader, h => h.DecideAsync(c.Id, new("clear", "x"), Ct))).Outcome.Should().Be(ReviewOutcome.NotFound, reader.Name);
            await using var db = Database.CreateContext(reader);
            (await db.ScreeningCaseHits.CountAsync(Ct)).Should().Be(0, reader.Name);
        }
        (await AsAsync(s_reviewer, h => h.ListAsync(Ct))).Should().ContainSingle(x => x.Id == c.Id);
        (await AsAsync(Reader.Anonymous, h => h.SaveAsync(new ScreeningCaseInput("x"), Ct))).Outcome.Should().Be(ReviewOutcome.Forbidden);
        (await AsAsync(new Reader("g", Marking.Green, true, true), h => h.SaveAsync(new ScreeningCaseInput("x", Marking: "RED"), Ct)))
            .Errors.Should().ContainKey("marking");
    }

    [Fact]
    public async Task ADeltaImport_ThatRenamesOrDelistsAnEntryBehindAHit_ReopensTheCase_WithTheReason()
    {
        await ImportAsync(SdnFileTests.Fixture);
        var airline = (await AsAsync(s_editor, h => h.SaveAsync(new ScreeningCaseInput("Aerocaribbean Airlines"), Ct))).Case!;
        var anglo = (await AsAsync(s_editor, h => h.SaveAsync(new ScreeningCaseInput("Anglo-Caribbean Co"), Ct))).Case!;
        var none = (await AsAsync(s_editor, h => h.SaveAsync(new ScreeningCaseInput("Zzyzx Qwerty Holdings"), Ct))).Case!;
        anglo.Hits.Should().Contain(x => x.EntryId == "173");
        await AsAsync(s_editor, h => h.DecideAsync(airline.Id, new("clear", "Not the airline."), Ct));
        await AsAsync(s_reviewer, h => h.ConfirmAsync(airline.Id, Ct));

        var rows = Rows();
        rows.RemoveAll(r => r.StartsWith("173,", StringComparison.Ordinal));
        var air = rows.FindIndex(r => r.StartsWith("36,", StringComparison.Ordinal));
        rows[air] = rows[air].Replace("\"AEROCARIBBEAN AIRLINES\"", "\"AEROCARIBBEAN AIRLINES S.A.\"", StringComparison.Ordinal);
        await ImportAsync(Write(rows, "ofac-sdn-2024-09-16.csv"));

        var reopened = await AsAsync(s_reviewer, h => h.GetAsync(airline.Id, Ct));
        reopened!.Status.Should().Be("reopened");
        reopened.ReopenReason.Should().Contain("us_ofac_sdn entry 36").And.Contain("renamed from AEROCARIBBEAN AIRLINES");
        reopened.Decision.Should().Be("clear", "the earlier decision stays on file until a new one");
        var delisted = await AsAsync(s_reviewer, h => h.GetAsync(anglo.Id, Ct));
        delisted!.Status.Should().Be("reopened");
        delisted.ReopenReason.Should().Contain("us_ofac_sdn entry 173").And.Contain("delisted");
        (await AsAsync(s_reviewer, h => h.GetAsync(none.Id, Ct)))!.Status.Should().Be("open");

        // Reopened, the case is decided and confirmed again.
        (await AsAsync(s_editor, h => h.DecideAsync(airline.Id, new("clear", "Renamed; still not the airline."), Ct))).Case!.ConfirmedBy.Should().BeNull();
    }

    [Fact]
    public async Task AnFtmDeltaImport_ThatRenamesOrDelistsAnEntryBehindAHit_ReopensTheCase_AsAnSdnDeltaDoes()
    {
        const string llcCst = "NK-abdzbEBkqyT29GyREbiURZ";
        const string zakharov = "NK-aU5ybkbRFJucf8YMwsJvDw";
        var sample = ImportFtmTests.Fixture;
        await ImportFtmAsync(sample);
        var cst = (await AsAsync(s_editor, h => h.SaveAsync(new ScreeningCaseInput("LLC CST", Datasets: [ImportFtmHandler.Dataset]), Ct))).Case!;
        var person = (await AsAsync(s_editor, h => h.SaveAsync(new ScreeningCaseInput("Alexander Vyacheslavovich Zakharov", Datasets: [ImportFtmHandler.Dataset]), Ct))).Case!;
        cst.Hits.Should().Contain(x => x.EntryId == llcCst);
        person.Hits.Should().Contain(x => x.EntryId == zakharov);
        await AsAsync(s_editor, h => h.DecideAsync(cst.Id, new("escalate", "A Russian company under sanctions: to the board."), Ct));
        await AsAsync(s_reviewer, h => h.ConfirmAsync(cst.Id, Ct));

        // The later file renames LLC CST and no longer sanctions Zakharov.
        var later = File.ReadAllLines(sample)
            .Where(l => !(l.Contains("\"schema\": \"Sanction\"", StringComparison.Ordinal) && l.Contains(zakharov, StringComparison.Ordinal)))
            .Select(l => l.StartsWith($"{{\"id\": \"{llcCst}\"", StringComparison.Ordinal)
                ? l.Replace("\"caption\": \"LLC CST\"", "\"caption\": \"LLC CST Group\"", StringComparison.Ordinal) : l);
        var file = Path.Combine(Directory.CreateTempSubdirectory("vigil-ftm-").FullName, "entities.ftm.json");
        await File.WriteAllLinesAsync(file, later, Ct);
        await ImportFtmAsync(file, allowMassDelisting: true);

        var renamed = await AsAsync(s_reviewer, h => h.GetAsync(cst.Id, Ct));
        renamed!.Status.Should().Be("reopened");
        renamed.ReopenReason.Should().Contain($"opensanctions entry {llcCst}").And.Contain("renamed from LLC CST");
        renamed.Decision.Should().Be("escalate", "the earlier decision stays on file until a new one");
        var delisted = await AsAsync(s_reviewer, h => h.GetAsync(person.Id, Ct));
        delisted!.Status.Should().Be("reopened");
        delisted.ReopenReason.Should().Contain($"opensanctions entry {zakharov}").And.Contain("delisted");

        // The same file again changes nothing: no case is reopened twice for one change.
        await AsAsync(s_editor, h => h.DecideAsync(cst.Id, new("escalate", "Renamed; same company."), Ct));
        await ImportFtmAsync(file);
        (await AsAsync(s_reviewer, h => h.GetAsync(cst.Id, Ct)))!.Status.Should().Be("decided");
    }

    private async Task ImportFtmAsync(string file, bool allowMassDelisting = false)
    {
        await using var db = Database.CreateContext();
        await new ImportFtmHandler(db, TimeProvider.System).HandleAsync(file, allowMassDelisting, Ct);
    }
}

[Trait("Database", "Sqlite")]
public sealed class ScreeningCaseOnSqlite() : ScreeningCaseTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class ScreeningCaseOnPostgres() : ScreeningCaseTests(DatabaseKind.Postgres);
