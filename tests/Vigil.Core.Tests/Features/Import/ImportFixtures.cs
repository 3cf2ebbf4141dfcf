using Microsoft.EntityFrameworkCore;
using Vigil.Data;

namespace Vigil.Core.Tests.Features.Import;

/// <summary>Where the import fixtures are, and a snapshot of what a database holds.</summary>
internal static class ImportFixtures
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string MiniData => Path.Combine(Root, "mini-data");

    public static string TrimmedGalaxy => Path.Combine(Root, "misp", "galaxy-trimmed.json");

    public static string FullGalaxy => Path.Combine(Root, "misp", "clusters_surveillance-vendor.json");

    /// <summary>The repository's data/ folder: the copy beside the test assembly, else found walking up.</summary>
    public static string RealData()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "data");
        if (Directory.Exists(Path.Combine(beside, "actors")))
        {
            return beside;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data");
            if (Directory.Exists(Path.Combine(candidate, "actors")) && File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("The repository's data/ folder was not found from " + AppContext.BaseDirectory);
    }

    /// <summary>A writable copy of mini-data in a fresh temporary folder.</summary>
    public static string CopyOfMiniData()
    {
        var target = Path.Combine(Path.GetTempPath(), "vigil-import-tests", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(MiniData, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(MiniData, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    /// <summary>Replaces <paramref name="old"/> by <paramref name="replacement"/> in one file, failing if it is not there.</summary>
    public static void Edit(string folder, string relative, string old, string replacement)
    {
        var path = Path.Combine(folder, relative);
        var text = File.ReadAllText(path);
        if (!text.Contains(old, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{old}' is not in {relative}");
        }
        File.WriteAllText(path, text.Replace(old, replacement, StringComparison.Ordinal));
    }

    public static async Task<Snapshot> SnapshotAsync(VigilDb db, CancellationToken ct) => new(
        await db.Sources.CountAsync(ct),
        await db.Actors.CountAsync(ct),
        await db.ActorAliases.CountAsync(ct),
        await db.ActorIdentifiers.CountAsync(ct),
        await db.Products.CountAsync(ct),
        await db.ProductAliases.CountAsync(ct),
        await db.Relationships.CountAsync(ct),
        await db.Citations.CountAsync(ct),
        await db.Revisions.CountAsync(ct),
        await db.Actors.SumAsync(a => a.Version, ct));
}

/// <summary>Row counts (and the sum of actor versions) of a database.</summary>
internal sealed record Snapshot(int Sources, int Actors, int ActorAliases, int ActorIdentifiers, int Products, int ProductAliases,
    int Relationships, int Citations, int Revisions, int ActorVersions);
