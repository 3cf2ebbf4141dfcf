using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Features.Import;
using Vigil.Features.Sanctions;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Sanctions;

/// <summary>
/// The bulk path of the FtM import (PostgreSQL: binary COPY; SQLite: prepared multi-row INSERTs): a few thousand
/// generated entities land as the same list entries, actors, measures, revisions and search entries as on SQLite;
/// the same file again writes nothing; the next snapshot adds, changes and delists exactly what it should; a bad
/// line refuses the file with nothing written.
/// </summary>
public abstract class ImportFtmBulkTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int Subjects = 1500;

    /// <summary>Subjects (people, companies, organisations) with one or two sanctions each; one in 300 in a tracked programme.</summary>
    private static string Generate(string folder, bool next)
    {
        var lines = new List<string>();
        for (var i = 0; i < Subjects + (next ? 30 : 0); i++)
        {
            if (next && i % 50 == 49 && i < Subjects)
            {
                continue; // no longer sanctioned
            }
            var id = $"NK-test{i:D5}";
            var schema = (i % 3) switch { 0 => "Person", 1 => "Company", _ => "Organization" };
            var name = (next && i % 50 == 25 ? "RENAMED " : "") + $"Subject {i} {schema}";
            var props = new Dictionary<string, string[]>
            {
                ["name"] = [name], ["alias"] = [$"Alias {i}", $"Other {i}"], ["country"] = [i % 2 == 0 ? "ru" : "ir"],
                ["notes"] = [$"note {i}"], ["programId"] = [i % 300 == 7 ? "CYBER2" : "EU-UKR"],
            };
            if (schema == "Person")
            {
                props["birthDate"] = [$"{1950 + i % 50}-01-0{1 + i % 9}"];
            }
            lines.Add(JsonSerializer.Serialize(new { id, caption = name, schema, properties = props, datasets = new[] { "eu_fsf" }, referents = new[] { $"ofac-{9000 + i}" },
                first_seen = "2024-01-01T00:00:00", last_seen = next ? "2026-02-01T00:00:00" : "2026-01-01T00:00:00" }));
            for (var s = 0; s < 1 + i % 2; s++)
            {
                lines.Add(JsonSerializer.Serialize(new
                {
                    id = $"{id}-s{s}", schema = "Sanction", caption = "Sanction",
                    properties = new Dictionary<string, string[]>
                    {
                        ["entity"] = [id], ["authority"] = [s == 0 ? "Council of the European Union" : "Office of Foreign Assets Control"],
                        ["country"] = [s == 0 ? "eu" : "us"], ["programId"] = [i % 300 == 7 && s == 0 ? "CYBER2" : s == 0 ? "EU-UKR" : "US-RUSHAR"],
                        ["listingDate"] = [$"20{10 + i % 15}-03-01"],
                    },
                    datasets = new[] { s == 0 ? "eu_fsf" : "us_ofac_sdn" },
                }));
            }
        }
        var file = Path.Combine(folder, next ? "next.ftm.json" : "first.ftm.json");
        File.WriteAllLines(file, lines);
        return file;
    }

    private static async Task<FtmImportSummary> ImportAsync(TestDatabase database, string file)
    {
        await using var db = database.CreateContext();
        return await new ImportFtmHandler(db, TimeProvider.System).HandleAsync(file, true, Ct);
    }

    /// <summary>Every list entry but its row id and time, and the graph's counts.</summary>
    private static async Task<(List<string> Entries, (int, int, int, int, int) Counts)> StateAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var entries = (await db.ListEntries.AsNoTracking().ToListAsync(Ct))
            .Select(x => string.Join("|", x.List, x.EntryId, x.Name, x.Schema, x.Aliases, x.Identifiers, x.Programmes, x.Countries, x.Date, x.Remarks,
                x.ListedDate, x.DelistedDate, x.SnapshotDate, x.ActorId is null ? "-" : "actor", x.History))
            .Order(StringComparer.Ordinal).ToList();
        return (entries, (await db.Actors.CountAsync(Ct), await db.Measures.CountAsync(Ct), await db.Revisions.CountAsync(Ct),
            await db.SearchEntries.CountAsync(Ct), await db.MatchCandidates.IgnoreQueryFilters().CountAsync(Ct)));
    }

    [Fact]
    public async Task AFewThousandEntities_LandAsOnSqlite_AgainWritesNothing_AndTheNextSnapshotIsAnExactDelta()
    {
        var folder = Directory.CreateTempSubdirectory("vigil-ftm-bulk-").FullName;
        var first = Generate(folder, next: false);
        var next = Generate(folder, next: true);
        await using var sqlite = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await sqlite.MigrateAsync();

        var summary = await ImportAsync(Database, first);
        var reference = await ImportAsync(sqlite, first);
        summary.List!.Added.Should().Be(Subjects);
        summary.ToString().Should().Be(reference.ToString());
        summary.ActorsCreated.Should().Be(5, "one subject in 300 is in the tracked programme CYBER2");
        var state = await StateAsync(Database);
        state.Entries.Should().HaveCount(Subjects).And.Equal((await StateAsync(sqlite)).Entries);
        state.Counts.Should().Be((await StateAsync(sqlite)).Counts);
        state.Entries.Count(x => x.Contains("|actor|", StringComparison.Ordinal)).Should().Be(5);

        var again = await ImportAsync(Database, first);
        again.ChangedNothing.Should().BeTrue(again.ToString());
        (await StateAsync(Database)).Should().BeEquivalentTo(state, "the same file twice writes nothing");

        var delta = await ImportAsync(Database, next);
        var referenceDelta = await ImportAsync(sqlite, next);
        (delta.List!.Added, delta.List.Changed, delta.List.Delisted, delta.List.Relisted).Should().Be((30, 30, 30, 0));
        delta.ToString().Should().Be(referenceDelta.ToString());
        var after = await StateAsync(Database);
        after.Should().BeEquivalentTo(await StateAsync(sqlite));
        after.Entries.Should().HaveCount(Subjects + 30);
        after.Entries.Single(x => x.Contains("|NK-test00049|", StringComparison.Ordinal)).Should()
            .EndWith("|2026-01-01: listed\n2026-02-01: no longer sanctioned in the file of 2026-02-01: delisted");
        after.Entries.Single(x => x.Contains("|NK-test00025|", StringComparison.Ordinal)).Should()
            .Contain("|RENAMED Subject 25 Company|").And.EndWith("|2026-01-01: listed\n2026-02-01: renamed from Subject 25 Company");

        // The first snapshot again, older than the stored one: nothing is undone, nothing written.
        var older = await ImportAsync(Database, first);
        (older.List!.Added, older.List.Changed, older.List.Delisted).Should().Be((0, 0, 0));
        (await StateAsync(Database)).Should().BeEquivalentTo(after);
    }

    [Fact]
    public async Task ABadLineDeepInALargeFile_IsNamed_AndNothingIsWritten()
    {
        var folder = Directory.CreateTempSubdirectory("vigil-ftm-bulk-").FullName;
        var lines = File.ReadAllLines(Generate(folder, next: false)).ToList();
        lines.Insert(3000, "{\"id\": \"NK-broken\", \"schema\": \"Sanction\", \"properties\": {\"entity\": [\"NK-test00001\"], \"authority\": [\"x\"], \"startDate\": [\"soon\"]}}");
        var file = Path.Combine(folder, "bad.ftm.json");
        File.WriteAllLines(file, lines);

        var act = () => ImportAsync(Database, file);

        var refused = (await act.Should().ThrowAsync<ImportRejectedException>()).Which;
        refused.Errors.Should().ContainSingle().Which.Should().Match<ImportError>(e => e.Line == 3001 && e.Record == "NK-broken" && e.Field == "startDate");
        (await StateAsync(Database)).Entries.Should().BeEmpty();
    }
}

[Trait("Database", "Sqlite")]
public sealed class ImportFtmBulkOnSqlite() : ImportFtmBulkTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class ImportFtmBulkOnPostgres() : ImportFtmBulkTests(DatabaseKind.Postgres);
