using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Features.Import;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Import;

/// <summary>Seeding an empty database from the real data/ folder, once.</summary>
public abstract class StarterDataTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SeedIfEmpty_LoadsTheRealDataset_ThenDoesNothing()
    {
        var data = ImportFixtures.RealData();

        string? first;
        await using (var db = Database.CreateContext())
        {
            first = await StarterData.SeedIfEmptyAsync(db, data, NullLogger.Instance, Ct);
        }

        first.Should().NotBeNull().And.Contain("MISP galaxy:").And.NotContain("absent");
        Snapshot seeded;
        await using (var db = Database.CreateContext())
        {
            (await db.Actors.CountAsync(a => a.ActorKind == ActorKind.State, Ct)).Should().BeGreaterThanOrEqualTo(249);
            (await db.Actors.CountAsync(a => a.ActorKind == ActorKind.Company, Ct)).Should().BeGreaterThan(600);
            (await db.Actors.CountAsync(a => a.Slug == "greece" && a.Country == "GR", Ct)).Should().Be(1);
            seeded = await ImportFixtures.SnapshotAsync(db, Ct);
        }

        await using (var db = Database.CreateContext())
        {
            (await StarterData.SeedIfEmptyAsync(db, data, NullLogger.Instance, Ct)).Should().BeNull();
        }
        await using (var db = Database.CreateContext())
        {
            (await ImportFixtures.SnapshotAsync(db, Ct)).Should().Be(seeded);
        }
    }

    [Fact]
    public async Task SeedIfEmpty_WithoutAFolder_ReturnsNull_AndLeavesTheDatabaseEmpty()
    {
        await using var db = Database.CreateContext();

        var result = await StarterData.SeedIfEmptyAsync(db, Path.Combine(Path.GetTempPath(), "no-such-vigil-data-" + Guid.NewGuid().ToString("N")), NullLogger.Instance, Ct);

        result.Should().BeNull();
        (await db.Actors.CountAsync(Ct)).Should().Be(0);
    }
}

[Trait("Database", "Sqlite")]
public sealed class StarterDataOnSqlite() : StarterDataTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class StarterDataOnPostgres() : StarterDataTests(DatabaseKind.Postgres);
