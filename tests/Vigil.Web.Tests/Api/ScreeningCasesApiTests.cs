using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Api;

/// <summary>
/// Screening case files through the real app: save, decide, confirm by a second person (the decider is
/// refused), export; readers without the role or the clearance see no case, on the API or the pages.
/// </summary>
public abstract class ScreeningCasesApiTests(VigilApp editor)
{
    private async Task<string> ListEntryAsync()
    {
        var word = "Zorvex" + Guid.NewGuid().ToString("N")[..6];
        await using var db = editor.CreateDb();
        db.ListEntries.Add(new ListEntry
        {
            List = "us_ofac_sdn", EntryId = Unique("9"), Name = $"{word} Surveillance Trading", Schema = "LegalEntity", Identifiers = "ofac:x",
            Programmes = "CYBER2", ListedDate = "2024-04-26", SnapshotDate = "2024-04-26", UpdatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(Ct);
        return $"{word} Surveillance Trading";
    }

    [Fact]
    public async Task SaveDecideConfirmExport_TheDeciderCannotConfirm_AndPagesShowTheCase()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var name = await ListEntryAsync();
        var (_, both) = await editor.ReviewerAsync(Roles.Editor, Roles.Reviewer);
        var created = await both.CreatedAsync("/api/v1/screening/cases", new { name });
        var id = created["id"]!.GetValue<long>();
        created["marking"]!.GetValue<string>().Should().Be("AMBER");
        created["hits"]!.AsArray().Should().Contain(h => h!["name"]!.GetValue<string>() == name);

        await (await both.PostJsonAsync($"/api/v1/screening/cases/{id}/decide", new { decision = "maybe" })).ShouldBeProblemAsync(400);
        (await both.PostJsonAsync($"/api/v1/screening/cases/{id}/decide", new { decision = "escalate", rationale = "Same name, programme CYBER2." }).OkAsync())
            ["decision"]!.GetValue<string>().Should().Be("escalate");
        var self = await (await both.PostJsonAsync($"/api/v1/screening/cases/{id}/confirm", new { })).ShouldBeProblemAsync(409);
        self["detail"]!.GetValue<string>().Should().Contain("second person");
        await (await editor.CreateClient().PostJsonAsync($"/api/v1/screening/cases/{id}/confirm", new { })).ShouldBeProblemAsync(403);
        var (reviewerName, reviewer) = await editor.ReviewerAsync();
        (await reviewer.PostJsonAsync($"/api/v1/screening/cases/{id}/confirm", new { }).OkAsync())["confirmedBy"]!.GetValue<string>().Should().Be(reviewerName);

        var export = await reviewer.GetAsync($"/api/v1/screening/cases/{id}/export", Ct);
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        export.Content.Headers.ContentDisposition!.FileName.Should().Contain($"screening-case-{id}.json");
        (await export.Content.ReadAsStringAsync(Ct)).Should().Contain("\"decision\": \"escalate\"").And.Contain(name);
        // Each export reaches the use case and is audited (never answered from the reader cache).
        (await reviewer.GetAsync($"/api/v1/screening/cases/{id}/export", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var exportsAudited = await editor.InScopeAsync(sp => sp.GetRequiredService<SecurityDb>().AuditLog
            .CountAsync(e => e.Event == AuditEvents.ScreeningCaseExported && e.Actor == reviewerName, Ct));
        exportsAudited.Should().Be(2);
        (await editor.InScopeAsync(sp => sp.GetRequiredService<SecurityDb>().AuditLog
            .CountAsync(e => e.Event == AuditEvents.ScreeningCaseConfirmed && e.Actor == reviewerName, Ct))).Should().Be(1);

        (await reviewer.GetAsync("/api/v1/screening/cases", Ct).OkAsync()).AsArray().Should().Contain(c => c!["id"]!.GetValue<long>() == id);
        var list = await (await reviewer.GetAsync("/screening/cases", Ct)).Content.ReadAsStringAsync(Ct);
        list.Should().Contain($"/screening/cases/{id}");
        var page = await reviewer.GetAsync($"/screening/cases/{id}", Ct);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync(Ct)).Should().Contain(name).And.Contain("escalate").And.Contain("Download the case as JSON");
        var screening = await (await editor.CreateClient().GetAsync($"/screening?name={Uri.EscapeDataString(name)}", Ct)).Content.ReadAsStringAsync(Ct);
        screening.Should().Contain("Save as case").And.Contain("/screening/cases");
    }

    [Fact]
    public async Task AReaderWithoutTheRoleOrTheClearance_SeesNoCase_OnTheApiOrThePages()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var name = await ListEntryAsync();
        var id = (await editor.CreateClient().CreatedAsync("/api/v1/screening/cases", new { name, marking = "AMBER+STRICT" }))["id"]!.GetValue<long>();
        var (_, readerToken) = await editor.CreateAccountAsync(Unique("plain-reader"), [Roles.Reader]);
        var (_, lowToken) = await editor.CreateAccountAsync(Unique("amber-editor"), [Roles.Editor, Roles.Reviewer], Marking.Amber);
        foreach (var client in new[] { editor.CreateClient(readerToken), editor.CreateClient(lowToken), editor.Anonymous() })
        {
            (await client.GetAsync("/api/v1/screening/cases", Ct).OkAsync()).AsArray().Should().NotContain(c => c!["id"]!.GetValue<long>() == id);
            await (await client.GetAsync($"/api/v1/screening/cases/{id}", Ct)).ShouldBeProblemAsync(404);
            await (await client.GetAsync($"/api/v1/screening/cases/{id}/export", Ct)).ShouldBeProblemAsync(404);
            (await client.PostJsonAsync($"/api/v1/screening/cases/{id}/confirm", new { })).StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
            var page = await client.GetAsync($"/screening/cases/{id}", Ct);
            (await page.Content.ReadAsStringAsync(Ct)).Should().NotContain(name);
        }
        (await editor.CreateClient(readerToken).GetAsync($"/screening/cases/{id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await editor.CreateClient(lowToken).GetAsync($"/screening/cases/{id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await (await editor.CreateClient(readerToken).PostJsonAsync("/api/v1/screening/cases", new { name })).ShouldBeProblemAsync(403);
    }
}

[Trait("Database", "Sqlite")]
[Collection(SqliteApiCollection.Name)]
public sealed class SqliteScreeningCasesApiTests(SqliteEditorApp editor) : ScreeningCasesApiTests(editor);

[Trait("Database", "Postgres")]
[Collection(PostgresApiCollection.Name)]
public sealed class PostgresScreeningCasesApiTests(PostgresEditorApp editor) : ScreeningCasesApiTests(editor);
