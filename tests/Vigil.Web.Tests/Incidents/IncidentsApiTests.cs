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

/// <summary>
/// /api/v1/incidents through the real app seeded from data/: the starter incidents, the statistics and
/// their links, and a target's identity, which is written once and comes back only through the audited reveal.
/// </summary>
public abstract class IncidentsApiTests(VigilApp reader, VigilApp editor)
{
    [Fact]
    public async Task StarterData_LoadsTheFiftyOneIncidents_FiftyPublished_EachTargetByPseudonym()
    {
        TestDatabase.RequireAvailable(reader.Kind);
        await using (var db = reader.CreateDb())
        {
            (await db.Incidents.CountAsync(i => i.Slug.StartsWith("20"), Ct)).Should().Be(51);
            (await db.Incidents.CountAsync(i => i.Slug.StartsWith("20") && i.Status == ReviewStatus.Draft, Ct)).Should().Be(1);
            (await db.Targets.CountAsync(t => t.Incident!.Slug.StartsWith("20"), Ct)).Should().Be(51);
            (await db.Targets.CountAsync(t => t.Incident!.Slug.StartsWith("20") && t.IdentityCipher != null, Ct))
                .Should().Be(0, "names never come from the public data folder");
            (await db.Incidents.Where(i => i.Status == ReviewStatus.Published && i.Slug.StartsWith("20"))
                .CountAsync(i => !db.Citations.Any(c => c.IncidentId == i.Id), Ct)).Should().Be(0, "every published incident is cited");
        }
        var page = await (await reader.CreateClient().GetAsync("/api/v1/incidents?pageSize=100", Ct)).ReadJsonAsync();
        page["total"]!.GetValue<int>().Should().Be(50, "the one reported-only incident is a draft");

        var pegasus = await (await reader.CreateClient().GetAsync("/api/v1/incidents/2016-pegasus-human-rights-defender-ae", Ct)).ReadJsonAsync();
        pegasus["vendors"]!.AsArray().Select(v => v!["slug"]!.GetValue<string>()).Should().Contain("nso-group");
        pegasus["targets"]!.AsArray().Should().ContainSingle().Which!["pseudonym"]!.GetValue<string>().Should().MatchRegex("^Target-[0-9A-Z]{4}$");
        pegasus["targets"]![0]!["consent"]!.GetValue<string>().Should().Be("public-record");
        pegasus["citations"]!.AsArray().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Filters_TakeANameOrAnAlias_AsWellAsASlug_AcrossCaseAndAccents()
    {
        TestDatabase.RequireAvailable(reader.Kind);
        var client = reader.CreateClient();
        async Task<int> TotalAsync(string query) =>
            (await (await client.GetAsync($"/api/v1/incidents?pageSize=1&{query}", Ct)).ReadJsonAsync())["total"]!.GetValue<int>();
        var bySlug = await TotalAsync("vendor=nso-group");
        bySlug.Should().BeGreaterThan(5);
        (await TotalAsync("vendor=" + Uri.EscapeDataString("NSO Group"))).Should().Be(bySlug);
        (await TotalAsync("vendor=" + Uri.EscapeDataString("nso group"))).Should().Be(bySlug);
        (await TotalAsync("product=Pegasus")).Should().Be(await TotalAsync("product=pegasus"));
        (await TotalAsync("vendor=" + Uri.EscapeDataString("Nobody Spyware Ltd"))).Should().Be(0, "a name nothing has matches nothing");
        var measures = await (await client.GetAsync("/api/v1/measures?pageSize=1&target=" + Uri.EscapeDataString("Intellexa S.A."), Ct)).ReadJsonAsync();
        measures["total"]!.GetValue<int>().Should().Be(
            (await (await client.GetAsync("/api/v1/measures?pageSize=1&target=intellexa-sa", Ct)).ReadJsonAsync())["total"]!.GetValue<int>()).And.BeGreaterThan(0);
    }

    [Fact]
    public async Task Statistics_EachFigureLinksToTheListThatShowsExactlyItsIncidents()
    {
        TestDatabase.RequireAvailable(reader.Kind);
        var client = reader.CreateClient();
        var stats = await (await client.GetAsync("/api/v1/incidents/stats", Ct)).ReadJsonAsync();
        stats["incidents"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(50);
        stats["statesActingAbroad"]!.GetValue<int>().Should().BeGreaterThan(0);
        stats["headline"]!.GetValue<string>().Should().Contain("governments are suspected of using commercial spyware against people outside their borders");
        foreach (var breakdown in new[] { "byVendor", "byYear", "byTargetCategory", "byTransnational", "statesActingAbroadList" })
        {
            foreach (var figure in stats[breakdown]!.AsArray().Take(4))
            {
                var query = figure!["query"]!.GetValue<string>();
                var list = await (await client.GetAsync($"/api/v1/incidents?status=published&pageSize=1&{query}", Ct)).ReadJsonAsync();
                list["total"]!.GetValue<int>().Should().Be(figure["incidents"]!.GetValue<int>(), $"{breakdown}: {query}");
            }
        }
        var nso = stats["byVendor"]!.AsArray().Single(f => f!["key"]!.GetValue<string>() == "nso-group")!;
        nso["incidents"]!.GetValue<int>().Should().BeGreaterThan(20);
    }

    [Fact]
    public async Task Identity_IsWriteOnly_AndOnlyTheClearedReaderGetsIt_WithAnAuditEntry()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var name = "Canary " + Guid.NewGuid().ToString("N")[..10];
        var slug = Unique("incident-identity");
        var created = await editor.CreateClient().PostJsonAsync("/api/v1/incidents", new
        {
            title = "Identity test", slug, firstSeen = "2024-03", forensicStatus = "lab-confirmed", vector = "zero-click",
            vendors = new[] { "nso-group" }, products = new[] { "pegasus" },
            operators = new[] { new { actor = "united-arab-emirates", confidence = "moderate", reasoning = "shared infrastructure" } },
            targets = new[] { new { category = "journalist", residenceCountry = "GB", consent = "public-record", identity = name } },
        });
        var body = await created.Content.ReadAsStringAsync(Ct);
        created.StatusCode.Should().Be(HttpStatusCode.Created, body);
        body.Should().NotContain(name);
        var incident = await created.ReadJsonAsync();
        incident["transnational"]!.GetValue<bool>().Should().BeTrue("an Emirati operator against a UK resident");
        var target = incident["targets"]![0]!["slug"]!.GetValue<string>();
        incident["targets"]![0]!["hasIdentity"]!.GetValue<bool>().Should().BeTrue();

        await using (var db = editor.CreateDb())
        {
            var stored = await db.Targets.SingleAsync(t => t.Slug == target, Ct);
            stored.IdentityCipher.Should().NotBeNull().And.NotContain(name);
        }
        (await editor.CreateClient().GetStringAsync($"/api/v1/incidents/{slug}", Ct)).Should().NotContain(name);

        // An editor cleared for RED but without the victim-data permission: no.
        var refused = await editor.CreateClient().PostAsync($"/api/v1/targets/{target}/reveal", null, Ct);
        (await refused.ShouldBeProblemAsync(403)).ToJsonString().Should().NotContain(name);

        var cleared = Unique("cleared");
        var (_, token) = await editor.CreateAccountAsync(cleared, [Roles.Editor], Marking.Red);
        await editor.InScopeAsync(sp => sp.GetRequiredService<Accounts>().SetVictimDataAsync("test", cleared, true, Ct));
        var revealed = await editor.CreateClient(token).PostAsync($"/api/v1/targets/{target}/reveal", null, Ct);
        revealed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await revealed.ReadJsonAsync())["identity"]!.GetValue<string>().Should().Be(name);
        var audit = await editor.InScopeAsync(sp => sp.GetRequiredService<SecurityDb>().AuditLog
            .Where(e => e.Event == AuditEvents.Reveal && e.Actor == cleared).Select(e => e.Detail).ToListAsync(Ct));
        audit.Should().ContainSingle().Which.Should().Contain($"target={target}").And.NotContain(name);
    }

