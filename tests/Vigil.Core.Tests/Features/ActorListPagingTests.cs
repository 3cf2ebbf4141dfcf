using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Access;
using Vigil.Features.Actors;
using Vigil.Features.Search;
using Vigil.Matching;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features;

/// <summary>
/// A deep page of the actor list starts at a kept row (<see cref="ActorNameAnchors"/>): its rows must be exactly those of
/// the plain OFFSET over the same filtered, name-ordered list, for any page size, across anchors, with names that
/// repeat and rows the reader may not see.
/// </summary>
public sealed class ActorListPagingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A migrated database of <paramref name="kind"/> holding the actors <paramref name="actors"/> makes.</summary>
    private static async Task<TestDatabase> WithActorsAsync(DatabaseKind kind, IEnumerable<Actor> actors)
    {
        TestDatabase.RequireAvailable(kind);
        var database = await TestDatabase.CreateAsync(kind);
        await database.MigrateAsync();
        await using var seed = database.CreateContext(Reader.System("seed"));
        seed.Actors.AddRange(actors);
        await seed.SaveChangesAsync(Ct);
        return database;
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task DeepPages_HoldTheRowsOfThePlainOffset_ForEveryPageSize(DatabaseKind kind)
    {
        // 300 names, each held by five or six actors (the order then rests on the id); an AMBER one in seven, a draft one
        // in eleven: the public's list skips them, so its anchors are not every 500th id.
        await using var database = await WithActorsAsync(kind, Enumerable.Range(0, 1_637).Select(i => new Actor
        {
            Slug = $"paged-{i}",
            Name = $"Paged {(i * 7919) % 300:D3}",
            ActorKind = i % 13 == 0 ? ActorKind.Organisation : ActorKind.Company,
            Marking = i % 7 == 0 ? Marking.Amber : Marking.Clear,
            Status = i % 11 == 0 ? ReviewStatus.Draft : ReviewStatus.Published,
        }));

        foreach (var reader in new[] { Reader.Anonymous, Reader.System("staff") })
        {
            await using var db = database.CreateContext(reader);
            var all = await db.Actors.Where(a => a.ActorKind == ActorKind.Company).OrderBy(a => a.Name).ThenBy(a => a.Id).Select(a => a.Slug).ToListAsync(Ct);
            all.Count.Should().BeGreaterThan(2 * ActorNameAnchors.Spacing, "else no page starts past an anchor");
            foreach (var size in new[] { 50, 7, 200 })
            {
                var pages = (all.Count + size - 1) / size;
                for (var page = 1; page <= pages + 1; page++)
                {
                    var listed = await new ListActorsHandler(db).HandleAsync(new ListActorsQuery(Kind: "company", Page: page, PageSize: size), Ct);
                    listed.Page!.Items.Select(a => a.Slug).Should().Equal(all.Skip((page - 1) * size).Take(size),
                        $"page {page} of {size} for {reader.Name} holds the plain offset's rows");
                    listed.Page.Total.Should().Be(all.Count);
                    if (size <= SearchRecordsHandler.MaxPageSize)
                    {
                        // The browse page of one kind (/search?kind=company) starts at the same kept rows.
                        var browsed = await new SearchRecordsHandler(db, new NameSearch(TimeProvider.System))
                            .HandleAsync(new SearchRecordsRequest(Kind: "company", Page: page, PageSize: size), Ct);
                        browsed.Items.Select(i => i.Slug).Should().Equal(all.Skip((page - 1) * size).Take(size),
                            $"browse page {page} of {size} for {reader.Name} holds the plain offset's rows");
                        browsed.Total.Should().Be(all.Count);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task ASearchsPages_GiveTheTotalOfWhatTheReaderMaySee_WhetherTheyAreShortFullOrPastTheEnd(DatabaseKind kind)
    {
        // A page short of its size gives its total without a count (ToPageAsync); a full page or one past the end counts.
        // Three drafts among ten: the public sees seven.
        await using var database = await WithActorsAsync(kind, Enumerable.Range(0, 10).Select(i => new Actor
        {
            Slug = $"quill-{i}", Name = $"Quillfeather Systems {i}", ActorKind = ActorKind.Company, Status = i % 3 == 1 ? ReviewStatus.Draft : ReviewStatus.Published,
        }));
        foreach (var (reader, visible) in new[] { (Reader.Anonymous, 7), (Reader.System("staff"), 10) })
        {
            await using var db = database.CreateContext(reader);
            foreach (var (page, size, items) in new[] { (1, 20, visible), (1, 3, 3), (2, 3, 3), ((visible + 2) / 3, 3, visible - (3 * ((visible - 1) / 3))), (5, 3, 0), (2, 20, 0) })
            {
                var listed = await new ListActorsHandler(db).HandleAsync(new ListActorsQuery(Q: "quillfeather", Page: page, PageSize: size), Ct);
                listed.Page!.Items.Should().HaveCount(items, $"page {page} of {size} for {reader.Name}");
                listed.Page.Total.Should().Be(visible, $"page {page} of {size} for {reader.Name}");
            }
        }
    }
}
