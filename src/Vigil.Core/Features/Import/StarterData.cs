using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Vigil.Data;

namespace Vigil.Features.Import;

/// <summary>Loads the starter dataset (data/ and the MISP galaxy) into an empty database.</summary>
public static class StarterData
{
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
        logger.LogWarning("The starter dataset loader is not written yet; {Directory} was not loaded.", directory);
        return null;
    }
}