    [Fact]
    public async Task Reveal_NeedsAWriteCapableToken_NotABrowserSessionOrAReadToken_AndEveryAttemptIsAudited()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var name = "Canary " + Guid.NewGuid().ToString("N")[..10];
        var created = await editor.CreateClient().PostJsonAsync("/api/v1/incidents", new
        {
            // No vendor: the incident is published below without a citation, and a vendor's uncited incident
            // would show in the words-vs-actions lists of the tests that share this app.
            title = "Reveal transport test", slug = Unique("incident-reveal"), firstSeen = "2024-03", forensicStatus = "lab-confirmed", vector = "zero-click",
            targets = new[] { new { category = "journalist", residenceCountry = "GB", consent = "public-record", identity = name } },
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var target = (await created.ReadJsonAsync())["targets"]![0]!["slug"]!.GetValue<string>();
        // Published (arranged in the database): the reader below sees the target, so a refusal is about the
        // transport, not a 404 of a draft they may not see.
        var incidentSlug = (await created.ReadJsonAsync())["slug"]!.GetValue<string>();
        await editor.InScopeAsync(sp => sp.GetRequiredService<Vigil.Data.VigilDb>().Incidents.IgnoreQueryFilters()
            .Where(i => i.Slug == incidentSlug).ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, ReviewStatus.Published), Ct));
        var cleared = Unique("cleared");
        var (_, readToken) = await editor.CreateAccountAsync(cleared, [Roles.Reader], Marking.Red, TokenScope.Read, twoFactor: false);
        await editor.InScopeAsync(sp => sp.GetRequiredService<Accounts>().SetVictimDataAsync("test", cleared, true, Ct));

