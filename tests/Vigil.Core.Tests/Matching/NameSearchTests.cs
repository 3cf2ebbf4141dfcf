using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Matching;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Matching;

/// <summary>
/// The process's name index kept current by deltas: after each save, a search finds what was added and
/// renamed by its new name, no longer finds a deleted record or a replaced name, and gives the same
/// answer as an index built whole from the same data.
/// </summary>
public abstract class NameSearchTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<string>> FoundAsync(NameSearch names, Vigil.Data.VigilDb db, string query) =>
        [.. (await names.IndexAsync(db, Ct)).Search(query, ["actor", "product"], 5, prefix: false, threshold: 0.7).Select(h => h.Name)];

    [Fact]
    public async Task SavesAreFound_ThroughADelta_AsAWholeRebuildWouldFindThem()
    {
        var names = new NameSearch();
        await using (var db = Database.CreateContext())
        {
            db.Actors.Add(new Actor { Slug = "intellexa", Name = "Intellexa S.A.", ActorKind = ActorKind.Company, Status = ReviewStatus.Published });
            db.Actors.Add(new Actor { Slug = "cytrox", Name = "Cytrox AD", ActorKind = ActorKind.Company, Status = ReviewStatus.Published });
            db.Products.Add(new Product { Slug = "predator", Name = "Predator", Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
            (await FoundAsync(names, db, "Intelexa")).Should().Equal("Intellexa S.A.");
        }

        // Three saves after the base was built: a new actor with an alias, a rename, a deletion.
        await using (var db = Database.CreateContext())
        {
            var candiru = new Actor { Slug = "candiru", Name = "Candiru Ltd", ActorKind = ActorKind.Company, Status = ReviewStatus.Published };
            candiru.Aliases.Add(new ActorAlias { Name = "Saito Tech" });
            db.Actors.Add(candiru);
            await db.SaveChangesAsync(Ct);
        }
        await using (var db = Database.CreateContext())
        {
            var cytrox = await db.Actors.AsTracking().SingleAsync(a => a.Slug == "cytrox", Ct);
            cytrox.Name = "Cytrox Holdings";
            await db.SaveChangesAsync(Ct);
        }
        await using (var db = Database.CreateContext())
        {
            db.Products.Remove(await db.Products.SingleAsync(p => p.Slug == "predator", Ct));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = Database.CreateContext())
        {
            (await FoundAsync(names, db, "Candiru")).Should().Equal("Candiru Ltd");
            (await FoundAsync(names, db, "Saito Tec")).Should().Equal(new[] { "Saito Tech" }, "an alias of a record added since the base is in the delta");
            (await FoundAsync(names, db, "Cytrox Holding")).Should().Equal("Cytrox Holdings");
            (await FoundAsync(names, db, "Cytrox AD")).Should().NotContain("Cytrox AD", "the base's old name of a renamed record is masked");
            (await FoundAsync(names, db, "Predator")).Should().BeEmpty("a deleted record is masked in the base and absent from the delta");
            (await FoundAsync(names, db, "Intelexa")).Should().Equal(new[] { "Intellexa S.A." }, "what did not change is still found in the base");

            var whole = new NameSearch();
            foreach (var query in new[] { "Candiru", "Saito", "Cytrox", "Predator", "Intellexa" })
            {
                (await FoundAsync(names, db, query)).Should().Equal(await FoundAsync(whole, db, query), $"'{query}' through the delta and through a whole index");
            }
        }
    }

    [Fact]
    public async Task ACommonWord_OnlyAddsToTheCandidatesOfTheRarerOnes_WithoutLosingTheBestHit()
    {
        var names = new NameSearch();
        await using var db = Database.CreateContext();
        for (var i = 0; i < NameIndex.CommonWordNames + 50; i++)
        {
            db.Actors.Add(new Actor { Slug = $"c-{i}", Name = $"Surveillance Company {i}", ActorKind = ActorKind.Company, Status = ReviewStatus.Published });
        }
        db.Actors.Add(new Actor { Slug = "rcs", Name = "RCS Lab Surveillance", ActorKind = ActorKind.Company, Status = ReviewStatus.Published });
        await db.SaveChangesAsync(Ct);

        var index = await names.IndexAsync(db, Ct);
        index.Search("RCS Lab Surveillance", ["actor"], 5)[0].Name.Should().Be("RCS Lab Surveillance");
        index.Search("Surveilance Company 1234", ["actor"], 5)[0].Name.Should().Be("Surveillance Company 1234", "the rare word decides, the typo'd common one still counts");
        index.Search("Surveillance", ["actor"], 5).Should().HaveCount(5, "a query of common words alone still weighs every name that holds them");
    }
}

[Trait("Database", "Sqlite")]
public sealed class NameSearchOnSqlite() : NameSearchTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class NameSearchOnPostgres() : NameSearchTests(DatabaseKind.Postgres);
