using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Access;
using Vigil.Data;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Data;

/// <summary>
/// On SQLite a context's compiled queries are kept and run again (<see cref="ReusedSqliteStatements"/>): each run must
/// bind its own values, keep its own transaction, and a query run while the same one is still being read must work.
/// </summary>
public sealed class ReusedSqliteStatementsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestDatabase> SeededAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await database.MigrateAsync();
        await using var seed = database.CreateContext(Reader.System("seed"));
        for (var i = 0; i < 5; i++)
        {
            seed.Actors.Add(new Actor { Slug = $"reused-{i}", Name = $"Reused {i}", ActorKind = ActorKind.Company, Status = ReviewStatus.Published });
        }
        await seed.SaveChangesAsync(Ct);
        return database;
    }

    [Fact]
    public async Task AQueryRunAgain_BindsItsOwnValues_OnTheStatementKeptFromTheFirstRun()
    {
        await using var database = await SeededAsync();
        await using var db = database.CreateContext(Reader.Anonymous);
        var names = new List<string>();
        foreach (var slug in new[] { "reused-1", "reused-3", "no-such-actor", "reused-4" })
        {
            var name = await db.Actors.Where(a => a.Slug == slug).Select(a => a.Name).SingleOrDefaultAsync(Ct);
            names.Add(name ?? "(none)");
        }
        names.Should().Equal("Reused 1", "Reused 3", "(none)", "Reused 4");
        ReusedSqliteStatements.IdleCount(db.Database.GetDbConnection()).Should().BeGreaterThan(0, "the query's statement is kept between runs");
    }

    [Fact]
    public async Task TheSameQuery_RunWhileItIsBeingRead_GetsAStatementOfItsOwn()
    {
        await using var database = await SeededAsync();
        await using var db = database.CreateContext(Reader.Anonymous);
        var pairs = new List<string>();
        await foreach (var slug in db.Actors.Where(a => a.Slug.StartsWith("reused-")).OrderBy(a => a.Slug).Select(a => a.Slug).AsAsyncEnumerable().WithCancellation(Ct))
        {
            // The same query text while the outer reader is still open on its statement.
            var inner = await db.Actors.Where(a => a.Slug.StartsWith("reused-")).OrderBy(a => a.Slug).Select(a => a.Slug).FirstAsync(Ct);
            pairs.Add($"{slug}/{inner}");
        }
        pairs.Should().HaveCount(5).And.AllSatisfy(p => p.Should().EndWith("/reused-0"));
    }

    [Fact]
    public async Task AKeptStatement_RunsInTheTransactionOfItsRun_AndOutsideAnyAfterwards()
    {
        await using var database = await SeededAsync();
        await using var db = database.CreateContext(Reader.System("writer"));
        async Task<int> CountAsync() => await db.Actors.IgnoreQueryFilters().CountAsync(a => a.Slug.StartsWith("reused-"), Ct);

        (await CountAsync()).Should().Be(5);
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            db.Actors.Add(new Actor { Slug = "reused-in-transaction", Name = "In Transaction", ActorKind = ActorKind.Company });
            await db.SaveChangesAsync(Ct);
            (await CountAsync()).Should().Be(6, "the kept statement runs in the transaction, which sees its own write");
            await transaction.RollbackAsync(Ct);
        }
        db.ChangeTracker.Clear();
        (await CountAsync()).Should().Be(5, "after the rollback, outside any transaction");
    }
}
