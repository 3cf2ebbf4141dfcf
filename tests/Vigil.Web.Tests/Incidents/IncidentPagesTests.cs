using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Vigil.Web.Tests.Api;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Incidents;

/// <summary>An app without starter data whose log lines are kept, for the incident pages.</summary>
public abstract class IncidentPagesApp : VigilApp
{
    protected override bool Seed => false;

    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs));
    }
}

public sealed class SqliteIncidentPagesApp : IncidentPagesApp
{
    public override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class PostgresIncidentPagesApp : IncidentPagesApp
{
    public override DatabaseKind Kind => DatabaseKind.Postgres;
}

/// <summary>
/// Every incident page renders (200, no error logged) for the public and an editor: list, incident,
/// timeline, statistics, the form, and the incident sections of the actor, product and country pages.
/// </summary>
public abstract class IncidentPagesTests<TApp>(TApp app) where TApp : IncidentPagesApp
{
    [Fact]
    public async Task IncidentPages_Render_ForThePublicAndAnEditor_WithTheIncidentLinkedFromActorProductAndCountry()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var vendor = Unique("vendor");
        var state = Unique("state");
        var product = Unique("product");
        var source = Unique("source");
        await app.AddActorAsync(vendor, "Vendor Pages");
        await app.AddActorAsync(state, "State Pages", ActorKind.State, "EG");
        await app.AddProductAsync(product);
        await app.AddSourceAsync(source);
        var (_, token) = await app.CreateAccountAsync(Unique("editor"), [Roles.Editor]);
        var editor = app.CreateClient(token);
        var slug = Unique("incident-pages");
        var created = await editor.PostJsonAsync("/api/v1/incidents", new
        {
            title = $"Pages {slug}", slug, firstSeen = "2022-06", country = "GR", vendors = new[] { vendor }, products = new[] { product },
            operators = new[] { new { actor = state, confidence = "high", reasoning = "infrastructure" } },
            targets = new[] { new { category = "journalist", residenceCountry = "GR", consent = "public-record", identity = "Pqzx Pagecanary" } },
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        await using (var db = app.CreateDb())
        {
            var incident = db.Incidents.AsTracking().Single(i => i.Slug == slug);
            incident.Status = ReviewStatus.Published;
            foreach (var t in db.Targets.AsTracking().Where(t => t.IncidentId == incident.Id))
            {
                t.Status = ReviewStatus.Published;
            }
            db.Citations.Add(new Citation { Slug = slug + "-cite", IncidentId = incident.Id, SourceId = db.Sources.Single(s => s.Slug == source).Id, Credibility = 2, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
        }

        string[] pages =
        [
            "/incidents", $"/incidents/{slug}", $"/incidents/timeline?vendor={vendor}", $"/incidents/timeline?operatorState=EG", "/incidents/stats",
            $"/actors/{vendor}", $"/actors/{state}", $"/products/{product}", "/countries/EG",
        ];
        foreach (var (who, client) in new[] { ("public", app.CreateClient()), ("editor", editor) })
        {
            foreach (var url in pages)
            {
                var response = await client.GetAsync(url, Ct);
                var html = await response.Content.ReadAsStringAsync(Ct);
                response.StatusCode.Should().Be(HttpStatusCode.OK, $"{who} GET {url}");
                html.Should().Contain(url == "/incidents/stats" ? "1 government is suspected of using commercial spyware against people outside their borders" : $"Pages {slug}",
                    $"{who} GET {url} shows the incident");
                html.Should().NotContain("Pagecanary");
            }
        }
        (await editor.GetAsync("/incidents/new", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var visitor = await app.CreateClient().GetAsync("/incidents/new", Ct);
        visitor.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/account/login", "only editors record incidents: a visitor is asked to sign in");
        (await visitor.Content.ReadAsStringAsync(Ct)).Should().NotContain("<h1>New incident</h1>");
        (await app.CreateClient().GetAsync("/incidents?category=astronaut", Ct)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        app.Logs.Lines.Should().NotContain(l => l.Contains("Exception", StringComparison.Ordinal) && l.StartsWith("Error", StringComparison.Ordinal));
        app.Logs.Lines.Should().NotContain(l => l.Contains("Pagecanary", StringComparison.Ordinal));
    }
}

[Trait("Database", "Sqlite")]
public sealed class IncidentPagesOnSqlite(SqliteIncidentPagesApp app) : IncidentPagesTests<SqliteIncidentPagesApp>(app), IClassFixture<SqliteIncidentPagesApp>;

[Trait("Database", "Postgres")]
public sealed class IncidentPagesOnPostgres(PostgresIncidentPagesApp app) : IncidentPagesTests<PostgresIncidentPagesApp>(app), IClassFixture<PostgresIncidentPagesApp>;
