using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Security;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Security;

/// <summary>The hash chain finds rows changed, deleted or inserted behind Vigil's back, with raw SQL.</summary>
public abstract class AuditLogTests(DatabaseKind kind) : SecurityTest(kind)
{
    private async Task<IReadOnlyList<AuditEntry>> AppendAsync(int count)
    {
        await using var db = CreateSecurityDb();
        var entries = new List<AuditEntry>();
        for (var i = 1; i <= count; i++)
        {
            entries.Add(await AuditLog.AppendAsync(db, Clock, $"actor-{i}", AuditEvents.SignIn, $"n={i}", TestContext.Current.CancellationToken));
            Clock.Advance(TimeSpan.FromSeconds(1.2345671));
        }
        return entries;
    }

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var db = CreateSecurityDb();
        return await AuditLog.VerifyAsync(db, TestContext.Current.CancellationToken);
    }

    private async Task SqlAsync(string sql)
    {
        await using var db = CreateSecurityDb();
        await db.Database.ExecuteSqlRawAsync(sql, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Append_ChainsEachEntryOnTheOneBefore_AndTheIntactChainVerifies()
    {
        var entries = await AppendAsync(5);

        entries.Select(e => e.Id).Should().Equal(1, 2, 3, 4, 5);
        entries[0].PreviousHash.Should().BeEmpty();
        for (var i = 1; i < entries.Count; i++)
        {
            entries[i].PreviousHash.Should().Be(entries[i - 1].Hash);
        }
        var result = await VerifyAsync();
        result.IsIntact.Should().BeTrue(string.Join("; ", result.Breaks));
        result.Entries.Should().Be(5);
        result.HeadHash.Should().Be(entries[^1].Hash);
    }

    [Fact]
    public async Task Verify_FindsARowChangedWithSql_AtThatEntry()
    {
        await AppendAsync(5);
        await SqlAsync("""UPDATE "AuditLog" SET "Detail" = 'n=forged' WHERE "Id" = 3""");

        var result = await VerifyAsync();

        result.IsIntact.Should().BeFalse();
        result.Breaks.Should().ContainSingle().Which.Should().Be(new AuditBreak(3, "its contents do not match its hash: the entry was changed"));
    }

    [Fact]
    public async Task Verify_FindsARowChangedWithItsHashRecomputed_AtTheEntryAfterIt()
    {
        await AppendAsync(5);
        await using (var db = CreateSecurityDb())
        {
            var third = await db.AuditLog.AsNoTracking().SingleAsync(e => e.Id == 3, TestContext.Current.CancellationToken);
            third.Detail = "n=forged";
            var forged = AuditLog.HashOf(third);
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditLog" SET "Detail" = 'n=forged', "Hash" = {forged} WHERE "Id" = 3""", TestContext.Current.CancellationToken);
        }

        var result = await VerifyAsync();

        result.Breaks.Should().ContainSingle().Which.EntryId.Should().Be(4);
        result.Breaks[0].Problem.Should().Contain("does not follow the entry before it");
    }

    [Fact]
    public async Task Verify_FindsARowDeletedInTheMiddle_AtTheEntryAfterIt()
    {
        await AppendAsync(5);
        await SqlAsync("""DELETE FROM "AuditLog" WHERE "Id" = 3""");

        var result = await VerifyAsync();

        result.Entries.Should().Be(4);
        result.Breaks.Should().ContainSingle().Which.Should().Be(
            new AuditBreak(4, "it does not follow the entry before it: an entry was inserted or deleted just before it"));
    }

    [Fact]
    public async Task Verify_FindsARowDeletedFromTheStart()
    {
        await AppendAsync(3);
        await SqlAsync("""DELETE FROM "AuditLog" WHERE "Id" = 1""");

        var result = await VerifyAsync();

        result.Breaks.Should().ContainSingle().Which.EntryId.Should().Be(2);
        result.Breaks[0].Problem.Should().Contain("deleted from the start");
    }

    [Fact]
    public async Task Verify_FindsARowInsertedInTheMiddle_EvenWithAValidHash_AtTheEntryAfterIt()
    {
        var entries = await AppendAsync(5);
        // Make room after entry 2, then insert a well-formed entry chained onto entry 2.
        await SqlAsync("""UPDATE "AuditLog" SET "Id" = "Id" + 1000 WHERE "Id" >= 3""");
        await SqlAsync("""UPDATE "AuditLog" SET "Id" = "Id" - 999 WHERE "Id" >= 1000""");
        await using (var db = CreateSecurityDb())
        {
            var inserted = new AuditEntry
            {
                Id = 3, At = entries[1].At.AddTicks(10), Actor = "intruder", Event = AuditEvents.SignIn, Detail = "n=inserted", PreviousHash = entries[1].Hash,
            };
            inserted.Hash = AuditLog.HashOf(inserted);
            db.AuditLog.Add(inserted);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var result = await VerifyAsync();

        result.Entries.Should().Be(6);
        result.Breaks.Should().NotBeEmpty();
        result.Breaks[0].Should().Be(new AuditBreak(4, "it does not follow the entry before it: an entry was inserted or deleted just before it"));
        result.Breaks.Should().NotContain(b => b.EntryId < 4, "entries 1-3 form a valid chain");
    }

    [Fact]
    public async Task Verify_FindsARowAppendedWithoutAValidHash()
    {
        var entries = await AppendAsync(2);
        await using (var db = CreateSecurityDb())
        {
            db.AuditLog.Add(new AuditEntry { Id = 3, At = entries[1].At, Actor = "intruder", Event = AuditEvents.SignIn, Detail = "", PreviousHash = entries[1].Hash, Hash = new string('0', 64) });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        (await VerifyAsync()).Breaks.Should().ContainSingle().Which.Should().Be(new AuditBreak(3, "its contents do not match its hash: the entry was changed"));
    }

    [Fact]
    public async Task CheckHead_FindsEntriesDeletedFromTheEnd_WhichTheChainAloneCannot()
    {
        var entries = await AppendAsync(4);
        var recorded = entries[^1].Hash;
        await SqlAsync("""DELETE FROM "AuditLog" WHERE "Id" = 4""");

        (await VerifyAsync()).IsIntact.Should().BeTrue("a shorter chain is still a valid chain");
        await using (var db = CreateSecurityDb())
        {
            var head = await AuditLog.CheckHeadAsync(db, recorded, TestContext.Current.CancellationToken);
            head.Found.Should().BeFalse();
        }

        // Appending more does not hide the truncation: the recorded head is still missing.
        await AppendAsync(2);
        await using (var db = CreateSecurityDb())
        {
            (await AuditLog.CheckHeadAsync(db, recorded, TestContext.Current.CancellationToken)).Found.Should().BeFalse();
        }
    }

    [Fact]
    public async Task CheckHead_OfAnIntactLog_CountsTheEntriesAppendedSince()
    {
        var entries = await AppendAsync(3);
        await AppendAsync(2);
        await using var db = CreateSecurityDb();

        var head = await AuditLog.CheckHeadAsync(db, entries[^1].Hash.ToUpperInvariant(), TestContext.Current.CancellationToken);

        head.Found.Should().BeTrue();
        head.EntryId.Should().Be(3);
        head.EntriesAfter.Should().Be(2);
    }

    [Fact]
    public async Task Append_FromSeveralContextsAtOnce_KeepsOneUnbrokenChain()
    {
        var ct = TestContext.Current.CancellationToken;
        await Task.WhenAll(Enumerable.Range(1, 8).Select(async i =>
        {
            await using var db = CreateSecurityDb();
            await AuditLog.AppendAsync(db, Clock, $"node-{i}", AuditEvents.SignIn, "", ct);
        }));

        var result = await VerifyAsync();
        result.IsIntact.Should().BeTrue(string.Join("; ", result.Breaks));
        result.Entries.Should().Be(8);
    }
}

[Trait("Database", "Sqlite")]
public sealed class SqliteAuditLogTests() : AuditLogTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class PostgresAuditLogTests() : AuditLogTests(DatabaseKind.Postgres);
