using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Vigil.Access;
using Vigil.Data;
using Vigil.Model;

// vigil-bench seed <sqlite-file|Host=…> <actors>   fill a fresh database with a synthetic graph, print records/s
// vigil-bench baseline <url>                a bare Kestrel endpoint, the ceiling the API is compared with
// vigil-bench reads <sqlite-file> [n] [name] the load test's reads through their handlers, µs per call, no HTTP
// vigil-bench sdn <sqlite-file> <sdn.csv>   SDN import, same-file re-import and delta re-import, against a bare parse
// vigil-bench ftm-gen <file> <entities> [delta] a synthetic FtM sanctions file (delta: the next snapshot of it)
// vigil-bench ftm <sqlite-file|Host=…> <file> <delta-file> FtM first import, re-import and delta, against a bare parse
// vigil-bench names <sqlite-file>           the name engine's index: a first build, a rebuild after a save, memory kept
return args switch
{
    ["sdn", var path, var file] => await SdnBench.RunAsync(path, file),
    ["ftm-gen", var file, var count] => FtmBench.Generate(file, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), false) * 0,
    ["ftm-gen", var file, var count, "delta"] => FtmBench.Generate(file, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), true) * 0,
    ["ftm", var path, var file, var delta] => await FtmBench.RunAsync(path, file, delta),
    ["seed", var path, var count] => await SeedAsync(path, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)),
    ["reads", var path] => await ReadsAsync(path, 2000),
    ["reads", var path, var n] => await ReadsAsync(path, int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)),
    ["reads", var path, var n, var only] => await ReadsAsync(path, int.Parse(n, System.Globalization.CultureInfo.InvariantCulture), only),
    ["baseline", var url] => await BaselineAsync(url),
    ["names", var path] => await NamesAsync(path),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: vigil-bench seed <sqlite-file> <actors> | baseline <url> | reads <sqlite-file> [n] [name]");
    return 2;
}

static async Task<int> SeedAsync(string path, int count)
{
    // A path, or a PostgreSQL connection string ("Host=…") for the two-node run (bench/nodes.sh).
    var options = path.StartsWith("Host=", StringComparison.Ordinal)
        ? new DatabaseOptions { Provider = "postgres", ConnectionString = path }
        : new DatabaseOptions { Provider = "sqlite", Path = path };
    var builder = new DbContextOptionsBuilder<VigilDb>();
    DatabaseSetup.Configure(builder, options);
    VigilDb NewDb() => VigilDb.For(builder.Options, Reader.System("bench"));
    await using (var db = NewDb())
    {
        await DatabaseSetup.MigrateAsync(db);
    }
    var countries = Countries.All.Select(c => c.Code).ToArray();
    var clock = Stopwatch.StartNew();
    const int batch = 5000;
    var written = 0;
    for (var start = 0; start < count; start += batch)
    {
        await using var db = NewDb();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var source = new Source { Slug = $"bench-source-{start}", Title = $"Synthetic register extract {start}", Status = ReviewStatus.Published, Url = $"https://example.org/register/{start}" };
        db.Sources.Add(source);
        Actor? previous = null;
        for (var i = start; i < Math.Min(count, start + batch); i++)
        {
            var actor = new Actor
            {
                Slug = $"company-{i}",
                Name = $"Synthetic Surveillance Company {i}",
                ActorKind = i % 10 == 0 ? ActorKind.Person : ActorKind.Company,
                Country = countries[i % countries.Length],
                Description = "A synthetic vendor for load tests.",
                Status = i % 7 == 0 ? ReviewStatus.Draft : ReviewStatus.Published,
                Marking = (Marking)(i % 3),
            };
            actor.Aliases.Add(new ActorAlias { Name = $"SSC {i}" });
            actor.Identifiers.Add(new ActorIdentifier { Scheme = "registry:" + actor.Country, Value = $"REG-{i}" });
            db.Actors.Add(actor);
            db.Citations.Add(new Citation { Slug = $"cit-bench-{i}", Source = source, Actor = actor, Status = ReviewStatus.Published, Credibility = 3 });
            if (previous is not null && i % 2 == 0)
            {
                db.Relationships.Add(new Relationship { Slug = $"rel-bench-{i}", Type = RelationshipType.SubsidiaryOf, FromActor = actor, ToActor = previous, Status = ReviewStatus.Published, Confidence = Confidence.Moderate });
                written++;
            }
            previous = actor;
            written += 2;
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
    }
    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"seeded {count} actors ({written} records with citations and relationships) in {seconds:F1} s: {written / seconds:F0} records/s");
    return 0;
}

