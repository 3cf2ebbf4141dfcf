using System.Diagnostics;
using System.Text;
using Vigil.Access;
using Vigil.Data;
using Vigil.Features.Sanctions;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Times the SDN import on a fresh SQLite database: the bare parse of the file (the baseline: reading
/// and splitting the CSV, nothing written), the first import, the same file again (nothing changes),
/// and a derived newer snapshot (1% of entries removed, 1% renamed, 100 added). Prints entries/s and
/// each figure's ratio to the bare parse, measured in the same run, because this machine is noisy.
/// </summary>
internal static class SdnBench
{
    public static async Task<int> RunAsync(string path, string file)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(f);
        }
        var options = new DatabaseOptions { Provider = "sqlite", Path = path };
        var builder = new DbContextOptionsBuilder<VigilDb>();
        DatabaseSetup.Configure(builder, options);
        VigilDb NewDb() => VigilDb.For(builder.Options, Reader.System("bench"));
        await using (var db = NewDb())
        {
            await DatabaseSetup.MigrateAsync(db);
        }

        // The baseline: the best of three bare parses.
        var parse = double.MaxValue;
        var count = 0;
        for (var i = 0; i < 3; i++)
        {
            var c = Stopwatch.StartNew();
            count = SdnFile.Read(file).Count;
            parse = Math.Min(parse, c.Elapsed.TotalSeconds);
        }
        Report("bare parse (baseline)", count, parse, parse, null);

        var (first, firstSummary) = await TimeAsync(NewDb, file);
        Report("first import", count, first, parse, firstSummary);
        var (again, againSummary) = await TimeAsync(NewDb, file);
        Report("same file again", count, again, parse, againSummary);

        var rows = File.ReadAllText(file, Encoding.Latin1).TrimEnd('\u001a').Split("\r\n").Where(l => l.Length > 0).ToList();
        var removed = 0;
        var renamed = 0;
        for (var i = rows.Count - 1; i >= 0; i -= 100)
        {
            rows.RemoveAt(i);
            removed++;
        }
        for (var i = 50; i < rows.Count; i += 100)
        {
            var q = rows[i].IndexOf(",\"", StringComparison.Ordinal);
            rows[i] = rows[i].Insert(q + 2, "RENAMED ");
            renamed++;
        }
        for (var i = 0; i < 100; i++)
        {
            rows.Add($"{900000 + i},\"BENCH ADDED ENTITY {i}\",-0- ,\"CYBER2\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ");
        }
        var next = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "sdn-delta-2099-01-01.csv");
        File.WriteAllText(next, string.Join("\r\n", rows) + "\r\n\u001a", Encoding.Latin1);
        Console.WriteLine($"delta snapshot: {removed} removed, {renamed} renamed, 100 added");
        var (delta, deltaSummary) = await TimeAsync(NewDb, next);
        Report("delta re-import", rows.Count, delta, parse, deltaSummary);
        await using (var db = NewDb())
        {
            Console.WriteLine($"database: {await db.Actors.CountAsync()} actors, {await db.Measures.CountAsync()} measures, {await db.MeasureSteps.CountAsync()} steps, {await db.Revisions.CountAsync()} revisions");
        }
        return 0;
    }

    private static async Task<(double, SdnImportSummary)> TimeAsync(Func<VigilDb> newDb, string file)
    {
        await using var db = newDb();
        var c = Stopwatch.StartNew();
        var summary = await new ImportSdnHandler(db, TimeProvider.System).HandleAsync(file, null, ct: CancellationToken.None);
        return (c.Elapsed.TotalSeconds, summary);
    }

    private static void Report(string what, int entries, double seconds, double baseline, SdnImportSummary? summary) =>
        Console.WriteLine($"{what}: {entries} entries in {seconds:F2} s = {entries / seconds:F0} entries/s; {seconds / baseline:F1}× the bare parse"
            + (summary is null ? "" : $"\n    {summary}"));
}
