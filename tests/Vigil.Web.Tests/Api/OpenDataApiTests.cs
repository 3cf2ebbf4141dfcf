using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Features.Incidents;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Api;

/// <summary>
/// Open data from the web (/api/v1/data, linked from /data): every kind of record as CSV and JSON, under
/// the one access rule, incidents with targets by pseudonym, audited when it holds AMBER or RED records;
/// the CLI's CSV export writes the same tables.
/// </summary>
public abstract class OpenDataApiTests(VigilApp app)
{
    [Fact]
    public async Task EveryTable_DownloadsAsCsvAndJson_HoldingOnlyWhatTheReaderMaySee_AndAClearedExportIsAudited()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var authority = await app.AddActorAsync(Unique("authority"), $"Opendata Treasury {tag}", ActorKind.PublicBody, "US");
        var vendor = await app.AddActorAsync(Unique("vendor"), $"Opendata Vendor {tag}", ActorKind.Company, "CY");
        var amber = await app.AddActorAsync(Unique("amber"), $"Opendata Amber {tag}", ActorKind.Company, "CY", Marking.Amber);
        var draft = await app.AddActorAsync(Unique("draft"), $"Opendata Draft {tag}", ActorKind.Company, "CY", status: ReviewStatus.Draft);
        var measure = $"opendata-sanction-{tag}";
        var incident = $"opendata-incident-{tag}";
        await using (var db = app.CreateDb())
        {
            var m = new Measure
            {
                Slug = measure, Type = MeasureType.Sanction, Title = $"Opendata sanction {tag}", AuthorityId = authority.Id, Stage = MeasureStage.Lifted,
                AnnouncedDate = "2024-03-05", EffectiveDate = "2024-03-05", LiftedDate = "2025-06-01", Status = ReviewStatus.Published,
            };
            m.Targets.Add(new MeasureTarget { ActorId = vendor.Id });
            m.Steps.Add(new MeasureStep { Stage = MeasureStage.InForce, Date = "2024-03-05" });
            m.Steps.Add(new MeasureStep { Stage = MeasureStage.Lifted, Date = "2025-06-01", Note = "delisted" });
            db.Measures.Add(m);
            var i = new Incident { Slug = incident, Title = $"Opendata incident {tag}", Country = "GR", Status = ReviewStatus.Published };
            i.Targets.Add(new Target { Slug = $"target-{tag}", Pseudonym = "Target-OD" + tag[..2].ToUpperInvariant(), Category = TargetCategory.Journalist, ResidenceCountry = "GR", Status = ReviewStatus.Published });
            db.Incidents.Add(i);
            // A CLEAR edge to the AMBER actor: its row carries AMBER data (the actor's slug).
            db.Relationships.Add(new Relationship { Slug = $"opendata-edge-{tag}", Type = RelationshipType.Supplies, FromActorId = vendor.Id, ToActorId = amber.Id, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
        }

        var anonymous = app.Anonymous();
        var tables = await anonymous.GetAsync("/api/v1/data", Ct).OkAsync();
        tables.AsArray().Select(t => t!["name"]!.GetValue<string>()).Should().Equal(
            "actors", "products", "relationships", "incidents", "measures", "measure-steps", "endorsements", "assessments", "sources", "citations");

        var actors = await TextAsync(anonymous, "/api/v1/data/actors.csv", "text/csv");
        actors.Should().StartWith("slug,name,kind,country").And.Contain(vendor.Slug)
            .And.NotContain(amber.Slug, "AMBER is above the public's clearance").And.NotContain(draft.Slug, "the public reads published records only");

        var measures = JsonNode.Parse(await TextAsync(anonymous, "/api/v1/data/measures.json", "application/json"))!.AsArray();
        var row = measures.Single(r => r!["slug"]!.GetValue<string>() == measure)!;
        row["targets"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal(vendor.Slug);
        row["stage"]!.GetValue<string>().Should().Be("lifted");
        var steps = await TextAsync(anonymous, "/api/v1/data/measure-steps.csv", "text/csv");
        steps.Should().Contain($"{measure},in-force,2024-03-05").And.Contain($"{measure},lifted,2025-06-01,,delisted");

        var incidents = await TextAsync(anonymous, "/api/v1/data/incidents.csv", "text/csv");
        incidents.Split("\r\n")[0].Should().Be(string.Join(',', IncidentCsv.Columns));
        incidents.Should().Contain(incident).And.Contain("=journalist/GR/", "targets by pseudonym, category and country");

        (await anonymous.GetAsync("/api/v1/data/victims.csv", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/api/v1/data/actors.xlsx", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // A reader cleared for RED reads the AMBER record and the draft, and the export is in the audit log.
        var (name, cleared) = await app.ReviewerAsync();
        var all = await TextAsync(cleared, "/api/v1/data/actors.csv", "text/csv");
        all.Should().Contain(amber.Slug).And.Contain(draft.Slug);
        var audit = await app.InScopeAsync(sp => sp.GetRequiredService<SecurityDb>().AuditLog
            .Where(e => e.Event == AuditEvents.Export && e.Actor == name).Select(e => e.Detail).ToListAsync(Ct));
        // Other tests of the collection plant RED records: the highest is AMBER or above.
        audit.Should().ContainSingle().Which.Should().Contain("format=actors-csv").And.MatchRegex("highest=(AMBER|RED)");
        await TextAsync(cleared, "/api/v1/data/actors.csv", "text/csv");
        (await app.InScopeAsync(sp => sp.GetRequiredService<SecurityDb>().AuditLog.CountAsync(e => e.Event == AuditEvents.Export && e.Actor == name, Ct)))
            .Should().Be(2, "every export reaches the use case and its audit, none is served from the read cache");

        // A row counts the marking of every record it names: the CLEAR edge names the AMBER actor.
        (await TextAsync(anonymous, "/api/v1/data/relationships.csv", "text/csv")).Should().NotContain($"opendata-edge-{tag}", "the public does not see an edge whose end it may not see");
        (await TextAsync(cleared, "/api/v1/data/relationships.csv", "text/csv")).Should().Contain($"opendata-edge-{tag}");
        (await app.InScopeAsync(sp => sp.GetRequiredService<SecurityDb>().AuditLog
            .Where(e => e.Event == AuditEvents.Export && e.Actor == name && e.Detail.Contains("relationships-csv")).Select(e => e.Detail).ToListAsync(Ct)))
            .Should().ContainSingle().Which.Should().MatchRegex("highest=(AMBER|RED)");
    }

    [Fact]
    public async Task TheFtmEntities_DownloadAsLineJson_HoldingOnlyWhatTheReaderMaySee_LinkedFromTheDataPage_AndAClearedExportIsAudited()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var owner = await app.AddActorAsync(Unique("ftm-owner"), $"Ftm Owner {tag}", ActorKind.Person, "IL");
        var vendor = await app.AddActorAsync(Unique("ftm-vendor"), $"Ftm Vendor {tag}", ActorKind.Company, "CY");
        var amber = await app.AddActorAsync(Unique("ftm-amber"), $"Ftm Amber {tag}", ActorKind.Company, "CY", Marking.Amber);
        await using (var db = app.CreateDb())
        {
            db.Relationships.Add(new Relationship { Slug = $"ftm-owns-{tag}", Type = RelationshipType.Owns, FromActorId = owner.Id, ToActorId = vendor.Id, SharePercent = 51, StartDate = "2019-04", Status = ReviewStatus.Published });
            db.Relationships.Add(new Relationship { Slug = $"ftm-officer-{tag}", Type = RelationshipType.OfficerOf, FromActorId = owner.Id, ToActorId = amber.Id, Role = "director", Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
        }

        var anonymous = app.Anonymous();
        (await (await anonymous.GetAsync("/data", Ct)).Content.ReadAsStringAsync(Ct)).Should().Contain("href=\"/api/v1/data/entities.ftm.json\"");
        var lines = (await TextAsync(anonymous, "/api/v1/data/entities.ftm.json", "application/x-ndjson")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!).ToList();
        var ownership = lines.Single(e => e["id"]!.GetValue<string>() == $"vigil-rel-ftm-owns-{tag}");
        ownership["schema"]!.GetValue<string>().Should().Be("Ownership");
        ownership["properties"]!["owner"]![0]!.GetValue<string>().Should().Be($"vigil-actor-{owner.Slug}");
        ownership["properties"]!["asset"]![0]!.GetValue<string>().Should().Be($"vigil-actor-{vendor.Slug}");
        ownership["properties"]!["percentage"]![0]!.GetValue<string>().Should().Be("51");
        lines.Select(e => e["id"]!.GetValue<string>()).Should().NotContain([$"vigil-actor-{amber.Slug}", $"vigil-rel-ftm-officer-{tag}"], "AMBER is above the public's clearance");

        var (name, cleared) = await app.ReviewerAsync();
        var all = await TextAsync(cleared, "/api/v1/data/entities.ftm.json", "application/x-ndjson");
        all.Should().Contain($"vigil-actor-{amber.Slug}").And.Contain($"\"schema\":\"Directorship\"");
        (await app.InScopeAsync(sp => sp.GetRequiredService<SecurityDb>().AuditLog
            .Where(e => e.Event == AuditEvents.Export && e.Actor == name && e.Detail.Contains("format=ftm")).Select(e => e.Detail).ToListAsync(Ct)))
            .Should().ContainSingle().Which.Should().MatchRegex("highest=(AMBER|RED)");
    }

    [Fact]
    public async Task TheMispGalaxy_DownloadsAsTheUpstreamCluster_HoldingOnlyTheVendorsTheReaderMaySee_LinkedFromTheDataPage_AndAClearedExportIsAudited()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var uuid = Guid.NewGuid().ToString();
        var vendor = await app.AddActorAsync(Unique("misp-vendor"), $"Misp Vendor {tag}", ActorKind.Company, "IL");
        var subsidiary = await app.AddActorAsync(Unique("misp-subsidiary"), $"Misp Subsidiary {tag}", ActorKind.Company, "CY");
        var amber = await app.AddActorAsync(Unique("misp-amber"), $"Misp Amber {tag}", ActorKind.Company, "CY", Marking.Amber);
        await using (var db = app.CreateDb())
        {
            db.ActorIdentifiers.Add(new ActorIdentifier { ActorId = vendor.Id, Scheme = "misp", Value = uuid });
            db.ActorIdentifiers.Add(new ActorIdentifier { ActorId = amber.Id, Scheme = "misp", Value = Guid.NewGuid().ToString() });
            db.Relationships.Add(new Relationship { Slug = $"misp-subsidiary-{tag}", Type = RelationshipType.SubsidiaryOf, FromActorId = subsidiary.Id, ToActorId = vendor.Id, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
        }

        var anonymous = app.Anonymous();
        (await (await anonymous.GetAsync("/data", Ct)).Content.ReadAsStringAsync(Ct)).Should().Contain("href=\"/api/v1/data/misp-galaxy.json\"");
        var response = await anonymous.GetAsync("/api/v1/data/misp-galaxy.json", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        response.Content.Headers.ContentDisposition!.FileName.Should().Be("surveillance-vendor.json", "the name of the cluster file in MISP/misp-galaxy");
        var cluster = JsonNode.Parse(text)!;
        cluster["uuid"]!.GetValue<string>().Should().Be("c3631f86-14f1-11ea-88b0-d37ade2e3f89", "MISP's own surveillance-vendor cluster");
        var values = cluster["values"]!.AsArray();
        var mine = values.Single(v => v!["value"]!.GetValue<string>() == vendor.Name)!;
        mine["uuid"]!.GetValue<string>().Should().Be(uuid);
        mine["meta"]!["country"]!.GetValue<string>().Should().Be("IL");
        var child = values.Single(v => v!["value"]!.GetValue<string>() == subsidiary.Name)!;
        child["related"]![0]!["dest-uuid"]!.GetValue<string>().Should().Be(uuid);
        child["related"]![0]!["type"]!.GetValue<string>().Should().Be("subsidiary-of");
        text.Should().NotContain(amber.Name, "AMBER is above the public's clearance");

        var (name, cleared) = await app.ReviewerAsync();
        (await cleared.GetStringAsync("/api/v1/data/misp-galaxy.json", Ct)).Should().Contain(amber.Name);
        (await app.InScopeAsync(sp => sp.GetRequiredService<SecurityDb>().AuditLog
            .Where(e => e.Event == AuditEvents.Export && e.Actor == name && e.Detail.Contains("format=misp")).Select(e => e.Detail).ToListAsync(Ct)))
            .Should().ContainSingle().Which.Should().MatchRegex("highest=(AMBER|RED)");
    }

    private static async Task<string> TextAsync(HttpClient client, string url, string mediaType)
    {
        var response = await client.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be(mediaType);
        response.Content.Headers.ContentDisposition!.FileName.Should().StartWith("vigil-");
        return text;
    }
}

[Trait("Database", "Sqlite")]
[Collection(SqliteApiCollection.Name)]
public sealed class SqliteOpenDataApiTests(SqliteEditorApp app) : OpenDataApiTests(app);

[Trait("Database", "Postgres")]
[Collection(PostgresApiCollection.Name)]
public sealed class PostgresOpenDataApiTests(PostgresEditorApp app) : OpenDataApiTests(app);
