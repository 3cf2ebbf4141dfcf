using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Tests.Features.Import;
using Vigil.Features.Import;
using Vigil.Features.Sanctions;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Sanctions;

/// <summary>Importing FollowTheMoney Sanction entities: authorities, programmes, dates, references, idempotence, refusal.</summary>
public abstract class ImportFtmTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string Fixture => Path.Combine(ImportFixtures.Root, "ftm", "opensanctions-zala-sample.ftm.json");

    private const string LlcCst = "NK-abdzbEBkqyT29GyREbiURZ";

    private async Task<FtmImportSummary> ImportAsync(string file)
    {
        await using var db = Database.CreateContext();
        return await new ImportFtmHandler(db, TimeProvider.System).HandleAsync(file, Ct);
    }

    private static string Write(IEnumerable<string> lines)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("vigil-ftm-").FullName, "entities.ftm.json");
        File.WriteAllLines(file, lines);
        return file;
    }

    private async Task<(int Actors, int Measures, int Revisions, int Sources)> CountAsync()
    {
        await using var db = Database.CreateContext();
        return (await db.Actors.CountAsync(Ct), await db.Measures.CountAsync(Ct), await db.Revisions.CountAsync(Ct), await db.Sources.CountAsync(Ct));
    }

    private async Task<Measure> MeasureAsync(string ftmId)
    {
        await using var db = Database.CreateContext();
        return await db.Measures.Include(m => m.Authority).Include(m => m.Steps).Include(m => m.Targets).ThenInclude(t => t.Actor)
            .SingleAsync(m => m.Slug == Vigil.Features.Common.Slugs.FromText("ftm " + ftmId), Ct);
    }

    [Fact]
    public async Task TheSample_BecomesMeasures_WithTheirAuthorityProgrammeAndDates()
    {
        var summary = await ImportAsync(Fixture);

        summary.Lines.Should().Be(91);
        summary.MeasuresCreated.Should().Be(41);
        summary.ActorsCreated.Should().Be(14, "every sanction of the sample targets one of two entities; the ownerships and directorships link twelve more");
        summary.Unresolved.Should().BeEmpty();

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
    public async Task TheSamplesOwnershipsAndDirectorships_BecomeRelationships_BetweenTheFilesEntities()
    {
        var summary = await ImportAsync(Fixture);

        summary.Relations!.Created.Should().Be(17, "14 Ownership and 3 Directorship entities");
        summary.Relations.Unresolved.Should().BeEmpty();
        await using var db = Database.CreateContext();
        var edges = await db.Relationships.Include(r => r.FromActor).Include(r => r.ToActor).ToListAsync(Ct);
        edges.Should().HaveCount(17);
        edges.Count(r => r.Type == RelationshipType.OfficerOf).Should().Be(3);
        edges.Should().Contain(r => r.Type == RelationshipType.OfficerOf && r.Role == "Leader or official of" && r.ToActor!.Name == "LLC CST");
        edges.Should().ContainSingle(r => r.Type == RelationshipType.SubsidiaryOf, "OpenSanctions writes 'subsidiary of' as the role of an ownership")
            .Which.FromActor!.Name.Should().Be("LLC CST", "the asset is the subsidiary");
        var dated = edges.Single(r => r.Slug == Vigil.Features.Common.Slugs.FromText("ftm ru-159c785ad927d3e153b23a26620730465ed26f1c"));
        (dated.Type, dated.SharePercent, dated.StartDate, dated.EndDate).Should().Be((RelationshipType.Owns, 100m, "2024-03-01", "2024-03-24"));
        (await db.Citations.CountAsync(c => c.RelationshipId == dated.Id, Ct)).Should().Be(1, "the relationship cites the file");
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

        var summary = await ImportAsync(Write(withoutCst));

        summary.Unresolved.Should().NotBeEmpty().And.OnlyContain(u => u.Contains(LlcCst));
        summary.MeasuresCreated.Should().Be(41 - summary.Unresolved.Count);

        // Once the entity is in Vigil (by its FtM id), a file without it links to it.
        await ImportAsync(Fixture);
        var later = await ImportAsync(Write(withoutCst));
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
