using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vigil.Access;
using Vigil.Data;
using Vigil.Features.Sanctions;

/// <summary>
/// FollowTheMoney import benchmark. <c>Generate</c> writes a synthetic OpenSanctions-shaped file: people,
/// companies and organisations with names, aliases, countries, dates, topics and identifiers, each followed by
/// its Sanction (one in five has two), as exports are shaped; one subject in 2,000 is in a tracked programme
/// (CYBER2), so it becomes an actor with measures. With <c>delta</c> it writes the next snapshot of the same
/// list: 1% of subjects gone, 1% renamed, 1% new. <c>RunAsync</c> times, on a fresh database: a bare parse of
/// the file (the baseline: every line through <see cref="JsonDocument"/>, ids and properties read, nothing
/// written), the first import, the same file again (writes nothing), and the delta; records/s are entities
/// (lines) a second.
/// </summary>
internal static class FtmBench
{
    private static readonly string[] s_first = ["Ivan", "Maria", "Ahmed", "Li", "Olga", "Hassan", "Elena", "Sergei", "Fatima", "Juan", "Anna", "Omar", "Dmitri", "Yulia", "Kim"];
    private static readonly string[] s_last = ["Petrov", "Ivanova", "Hussein", "Wang", "Smirnova", "Karimi", "Kuznetsov", "Garcia", "Novak", "Popescu", "Rahman", "Sokolov", "Zhang", "Morozova", "Haddad"];
    private static readonly string[] s_words = ["Trading", "Logistics", "Energy", "Holding", "Marine", "Technologies", "Industrial", "Capital", "Systems", "Export", "Metals", "Aero", "Shipping", "Consulting"];
    private static readonly string[] s_forms = ["LLC", "OOO", "Ltd", "JSC", "GmbH", "FZE", "Co."];
    private static readonly string[] s_countries = ["ru", "ir", "cn", "by", "kp", "sy", "ae", "tr", "ve", "mm", "cu", "hk"];
    private static readonly (string Authority, string Country, string[] Programmes, string Dataset)[] s_lists =
    [
        ("Office of Foreign Assets Control", "us", ["US-RUSHAR", "US-IRAN", "SDGT", "US-NK"], "us_ofac_sdn"),
        ("Council of the European Union", "eu", ["EU-UKR", "EU-IRN", "EU-SYR"], "eu_fsf"),
        ("Office of Financial Sanctions Implementation", "gb", ["GB-RUS", "GB-IRN"], "gb_hmt_sanctions"),
        ("National Security and Defense Council", "ua", ["UA-SA1644", "UA-SA2023"], "ua_nsdc_sanctions"),
    ];

    public static int Generate(string file, int entities, bool delta)
    {
        using var writer = new StreamWriter(file, false, new UTF8Encoding(false), 1 << 20);
        var written = 0;
        var day = delta ? "2026-05-01T00:00:00" : "2026-04-29T12:00:00";
        // Subjects until the file holds the entities asked for; a subject and its sanctions are 2.2 lines on average.
        var subjects = (int)(entities / 2.2);
        for (var i = 0; written < entities; i++)
        {
            if (delta && i % 100 == 99 && i < subjects)
            {
                continue; // delisted in the next snapshot
            }
            if (!delta && i >= subjects)
            {
                break;
            }
            if (delta && i >= subjects + subjects / 100)
            {
                break;
            }
            written += WriteSubject(writer, i, delta && i % 100 == 50, day);
        }
        return written;
    }

    private static int WriteSubject(StreamWriter w, int i, bool renamed, string day)
    {
        var id = $"NK-bench{i:D8}";
        var kind = (i % 20) switch { < 11 => "Person", < 17 => "Company", _ => "Organization" };
        var country = s_countries[i % s_countries.Length];
        string caption;
        var names = new List<string>();
        var aliases = new List<string>();
        if (kind == "Person")
        {
            var first = s_first[i % s_first.Length];
            var last = s_last[i / s_first.Length % s_last.Length];
            caption = $"{first} {last} {i}";
            names.AddRange([caption, $"{last.ToUpperInvariant()}, {first} {i}"]);
            aliases.Add($"{first[0]}. {last} {i}");
        }
        else
        {
            var word = s_words[i % s_words.Length];
            var other = s_words[i / s_words.Length % s_words.Length];
            caption = $"{word} {other} {i} {s_forms[i % s_forms.Length]}";
            names.Add(caption);
            aliases.AddRange([$"{word} {other} {i}", $"{word.ToUpperInvariant()} {i}"]);
        }
        if (renamed)
        {
            caption = "RENAMED " + caption;
            names[0] = caption;
        }
        var list = s_lists[i % s_lists.Length];
        var programme = i % 2000 == 7 ? "CYBER2" : list.Programmes[i / 7 % list.Programmes.Length];
        var sanctions = i % 5 == 0 ? 2 : 1;
        var props = new Dictionary<string, object>
        {
            ["name"] = names, ["alias"] = aliases, ["country"] = new[] { country }, ["topics"] = new[] { "sanction" },
            ["programId"] = new[] { programme }, ["notes"] = new[] { $"Synthetic entity {i} for the FtM import benchmark." },
        };
        if (kind == "Person")
        {
            props["birthDate"] = new[] { $"{1940 + i % 60}-{1 + i % 12:D2}-{1 + i % 28:D2}" };
            props["nationality"] = new[] { country };
            props["idNumber"] = new[] { $"P{i:D9}" };
        }
        else
        {
            props["incorporationDate"] = new[] { $"{1990 + i % 30}" };
            props["registrationNumber"] = new[] { $"R{i:D10}" };
            props["jurisdiction"] = new[] { country };
        }
        string[] referents = i % 3 == 0 ? [$"ofac-{100000 + i}"] : [];
        Write(w, new { id, caption, schema = kind, properties = props, datasets = new[] { list.Dataset }, referents, target = true, first_seen = "2023-11-02T16:38:16", last_seen = day });
        for (var s = 0; s < sanctions; s++)
        {
            var l = s == 0 ? list : s_lists[(i + 1) % s_lists.Length];
            var sp = new Dictionary<string, object>
            {
                ["entity"] = new[] { id }, ["authority"] = new[] { l.Authority }, ["country"] = new[] { l.Country },
                ["program"] = new[] { $"{l.Authority} sanctions programme" }, ["programId"] = new[] { s == 0 ? programme : l.Programmes[0] },
                ["listingDate"] = new[] { $"{2014 + i % 10}-{1 + i % 12:D2}-{1 + i % 28:D2}" }, ["reason"] = new[] { $"Listed under {l.Programmes[0]} ({i})" },
                ["sourceUrl"] = new[] { $"https://example.org/sanctions/{i}" },
            };
            Write(w, new { id = $"{id}-sanction-{s}", caption = "Sanction", schema = "Sanction", properties = sp, datasets = new[] { l.Dataset }, first_seen = "2023-11-02T16:38:16", last_seen = day });
        }
        return 1 + sanctions;
    }

