using System.Globalization;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Features.Sanctions;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Sanctions;

/// <summary>
/// PostgreSQL plans a query by the table's statistics, and a bulk load inside the import's transaction leaves them as
/// they were: a first import then screened its new entries against the graph with a plan made for an empty
/// <c>ListEntries</c>, reading the whole table on every batch (three times as long for a million entities). A load of
/// many entries is followed by <c>ANALYZE</c>; a small one is not (it would cost more than it saves).
/// </summary>
[Trait("Database", "Postgres")]
public sealed class ListStatisticsOnPostgresTests() : DatabaseTest(DatabaseKind.Postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An FtM file of <paramref name="count"/> people, each sanctioned once.</summary>
    private static string SanctionedPeople(int count) => ImportFtmTests.Write(Enumerable.Range(0, count).SelectMany(i => new[]
    {
        $$"""{"id": "stat-person-{{i}}", "caption": "Statistics Person {{i}}", "schema": "Person", "properties": {"name": ["Statistics Person {{i}}"]}, "datasets": ["test_list"], "last_seen": "2026-04-29T00:00:00"}""",
        $$"""{"id": "stat-sanction-{{i}}", "schema": "Sanction", "properties": {"entity": ["stat-person-{{i}}"], "program": ["TEST"], "authority": ["Test authority"]}, "datasets": ["test_list"], "last_seen": "2026-04-29T00:00:00"}""",
    }));

    /// <summary>When <c>ListEntries</c> was last analyzed by a command (not by autovacuum), if ever.</summary>
    private async Task<DateTime?> LastAnalyzedAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Database.SqlQueryRaw<DateTime?>("""SELECT last_analyze AS "Value" FROM pg_stat_user_tables WHERE relname = 'ListEntries'""").SingleAsync(Ct);
    }

    private async Task ImportAsync(string file)
    {
        await using var db = Database.CreateContext();
        var summary = await new ImportFtmHandler(db, TimeProvider.System).HandleAsync(file, false, Ct);
        summary.Unresolved.Should().BeEmpty();
    }

    [Fact]
    public async Task ALoadOfManyEntries_IsAnalyzed_AFewAreNot()
    {
        var before = await LastAnalyzedAsync();
        await ImportAsync(SanctionedPeople(50));
        (await LastAnalyzedAsync()).Should().Be(before, "fifty entries are not worth new statistics");

        await ImportAsync(SanctionedPeople(10_050));
        var after = await LastAnalyzedAsync();
        after.Should().NotBeNull().And.NotBe(before, "ten thousand new entries are analyzed before the import screens them");
        await using var db = Database.CreateContext();
        var estimate = await db.Database.SqlQueryRaw<float>("""SELECT reltuples AS "Value" FROM pg_class WHERE relname = 'ListEntries'""").SingleAsync(Ct);
        var rows = await db.ListEntries.CountAsync(Ct);
        estimate.Should().BeGreaterThan(9_000, string.Create(CultureInfo.InvariantCulture, $"the planner's estimate is the table's size ({rows} rows)"));
    }
}
