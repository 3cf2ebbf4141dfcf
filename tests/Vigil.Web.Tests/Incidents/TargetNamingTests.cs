using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Protection;
using Vigil.Testing;
using Vigil.Web.Tests.Api;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Incidents;

/// <summary>
/// Sources that name a target (issue 13, item 9): a citation on an incident whose source title, address
/// or quote contains a target's name or alias is refused below RED, at write and at publish, with an
/// error that names no one; at RED it is accepted.
/// </summary>
public abstract class TargetNamingTests(VigilApp editor)
{
    // Unique strings, so that a leak is a test failure and not a coincidence.
    private const string Name = "Zqxy Namingcanary";
    private const string Alias = "the whistleblower of Qvzport";

    [Fact]
    public async Task ACitation_WhoseSourceTitleUrlOrQuoteNamesATarget_IsRefusedBelowRed_AndAcceptedAtRed()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var incident = await IncidentAsync($"{Name}; {Alias}");

        var byTitle = await SourceAsync($"Spyware found on {Name.ToUpperInvariant()}'s phone", "https://example.org/a");
        var byUrl = await SourceAsync("A phone examined", "https://example.org/news/zqxy-namingcanary-hacked");
        var neutral = await SourceAsync("A lab report on a zero-click exploit", "https://example.org/report");

        foreach (var (source, quote, what) in new[] { (byTitle, (string?)null, "title"), (byUrl, null, "address"), (neutral, $"Lab staff spoke to {Alias}.", "quote (alias)") })
        {
            var refused = await client.PostJsonAsync("/api/v1/citations", new { source, subject = $"incident:{incident}", quote, marking = "CLEAR" });
            var problem = await refused.ShouldBeProblemAsync(400);
            problem["errors"]!["marking"]![0]!.GetValue<string>().Should().Contain("names a person targeted in this incident", what);
            problem.ToJsonString().Should().NotContain("Namingcanary", $"the error names no one ({what})").And.NotContain("Qvzport");
        }
        await using (var db = editor.CreateDb())
        {
            (await db.Citations.IgnoreQueryFilters().CountAsync(c => c.Incident!.Slug == incident, Ct)).Should().Be(0, "nothing was written");
        }

        (await client.CreatedAsync("/api/v1/citations", new { source = byTitle, subject = $"incident:{incident}", marking = "RED" }))
            ["marking"]!.GetValue<string>().Should().Be("RED");
        await client.CreatedAsync("/api/v1/citations", new { source = neutral, subject = $"incident:{incident}", quote = "A zero-click exploit.", marking = "CLEAR" });

        // The cited source renamed afterwards to name the target: refused too, nothing changed.
        var renamed = await client.PutJsonAsync($"/api/v1/sources/{neutral}", new { title = $"What {Name} told the lab", url = "https://example.org/report", reliability = "B", version = 1 });
        var renameProblem = await renamed.ShouldBeProblemAsync(400);
        renameProblem["errors"]!["title"]![0]!.GetValue<string>().Should().Contain("names a person targeted");
        renameProblem.ToJsonString().Should().NotContain("Namingcanary");
    }

    [Fact]
    public async Task AnIdentityStoredAfterTheCitation_StopsItsPublication_NamingNoOne()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var incident = await IncidentAsync(identity: null);
        var source = await SourceAsync($"How {Name} was hacked", "https://example.org/b");
        var citation = (await client.CreatedAsync("/api/v1/citations", new { source, subject = $"incident:{incident}", marking = "CLEAR" }))["slug"]!.GetValue<string>();
        await client.PostJsonAsync($"/api/v1/citations/{citation}/submit", new { }).OkAsync();

        // The operator loads the identity afterwards (arranged in the database, as `vigil incidents identities` stores it).
        await editor.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Vigil.Data.VigilDb>();
            var target = await db.Targets.IgnoreQueryFilters().SingleAsync(t => t.Incident!.Slug == incident, Ct);
            var (cipher, keyId) = sp.GetRequiredService<TargetKeyring>().Encrypt(target.Pseudonym, Name);
            await db.Targets.IgnoreQueryFilters().Where(t => t.Id == target.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.IdentityCipher, cipher).SetProperty(t => t.IdentityKeyId, keyId), Ct);
            return 0;
        });

        var (_, reviewer) = await editor.ReviewerAsync();
        var refused = await reviewer.PostJsonAsync($"/api/v1/citations/{citation}/publish", new { });
        var problem = await refused.ShouldBeProblemAsync(400);
        problem["errors"]!["marking"]![0]!.GetValue<string>().Should().Contain("cite it at RED");
        problem.ToJsonString().Should().NotContain("Namingcanary");
        (await client.GetStringAsync($"/api/v1/citations/{citation}", Ct)).Should().Contain("in-review", "it stays in review");
    }

    private async Task<string> IncidentAsync(string? identity)
    {
        var slug = Unique("incident-naming");
        await editor.CreateClient().CreatedAsync("/api/v1/incidents", new
        {
            title = "Naming test", slug, firstSeen = "2024-03", forensicStatus = "lab-confirmed", vector = "zero-click",
            targets = new[] { new { category = "journalist", residenceCountry = "GB", consent = "public-record", identity } },
        });
        return slug;
    }

    private async Task<string> SourceAsync(string title, string url) =>
        (await editor.CreateClient().CreatedAsync("/api/v1/sources", new { title, url, reliability = "B" }))["slug"]!.GetValue<string>();
}

[Collection(SqliteApiCollection.Name)]
[Trait("Database", "Sqlite")]
public sealed class TargetNamingOnSqlite(SqliteEditorApp editor) : TargetNamingTests(editor);

[Collection(PostgresApiCollection.Name)]
[Trait("Database", "Postgres")]
public sealed class TargetNamingOnPostgres(PostgresEditorApp editor) : TargetNamingTests(editor);
