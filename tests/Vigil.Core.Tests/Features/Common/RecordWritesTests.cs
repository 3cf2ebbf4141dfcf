using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Features.Common;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Common;

/// <summary>Slugs and the concurrency race that the version check alone cannot catch.</summary>
public abstract class RecordWritesTests(DatabaseKind kind) : DatabaseTest(kind)
{
    [Fact]
    public async Task SaveUpdate_WhenAnotherWriterSavedFirst_IsAConflictWithTheStoredRecord_AndSavesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = Database.CreateContext())
        {
            db.Actors.Add(new Actor { Slug = "raced", Name = "Original", ActorKind = ActorKind.Company });
            await db.SaveChangesAsync(ct);
        }
        await using var slow = Database.CreateContext();
        var mine = await slow.Actors.AsTracking().SingleAsync(a => a.Slug == "raced", ct);
        mine.Version.Should().Be(1);

        await using (var fast = Database.CreateContext())
        {
            var theirs = await fast.Actors.AsTracking().SingleAsync(a => a.Slug == "raced", ct);
            theirs.Name = "Theirs";
            await fast.SaveChangesAsync(ct);
        }

        mine.Name = "Mine";
        var result = await Records.SaveUpdateAsync(slow, mine, 1, new { name = "Mine", version = 1 },
            async () => await slow.Actors.Where(a => a.Slug == "raced").Select(a => new { a.Name, a.Version }).SingleOrDefaultAsync(ct), ct);

        result.Status.Should().Be(WriteStatus.Conflict);
        result.Current!.Name.Should().Be("Theirs");
        result.Current.Version.Should().Be(2);
        await using var check = Database.CreateContext();
        (await check.Actors.SingleAsync(a => a.Slug == "raced", ct)).Name.Should().Be("Theirs");
        (await check.Revisions.CountAsync(r => r.RecordKind == RecordKind.Actor, ct)).Should().Be(2, "create and their update; my save wrote nothing");
    }

    [Fact]
    public async Task UniqueSlug_CountsRecordsTheWriterCannotSee()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = Database.CreateContext())
        {
            db.Actors.Add(new Actor { Slug = "hidden-co", Name = "Hidden Co", ActorKind = ActorKind.Company, Marking = Marking.Red });
            await db.SaveChangesAsync(ct);
        }
        await using var pub = Database.CreateContext(Vigil.Access.Reader.Anonymous);
        (await Slugs.UniqueAsync(pub, RecordKind.Actor, "hidden-co", ct)).Should().Be("hidden-co-2");
        (await Slugs.UniqueAsync(pub, RecordKind.Actor, "other-co", ct)).Should().Be("other-co");
    }

    [Theory]
    [InlineData("Intellexa S.A.", "intellexa-s-a")]
    [InlineData("Zoë Ärger GmbH", "zoe-arger-gmbh")]
    [InlineData("  NSO Group Technologies Ltd. ", "nso-group-technologies-ltd")]
    [InlineData("Straße & Söhne", "strasse-sohne")]
    [InlineData("Ντροπή", "record")]
    public void Slug_IsLowerCaseAscii_WithAccentsFolded(string name, string slug)
    {
        Slugs.FromText(name).Should().Be(slug);
        Slugs.IsValid(Slugs.FromText(name)).Should().BeTrue();
    }
}

[Trait("Database", "Sqlite")]
public sealed class SqliteRecordWritesTests() : RecordWritesTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class PostgresRecordWritesTests() : RecordWritesTests(DatabaseKind.Postgres);
