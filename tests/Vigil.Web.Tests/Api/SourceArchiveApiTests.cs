using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Testing;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Api;

/// <summary>
/// A source's archived copy through the real app: stored with its SHA-256 and size, checked by its first
/// bytes, served back as a sandboxed attachment only to readers who may see the source, replaced while
/// the source is a draft and kept once it is published.
/// </summary>
public abstract class SourceArchiveApiTests(VigilApp editor)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static ByteArrayContent Body(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    [Fact]
    public async Task AnArchivedCopy_IsStoredWithItsHash_ServedSandboxedToWhoMaySeeTheSource_AndKeptOncePublished()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var anonymous = editor.Anonymous();
        var (_, reviewer) = await editor.ReviewerAsync();
        var source = (await client.CreatedAsync("/api/v1/sources", new { title = $"Archived report {Guid.NewGuid():N}", url = "https://example.org/archived", reliability = "B" }))["slug"]!.GetValue<string>();

        // Not a PDF nor an HTML page, whatever its name and type say: refused, nothing stored.
        var exe = await client.PutAsync($"/api/v1/sources/{source}/archive", Body([0x4D, 0x5A, 0x90, 0x00, 0x03], "application/pdf"), Ct);
        exe.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await exe.Content.ReadAsStringAsync(Ct)).Should().Contain("neither a PDF nor an HTML page");
        await (await anonymous.PutAsync($"/api/v1/sources/{source}/archive", Body(Pdf, "application/pdf"), Ct)).ShouldBeProblemAsync(403);
        await using (var db = editor.CreateDb())
        {
            (await db.SourceArchives.IgnoreQueryFilters().CountAsync(a => a.Source!.Slug == source, Ct)).Should().Be(0);
        }

        var stored = await client.PutAsync($"/api/v1/sources/{source}/archive", Body(Pdf, "application/octet-stream"), Ct);
        stored.StatusCode.Should().Be(HttpStatusCode.Created, await stored.Content.ReadAsStringAsync(Ct));
        var info = await stored.ReadJsonAsync();
        var sha = Convert.ToHexStringLower(SHA256.HashData(Pdf));
        info["sha256"]!.GetValue<string>().Should().Be(sha);
        info["size"]!.GetValue<long>().Should().Be(Pdf.Length);
        info["mediaType"]!.GetValue<string>().Should().Be("application/pdf", "the type comes from the bytes");
        info["fileName"]!.GetValue<string>().Should().Be($"{source}.pdf", "named after the source, never after the upload, whose name may name a person");
        (await client.GetAsync($"/api/v1/sources/{source}", Ct).OkAsync())["contentHash"]!.GetValue<string>().Should().Be(sha);

        var download = await client.GetAsync($"/api/v1/sources/{source}/archive", Ct);
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync(Ct)).Should().Equal(Pdf);
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        download.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith("sandbox");
        (await anonymous.GetAsync($"/api/v1/sources/{source}/archive", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound, "a draft source's copy is hidden with it");

        // While a draft, a new upload replaces the copy; once published, the copy is kept.
        var page = Encoding.UTF8.GetBytes("\uFEFF  <!doctype html><title>Archived</title><p>The page as read.</p>");
        (await client.PutAsync($"/api/v1/sources/{source}/archive", Body(page, "text/html"), Ct)).StatusCode.Should().Be(HttpStatusCode.Created);
        await ReviewSupport.PublishThroughReviewAsync(client, reviewer, $"/api/v1/sources/{source}");
        var read = await anonymous.GetAsync($"/api/v1/sources/{source}/archive", Ct);
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        (await read.Content.ReadAsByteArrayAsync(Ct)).Should().Equal(page);
        read.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var replace = await client.PutAsync($"/api/v1/sources/{source}/archive", Body(Pdf, "application/pdf"), Ct);
        replace.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await replace.Content.ReadAsStringAsync(Ct)).Should().Contain("is not replaced");
    }
}

[Trait("Database", "Sqlite")]
[Collection(SqliteApiCollection.Name)]
public sealed class SqliteSourceArchiveApiTests(SqliteEditorApp editor) : SourceArchiveApiTests(editor);

[Trait("Database", "Postgres")]
[Collection(PostgresApiCollection.Name)]
public sealed class PostgresSourceArchiveApiTests(PostgresEditorApp editor) : SourceArchiveApiTests(editor);
