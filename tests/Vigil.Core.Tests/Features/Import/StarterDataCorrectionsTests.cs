using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Features.Import;
using Vigil.Features.Sources;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Import;

/// <summary>
/// The facts corrected in December 2026 from outside references (shared/facts/corrections-2026-12.json),
/// as the real data/ folder loads them: a regenerated or hand-edited file that loses one fails here.
/// </summary>
public abstract class StarterDataCorrectionsTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RealData_CarriesTheCorrectedDatesStepsPartiesAndEndorsers()
    {
        await using (var seed = Database.CreateContext())
        {
            (await StarterData.SeedIfEmptyAsync(seed, ImportFixtures.RealData(), NullLogger.Instance, Ct)).Should().NotBeNull();
        }
        await using var db = Database.CreateContext();

        var greek = await db.Measures.Include(m => m.Steps).SingleAsync(m => m.Slug == "greece-resignations-eyp-chief-and-secretary-general", Ct);
        greek.AnnouncedDate.Should().Be("2022-08-05");
        greek.Steps.Should().ContainSingle().Which.Date.Should().Be("2022-08-05");

        var whatsapp = await db.Measures.Include(m => m.Steps).SingleAsync(m => m.Slug == "whatsapp-v-nso-group", Ct);
        whatsapp.Steps.Should().ContainSingle(s => (s.Note ?? "").Contains("Supreme Court"))
            .Which.Should().BeEquivalentTo(new { Stage = MeasureStage.Ruling, Date = "2023-01-09" });

        foreach (var slug in new[] { "ofac-2024-09-merom-harpaz", "ofac-2024-03-sara-hamou", "ofac-2024-09-andrea-gambazzi" })
        {
            var m = await db.Measures.Include(x => x.Steps).SingleAsync(x => x.Slug == slug, Ct);
            m.Stage.Should().Be(MeasureStage.Lifted, slug);
            m.LiftedDate.Should().Be("2025-12-30", slug);
            m.Steps.Should().ContainSingle(s => s.Stage == MeasureStage.Lifted).Which.Date.Should().Be("2025-12-30", slug);
        }
        (await db.Measures.SingleAsync(m => m.Slug == "ofac-2024-03-tal-dilian", Ct)).LiftedDate.Should().BeNull("Tal Dilian remains designated");

        var incident = await db.Incidents.SingleAsync(i => i.Slug == "2023-predator-journalist", Ct);
        incident.Summary.Should().Contain("infections not confirmed");
        incident.ForensicStatus.Should().NotBe(ForensicStatus.LabConfirmed, "its own summary says the infections were not confirmed");

        // Both headlines of this case identify the target (issue 13, item 9): cited at RED, the incident stays public.
        var identifying = await db.Citations.IgnoreQueryFilters().Where(c => c.Incident!.Slug == "2021-pegasus-human-rights-defender-be")
            .Select(c => c.Marking).ToListAsync(Ct);
        identifying.Should().HaveCount(2).And.OnlyContain(m => m == Marking.Red);

        var elFaro = await db.Measures.Include(m => m.Authority).Include(m => m.Steps).Include(m => m.Parties).ThenInclude(p => p.Actor)
            .AsSplitQuery().SingleAsync(m => m.Slug == "el-faro-v-nso-group", Ct);
        elFaro.Authority!.Slug.Should().NotBe("knight-first-amendment-institute", "the Knight Institute is counsel, not an authority");
        elFaro.Parties.Should().Contain(p => p.Actor!.Slug == "knight-first-amendment-institute" && p.Role == PartyRole.Counsel);
        elFaro.Parties.Should().Contain(p => p.Actor!.Slug == "us-district-court-northern-district-of-california" && p.Role == PartyRole.Court);
        elFaro.Parties.Where(p => p.Role == PartyRole.Defendant).Select(p => p.Actor!.Slug).Should().BeEquivalentTo(["nso-group", "q-cyber-technologies"]);
        elFaro.Steps.Should().Contain(s => s.Stage == MeasureStage.Ruling && s.Date == "2024-03-08" && (s.Note ?? "").Contains("forum non conveniens"));
        elFaro.Steps.Should().Contain(s => s.Stage == MeasureStage.Appeal && s.Date == "2025-07");
        elFaro.Stage.Should().Be(MeasureStage.Appeal);

        var code = await db.Endorsements.Include(e => e.Actor).Where(e => e.Framework!.Slug == "pall-mall-code-of-practice").ToListAsync(Ct);
        var hungary = code.Single(e => e.Actor!.Slug == "hungary");
        hungary.Status.Should().Be(ReviewStatus.Published);
        hungary.Date.Should().Be("2025-04-04");
        hungary.Note.Should().NotContain("conflict").And.Contain("declaration");
        code.Single(e => e.Actor!.Slug == "romania").Date.Should().Be("2025-04-07");
        code.Where(e => e.Date is null).Select(e => e.Note).Should().OnlyContain(n => n!.Contains("date not found"), "an undated endorser says why");
        code.Count(e => e.Status == ReviewStatus.Published).Should().Be(23);

        var declaration = await db.Endorsements.Include(e => e.Actor).Where(e => e.Framework!.Slug == "pall-mall-declaration").ToListAsync(Ct);
        declaration.Where(e => e.Status == ReviewStatus.Published).Select(e => e.Actor!.Slug).Should()
            .BeEquivalentTo(["united-kingdom", "france", "united-states", "canada", "african-union", "gulf-cooperation-council"]);
        declaration.Where(e => e.Status == ReviewStatus.Draft).Select(e => e.Actor!.Slug).Should().Contain(["belgium", "australia", "japan", "google"]);
        (await db.Frameworks.SingleAsync(f => f.Slug == "pall-mall-declaration", Ct)).Provenance.Should()
            .Contain("as reported").And.Contain("African Union").And.Contain("25 countries");

        // Records resting only on tertiary or link-less sources are listed for review; the cases above are not among them.
        var weak = await new ListWeakEvidenceHandler(db).HandleAsync(Ct);
        weak.Should().NotBeEmpty().And.OnlyHaveUniqueItems();
        weak.Select(w => w.Record.Slug).Should().NotContain(["el-faro-v-nso-group", "whatsapp-v-nso-group", "african-union--pall-mall-declaration"]);
        weak.Select(w => w.Record.Slug).Should().Contain("aise", "AISE rests only on link-less or tertiary sources");
        var weakId = await db.Actors.Where(a => a.Slug == "aise").Select(a => a.Id).SingleAsync(Ct);
        (await new ListWeakEvidenceHandler(db).IsWeakAsync(RecordKind.Actor, weakId, Ct)).Should().BeTrue();
        (await new ListWeakEvidenceHandler(db).IsWeakAsync(RecordKind.Measure, elFaro.Id, Ct)).Should().BeFalse();
    }
}

[Trait("Database", "Sqlite")]
public sealed class StarterDataCorrectionsOnSqlite() : StarterDataCorrectionsTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class StarterDataCorrectionsOnPostgres() : StarterDataCorrectionsTests(DatabaseKind.Postgres);
