using Microsoft.Extensions.Options;
using Vigil.Access;
using Vigil.Data;
using Vigil.Features.Import;

namespace Vigil.Web.Infrastructure;

/// <summary>On start: migrate (when configured) and load the starter dataset into an empty database.</summary>
public static class DatabaseStartup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        // Disposed at the end: on SQLite a context holds its connection open until then (KeptOpenSqliteConnection).
        await using var db = VigilDb.For(sp.GetRequiredService<Microsoft.EntityFrameworkCore.DbContextOptions<VigilDb>>(), Reader.System("starter-data"), sp.GetRequiredService<TimeProvider>());
        if (options.MigrateOnStart)
        {
            await DatabaseSetup.MigrateAsync(db);
        }
        if (options.SeedOnStart)
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Vigil.StarterData");
            var loaded = await StarterData.SeedIfEmptyAsync(db, StarterData.DefaultDirectory(app.Configuration), logger);
            if (loaded is not null)
            {
                logger.LogInformation("Loaded the starter dataset: {Summary}", loaded);
            }
        }
    }
}