    private static void Write(StreamWriter w, object entity)
    {
        w.Write(JsonSerializer.Serialize(entity));
        w.Write('\n');
    }

    /// <summary>The baseline: every line parsed, its id, schema and properties read into a dictionary; nothing kept, nothing written.</summary>
    public static int BareParse(string file)
    {
        var count = 0;
        foreach (var line in File.ReadLines(file))
        {
            if (line.Length == 0)
            {
                continue;
            }
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var properties = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var p in root.GetProperty("properties").EnumerateObject())
            {
                properties[p.Name] = p.Value.EnumerateArray().Select(v => v.GetString()!).ToList();
            }
            if (root.GetProperty("id").GetString() is { Length: > 0 } && root.GetProperty("schema").GetString() is { Length: > 0 })
            {
                count++;
            }
        }
        return count;
    }

    public static async Task<int> RunAsync(string database, string file, string delta)
    {
        DatabaseOptions options;
        if (database.StartsWith("Host=", StringComparison.Ordinal))
        {
            // A fresh database on the server the connection string names.
            var admin = new NpgsqlConnectionStringBuilder(database) { Database = "postgres" };
            var name = new NpgsqlConnectionStringBuilder(database).Database ?? "vigil_ftm_bench";
            await using (var conn = new NpgsqlConnection(admin.ConnectionString))
            {
                await conn.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
                await drop.ExecuteNonQueryAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
                await create.ExecuteNonQueryAsync();
            }
            options = new DatabaseOptions { Provider = "postgres", ConnectionString = database };
        }
        else
        {
            foreach (var f in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(f);
            }
            options = new DatabaseOptions { Provider = "sqlite", Path = database };
        }
        var builder = new DbContextOptionsBuilder<VigilDb>();
        DatabaseSetup.Configure(builder, options);
        VigilDb NewDb() => VigilDb.For(builder.Options, Reader.System("bench"));
        await using (var db = NewDb())
        {
            await DatabaseSetup.MigrateAsync(db);
        }
        Console.WriteLine($"database: {options.Provider}");

        var parse = double.MaxValue;
        var count = 0;
        for (var i = 0; i < 2; i++)
        {
            var c = Stopwatch.StartNew();
            count = BareParse(file);
            parse = Math.Min(parse, c.Elapsed.TotalSeconds);
        }
        Report("bare parse (baseline, best of 2)", count, parse, parse, null);
        var (first, firstSummary) = await TimeAsync(NewDb, file);
        Report("first import", count, first, parse, firstSummary);
        if (Environment.GetEnvironmentVariable("VIGIL_BENCH_FTM_FIRST_ONLY") == "1")
        {
            // For quick comparisons while working on the first import: the rest of the run is left out.
            return 0;
        }
        var (again, againSummary) = await TimeAsync(NewDb, file);
        Report("same file again", count, again, parse, againSummary);
        var deltaCount = File.ReadLines(delta).Count(l => l.Length > 0);
        var (next, nextSummary) = await TimeAsync(NewDb, delta);
        Report("delta (1% delisted, 1% renamed, 1% added)", deltaCount, next, parse * deltaCount / count, nextSummary);
        await using (var db = NewDb())
        {
            Console.WriteLine($"database: {await db.ListEntries.CountAsync()} list entries ({await db.ListEntries.CountAsync(x => x.DelistedDate != null)} delisted), "
                + $"{await db.Actors.CountAsync()} actors, {await db.Measures.CountAsync()} measures, {await db.Revisions.CountAsync()} revisions, {await db.SearchEntries.CountAsync()} search entries");
        }
        Console.WriteLine($"peak working set of the process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
        return 0;
    }

    private static async Task<(double, FtmImportSummary)> TimeAsync(Func<VigilDb> newDb, string file)
    {
        await using var db = newDb();
        var (pause, gen0, gen1, gen2) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var c = Stopwatch.StartNew();
        var summary = await new ImportFtmHandler(db, TimeProvider.System).HandleAsync(file, true, CancellationToken.None);
        var seconds = c.Elapsed.TotalSeconds;
        // The collector's share of the time: an import holds a million parsed entities, so every collection has much to walk.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    collector: {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s paused; collections gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}"));
        return (seconds, summary);
    }

    private static void Report(string what, int entities, double seconds, double baseline, FtmImportSummary? summary) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {entities:N0} entities in {seconds:F2} s = {entities / seconds:N0} records/s; {seconds / baseline:F1}× the bare parse")
            + (summary is null ? "" : $"\n    {summary}"));
}
