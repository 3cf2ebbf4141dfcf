using FluentAssertions;
using Vigil.Access;
using Vigil.Features.Home;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Home;

/// <summary>
/// The home page tells news: its latest changes are curated work, and a bulk import (revisions whose
/// reason is "import …") is one line counting what it added, not a list of its records.
/// </summary>
public abstract class GetHomeTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LatestChanges_AreCuratedWork_AndABulkImportIsSummarisedInOneLine()
    {
        await using (var db = Database.CreateContext())
        {
            db.ChangeReason = "import MISP galaxy clusters_surveillance-vendor.json";
            foreach (var name in new[] { "Zignal Labs", "ZeroEyes", "Acme Intercept" })
            {
                db.Actors.Add(new Actor { Slug = name.ToLowerInvariant().Replace(' ', '-'), Name = name, ActorKind = ActorKind.Company, Status = ReviewStatus.Published });
            }
            db.Actors.Add(new Actor { Slug = "misp-person", Name = "A Person", ActorKind = ActorKind.Person, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
        }
        await using (var db = Database.CreateContext())
        {
            db.ChangeReason = null;
            db.Actors.Add(new Actor { Slug = "intellexa-sa", Name = "Intellexa S.A.", ActorKind = ActorKind.Company, Status = ReviewStatus.Published });
            db.Actors.Add(new Actor { Slug = "hidden-draft", Name = "Hidden Draft", ActorKind = ActorKind.Company, Status = ReviewStatus.Draft });
            await db.SaveChangesAsync(Ct);
        }

        await using var read = Database.CreateContext(Reader.Anonymous);
        var home = await new GetHomeHandler(read).HandleAsync(new GetHomeRequest(), Ct);

        home.Latest.Select(c => c.Record.Name).Should().Equal(["Intellexa S.A."], "imported vendors are not news, and a draft is not public");
        home.Imports.Should().ContainSingle().Which.Text.Should().Be("3 companies, 1 person imported from MISP galaxy clusters_surveillance-vendor.json");
        home.Counts.Single(c => c.Label == "companies").Count.Should().Be(4);
    }
}

[Trait("Database", "Sqlite")]
public sealed class GetHomeOnSqlite() : GetHomeTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class GetHomeOnPostgres() : GetHomeTests(DatabaseKind.Postgres);