// The cost of each read without HTTP, one at a time, a fresh context per call as in a request: tells
// the database and EF's share of a request from the web tier's.
static async Task<int> ReadsAsync(string path, int n, string? only = null)
{
    var options = new DatabaseOptions { Provider = "sqlite", Path = path };
    var builder = new DbContextOptionsBuilder<VigilDb>();
    DatabaseSetup.Configure(builder, options);
    VigilDb NewDb() => VigilDb.For(builder.Options, Reader.Anonymous);
    var reads = new (string Name, Func<VigilDb, Task> Read)[]
    {
        ("api-list-by-kind", db => new Vigil.Features.Actors.ListActorsHandler(db).HandleAsync(new(Kind: "company", Page: 200, PageSize: 50))),
        ("api-get-actor", db => new Vigil.Features.Actors.GetActorHandler(db).HandleAsync("company-54321")),
        ("api-search", db => new Vigil.Features.Actors.ListActorsHandler(db).HandleAsync(new(Q: "company 54321"))),
        ("page-actor", db => new Vigil.Features.Browse.GetActorHandler(db).HandleAsync(new("company-54321"))),
        ("page-search", db => new Vigil.Features.Search.SearchRecordsHandler(db, s_names).HandleAsync(new(Q: $"Synthetic Surveillance Company {Random.Shared.Next(100000)}"))),
        ("page-browse", db => new Vigil.Features.Search.SearchRecordsHandler(db, s_names).HandleAsync(new(Kind: "company", Page: Random.Shared.Next(1, 4000)))),
        ("api-gaps", db => new Vigil.Features.Gaps.GetGapMatrixHandler(db).HandleAsync(new($"company-{Random.Shared.Next(100000)}", 2, null, null))),
        ("one-small-query", db => db.Actors.Where(a => a.Id == 1).Select(a => a.Id).ToListAsync()),
        // The shape of the screening's and the pages' batch loads: records by a list of ids of varying length.
        ("ids-query", db =>
        {
            var ids = Enumerable.Range(0, Random.Shared.Next(1, 60)).Select(_ => (long)Random.Shared.Next(1, 100000)).ToList();
            return db.Actors.Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync();
        }),
    };
    if (only == "pooled-small-query")
    {
        // As the server takes its contexts: from the pool (a pooled context reads as the public until it is given a reader).
        var pool = new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<VigilDb>(builder.Options, DatabaseSetup.PoolSize);
        for (var i = 0; i < n / 10; i++)
        {
            await using var db = pool.CreateDbContext();
            await db.Actors.Where(a => a.Id == 1).Select(a => a.Id).ToListAsync();
        }
        var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
        var clock1 = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            await using var db = pool.CreateDbContext();
            await db.Actors.Where(a => a.Id == 1).Select(a => a.Id).ToListAsync();
        }
        Console.WriteLine($"{"pooled-small-query",-18} {clock1.Elapsed.TotalMicroseconds / n,8:F0} µs wall {(Process.GetCurrentProcess().TotalProcessorTime - cpu1).TotalMicroseconds / n,8:F0} µs cpu");
        return 0;
    }
    if (only == "one-context")
    {
        // The floor: the same tiny query on one context, no context or connection per call.
        await using var one = NewDb();
        for (var i = 0; i < n / 10; i++)
        {
            await one.Actors.Where(a => a.Id == 1).Select(a => a.Id).ToListAsync();
        }
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var clock0 = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            await one.Actors.Where(a => a.Id == 1).Select(a => a.Id).ToListAsync();
        }
        Console.WriteLine($"{"one-context",-18} {clock0.Elapsed.TotalMicroseconds / n,8:F0} µs wall {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMicroseconds / n,8:F0} µs cpu");
        return 0;
    }
    foreach (var (name, read) in reads.Where(r => only is null || r.Name == only))
    {
        for (var i = 0; i < Math.Max(n / 10, 10); i++)
        {
            await using var db = NewDb();
            await read(db);
        }
        // CPU time as well as wall time: on a shared machine the first is the steadier figure.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            await using var db = NewDb();
            await read(db);
        }
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"{name,-18} {clock.Elapsed.TotalMicroseconds / n,8:F0} µs wall {cpu.TotalMicroseconds / n,8:F0} µs cpu");
    }
    return 0;
}

