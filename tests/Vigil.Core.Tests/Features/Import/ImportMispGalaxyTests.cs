using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Features.Import;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Import;

/// <summary>Importing the MISP surveillance-vendor galaxy: matching, not duplicating; idempotence; refusal.</summary>
public abstract class ImportMispGalaxyTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private const string IntellexaUuid = "1c909820-82eb-11ee-80c7-325096b39f47";
    private const string CytroxUuid = "4dbfa61e-0cf5-4142-babf-3cdce348568d";
    private const string NsoUuid = "49d8e89f-401d-4d3d-9155-5758a346a4a1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<ImportSummary> ImportGalaxyAsync(string file)
    {
        await using var db = Database.CreateContext();
        return await new ImportMispGalaxyHandler(db).HandleAsync(file, Ct);
    }

    private async Task ImportMiniDataAsync()
    {
        await using var db = Database.CreateContext();
        await new ImportVigilDataHandler(db).HandleAsync(ImportFixtures.MiniData, Ct);
    }

    private async Task<Snapshot> SnapshotAsync()
    {
        await using var db = Database.CreateContext();
        return await ImportFixtures.SnapshotAsync(db, Ct);
    }

    [Fact]
    public async Task TrimmedGalaxy_AfterMiniData_MatchesKnownVendors_AndCreatesTheOthers()
    {
        await ImportMiniDataAsync();
        var before = await SnapshotAsync();

        var summary = await ImportGalaxyAsync(ImportFixtures.TrimmedGalaxy);

        summary.CreatedByKind["actors"].Should().Be(2, "NSO group and Candiru are new; Intellexa and Cytrox are matched");
        await using var db = Database.CreateContext();
        (await db.Actors.CountAsync(Ct)).Should().Be(before.Actors + 2);
        var companies = await db.Actors.Include(a => a.Identifiers).Include(a => a.Aliases)
            .Where(a => a.ActorKind == ActorKind.Company).ToListAsync(Ct);
        companies.Count(a => ImportMispGalaxyHandler.Normalise(a.Name) == "intellexa").Should().Be(1, "Intellexa S.A. is matched, not duplicated");
        companies.Count(a => ImportMispGalaxyHandler.Normalise(a.Name) == "cytrox").Should().Be(1, "Cytrox AD is matched, not duplicated");

        var intellexa = companies.Single(a => a.Slug == "intellexa-sa");
        intellexa.Identifiers.Should().Contain(i => i.Scheme == "misp" && i.Value == IntellexaUuid);
        intellexa.Identifiers.Should().Contain(i => i.Scheme == "ofac" && i.Value == "46221", "existing identifiers are kept");
        intellexa.Name.Should().Be("Intellexa S.A.", "a matched actor keeps its reviewed name");
        var cytrox = companies.Single(a => a.Slug == "cytrox-ad");
        cytrox.Identifiers.Should().Contain(i => i.Scheme == "misp" && i.Value == CytroxUuid);
        cytrox.Aliases.Select(a => a.Name).Should().BeEquivalentTo(["Cytrox"],
            "a matched, reviewed actor keeps its own names: the galaxy lends it only the MISP identifier, so re-importing its data file undoes nothing");

        var nso = companies.Should().ContainSingle(a => a.Identifiers.Any(i => i.Scheme == "misp" && i.Value == NsoUuid)).Subject;
        nso.Name.Should().Be("NSO group");
        nso.Status.Should().Be(ReviewStatus.Published);
        nso.Aliases.Select(a => a.Name).Should().BeEquivalentTo(["Q-Cyber", "Circles"]);
        (await db.Citations.Include(c => c.Source).Where(c => c.ActorId == nso.Id).Select(c => c.Source!.Url).ToListAsync(Ct))
            .Should().BeEquivalentTo(["https://en.wikipedia.org/wiki/NSO_Group", "https://www.nsogroup.com/"]);
        var pegasus = await db.Relationships.Include(r => r.ToProduct)
            .SingleAsync(r => r.FromActorId == nso.Id && r.Type == RelationshipType.Develops, Ct);
        pegasus.ToProduct!.Name.Should().Be("PEGASUS");

        // Intellexa's PREDATOR and ALIEN are the existing Predator (name and alias), already developed by it.
        (await db.Products.CountAsync(p => p.Name.ToLower() == "predator", Ct)).Should().Be(1);
        (await db.Relationships.CountAsync(r => r.FromActorId == intellexa.Id && r.ToProduct!.Slug == "predator", Ct)).Should().Be(1);
        // Cytrox "part-of" Intellexa is the edge mini-data already holds.
        (await db.Relationships.CountAsync(r => r.FromActorId == cytrox.Id && r.ToActorId == intellexa.Id && r.Type == RelationshipType.PartOf, Ct)).Should().Be(1);
    }

    [Fact]
    public async Task TrimmedGalaxy_ImportedTwice_CreatesNothing_AndWritesNoRevision()
    {
        await ImportMiniDataAsync();
        await ImportGalaxyAsync(ImportFixtures.TrimmedGalaxy);
        var before = await SnapshotAsync();

        var summary = await ImportGalaxyAsync(ImportFixtures.TrimmedGalaxy);

        summary.Created.Should().Be(0);
        (await SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task FullGalaxy_IntoAnEmptyDatabase_CreatesOneCompanyPerVendor()
    {
        var summary = await ImportGalaxyAsync(ImportFixtures.FullGalaxy);

        summary.CreatedByKind["actors"].Should().Be(615);
        await using var db = Database.CreateContext();
        (await db.Actors.CountAsync(a => a.ActorKind == ActorKind.Company, Ct)).Should().Be(615);
        (await db.Actors.CountAsync(Ct)).Should().Be(615);
        var misp = await db.ActorIdentifiers.Where(i => i.Scheme == "misp").Select(i => i.Value).ToListAsync(Ct);
        misp.Should().HaveCount(615).And.OnlyHaveUniqueItems();
        // Distinct clusters that share a synonym stay distinct actors, each with its own uuid.
        var named = await db.Actors.Include(a => a.Identifiers)
            .Where(a => a.Name == "Memento Labs" || a.Name == "Hacking Team" || a.Name == "Circles" || a.Name == "NSO group").ToListAsync(Ct);
        named.Should().HaveCount(4).And.OnlyContain(a => a.Identifiers.Count(i => i.Scheme == "misp") == 1);
    }

    [Fact]
    public async Task GalaxyWithoutValues_IsRefused_NamingThePath_AndWritesNothing()
    {
        var file = WriteGalaxy("""{ "name": "Surveillance Vendor", "uuid": "0b1a0c8c-1234-4e3a-9c1c-3f2e5d6a7b8c", "vendors": [] }""");

        var errors = await RefusedAsync(file);

        errors.Should().ContainSingle().Which.Field.Should().Be("$.values");
    }

    [Fact]
    public async Task VendorWithoutUuid_IsRefused_NamingThePath_AndWritesNothing()
    {
        var file = WriteGalaxy("""
            {
              "name": "Surveillance Vendor",
              "values": [
                { "value": "Fresh Vendor", "uuid": "7f4e5b1a-8c1d-4a55-9d7e-2b3c4d5e6f70", "meta": { "refs": ["https://example.org/fresh"] } },
                { "value": "Nameless Uuid Vendor", "meta": { "refs": ["https://example.org/nameless"] } }
              ]
            }
            """);

        var errors = await RefusedAsync(file);

        errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = "$.values[1].uuid", Record = "Nameless Uuid Vendor" });
    }

    [Fact]
    public async Task VendorWithAnUnknownCountry_IsRefused_NamingThePath_AndWritesNothing()
    {
        var file = WriteGalaxy("""
            {
              "values": [
                { "value": "Fresh Vendor", "uuid": "7f4e5b1a-8c1d-4a55-9d7e-2b3c4d5e6f70", "meta": { "country": "XX", "refs": ["https://example.org/fresh"] } }
              ]
            }
            """);

        var errors = await RefusedAsync(file);

        errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = "$.values[0].meta.country", Record = "Fresh Vendor" });
        errors[0].Message.Should().Contain("'XX'");
    }

    [Fact]
    public async Task WhatTheExportWrites_IsRead_CountrySubsidiaryEdgesAndTheLikelihoodAsConfidence()
    {
        var file = WriteGalaxy("""
            {
              "values": [
                { "value": "Parent Vendor", "uuid": "11111111-8c1d-4a55-9d7e-2b3c4d5e6f70", "meta": { "country": "il", "refs": ["https://example.org/parent"] } },
                { "value": "Child Vendor", "uuid": "22222222-8c1d-4a55-9d7e-2b3c4d5e6f70", "meta": { "country": "CY", "refs": ["https://example.org/child"] },
                  "related": [
                    { "dest-uuid": "11111111-8c1d-4a55-9d7e-2b3c4d5e6f70", "tags": ["estimative-language:likelihood-probability=\"almost-certain\""], "type": "subsidiary-of" },
                    { "dest-uuid": "11111111-8c1d-4a55-9d7e-2b3c4d5e6f70", "tags": ["estimative-language:likelihood-probability=\"very-unlikely\""], "type": "part-of" }
                  ] }
              ]
            }
            """);

        await ImportGalaxyAsync(file);

        await using var db = Database.CreateContext();
        (await db.Actors.OrderBy(a => a.Name).Select(a => new { a.Name, a.Country }).ToListAsync(Ct))
            .Should().Equal(new { Name = "Child Vendor", Country = (string?)"CY" }, new { Name = "Parent Vendor", Country = (string?)"IL" });
        (await db.Relationships.OrderBy(r => r.Type).Select(r => new { r.Type, r.Confidence }).ToListAsync(Ct)).Should().Equal(
            new { Type = RelationshipType.SubsidiaryOf, Confidence = Confidence.High },
            new { Type = RelationshipType.PartOf, Confidence = Confidence.Low });
    }

    private async Task<IReadOnlyList<ImportError>> RefusedAsync(string file)
    {
        await ImportMiniDataAsync();
        var before = await SnapshotAsync();

        var act = () => ImportGalaxyAsync(file);

        var refused = (await act.Should().ThrowAsync<ImportRejectedException>()).Which;
        refused.Errors.Should().OnlyContain(e => e.File == Path.GetFileName(file));
        (await SnapshotAsync()).Should().Be(before, "a refused import writes nothing");
        return refused.Errors;
    }

    private static string WriteGalaxy(string json)
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigil-import-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "broken-galaxy.json");
        File.WriteAllText(file, json);
        return file;
    }
}

[Trait("Database", "Sqlite")]
public sealed class ImportMispGalaxyOnSqlite() : ImportMispGalaxyTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class ImportMispGalaxyOnPostgres() : ImportMispGalaxyTests(DatabaseKind.Postgres);
