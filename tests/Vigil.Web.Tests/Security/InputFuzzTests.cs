using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Testing;
using Vigil.Web.Tests.Api;
using Xunit;

namespace Vigil.Web.Tests.Security;

/// <summary>
/// A bounded, seeded fuzz of the API's write routes with the inputs an outside probe used: NUL and other
/// control characters, names that are only invisible characters, right-to-left overrides, texts far too
/// long, too many aliases, formula starts. Whatever comes: no 5xx; a refusal is a ProblemDetails naming
/// the field and writes nothing; what is accepted is stored without a control character or an override.
/// </summary>
public abstract class InputFuzzTests(EditorApp editor)
{
    private const int Seed = 14;
    private const int Requests = 60;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] s_nasty =
    [
        "\u0000", "\u200B", "\u200B\u200D\uFEFF", " \t ", "Acme\u0000Corp", "Acme\u202Eproc.exe", "\u2066Acme\u2069", "Acme\u0007",
        new string('x', 600), new string('y', 30_000), "=HYPERLINK(\"http://x\")", "Zoë Ärger S.A.", "Ω", "名字",
    ];

    [Fact]
    public async Task FuzzedApiWrites_NeverFail_RefuseWithTheField_AndWriteNothingOnRefusal()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var random = new Random(Seed);
        var client = editor.CreateClient();
        var refused = 0;
        for (var i = 0; i < Requests; i++)
        {
            var text = s_nasty[random.Next(s_nasty.Length)] + (random.Next(3) == 0 ? $" {i}" : "");
            var (route, field, body) = random.Next(4) switch
            {
                0 => ("/api/v1/actors", "name", (object)new { name = text, kind = "company" }),
                1 => ("/api/v1/products", "name", new { name = text }),
                2 => ("/api/v1/sources", "title", new { title = text, kind = "article", reliability = "B" }),
                _ => ("/api/v1/actors", "aliases", new { name = $"Fuzz alias owner {i}", kind = "company", aliases = Enumerable.Range(0, random.Next(2) == 0 ? 3 : 250).Select(n => new { name = $"alias {n}" }).ToArray() }),
            };
            var before = await CountAsync();
            var response = await client.PostJsonAsync(route, body);
            var answer = await response.Content.ReadAsStringAsync(Ct);
            var label = $"request {i}: POST {route} with {field} = {Describe(text)}";
            ((int)response.StatusCode).Should().BeLessThan(500, label);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                answer.Should().NotContain("\\u0000", label).And.NotContain("\\u202E", label);
                continue;
            }
            refused++;
            var problem = await response.ShouldBeProblemAsync(400);
            problem["errors"]!.AsObject().Select(e => e.Key).Should().Contain(k => k.StartsWith(field, StringComparison.Ordinal), label);
            (await CountAsync()).Should().Be(before, $"{label} was refused, so nothing is written");
        }
        refused.Should().BeGreaterThan(Requests / 4, "the nasty inputs are mostly refused");
        await using var db = editor.CreateDb();
        // Read back and checked in memory: neither database takes a NUL inside a query (SQLite's parser stops
        // at one in a literal, PostgreSQL refuses one in a parameter).
        var names = await db.Actors.Select(a => a.Name).ToListAsync(Ct);
        names.Should().NotContain(n => n.Contains('\u0000') || n.Contains('\u202E') || n == "\u200B");
    }

    private async Task<long> CountAsync()
    {
        await using var db = editor.CreateDb();
        return await db.Actors.LongCountAsync(Ct) + await db.Products.LongCountAsync(Ct) + await db.Sources.LongCountAsync(Ct)
            + await db.ActorAliases.LongCountAsync(Ct) + await db.Revisions.LongCountAsync(Ct);
    }

    private static string Describe(string text) =>
        string.Concat(text.Take(24).Select(c => char.IsControl(c) || c > '\u2000' ? $"\\u{(int)c:X4}" : c.ToString())) + (text.Length > 24 ? $"… ({text.Length} chars)" : "");
}

[Collection(SqliteApiCollection.Name)]
[Trait("Database", "Sqlite")]
public sealed class InputFuzzOnSqlite(SqliteEditorApp editor) : InputFuzzTests(editor);

[Collection(PostgresApiCollection.Name)]
[Trait("Database", "Postgres")]
public sealed class InputFuzzOnPostgres(PostgresEditorApp editor) : InputFuzzTests(editor);
