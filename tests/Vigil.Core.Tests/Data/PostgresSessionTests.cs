using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vigil.Access;
using Vigil.Data;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Data;

/// <summary>
/// Vigil's PostgreSQL sessions run without the server's JIT compiler and prepare the statements they repeat
/// (<see cref="DatabaseOptions.PostgresConnectionString"/>): the access rule's large queries passed the JIT's cost thresholds
/// and were compiled on every execution (6.7 s of a 6.8 s query), and were planned again on every read (4.6 ms to plan an
/// actor's citations, 0.4 ms to run them).
/// </summary>
public sealed class PostgresSessionTests
{
    [Fact]
    public void TheConnectionString_TurnsJitOffAndPreparesStatements_UnlessItNamesThemItself()
    {
        var plain = Options("Host=db;Username=vigil;Database=vigil");
        plain.Options.Should().Be("-c jit=off");
        plain.MaxAutoPrepare.Should().Be(64);
        plain.AutoPrepareMinUsages.Should().Be(2);
        plain.Host.Should().Be("db");
        // Whoever names a setting (a server that gains from JIT, a pooler that refuses options or prepared statements) is not
        // overruled, whatever the spelling of the key.
        Options("Host=db;Database=vigil;Options=-c statement_timeout=5000").Options.Should().Be("-c statement_timeout=5000");
        Options("Host=db;Database=vigil;Options=").Options.Should().BeNullOrEmpty();
        Options("Host=db;Database=vigil;Max Auto Prepare=0").MaxAutoPrepare.Should().Be(0);
        Options("Host=db;Database=vigil;MaxAutoPrepare=10").MaxAutoPrepare.Should().Be(10);
        Options("Host=db;Database=vigil;Max Auto Prepare=10").AutoPrepareMinUsages.Should().Be(5, "what is configured is kept, with Npgsql's default beside it");

        static NpgsqlConnectionStringBuilder Options(string configured) =>
            new(new DatabaseOptions { Provider = "postgres", ConnectionString = configured }.PostgresConnectionString());
    }

    [Fact]
    public async Task AContextsSession_RunsWithoutJit_AndPreparesWhatItRepeats()
    {
        TestDatabase.RequireAvailable(DatabaseKind.Postgres);
        var admin = Environment.GetEnvironmentVariable("VIGIL_TEST_POSTGRES")!;
        var builder = new DbContextOptionsBuilder<VigilDb>();
        DatabaseSetup.Configure(builder, new DatabaseOptions { Provider = "postgres", ConnectionString = admin });
        await using var db = VigilDb.For(builder.Options, Reader.System("test"));
        var jit = await db.Database.SqlQuery<string>($"SELECT current_setting('jit') AS \"Value\"").SingleAsync(TestContext.Current.CancellationToken);
        jit.Should().Be("off");
        // The same query a few times on the same connection: from the second use on it runs as a prepared statement.
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        for (var i = 0; i < 3; i++)
        {
            await db.Database.SqlQuery<string>($"SELECT 'prepared-probe' AS \"Value\"").SingleAsync(TestContext.Current.CancellationToken);
        }
        // (The pattern is split so that this query's own text does not match it.)
        var prepared = await db.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%' || 'prepared-' || 'probe%'")
            .SingleAsync(TestContext.Current.CancellationToken);
        prepared.Should().BeGreaterThan(0);
    }
}