// What the name engine's index costs: the first build, a rebuild after one save (what every save costs the
// next search), the heap it keeps, and one search.
static async Task<int> NamesAsync(string path)
{
    var options = new DatabaseOptions { Provider = "sqlite", Path = path };
    var builder = new DbContextOptionsBuilder<VigilDb>();
    DatabaseSetup.Configure(builder, options);
    VigilDb NewDb() => VigilDb.For(builder.Options, Reader.Anonymous);
    var names = new Vigil.Matching.NameSearch();
    var parse = Stopwatch.StartNew();
    for (var i = 0; i < 100000; i++)
    {
        Vigil.Matching.NameForm.Parse($"Synthetic Surveillance Company {i}", Vigil.Matching.NameSchema.Organization);
        Vigil.Matching.NameForm.Parse($"SSC {i}", Vigil.Matching.NameSchema.Organization);
    }
    Console.WriteLine($"parsing 200,000 names alone {parse.Elapsed.TotalMilliseconds,8:F0} ms");
    var before = GC.GetTotalMemory(forceFullCollection: true);
    for (var round = 0; round < 3; round++)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await using (var db = NewDb())
        {
            var index = await names.IndexAsync(db);
            Console.WriteLine($"{(round == 0 ? "first build" : "rebuild after a save"),-22} {clock.Elapsed.TotalMilliseconds,8:F0} ms wall {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds,8:F0} ms cpu, {index.Count} names");
        }
        DataVersion.Bump();
    }
    Console.WriteLine($"heap kept by the index: {(GC.GetTotalMemory(forceFullCollection: true) - before) / 1048576.0:F0} MB; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
    await using (var db = NewDb())
    {
        var clock = Stopwatch.StartNew();
        const int n = 50;
        for (var i = 0; i < n; i++)
        {
            await names.SearchVisibleAsync(db, $"Synthetic Surveilance Company {i * 7919 % 100000}");
        }
        Console.WriteLine($"search (a typo, 100,000 similar names) {clock.Elapsed.TotalMilliseconds / n,8:F1} ms each");
        var index = await names.IndexAsync(db);
        clock.Restart();
        for (var i = 0; i < n; i++)
        {
            index.Search($"Synthetic Surveillance Company {i * 7919 % 100000}", null, 500, prefix: true, threshold: 0.6);
        }
        Console.WriteLine($"the search page's candidates (500, every kind)  {clock.Elapsed.TotalMilliseconds / n,8:F1} ms each");
    }
    return 0;
}

static async Task<int> BaselineAsync(string url)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.UseUrls(url);
    var app = builder.Build();
    var items = Enumerable.Range(0, 50).Select(i => new { slug = $"company-{i}", name = $"Synthetic Surveillance Company {i}", kind = "company", country = "GR" }).ToArray();
    app.MapGet("/api/v1/actors", () => Results.Json(new { items, total = 100000, page = 1, pageSize = 50 }));
    await app.RunAsync();
    return 0;
}

internal static partial class Program
{
    private static readonly Vigil.Matching.NameSearch s_names = new();
}
