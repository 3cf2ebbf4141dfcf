using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Vigil.Data;

namespace Vigil.Features.Import;

/// <summary>Loads the starter dataset (the data folder, then the MISP galaxy) into an empty database.</summary>
public static class StarterData
{
    /// <summary>Where the MISP galaxy sits inside the data folder.</summary>
    public const string MispGalaxy = "misp/clusters_surveillance-vendor.json";

    /// <summary>The data folder: <c>Vigil:Data:Path</c>, or the copy beside the application.</summary>
    public static string DefaultDirectory(IConfiguration configuration) =>
        configuration["Vigil:Data:Path"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>
    /// Loads the dataset when the database holds no actor yet; returns a summary of what was loaded,
    /// or null when nothing was done. <paramref name="db"/> must be a system reader's context.
    /// </summary>
    public static async Task<string?> SeedIfEmptyAsync(VigilDb db, string directory, ILogger logger, CancellationToken ct = default)
    {
        if (await db.Actors.AnyAsync(ct))
        {
            return null;
        }
        if (!Directory.Exists(directory))
        {
            logger.LogWarning("No starter dataset at {Directory}; starting with an empty database.", directory);
            return null;
        }
        var clock = Stopwatch.StartNew();
        var files = await new ImportVigilDataHandler(db).HandleAsync(directory, ct);
        db.ChangeTracker.Clear();
        var galaxy = Path.Combine(directory, MispGalaxy);
        ImportSummary? misp = null;
        if (File.Exists(galaxy))
        {
            misp = await new ImportMispGalaxyHandler(db).HandleAsync(galaxy, ct);
            db.ChangeTracker.Clear();
        }
        return $"data files: {files}; MISP galaxy: {misp?.ToString() ?? "absent"}; in {clock.Elapsed.TotalSeconds:F1} s";
    }
}