        // A read-only token of a cleared reader: no.
        var byReadToken = await editor.CreateClient(readToken).PostAsync($"/api/v1/targets/{target}/reveal", null, Ct);
        (await byReadToken.ShouldBeProblemAsync(403)).ToJsonString().Should().NotContain(name);

        // The same reader's browser session, posting from a foreign page (no antiforgery token): no.
        using var browser = new Account.SignInClient(editor.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }));
        browser.Http.DefaultRequestHeaders.Authorization = null;
        (await browser.SignInAsync(cleared)).StatusCode.Should().Be(HttpStatusCode.Redirect, "the reader signs in");
        using var foreign = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/targets/{target}/reveal");
        foreign.Headers.Add("Origin", "https://attacker.example");
        var bySession = await browser.Http.SendAsync(foreign, Ct);
        ((int)bySession.StatusCode).Should().Be(403);
        (await bySession.Content.ReadAsStringAsync(Ct)).Should().NotContain(name);

        // An unknown target: refused too. Every refusal is in the audit log, without the name.
        (await editor.CreateClient(readToken).PostAsync("/api/v1/targets/no-such-target/reveal", null, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var refusals = await editor.InScopeAsync(sp => sp.GetRequiredService<SecurityDb>().AuditLog
            .Where(e => e.Event == AuditEvents.RevealRefused && e.Actor == cleared).Select(e => e.Detail).ToListAsync(Ct));
        refusals.Should().HaveCount(3);
        refusals.Where(d => d.Contains($"target={target}", StringComparison.Ordinal)).Should().HaveCount(2).And.OnlyContain(d => d.Contains("outcome=forbidden"));
        refusals.Should().Contain(d => d.Contains("target=no-such-target") && d.Contains("outcome=notfound"));
        refusals.Should().OnlyContain(d => !d.Contains(name, StringComparison.Ordinal));
        var granted = await editor.InScopeAsync(sp => sp.GetRequiredService<SecurityDb>().AuditLog
            .CountAsync(e => e.Event == AuditEvents.Reveal && e.Actor == cleared, Ct));
        granted.Should().Be(0);
    }

    [Fact]
    public async Task TargetChanges_AreInTheIncidentsHistory_AndTheTargetHasAHistoryOfItsOwn()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var slug = Unique("incident-targets");
        var client = editor.CreateClient();
        var created = await (await client.PostJsonAsync("/api/v1/incidents", new
        {
            title = "Target history test", slug, firstSeen = "2024-03", vendors = new[] { "nso-group" },
            targets = new[] { new { category = "journalist", residenceCountry = "GB", nationality = "GB", consent = "public-record" } },
        })).ReadJsonAsync();
        var kept = created["targets"]![0]!["pseudonym"]!.GetValue<string>();

        // The kept target loses its countries and may no longer be named; a second target is added.
        var updated = await client.PutJsonAsync($"/api/v1/incidents/{slug}", new
        {
            title = "Target history test", slug, firstSeen = "2024-03", vendors = new[] { "nso-group" }, version = created["version"]!.GetValue<int>(),
            targets = new object[]
            {
                new { pseudonym = kept, category = "journalist", consent = "do-not-name" },
                new { category = "lawyer", residenceCountry = "FR", consent = "public-record" },
            },
        });
        updated.StatusCode.Should().Be(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync(Ct));

        var history = await (await client.GetAsync($"/api/v1/incidents/{slug}/history", Ct)).ReadJsonAsync();
        var latest = history["revisions"]![0]!["changes"]!.AsArray().Where(c => c!["field"]!.GetValue<string>() == "targets").ToList();
        latest.Should().HaveCount(2, "one target changed and one added, each a change of the incident the reviewer approves");
        var change = latest.Single(c => c!["old"] is not null)!;
        change["old"]!.GetValue<string>().Should().Contain(kept).And.Contain("residence GB").And.Contain("public-record");
        change["new"]!.GetValue<string>().Should().Contain("residence -").And.Contain("do-not-name");
        latest.Should().ContainSingle(c => c!["old"] == null && c["new"]!.GetValue<string>().Contains("lawyer"));

        var own = await client.GetAsync($"/api/v1/targets/{kept.ToLowerInvariant()}/history", Ct);
        own.StatusCode.Should().Be(HttpStatusCode.OK, "a reader who may see the target sees its history");
        (await own.ReadJsonAsync())["revisions"]!.AsArray().Should().HaveCountGreaterThanOrEqualTo(2);
        (await editor.CreateClient().GetAsync("/api/v1/targets/no-such-target/history", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_FiltersByTransnational_AndRejectsAnUnknownCategoryWithAProblem()
    {
        TestDatabase.RequireAvailable(reader.Kind);
        var client = reader.CreateClient();
        var yes = await (await client.GetAsync("/api/v1/incidents?transnational=true&pageSize=100", Ct)).ReadJsonAsync();
        var no = await (await client.GetAsync("/api/v1/incidents?transnational=false&pageSize=100", Ct)).ReadJsonAsync();
        var all = await (await client.GetAsync("/api/v1/incidents?pageSize=1", Ct)).ReadJsonAsync();
        (yes["total"]!.GetValue<int>() + no["total"]!.GetValue<int>()).Should().Be(all["total"]!.GetValue<int>());
        yes["items"]!.AsArray().Should().OnlyContain(i => i!["transnational"]!.GetValue<bool>());
        yes["total"]!.GetValue<int>().Should().BeGreaterThan(0);
        var problem = await (await client.GetAsync("/api/v1/incidents?category=astronaut", Ct)).ShouldBeProblemAsync(400);
        problem["errors"]!["category"].Should().NotBeNull();
    }
}

[Collection(SqliteApiCollection.Name)]
[Trait("Database", "Sqlite")]
public sealed class IncidentsApiOnSqlite(SqliteApp reader, SqliteEditorApp editor) : IncidentsApiTests(reader, editor);

[Collection(PostgresApiCollection.Name)]
[Trait("Database", "Postgres")]
public sealed class IncidentsApiOnPostgres(PostgresApp reader, PostgresEditorApp editor) : IncidentsApiTests(reader, editor);
