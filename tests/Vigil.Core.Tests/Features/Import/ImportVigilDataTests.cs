using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Access;
using Vigil.Data;
using Vigil.Features.Import;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Import;

/// <summary>Importing a folder in Vigil's data layout: what lands, idempotence, and all-or-nothing refusal.</summary>
public abstract class ImportVigilDataTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<ImportSummary> ImportAsync(string folder)
    {
        await using var db = Database.CreateContext();
        return await new ImportVigilDataHandler(db).HandleAsync(folder, Ct);
    }

    private async Task<Snapshot> SnapshotAsync()
    {
        await using var db = Database.CreateContext();
        return await ImportFixtures.SnapshotAsync(db, Ct);
    }

    [Fact]
    public async Task MiniData_CreatesRecordsAliasesIdentifiersAndCitations()
    {
        var summary = await ImportAsync(ImportFixtures.MiniData);

        summary.CreatedByKind.Should().Contain(new Dictionary<string, int>
        {
            ["sources"] = 4, ["actors"] = 5, ["products"] = 1, ["relationships"] = 6, ["citations"] = 14,
        });
        var counts = await SnapshotAsync();
        counts.Should().BeEquivalentTo(new { Sources = 4, Actors = 5, ActorAliases = 4, ActorIdentifiers = 2, Products = 1, ProductAliases = 1, Relationships = 6, Citations = 14 });

        await using var db = Database.CreateContext();
        var intellexa = await db.Actors.Include(a => a.Aliases).Include(a => a.Identifiers).SingleAsync(a => a.Slug == "intellexa-sa", Ct);
        intellexa.Name.Should().Be("Intellexa S.A.");
        intellexa.ActorKind.Should().Be(ActorKind.Company);
        intellexa.Country.Should().Be("GR");
        intellexa.StartDate.Should().Be("2019");
        intellexa.Status.Should().Be(ReviewStatus.Published);
        intellexa.Aliases.Select(a => (a.Name, a.Language, a.Script)).Should().BeEquivalentTo(
            [("Intellexa Consortium", (string?)null, (string?)null), ("Ιντελέξα", "el", "Grek")]);
        intellexa.Identifiers.Select(i => (i.Scheme, i.Value)).Should().Equal(("ofac", "46221"));

        (await db.Actors.SingleAsync(a => a.Slug == "greece", Ct)).ActorKind.Should().Be(ActorKind.State);
        (await db.Actors.SingleAsync(a => a.Slug == "tal-dilian", Ct)).ActorKind.Should().Be(ActorKind.Person);
        var cytrox = await db.Actors.SingleAsync(a => a.Slug == "cytrox-ad", Ct);
        cytrox.Country.Should().Be("MK");

        var officer = await db.Relationships.Include(r => r.FromActor).Include(r => r.ToActor).SingleAsync(r => r.Slug == "tal-dilian--officer-of--intellexa-sa", Ct);
        officer.Type.Should().Be(RelationshipType.OfficerOf);
        officer.Role.Should().Be("founder");
        officer.FromActor!.Slug.Should().Be("tal-dilian");
        officer.ToActor!.Slug.Should().Be("intellexa-sa");
        var develops = await db.Relationships.Include(r => r.ToProduct).SingleAsync(r => r.Slug == "intellexa-sa--develops--predator", Ct);
        develops.ToProduct!.Slug.Should().Be("predator");
        develops.ToActorId.Should().BeNull();

        var intellexaCitations = await db.Citations.Include(c => c.Source).Where(c => c.ActorId == intellexa.Id).ToListAsync(Ct);
        intellexaCitations.Select(c => (c.Source!.Slug, c.Locator, c.Credibility)).Should().BeEquivalentTo(
            [("axios-2024-03-05-treasury-spyware-sanctions-intellexa", (string?)"para 2", 2), ("dig-us-imposes-sanctions-on-intellexa-spyware-vendor", (string?)null, 3)]);
        (await db.Citations.CountAsync(c => c.RelationshipId == develops.Id, Ct)).Should().Be(1);

        var predator = await db.Products.Include(p => p.Aliases).SingleAsync(p => p.Slug == "predator", Ct);
        predator.ProductKind.Should().Be(ProductKind.Spyware);
        predator.Aliases.Select(a => a.Name).Should().Equal("Alien");
    }

    [Fact]
    public async Task DraftRecord_StaysDraft_AndIsHiddenFromAnonymousReaders()
    {
        await ImportAsync(ImportFixtures.MiniData);

        await using (var db = Database.CreateContext())
        {
            var draft = await db.Relationships.SingleAsync(r => r.Slug == "greece--operates--predator", Ct);
            draft.Status.Should().Be(ReviewStatus.Draft);
            draft.Confidence.Should().Be(Confidence.Low);
        }
        await using var anonymous = Database.CreateContext(Reader.Anonymous);
        var visible = await anonymous.Relationships.Select(r => r.Slug).ToListAsync(Ct);
        visible.Should().HaveCount(5).And.NotContain("greece--operates--predator");
        (await anonymous.Actors.CountAsync(Ct)).Should().Be(5, "every actor in mini-data is published");
    }

    [Fact]
    public async Task ReimportingTheSameFolder_ChangesNothing_AndWritesNoRevision()
    {
        await ImportAsync(ImportFixtures.MiniData);
        var before = await SnapshotAsync();
        before.Revisions.Should().BeGreaterThan(0, "the first import writes a revision per created record");

        var summary = await ImportAsync(ImportFixtures.MiniData);

        summary.Created.Should().Be(0);
        summary.Updated.Should().Be(0);
        (await SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task ChangingOneField_WritesExactlyOneRevision_WithOldAndNewValue()
    {
        await ImportAsync(ImportFixtures.MiniData);
        var before = await SnapshotAsync();
        var folder = ImportFixtures.CopyOfMiniData();
        const string Old = "Irish company of the Intellexa consortium that held Predator distribution rights; OFAC-designated March 2024.";
        const string New = "Irish company of the Intellexa consortium (Predator distribution rights).";
        ImportFixtures.Edit(folder, "actors/thalestris-limited.yaml", Old, New);

        var summary = await ImportAsync(folder);

        summary.Updated.Should().Be(1);
        summary.Created.Should().Be(0);
        var after = await SnapshotAsync();
        after.Should().Be(before with { Revisions = before.Revisions + 1, ActorVersions = before.ActorVersions + 1 });
        await using var db = Database.CreateContext();
        var actor = await db.Actors.SingleAsync(a => a.Slug == "thalestris-limited", Ct);
        actor.Description.Should().Be(New);
        actor.Version.Should().Be(2);
        var revision = await db.Revisions.OrderByDescending(r => r.Id).FirstAsync(Ct);
        revision.RecordKind.Should().Be(RecordKind.Actor);
        revision.RecordId.Should().Be(actor.Id);
        revision.Operation.Should().Be("update");
        History.ReadChanges(revision.Changes).Should().BeEquivalentTo([new FieldChange("description", Old, New)]);
    }

    [Fact]
    public async Task MalformedYaml_IsRefused_NamingFileAndLine_AndWritesNothing()
    {
        var errors = await RefusedAsync(folder =>
            File.WriteAllText(Path.Combine(folder, "actors", "cytrox-ad.yaml"), "id: cytrox-ad\nkind: company\nname: [Cytrox AD\ncountry: MK\n"));

        errors.Should().ContainSingle(e => e.File == "actors/cytrox-ad.yaml")
            .Which.Line.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task UnknownCountry_IsRefused_NamingFileRecordAndField()
    {
        var errors = await RefusedAsync(folder => ImportFixtures.Edit(folder, "actors/thalestris-limited.yaml", "country: IE", "country: XX"));

        errors.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { File = "actors/thalestris-limited.yaml", Record = "thalestris-limited", Field = "country" });
        errors[0].Message.Should().Contain("XX");
    }

    [Fact]
    public async Task RelationshipToAMissingActor_IsRefused_NamingFieldTo()
    {
        var errors = await RefusedAsync(folder =>
            ImportFixtures.Edit(folder, "relationships/thalestris-limited--part-of--intellexa-sa.yaml", "to: intellexa-sa", "to: intellexa-holdings"));

        errors.Should().ContainSingle(e => e.Field == "to").Which.Should().BeEquivalentTo(
            new { File = "relationships/thalestris-limited--part-of--intellexa-sa.yaml", Record = "thalestris-limited--part-of--intellexa-sa" });
        errors.Single(e => e.Field == "to").Message.Should().Contain("intellexa-holdings");
    }

    [Fact]
    public async Task DuplicateIdAcrossTwoFiles_IsRefused()
    {
        var errors = await RefusedAsync(folder =>
            File.Copy(Path.Combine(folder, "actors", "cytrox-ad.yaml"), Path.Combine(folder, "actors", "cytrox-ad-copy.yaml")));

        var duplicate = errors.Should().ContainSingle(e => e.Message.Contains("duplicate")).Subject;
        duplicate.Should().BeEquivalentTo(new { Record = "cytrox-ad", Field = "id" });
        new[] { duplicate.File, duplicate.Message }.Should().Contain(x => x.Contains("actors/cytrox-ad.yaml"))
            .And.Contain(x => x.Contains("actors/cytrox-ad-copy.yaml"), "the error names both files");
    }

    [Fact]
    public async Task UnknownField_IsRefused_NamingFileLineAndField()
    {
        var errors = await RefusedAsync(folder => ImportFixtures.Edit(folder, "actors/cytrox-ad.yaml", "country: MK", "contry: MK"));

        var error = errors.Should().ContainSingle().Subject;
        error.File.Should().Be("actors/cytrox-ad.yaml");
        error.Message.Should().Contain("contry");
        error.Line.Should().Be(4);
    }

    /// <summary>
    /// Imports mini-data, then a copy carrying one valid change (Intellexa's description) and the
    /// breakage: the import must be refused and nothing at all written, not even the valid change.
    /// </summary>
    private async Task<IReadOnlyList<ImportError>> RefusedAsync(Action<string> breakFolder)
    {
        await ImportAsync(ImportFixtures.MiniData);
        var before = await SnapshotAsync();
        var folder = ImportFixtures.CopyOfMiniData();
        ImportFixtures.Edit(folder, "actors/intellexa-sa.yaml", "Greek company", "Half-written Greek company");
        ImportFixtures.Edit(folder, "sources/iso-3166-1.yaml", "reliability: A", "reliability: B");
        breakFolder(folder);

        var act = () => ImportAsync(folder);

        var refused = (await act.Should().ThrowAsync<ImportRejectedException>()).Which;
        refused.Errors.Should().NotBeEmpty();
        (await SnapshotAsync()).Should().Be(before, "a refused import writes nothing");
        await using var db = Database.CreateContext();
        (await db.Actors.SingleAsync(a => a.Slug == "intellexa-sa", Ct)).Description.Should().NotContain("Half-written");
        (await db.Sources.SingleAsync(s => s.Slug == "iso-3166-1", Ct)).Reliability.Should().Be('A');
        return refused.Errors;
    }
}

[Trait("Database", "Sqlite")]
public sealed class ImportVigilDataOnSqlite() : ImportVigilDataTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class ImportVigilDataOnPostgres() : ImportVigilDataTests(DatabaseKind.Postgres);
