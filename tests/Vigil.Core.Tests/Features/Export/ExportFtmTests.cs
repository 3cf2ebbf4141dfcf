using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Access;
using Vigil.Core.Tests.Features.Import;
using Vigil.Core.Tests.Formats;
using Vigil.Data;
using Vigil.Features.Export;
using Vigil.Features.Import;
using Vigil.Features.Sanctions;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Export;

/// <summary>The graph as FollowTheMoney entities: valid against the FtM model, under the access rule, and back into an empty Vigil as the same graph.</summary>
public abstract class ExportFtmTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Write(FtmExport export)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("vigil-ftm-export-").FullName, "vigil.ftm.json");
        File.WriteAllBytes(file, export.ToLines());
        return file;
    }

    /// <summary>The graph as comparable rows: actors, actor-to-actor relationships, and the measures FtM carries (designations of named entities).</summary>
    private static async Task<(List<string> Actors, List<string> Relationships, List<string> Measures)> GraphAsync(VigilDb db)
    {
        var actors = (await db.Actors.AsNoTracking().Include(a => a.Aliases).Include(a => a.Identifiers).AsSplitQuery().ToListAsync(Ct))
            .Select(a => $"{a.Slug}|{a.Name}|{a.ActorKind}|{a.Country}|{a.StartDate}|{a.EndDate}|{a.Marking}|{a.Status}"
                + $"|{string.Join(";", a.Aliases.Select(x => x.Name).Order(StringComparer.Ordinal))}|{string.Join(";", a.Identifiers.Select(i => i.Describe()).Order(StringComparer.Ordinal))}")
            .Order(StringComparer.Ordinal).ToList();
        var relationships = (await db.Relationships.AsNoTracking().Where(r => r.ToActorId != null).Select(r => new
        {
            r.Slug, r.Type, From = r.FromActor!.Slug, To = r.ToActor!.Slug, r.Role, r.SharePercent, r.StartDate, r.EndDate, r.Confidence, r.Marking, r.Status,
        }).ToListAsync(Ct))
            // FtM keeps a role where its schema has one: officer and owner roles, not those of edges that go out as UnknownLink.
            .Select(r => $"{r.Slug}|{r.Type}|{r.From}|{r.To}|{(r.Type is RelationshipType.OfficerOf ? r.Role : null)}|{r.SharePercent:0.####}|{r.StartDate}|{r.EndDate}|{r.Confidence}|{r.Marking}|{r.Status}")
            .Order(StringComparer.Ordinal).ToList();
        var types = ExportFtmHandler.SanctionTypes.ToArray();
        var measures = (await db.Measures.AsNoTracking().Include(m => m.Authority).Include(m => m.Targets).ThenInclude(t => t.Actor).AsSplitQuery()
            .Where(m => types.Contains(m.Type) && m.Targets.Any()).ToListAsync(Ct))
            .Select(m => $"{m.Slug}|{m.Type}|{m.Title}|{m.Authority!.Slug}|{m.Programme}|{m.Reference}|{m.AnnouncedDate}|{m.EffectiveDate}|{m.LiftedDate}|{m.Stage}|{m.Status}"
                + $"|{string.Join(";", m.Targets.Select(t => t.Actor!.Slug).Order(StringComparer.Ordinal))}")
            .Order(StringComparer.Ordinal).ToList();
        return (actors, relationships, measures);
    }

    [Fact]
    public async Task TheStarterData_IsValidFtm_AndReimportsIntoAnEmptyVigil_AsTheSameGraph()
    {
        await using (var db = Database.CreateContext())
        {
            await StarterData.SeedIfEmptyAsync(db, ImportFixtures.RealData(), NullLogger.Instance, Ct);
        }
        FtmExport export;
        (List<string> Actors, List<string> Relationships, List<string> Measures) original;
        await using (var db = Database.CreateContext())
        {
            export = await ExportFtmHandler.ReadAsync(db, Ct);
            original = await GraphAsync(db);
        }

        FtmModel.Load().Problems(export.Entities).Should().BeEmpty();
        export.Entities.Select(e => e.Schema).Distinct().Should().Contain(["Company", "Person", "PublicBody", "Organization", "Ownership", "Directorship", "Sanction"]);
        export.Entities.Should().OnlyContain(e => e.Id.StartsWith(ExportFtmHandler.IdPrefix, StringComparison.Ordinal));
        export.Entities.Where(e => e.Schema == "Company").Should().Contain(e => e.Properties.ContainsKey("sourceUrl"), "the sources go out as provenance");
        original.Relationships.Should().Contain(r => r.Contains("|OfficerOf|", StringComparison.Ordinal)).And.Contain(r => r.Contains("|Owns|", StringComparison.Ordinal));

        await using var empty = await TestDatabase.CreateAsync(Kind);
        await empty.MigrateAsync();
        var file = Write(export);
        FtmImportSummary summary;
        await using (var db = empty.CreateContext())
        {
            summary = await new ImportFtmHandler(db, TimeProvider.System).HandleAsync(file, Ct);
        }
        summary.Unresolved.Should().BeEmpty();
        summary.Relations!.Unresolved.Should().BeEmpty();
        summary.AuthoritiesCreated.Should().Be(0, "every authority is an actor of the export");

        await using (var db = empty.CreateContext())
        {
            var copy = await GraphAsync(db);
            copy.Actors.Should().Equal(original.Actors);
            original.Relationships.Except(copy.Relationships).Should().BeEmpty();
            copy.Relationships.Should().HaveCount(original.Relationships.Count);
            original.Measures.Except(copy.Measures).Should().BeEmpty();
            copy.Measures.Should().HaveCount(original.Measures.Count);
            // What comes back exports as what went out (provenance aside: the copy cites what the URLs name).
            var again = await ExportFtmHandler.ReadAsync(db, Ct);
            again.Entities.Select(e => (e.Id, e.Schema, Names: string.Join(";", e.Properties.GetValueOrDefault("name") ?? [])))
                .Should().Equal(export.Entities.Select(e => (e.Id, e.Schema, Names: string.Join(";", e.Properties.GetValueOrDefault("name") ?? []))));
        }

        await using (var db = empty.CreateContext())
        {
            var twice = await new ImportFtmHandler(db, TimeProvider.System).HandleAsync(file, Ct);
            twice.ChangedNothing.Should().BeTrue(twice.ToString());
        }
    }

    [Fact]
    public async Task TheExport_HoldsWhatTheReaderMaySee_AndNoIncident()
    {
        await using (var db = Database.CreateContext())
        {
            var vendor = new Actor { Slug = "open-vendor", Name = "Open Vendor Ltd", ActorKind = ActorKind.Company, Country = "IL", Marking = Marking.Clear, Status = ReviewStatus.Published };
            var secret = new Actor { Slug = "amber-broker", Name = "Amber Broker SA", ActorKind = ActorKind.Company, Marking = Marking.Amber, Status = ReviewStatus.Published };
            var draft = new Actor { Slug = "draft-owner", Name = "Draft Owner", ActorKind = ActorKind.Person, Marking = Marking.Clear, Status = ReviewStatus.Draft };
            db.AddRange(vendor, secret, draft);
            db.Relationships.Add(new Relationship { Slug = "amber-broker--owns--open-vendor", Type = RelationshipType.Owns, FromActor = secret, ToActor = vendor, SharePercent = 40, Marking = Marking.Clear, Status = ReviewStatus.Published });
            db.Relationships.Add(new Relationship { Slug = "draft-owner--officer-of--open-vendor", Type = RelationshipType.OfficerOf, FromActor = draft, ToActor = vendor, Role = "CEO", Marking = Marking.Clear, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
        }

        FtmExport everything;
        await using (var db = Database.CreateContext())
        {
            everything = await ExportFtmHandler.ReadAsync(db, Ct);
        }
        FtmExport open;
        await using (var db = Database.CreateContext(Reader.Anonymous))
        {
            open = await ExportFtmHandler.ReadAsync(db, Ct);
        }

        everything.Entities.Select(e => e.Id).Should().Contain(["vigil-actor-amber-broker", "vigil-rel-amber-broker--owns--open-vendor", "vigil-rel-draft-owner--officer-of--open-vendor"]);
        everything.Highest.Should().Be(Marking.Amber, "an export holding AMBER records is audited");
        everything.Entities.Single(e => e.Id == "vigil-actor-amber-broker").Properties["keywords"].Should().Contain("TLP:AMBER", "a re-import must not widen the marking");
        everything.Entities.Single(e => e.Id == "vigil-rel-amber-broker--owns--open-vendor").Properties["percentage"].Should().Equal("40");
        open.Entities.Select(e => e.Id).Should().Equal(["vigil-actor-open-vendor"], "the AMBER and draft actors, and the edges to them, are hidden");
        open.Highest.Should().Be(Marking.Clear);
        FtmModel.Load().Problems(everything.Entities).Should().BeEmpty();
    }

    [Fact]
    public void TheModelReader_FindsWhatIsWrong()
    {
        var model = FtmModel.Load();
        var company = new FtmEntity("c", "Company", new Dictionary<string, List<string>> { ["name"] = ["C"], ["birthDate"] = ["x"] });
        var owner = new FtmEntity("o", "Ownership", new Dictionary<string, List<string>> { ["owner"] = ["c"], ["asset"] = ["missing"], ["startDate"] = ["1 May 2020"] });
        var unknown = new FtmEntity("u", "Spaceship", new Dictionary<string, List<string>>());

        var problems = model.Problems([company, owner, unknown]);

        problems.Should().HaveCount(4);
        problems.Should().Contain(p => p.Contains("'birthDate' is no property of Company", StringComparison.Ordinal))
            .And.Contain(p => p.Contains("'missing', which is not in the export", StringComparison.Ordinal))
            .And.Contain(p => p.Contains("'1 May 2020' is not an ISO date", StringComparison.Ordinal))
            .And.Contain(p => p.Contains("no schema 'Spaceship'", StringComparison.Ordinal));
    }
}

[Trait("Database", "Sqlite")]
public sealed class ExportFtmOnSqlite() : ExportFtmTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class ExportFtmOnPostgres() : ExportFtmTests(DatabaseKind.Postgres);
