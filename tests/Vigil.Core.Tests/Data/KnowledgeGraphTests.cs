using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Access;
using Vigil.Data;
using Vigil.Model;
using Vigil.Search;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Data;

/// <summary>The spine of the graph on a real database: the access rule, history and search.</summary>
public abstract class KnowledgeGraphTests(DatabaseKind kind) : DatabaseTest(kind)
{
    [Fact]
    public async Task AccessRule_ShowsEachReaderOnlyMarkingsAtOrBelowClearance_AndPublishedUnlessAllowed()
    {
        await using (var db = Database.CreateContext())
        {
            foreach (var marking in Markings.All)
            {
                foreach (var status in Enum.GetValues<ReviewStatus>())
                {
                    db.Actors.Add(new Actor { Slug = $"a-{(int)marking}-{(int)status}", Name = $"A {marking} {status}", ActorKind = ActorKind.Company, Marking = marking, Status = status });
                }
            }
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        foreach (var clearance in Markings.All)
        {
            foreach (var seesUnpublished in new[] { false, true })
            {
                var reader = new Reader("r", clearance, seesUnpublished, false);
                await using var db = Database.CreateContext(reader);
                var visible = await db.Actors.Select(a => new { a.Marking, a.Status }).ToListAsync(TestContext.Current.CancellationToken);
                var expected = Markings.All.SelectMany(m => Enum.GetValues<ReviewStatus>().Select(s => (m, s)))
                    .Count(x => reader.MaySee(x.m, x.s));
                visible.Should().HaveCount(expected);
                visible.Should().OnlyContain(a => a.Marking <= clearance && (seesUnpublished || a.Status == ReviewStatus.Published));
                (await db.Actors.CountAsync(TestContext.Current.CancellationToken)).Should().Be(expected, "counts go through the same rule");
            }
        }
    }

    [Fact]
    public async Task AccessRule_HidesEdgesAndCitations_WhoseEndIsHidden()
    {
        await using (var db = Database.CreateContext())
        {
            var open = new Actor { Slug = "open", Name = "Open Co", ActorKind = ActorKind.Company, Status = ReviewStatus.Published };
            var secret = new Actor { Slug = "secret", Name = "Secret Co", ActorKind = ActorKind.Company, Status = ReviewStatus.Published, Marking = Marking.Red };
            var source = new Source { Slug = "s", Title = "Report", Status = ReviewStatus.Published };
            var edge = new Relationship { Slug = "open--owns--secret", Type = RelationshipType.Owns, FromActor = open, ToActor = secret, Status = ReviewStatus.Published };
            db.AddRange(open, secret, source, edge);
            db.Citations.Add(new Citation { Slug = "c1", Source = source, Relationship = edge, Status = ReviewStatus.Published });
            db.Citations.Add(new Citation { Slug = "c2", Source = source, Actor = open, Status = ReviewStatus.Published });
            db.Citations.Add(new Citation { Slug = "c3", Source = source, Actor = secret, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await using (var pub = Database.CreateContext(Reader.Anonymous))
        {
            (await pub.Actors.Select(a => a.Slug).ToListAsync(TestContext.Current.CancellationToken)).Should().Equal("open");
            (await pub.Relationships.CountAsync(TestContext.Current.CancellationToken)).Should().Be(0);
            (await pub.Citations.Select(c => c.Slug).ToListAsync(TestContext.Current.CancellationToken)).Should().Equal("c2");
        }
        await using var red = Database.CreateContext(new Reader("r", Marking.Red, false, false));
        (await red.Relationships.CountAsync(TestContext.Current.CancellationToken)).Should().Be(1);
        (await red.Citations.CountAsync(TestContext.Current.CancellationToken)).Should().Be(3);
    }

    [Fact]
    public async Task Save_WritesRevisionPerChange_WithOldAndNewValues_AndBumpsVersion()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        long id;
        await using (var db = Database.CreateContext(Reader.System("alice"), clock))
        {
            var actor = new Actor { Slug = "x", Name = "Old Name", ActorKind = ActorKind.Company };
            actor.Aliases.Add(new ActorAlias { Name = "Alias One" });
            db.Actors.Add(actor);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            id = actor.Id;
        }
        clock.Advance(TimeSpan.FromHours(1));
        await using (var db = Database.CreateContext(Reader.System("bob"), clock))
        {
            var actor = await db.Actors.AsTracking().Include(a => a.Aliases).SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
            actor.Name = "New Name";
            actor.Aliases.Add(new ActorAlias { Name = "Alias Two" });
            db.ChangeReason = "renamed";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            actor.Version.Should().Be(2);
            actor.UpdatedBy.Should().Be("bob");
            actor.CreatedBy.Should().Be("alice");
        }
        await using (var db = Database.CreateContext())
        {
            var revisions = await db.Revisions.Where(r => r.RecordKind == RecordKind.Actor && r.RecordId == id).OrderBy(r => r.Version).ToListAsync(TestContext.Current.CancellationToken);
            revisions.Select(r => (r.Version, r.Operation, r.By)).Should().Equal((1, "create", "alice"), (2, "update", "bob"));
            revisions[1].Reason.Should().Be("renamed");
            revisions[1].At.Should().Be(clock.GetUtcNow().UtcDateTime);
            var changes = History.ReadChanges(revisions[1].Changes);
            changes.Should().ContainEquivalentOf(new FieldChange("name", "Old Name", "New Name"));
            changes.Should().ContainEquivalentOf(new FieldChange("aliases", null, "Alias Two"));
        }
    }

    [Fact]
    public async Task CreateRevision_OfAnEdgeBetweenNewRecords_StoresTheirRealKeys()
    {
        long fromId, toId, edgeId;
        await using (var db = Database.CreateContext())
        {
            var from = new Actor { Slug = "f", Name = "From", ActorKind = ActorKind.Company };
            var to = new Actor { Slug = "t", Name = "To", ActorKind = ActorKind.Company };
            var edge = new Relationship { Slug = "f--owns--t", Type = RelationshipType.Owns, FromActor = from, ToActor = to };
            db.AddRange(from, to, edge);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            (fromId, toId, edgeId) = (from.Id, to.Id, edge.Id);
        }
        await using (var db = Database.CreateContext())
        {
            var revision = await db.Revisions.SingleAsync(r => r.RecordKind == RecordKind.Relationship && r.RecordId == edgeId, TestContext.Current.CancellationToken);
            var changes = History.ReadChanges(revision.Changes);
            changes.Should().ContainEquivalentOf(new FieldChange("fromActorId", null, fromId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            changes.Should().ContainEquivalentOf(new FieldChange("toActorId", null, toId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public async Task Save_OfUnchangedValues_WritesNoRevision()
    {
        await using (var db = Database.CreateContext())
        {
            db.Actors.Add(new Actor { Slug = "same", Name = "Same", ActorKind = ActorKind.Company });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await using (var db = Database.CreateContext())
        {
            var actor = await db.Actors.AsTracking().SingleAsync(TestContext.Current.CancellationToken);
            actor.Name = "Same";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            (await db.Revisions.CountAsync(TestContext.Current.CancellationToken)).Should().Be(1);
        }
    }

    [Fact]
    public async Task StaleVersion_IsAConcurrencyConflict()
    {
        await using (var db = Database.CreateContext())
        {
            db.Actors.Add(new Actor { Slug = "c", Name = "C", ActorKind = ActorKind.Company });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await using var first = Database.CreateContext();
        await using var second = Database.CreateContext();
        var a1 = await first.Actors.AsTracking().SingleAsync(TestContext.Current.CancellationToken);
        var a2 = await second.Actors.AsTracking().SingleAsync(TestContext.Current.CancellationToken);
        a1.Name = "First";
        await first.SaveChangesAsync(TestContext.Current.CancellationToken);
        a2.Name = "Second";
        var save = () => second.SaveChangesAsync(TestContext.Current.CancellationToken);
        await save.Should().ThrowAsync<DbUpdateConcurrencyException>();
    }

    [Fact]
    public async Task FullText_FindsByPrefixAliasAndFoldedAccents_ThroughTheAccessRule()
    {
        await using (var db = Database.CreateContext())
        {
            var a = new Actor { Slug = "intellexa-sa", Name = "Intellexa S.A.", ActorKind = ActorKind.Company, Country = "GR", Status = ReviewStatus.Published };
            a.Aliases.Add(new ActorAlias { Name = "Ζωή Ångström Holdings" });
            db.Actors.Add(a);
            db.Actors.Add(new Actor { Slug = "intellexa-hidden", Name = "Intellexa Hidden Ltd", ActorKind = ActorKind.Company, Status = ReviewStatus.Draft });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await using var pub = Database.CreateContext(Reader.Anonymous);
        async Task<List<string>> Find(string q) =>
            await (from a in pub.Actors
                   join h in FullText.Match(pub, RecordKind.Actor, q) on a.Id equals h.RecordId
                   orderby h.Rank
                   select a.Slug).ToListAsync(TestContext.Current.CancellationToken);
        (await Find("intell")).Should().Equal("intellexa-sa");
        (await Find("angstrom")).Should().Equal("intellexa-sa");
        (await Find("greece")).Should().Equal("intellexa-sa");
        (await Find("\"; DROP TABLE Actors; --")).Should().BeEmpty();
        (await Find("")).Should().BeEmpty();
    }

    [Fact]
    public async Task FullText_RanksARecordWhoseNameHoldsEveryWord_BeforeOneWhoseDescriptionDoes()
    {
        // Neither engine may rank by a word's rarity alone: all words match in every hit, and SQLite's ranking no longer
        // uses bm25 (which walked every record holding each word). Many records share the words, as names of a sector do.
        await using (var db = Database.CreateContext())
        {
            for (var i = 0; i < 40; i++)
            {
                db.Actors.Add(new Actor { Slug = $"filler-{i}", Name = $"Filler {i}", Description = "A zephyr orchid reseller among many.", ActorKind = ActorKind.Company, Status = ReviewStatus.Published });
            }
            db.Actors.Add(new Actor { Slug = "zephyr-orchid", Name = "Zephyr Orchid", ActorKind = ActorKind.Company, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await using var pub = Database.CreateContext(Reader.Anonymous);
        var found = await (from a in pub.Actors
                           join h in FullText.Match(pub, RecordKind.Actor, "zephyr orchid") on a.Id equals h.RecordId
                           orderby h.Rank, a.Slug
                           select a.Slug).ToListAsync(TestContext.Current.CancellationToken);
        found.Should().HaveCount(41);
        found[0].Should().Be("zephyr-orchid");
    }

    [Fact]
    public async Task LargeSave_StoresRecordsKeysRevisionsAndSearchEntries_AsASmallSaveDoes()
    {
        // 300 actors with an alias, an identifier, a citation and an edge each: over a thousand new rows,
        // which SQLite writes through the bulk path. One more actor alike, saved alone, is the reference.
        var ct = TestContext.Current.CancellationToken;
        static Actor NewActor(string slug, Source source, List<Citation> citations)
        {
            var a = new Actor { Slug = slug, Name = $"Name of {slug}", ActorKind = ActorKind.Company, Country = "GR", Marking = Marking.Green, Status = ReviewStatus.Published };
            a.Aliases.Add(new ActorAlias { Name = $"Alias of {slug}", Language = "en" });
            a.Identifiers.Add(new ActorIdentifier { Scheme = "registry:GR", Value = $"REG-{slug}" });
            citations.Add(new Citation { Slug = $"cit-{slug}", Source = source, Actor = a, Status = ReviewStatus.Published, Credibility = 2, Locator = "p. 1" });
            return a;
        }
        await using (var db = Database.CreateContext())
        {
            var source = new Source { Slug = "register", Title = "Register", Status = ReviewStatus.Published, Reliability = 'B' };
            var citations = new List<Citation>();
            Actor? previous = null;
            for (var i = 0; i < 300; i++)
            {
                var a = NewActor($"bulk-{i}", source, citations);
                db.Actors.Add(a);
                if (previous is not null)
                {
                    db.Relationships.Add(new Relationship { Slug = $"bulk-{i}--subsidiary-of--bulk-{i - 1}", Type = RelationshipType.SubsidiaryOf, FromActor = a, ToActor = previous, SharePercent = 51.5m, Status = ReviewStatus.Published });
                }
                previous = a;
            }
            db.Citations.AddRange(citations);
            db.ChangeTracker.Entries().Count().Should().BeGreaterThan(1000);
            await db.SaveChangesAsync(ct);
        }
        await using (var db = Database.CreateContext())
        {
            var source = await db.Sources.AsTracking().SingleAsync(ct);
            var citations = new List<Citation>();
            db.Actors.Add(NewActor("single", source, citations));
            db.Citations.AddRange(citations);
            await db.SaveChangesAsync(ct);
        }

        await using var read = Database.CreateContext();
        var edges = await read.Relationships.Select(r => new { r.Slug, From = r.FromActor!.Slug, To = r.ToActor!.Slug, r.SharePercent }).ToListAsync(ct);
        edges.Should().HaveCount(299).And.OnlyContain(e => e.Slug == $"{e.From}--subsidiary-of--{e.To}" && e.SharePercent == 51.5m);
        var cited = await read.Citations.Select(c => new { c.Slug, Actor = c.Actor!.Slug, c.Source!.Reliability }).ToListAsync(ct);
        cited.Should().HaveCount(301).And.OnlyContain(c => c.Slug == $"cit-{c.Actor}" && c.Reliability == 'B');
        (await read.ActorAliases.CountAsync(x => x.Name == "Alias of " + x.Actor!.Slug, ct)).Should().Be(301);
        (await read.ActorIdentifiers.CountAsync(x => x.Value == "REG-" + x.Actor!.Slug, ct)).Should().Be(301);

        // Every record has its one creation revision, and the bulk one reads like the single one.
        (await read.Revisions.CountAsync(ct)).Should().Be(1 + 301 + 299 + 301);
        (await read.Revisions.AnyAsync(r => r.Operation != "create" || r.Version != 1, ct)).Should().BeFalse();
        async Task<List<FieldChange>> CreationOf(string slug)
        {
            var actor = await read.Actors.SingleAsync(a => a.Slug == slug, ct);
            var revision = await read.Revisions.SingleAsync(r => r.RecordKind == RecordKind.Actor && r.RecordId == actor.Id, ct);
            return History.ReadChanges(revision.Changes).Select(c => c with { New = c.New?.Replace(slug, "*", StringComparison.Ordinal) }).ToList();
        }
        (await CreationOf("bulk-42")).Should().Equal(await CreationOf("single"));
        var edge = await read.Relationships.SingleAsync(r => r.Slug == "bulk-42--subsidiary-of--bulk-41", ct);
        var edgeChanges = History.ReadChanges((await read.Revisions.SingleAsync(r => r.RecordKind == RecordKind.Relationship && r.RecordId == edge.Id, ct)).Changes);
        edgeChanges.Should().ContainEquivalentOf(new FieldChange("fromActorId", null, edge.FromActorId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        edgeChanges.Should().ContainEquivalentOf(new FieldChange("toActorId", null, edge.ToActorId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        (await read.SearchEntries.CountAsync(ct)).Should().Be(1 + 301);
        var hits = await (from a in read.Actors
                          join h in FullText.Match(read, RecordKind.Actor, "alias of bulk 299") on a.Id equals h.RecordId
                          select a.Slug).ToListAsync(ct);
        hits.Should().Equal("bulk-299");
    }
}

[Trait("Database", "Sqlite")]
public sealed class KnowledgeGraphOnSqlite() : KnowledgeGraphTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class KnowledgeGraphOnPostgres() : KnowledgeGraphTests(DatabaseKind.Postgres);
