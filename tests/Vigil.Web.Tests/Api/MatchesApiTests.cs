using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Model;
using Vigil.Testing;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Api;

/// <summary>
/// The match queue through the real app: a possible match as a list import leaves it (a listed actor
/// with its identifier, measure and citation; an existing actor it may be), accepted or rejected.
/// </summary>
public abstract class MatchesApiTests(VigilApp editor)
{
    private async Task<(long Id, string Listed, string Existing, long Measure)> QueuedAsync()
    {
        await using var db = editor.CreateDb();
        var entry = Unique("entry");
        var source = new Source { Slug = Unique("ofac-sdn-snapshot"), Title = "OFAC SDN list", Status = ReviewStatus.Published };
        var listed = new Actor { Slug = Unique("listed"), Name = "HAMOU, Sara Aleksandra", ActorKind = ActorKind.Person, Country = "PL", Status = ReviewStatus.Published };
        listed.Identifiers.Add(new ActorIdentifier { Scheme = "ofac", Value = entry });
        listed.Aliases.Add(new ActorAlias { Name = "Sara A. Hamou" });
        var existing = new Actor { Slug = Unique("sara-hamou"), Name = "Sara Hamou", ActorKind = ActorKind.Person, Country = "PL", Status = ReviewStatus.Published };
        var authority = new Actor { Slug = Unique("ofac"), Name = "OFAC", ActorKind = ActorKind.PublicBody, Country = "US", Status = ReviewStatus.Published };
        var measure = new Measure
        {
            Slug = Unique("ofac-sdn"), Title = "OFAC SDN listing", Type = MeasureType.Sanction, Authority = authority, Programme = "CYBER2",
            Stage = MeasureStage.InForce, Status = ReviewStatus.Published, Targets = [new MeasureTarget { Actor = listed }],
        };
        db.AddRange(source, listed, existing, authority, measure);
        db.Citations.Add(new Citation { Slug = Unique("cite"), Source = source, Credibility = 1, Status = ReviewStatus.Published }.Cites(listed));
        var match = new MatchCandidate
        {
            List = "ofac", EntryId = entry, EntryName = listed.Name, ListedActor = listed, CandidateActor = existing, Score = 70,
            EvidenceFor = "same country: PL\nnames share: sara, hamou", EvidenceAgainst = "names differ: aleksandra", CreatedAt = DateTime.UtcNow,
        };
        db.MatchCandidates.Add(match);
        await db.SaveChangesAsync(Ct);
        return (match.Id, listed.Slug, existing.Slug, measure.Id);
    }

    [Fact]
    public async Task AnAcceptedMatch_LinksTheEntryToTheExistingActor_WithItsIdentifierNamesAndMeasures()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var (id, listed, existing, measureId) = await QueuedAsync();

        var queue = await client.GetAsync("/api/v1/matches", Ct).OkAsync();
        var item = queue.AsArray().Single(m => m!["id"]!.GetValue<long>() == id)!;
        item["evidenceFor"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Contain("same country: PL");
        item["evidenceAgainst"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Contain("names differ: aleksandra");
        item["existing"]!["name"]!.GetValue<string>().Should().Be("Sara Hamou");

        var (_, reviewer) = await editor.ReviewerAsync();
        await (await reviewer.PostJsonAsync($"/api/v1/matches/{id}/accept", new { })).ShouldBeProblemAsync(403);
        await (await editor.Anonymous().PostJsonAsync($"/api/v1/matches/{id}/accept", new { })).ShouldBeProblemAsync(403);

        var accepted = await client.PostJsonAsync($"/api/v1/matches/{id}/accept", new { }).OkAsync();
        accepted["state"]!.GetValue<string>().Should().Be("accepted");
        await (await client.PostJsonAsync($"/api/v1/matches/{id}/reject", new { })).ShouldBeProblemAsync(409);

        await using var db = editor.CreateDb();
        var actor = await db.Actors.Include(a => a.Identifiers).Include(a => a.Aliases).SingleAsync(a => a.Slug == existing, Ct);
        actor.Identifiers.Should().Contain(i => i.Scheme == "ofac");
        actor.Aliases.Select(a => a.Name).Should().Contain("HAMOU, Sara Aleksandra").And.Contain("Sara A. Hamou");
        (await db.MeasureTargets.Where(t => t.MeasureId == measureId).Select(t => t.ActorId).ToListAsync(Ct)).Should().Equal(actor.Id);
        (await db.Citations.CountAsync(c => c.ActorId == actor.Id, Ct)).Should().Be(1);
        (await db.Actors.SingleAsync(a => a.Slug == listed, Ct)).Status.Should().Be(ReviewStatus.Retracted);
        var gone = await (await editor.Anonymous().GetAsync($"/api/v1/actors/{listed}", Ct)).ShouldBeProblemAsync(410);
        gone["detail"]!.GetValue<string>().Should().Contain("Sara Hamou");
    }

    [Fact]
    public async Task ARejectedMatch_KeepsBothApart_AndLeavesTheQueue()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var (id, listed, existing, _) = await QueuedAsync();
        var rejected = await client.PostJsonAsync($"/api/v1/matches/{id}/reject", new { }).OkAsync();
        rejected["state"]!.GetValue<string>().Should().Be("rejected");
        (await client.GetAsync("/api/v1/matches", Ct).OkAsync()).AsArray().Should().NotContain(m => m!["id"]!.GetValue<long>() == id);
        (await client.GetAsync("/api/v1/matches?state=rejected", Ct).OkAsync()).AsArray().Should().Contain(m => m!["id"]!.GetValue<long>() == id);
        await using var db = editor.CreateDb();
        (await db.Actors.SingleAsync(a => a.Slug == listed, Ct)).Status.Should().Be(ReviewStatus.Published);
        (await db.Actors.Include(a => a.Identifiers).SingleAsync(a => a.Slug == existing, Ct)).Identifiers.Should().BeEmpty();
        await (await client.GetAsync("/api/v1/matches/999999999", Ct)).ShouldBeProblemAsync(404);
    }
}

[Trait("Database", "Sqlite")]
[Collection(SqliteApiCollection.Name)]
public sealed class SqliteMatchesApiTests(SqliteEditorApp editor) : MatchesApiTests(editor);

[Trait("Database", "Postgres")]
[Collection(PostgresApiCollection.Name)]
public sealed class PostgresMatchesApiTests(PostgresEditorApp editor) : MatchesApiTests(editor);
