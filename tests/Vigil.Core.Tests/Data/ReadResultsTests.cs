using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Access;
using Vigil.Data;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Data;

/// <summary>
/// Heavy results kept per data version and kind of reader: computed once, never handed to another kind of
/// reader or another database, computed again after a save. Other tests save in parallel (the data version is
/// process-wide), so each check is retried until it ran within one version. No query runs: the contexts are
/// only the reader and the database the results are kept for.
/// </summary>
public sealed class ReadResultsTests
{

    private static readonly Reader s_public = Reader.Anonymous;
    private static readonly Reader s_editor = new("editor", Marking.Amber, SeesUnpublished: true, CanEdit: true) { AccountId = 1 };

    private static async Task WithinOneVersionAsync(Func<Task> check)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var version = DataVersion.Current;
            try
            {
                await check();
            }
            catch (Exception) when (DataVersion.Current != version)
            {
                // Another test saved meanwhile: this attempt proves nothing either way.
                continue;
            }
            if (DataVersion.Current == version)
            {
                return;
            }
        }
        throw new Xunit.Sdk.XunitException("the data version never held still");
    }

    /// <summary>A migrated SQLite database holding <paramref name="actors"/>, saved by an editor.</summary>
    private static async Task<TestDatabase> WithActorsAsync(params Actor[] actors)
    {
        var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await database.MigrateAsync();
        await using var db = database.CreateContext(s_editor);
        db.Actors.AddRange(actors);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return database;
    }

    [Fact]
    public async Task ASmallAnswer_OutlastsManyLargeOnes_WhenItsSizeIsToldByTheAnswer()
    {
        // A question whose answer may be large or small is kept by the answer's size: a small one must not sit among the
        // few dozen large ones, where the next large answers push it out (the actor list's anchors were read again and
        // again so). Three hundred large answers are many times what the large store holds.
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var db = database.CreateContext(s_public);
        await WithinOneVersionAsync(async () =>
        {
            var small = Guid.NewGuid().ToString();
            var computed = 0;
            Task<string?> Compute() => Task.FromResult<string?>($"answer {Interlocked.Increment(ref computed)}");
            await ReadResults.GetOrComputeAsync(db, small, Compute, answer => ReadResultSize.Small);
            for (var i = 0; i < 300; i++)
            {
                await ReadResults.GetOrComputeAsync(db, Guid.NewGuid().ToString(), () => Task.FromResult<string?>("large"), answer => ReadResultSize.Large);
            }
            (await ReadResults.GetOrComputeAsync(db, small, Compute, answer => ReadResultSize.Small)).Should().Be("answer 1");
            computed.Should().Be(1);
        });
    }

    [Fact]
    public async Task AResult_IsComputedOncePerVersionAndReaderKind_AndAgainAfterASave()
    {
        var computed = 0;
        Task<string?> Compute(Reader r) => Task.FromResult<string?>($"{r.Name} answer {Interlocked.Increment(ref computed)}");
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var another = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var publicDb = database.CreateContext(s_public);
        await using var editorDb = database.CreateContext(s_editor);
        await using var otherDatabase = another.CreateContext(s_public);

        // A fresh question on each attempt: an attempt cut short by another test's save may already have kept
        // its results under the version the next attempt starts in, and would then be served from there.
        await WithinOneVersionAsync(async () =>
        {
            var question = Guid.NewGuid().ToString();
            computed = 0;
            var first = await ReadResults.GetOrComputeAsync(publicDb, question, () => Compute(s_public));
            var again = await ReadResults.GetOrComputeAsync(publicDb, question, () => Compute(s_public));
            var editors = await ReadResults.GetOrComputeAsync(editorDb, question, () => Compute(s_editor));
            var elsewhere = await ReadResults.GetOrComputeAsync(otherDatabase, question, () => Compute(s_public));
            again.Should().BeSameAs(first, "the same kind of reader asking the same question within one version");
            editors.Should().StartWith("editor", "another kind of reader never gets the public's result");
            elsewhere.Should().NotBe(first, "a result of one database is never handed out for another in the same process");
            computed.Should().Be(3);
        });

        var lastQuestion = Guid.NewGuid().ToString();
        var before = await ReadResults.GetOrComputeAsync(publicDb, lastQuestion, () => Compute(s_public));
        DataVersion.Bump();
        var after = await ReadResults.GetOrComputeAsync(publicDb, lastQuestion, () => Compute(s_public));
        after.Should().NotBe(before, "a save makes every older result unreachable");
    }

    [Fact]
    public async Task ACount_IsKeptPerReaderKindAndFilter_AndCountedAfreshAfterASave()
    {
        await using var database = await WithActorsAsync(
            new Actor { Slug = "count-alpha", Name = "Count Alpha", ActorKind = ActorKind.Company, Status = ReviewStatus.Published },
            new Actor { Slug = "count-beta", Name = "Count Beta", ActorKind = ActorKind.Company, Status = ReviewStatus.Draft },
            new Actor { Slug = "count-gamma", Name = "Count Gamma", ActorKind = ActorKind.Person, Status = ReviewStatus.Published },
            new Actor { Slug = "count-epsilon", Name = "Count Epsilon", ActorKind = ActorKind.Company, Status = ReviewStatus.Published });
        static IQueryable<Actor> Counted(VigilDb db) => db.Actors.Where(a => a.Name.StartsWith("Count "));

        await WithinOneVersionAsync(async () =>
        {
            await using var publicDb = database.CreateContext(s_public);
            await using var editorDb = database.CreateContext(s_editor);
            (await ReadResults.CountAsync(publicDb, Counted(publicDb), TestContext.Current.CancellationToken)).Should().Be(3, "the public never counts a draft");
            (await ReadResults.CountAsync(editorDb, Counted(editorDb), TestContext.Current.CancellationToken)).Should().Be(4, "an editor's count is not the public's");
            (await ReadResults.CountAsync(publicDb, Counted(publicDb).Where(a => a.ActorKind == ActorKind.Person), TestContext.Current.CancellationToken)).Should().Be(1, "a filter is part of the key");
            var kind = ActorKind.Company;
            (await ReadResults.CountAsync(publicDb, Counted(publicDb).Where(a => a.ActorKind == kind), TestContext.Current.CancellationToken)).Should().Be(2, "so is a parameter's value");
            kind = ActorKind.Person;
            (await ReadResults.CountAsync(publicDb, Counted(publicDb).Where(a => a.ActorKind == kind), TestContext.Current.CancellationToken)).Should().Be(1);
            kind = ActorKind.PublicBody;
            (await ReadResults.CountAsync(publicDb, Counted(publicDb).Where(a => a.ActorKind == kind), TestContext.Current.CancellationToken)).Should().Be(0);
        });

        await using (var db = database.CreateContext(s_editor))
        {
            db.Actors.Add(new Actor { Slug = "count-delta", Name = "Count Delta", ActorKind = ActorKind.Company, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await using var afterSave = database.CreateContext(s_public);
        (await ReadResults.CountAsync(afterSave, Counted(afterSave), TestContext.Current.CancellationToken)).Should().Be(4, "a save makes every older count unreachable");
    }

    [Fact]
    public async Task ARecordPagesData_IsSharedByReadersOfOneKind_NotByOthers_AndLoadedAfreshAfterASave()
    {
        await using var database = await WithActorsAsync(
            new Actor { Slug = "kept-draft", Name = "Kept Draft", ActorKind = ActorKind.Company, Status = ReviewStatus.Draft });
        var request = new Vigil.Features.Browse.GetActorRequest("kept-draft");

        await WithinOneVersionAsync(async () =>
        {
            await using var editorDb = database.CreateContext(s_editor);
            await using var anotherEditorDb = database.CreateContext(s_editor with { Name = "another editor", AccountId = 2 });
            await using var publicDb = database.CreateContext(s_public);
            var first = await new Vigil.Features.Browse.GetActorHandler(editorDb).HandleAsync(request, TestContext.Current.CancellationToken);
            var second = await new Vigil.Features.Browse.GetActorHandler(anotherEditorDb).HandleAsync(request, TestContext.Current.CancellationToken);
            first.Should().NotBeNull();
            second.Should().BeSameAs(first, "two editors see the same page data: it is loaded once for them");
            (await new Vigil.Features.Browse.GetActorHandler(publicDb).HandleAsync(request, TestContext.Current.CancellationToken))
                .Should().BeNull("the public's kind of reader never gets the editors' kept draft");
        });

        await using (var db = database.CreateContext(s_editor))
        {
            var tracked = await db.Actors.AsTracking().SingleAsync(a => a.Slug == "kept-draft", TestContext.Current.CancellationToken);
            tracked.Name = "Kept Draft, renamed";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await using var afterSave = database.CreateContext(s_editor);
        (await new Vigil.Features.Browse.GetActorHandler(afterSave).HandleAsync(request, TestContext.Current.CancellationToken))!.Name
            .Should().Be("Kept Draft, renamed");
    }
}
