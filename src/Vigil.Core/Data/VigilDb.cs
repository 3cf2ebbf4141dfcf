using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Vigil.Access;
using Vigil.Model;
using Vigil.Search;

namespace Vigil.Data;

/// <summary>
/// The knowledge graph. Two rules live here so that no handler can forget them:
/// <list type="bullet">
/// <item>the access rule: every record set has a query filter that keeps only what
/// <see cref="Reader"/> may see (marking at or below the clearance; published unless the reader sees
/// drafts), and edges and citations also hide when an end they point to is hidden;</item>
/// <item>history: every save writes a <see cref="Revision"/> per changed record, stamps authorship,
/// bumps the concurrency version and refreshes the search index.</item>
/// </list>
/// Maintenance code that must see everything (imports matching existing records) uses a context
/// created with <see cref="Access.Reader.System"/>, not <c>IgnoreQueryFilters</c>.
/// </summary>
public sealed partial class VigilDb : DbContext
{
    private Reader _reader;

    private TimeProvider _clock;

    /// <summary>
    /// The one constructor, which the context pool needs: a context reads as the public until it is given its
    /// reader (<see cref="For"/>, or the pool's lease in <see cref="DatabaseSetup.AddVigilDatabase"/>), and again once
    /// it is back in the pool, so that a pooled context can never serve one request with the reader of another.
    /// </summary>
    public VigilDb(DbContextOptions<VigilDb> options)
        : base(options)
    {
        _reader = Reader.Anonymous;
        _clock = TimeProvider.System;
    }

    /// <summary>A context of its own (not from the pool) reading as <paramref name="reader"/>: the CLI, jobs and tests.</summary>
    public static VigilDb For(DbContextOptions<VigilDb> options, Reader reader, TimeProvider? clock = null) =>
        new VigilDb(options).ReadingAs(reader, clock ?? TimeProvider.System);

    /// <summary>The reader every query of this context is filtered for.</summary>
    public Reader Reader => _reader;

    /// <summary>
    /// Gives the context its reader and clock for one request (a pooled context's lease), and nothing of the previous
    /// request (<see cref="ChangeReason"/>, <see cref="ApplyingApprovedChange"/>).
    /// </summary>
    internal VigilDb ReadingAs(Reader reader, TimeProvider clock)
    {
        ForgetRequest();
        _reader = reader;
        _clock = clock;
        return this;
    }

    // What one request set on the context; the pool's own reset clears what EF tracks (entities, transactions).
    private void ForgetRequest()
    {
        _reader = Reader.Anonymous;
        _clock = TimeProvider.System;
        ChangeReason = null;
        ApplyingApprovedChange = false;
    }

    /// <summary>Disposing a pooled context returns it to the pool: it forgets its request first.</summary>
    public override void Dispose()
    {
        ForgetRequest();
        base.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public override ValueTask DisposeAsync()
    {
        ForgetRequest();
        return base.DisposeAsync();
    }

    /// <summary>Why the next save is made ("import data/actors/x.yaml"); written into its revisions.</summary>
    public string? ChangeReason { get; set; }

    /// <summary>
    /// Set by the review use cases while a reviewer applies a change someone else proposed: the write
    /// path then updates the published record instead of holding the change for review.
    /// </summary>
    public bool ApplyingApprovedChange { get; set; }

    // Read by the query filters: EF turns these instance members into per-query parameters.
    private Marking ReaderClearance => _reader.Clearance;

    private bool ReaderSeesUnpublished => _reader.SeesUnpublished;

    private string? ReaderFocalPoint => _reader.FocalPointCountry;

    public DbSet<Actor> Actors => Set<Actor>();

    public DbSet<ActorAlias> ActorAliases => Set<ActorAlias>();

    public DbSet<ActorIdentifier> ActorIdentifiers => Set<ActorIdentifier>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<ProductAlias> ProductAliases => Set<ProductAlias>();

    public DbSet<Relationship> Relationships => Set<Relationship>();

    public DbSet<Source> Sources => Set<Source>();

    public DbSet<SourceArchive> SourceArchives => Set<SourceArchive>();

    public DbSet<Citation> Citations => Set<Citation>();

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<IncidentProduct> IncidentProducts => Set<IncidentProduct>();

    public DbSet<IncidentVendor> IncidentVendors => Set<IncidentVendor>();

    public DbSet<IncidentOperator> IncidentOperators => Set<IncidentOperator>();

    public DbSet<IncidentInvestigator> IncidentInvestigators => Set<IncidentInvestigator>();

    public DbSet<Target> Targets => Set<Target>();

    public DbSet<TargetEditor> TargetEditors => Set<TargetEditor>();
    public DbSet<Measure> Measures => Set<Measure>();

    public DbSet<MeasureTarget> MeasureTargets => Set<MeasureTarget>();

    public DbSet<MeasureStep> MeasureSteps => Set<MeasureStep>();

    public DbSet<MeasureParty> MeasureParties => Set<MeasureParty>();

    public DbSet<MatchCandidate> MatchCandidates => Set<MatchCandidate>();

    /// <summary>Entries of screening lists, apart from the graph (no access filter: the lists are public).</summary>
    public DbSet<ListEntry> ListEntries => Set<ListEntry>();
    public DbSet<Framework> Frameworks => Set<Framework>();

    public DbSet<Commitment> Commitments => Set<Commitment>();

    public DbSet<Endorsement> Endorsements => Set<Endorsement>();

    public DbSet<Assessment> Assessments => Set<Assessment>();

    public DbSet<NationalReport> NationalReports => Set<NationalReport>();

    public DbSet<RatingStep> RatingSteps => Set<RatingStep>();

    public DbSet<QuarterCycle> Quarters => Set<QuarterCycle>();

    public DbSet<ReplyRequest> ReplyRequests => Set<ReplyRequest>();

    public DbSet<ReplySubject> ReplySubjects => Set<ReplySubject>();

    public DbSet<Revision> Revisions => Set<Revision>();

    public DbSet<PendingChange> PendingChanges => Set<PendingChange>();

    public DbSet<ReviewEvent> ReviewEvents => Set<ReviewEvent>();

    public DbSet<Tombstone> Tombstones => Set<Tombstone>();

    public DbSet<SearchEntry> SearchEntries => Set<SearchEntry>();

    public DbSet<ChangeSet> ChangeSets => Set<ChangeSet>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<ChangeSetItem> ChangeSetItems => Set<ChangeSetItem>();

    public DbSet<ScreeningCase> ScreeningCases => Set<ScreeningCase>();

    public DbSet<ScreeningCaseHit> ScreeningCaseHits => Set<ScreeningCaseHit>();

    public DbSet<TableMapping> TableMappings => Set<TableMapping>();

    /// <summary>The current time, from the context's clock.</summary>
    public DateTime Now() => _clock.GetUtcNow().UtcDateTime;

    /// <summary>The provider in use.</summary>
    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(VigilDb).Assembly);
        ApplyAccessRule(modelBuilder);
    }

    /// <summary>
    /// The one access rule, as query filters. A record is visible when <c>Visible(r)</c>; an edge also
    /// needs both ends visible, a citation its source and subject, an alias or identifier its owner.
    /// </summary>
    private void ApplyAccessRule(ModelBuilder b)
    {
        b.Entity<Actor>().HasQueryFilter(Visible<Actor>());
        b.Entity<Product>().HasQueryFilter(Visible<Product>());
        b.Entity<Source>().HasQueryFilter(Visible<Source>());
        // An archived copy is read with its source, never on its own terms.
        b.Entity<SourceArchive>().HasQueryFilter(a =>
            a.Source!.Marking <= ReaderClearance && (ReaderSeesUnpublished || a.Source.Status == ReviewStatus.Published));

        b.Entity<ActorAlias>().HasQueryFilter(x =>
            x.Actor!.Marking <= ReaderClearance && (ReaderSeesUnpublished || x.Actor.Status == ReviewStatus.Published));
        b.Entity<ActorIdentifier>().HasQueryFilter(x =>
            x.Actor!.Marking <= ReaderClearance && (ReaderSeesUnpublished || x.Actor.Status == ReviewStatus.Published));
        b.Entity<ProductAlias>().HasQueryFilter(x =>
            x.Product!.Marking <= ReaderClearance && (ReaderSeesUnpublished || x.Product.Status == ReviewStatus.Published));

        b.Entity<Relationship>().HasQueryFilter(r =>
            r.Marking <= ReaderClearance && (ReaderSeesUnpublished || r.Status == ReviewStatus.Published)
            && r.FromActor!.Marking <= ReaderClearance && (ReaderSeesUnpublished || r.FromActor.Status == ReviewStatus.Published)
            && (r.ToActorId == null
                || (r.ToActor!.Marking <= ReaderClearance && (ReaderSeesUnpublished || r.ToActor.Status == ReviewStatus.Published)))
            && (r.ToProductId == null
                || (r.ToProduct!.Marking <= ReaderClearance && (ReaderSeesUnpublished || r.ToProduct.Status == ReviewStatus.Published))));

        b.Entity<Citation>().HasQueryFilter(c =>
            c.Marking <= ReaderClearance && (ReaderSeesUnpublished || c.Status == ReviewStatus.Published)
            && c.Source!.Marking <= ReaderClearance && (ReaderSeesUnpublished || c.Source.Status == ReviewStatus.Published)
            && (c.ActorId == null
                || (c.Actor!.Marking <= ReaderClearance && (ReaderSeesUnpublished || c.Actor.Status == ReviewStatus.Published)))
            && (c.ProductId == null
                || (c.Product!.Marking <= ReaderClearance && (ReaderSeesUnpublished || c.Product.Status == ReviewStatus.Published)))
            // The cited edge is itself subject to its own filter (both ends visible). Asked as a
            // correlated EXISTS on the filtered set, a key lookup per citation: through the navigation
            // (a LEFT JOIN to the filtered edges) SQLite materialised every visible edge on each query.
            && (c.RelationshipId == null || Set<Relationship>().Any(r => r.Id == c.RelationshipId))
            && (c.IncidentId == null
                || (c.Incident!.Marking <= ReaderClearance && (ReaderSeesUnpublished || c.Incident.Status == ReviewStatus.Published)))
            && (c.MeasureId == null || Set<Measure>().Any(m => m.Id == c.MeasureId))
            && (c.EndorsementId == null || Set<Endorsement>().Any(e => e.Id == c.EndorsementId))
            && (c.AssessmentId == null || Set<Assessment>().Any(a => a.Id == c.AssessmentId))
            && (c.NationalReportId == null || Set<NationalReport>().Any(r => r.Id == c.NationalReportId))
            && (c.FrameworkId == null || Set<Framework>().Any(f => f.Id == c.FrameworkId))
            && (c.CommitmentId == null || Set<Commitment>().Any(m => m.Id == c.CommitmentId))
            && (c.IndicatorId == null || Set<Indicator>().Any(i => i.Id == c.IndicatorId)));

        // An indicator, like an edge, hides with the product or incident it points at: an AMBER product's
        // indicators would otherwise say that the product exists.
        b.Entity<Indicator>().HasQueryFilter(i =>
            i.Marking <= ReaderClearance && (ReaderSeesUnpublished || i.Status == ReviewStatus.Published)
            && (i.ProductId == null
                || (i.Product!.Marking <= ReaderClearance && (ReaderSeesUnpublished || i.Product.Status == ReviewStatus.Published)))
            && (i.IncidentId == null
                || (i.Incident!.Marking <= ReaderClearance && (ReaderSeesUnpublished || i.Incident.Status == ReviewStatus.Published))));

        // Incidents: the record, and each link only while the actor or product it points at is visible
        // too. A target is visible when its incident is, up to the target's own marking (its status
        // follows the incident's); its assigned editors follow the target.
        b.Entity<Incident>().HasQueryFilter(Visible<Incident>());
        b.Entity<IncidentProduct>().HasQueryFilter(x =>
            x.Incident!.Marking <= ReaderClearance && (ReaderSeesUnpublished || x.Incident.Status == ReviewStatus.Published)
            && x.Product!.Marking <= ReaderClearance && (ReaderSeesUnpublished || x.Product.Status == ReviewStatus.Published));
        b.Entity<IncidentVendor>().HasQueryFilter(x =>
            x.Incident!.Marking <= ReaderClearance && (ReaderSeesUnpublished || x.Incident.Status == ReviewStatus.Published)
            && x.Actor!.Marking <= ReaderClearance && (ReaderSeesUnpublished || x.Actor.Status == ReviewStatus.Published));
        b.Entity<IncidentOperator>().HasQueryFilter(x =>
            x.Incident!.Marking <= ReaderClearance && (ReaderSeesUnpublished || x.Incident.Status == ReviewStatus.Published)
            && x.Actor!.Marking <= ReaderClearance && (ReaderSeesUnpublished || x.Actor.Status == ReviewStatus.Published));
        b.Entity<IncidentInvestigator>().HasQueryFilter(x =>
            x.Incident!.Marking <= ReaderClearance && (ReaderSeesUnpublished || x.Incident.Status == ReviewStatus.Published)
            && x.Actor!.Marking <= ReaderClearance && (ReaderSeesUnpublished || x.Actor.Status == ReviewStatus.Published));
        b.Entity<Target>().HasQueryFilter(t =>
            t.Marking <= ReaderClearance
            && t.Incident!.Marking <= ReaderClearance && (ReaderSeesUnpublished || t.Incident.Status == ReviewStatus.Published));
        b.Entity<TargetEditor>().HasQueryFilter(x =>
            x.Target!.Marking <= ReaderClearance
            && x.Target.Incident!.Marking <= ReaderClearance && (ReaderSeesUnpublished || x.Target.Incident.Status == ReviewStatus.Published));

        // Measures: visible themselves and their imposing authority; a target row also needs its actor,
        // a step its measure (its source shows only when visible: the navigation is filtered).
        b.Entity<Measure>().HasQueryFilter(m =>
            m.Marking <= ReaderClearance && (ReaderSeesUnpublished || m.Status == ReviewStatus.Published)
            && m.Authority!.Marking <= ReaderClearance && (ReaderSeesUnpublished || m.Authority.Status == ReviewStatus.Published));
        b.Entity<MeasureTarget>().HasQueryFilter(t =>
            t.Measure!.Marking <= ReaderClearance && (ReaderSeesUnpublished || t.Measure.Status == ReviewStatus.Published)
            && t.Measure.Authority!.Marking <= ReaderClearance && (ReaderSeesUnpublished || t.Measure.Authority.Status == ReviewStatus.Published)
            && t.Actor!.Marking <= ReaderClearance && (ReaderSeesUnpublished || t.Actor.Status == ReviewStatus.Published));
        b.Entity<MeasureStep>().HasQueryFilter(t =>
            t.Measure!.Marking <= ReaderClearance && (ReaderSeesUnpublished || t.Measure.Status == ReviewStatus.Published)
            && t.Measure.Authority!.Marking <= ReaderClearance && (ReaderSeesUnpublished || t.Measure.Authority.Status == ReviewStatus.Published));
        // A party row, like a target row, also needs its actor.
        b.Entity<MeasureParty>().HasQueryFilter(t =>
            t.Measure!.Marking <= ReaderClearance && (ReaderSeesUnpublished || t.Measure.Status == ReviewStatus.Published)
            && t.Measure.Authority!.Marking <= ReaderClearance && (ReaderSeesUnpublished || t.Measure.Authority.Status == ReviewStatus.Published)
            && t.Actor!.Marking <= ReaderClearance && (ReaderSeesUnpublished || t.Actor.Status == ReviewStatus.Published));
        // The match review queue is editors' work, up to the clearance for both actors.
        b.Entity<MatchCandidate>().HasQueryFilter(x => ReaderSeesUnpublished
            && (x.ListedActorId == null || x.ListedActor!.Marking <= ReaderClearance) && x.CandidateActor!.Marking <= ReaderClearance);

        ApplyCommitmentsAccessRule(b);

        // The right of reply: a request needs the actor it was sent to; a row of what it is about also
        // needs the record it points at, under that record's own filter.
        b.Entity<ReplyRequest>().HasQueryFilter(r =>
            r.Marking <= ReaderClearance && (ReaderSeesUnpublished || r.Status == ReviewStatus.Published)
            && r.Actor!.Marking <= ReaderClearance && (ReaderSeesUnpublished || r.Actor.Status == ReviewStatus.Published));
        b.Entity<ReplySubject>().HasQueryFilter(s =>
            Set<ReplyRequest>().Any(r => r.Id == s.ReplyRequestId)
            && (s.ActorId == null || Set<Actor>().Any(a => a.Id == s.ActorId))
            && (s.IncidentId == null || Set<Incident>().Any(i => i.Id == s.IncidentId))
            && (s.MeasureId == null || Set<Measure>().Any(m => m.Id == s.MeasureId))
            && (s.RelationshipId == null || Set<Relationship>().Any(e => e.Id == s.RelationshipId)));

        // Review: proposed changes and review comments are for those who see unpublished work, up to
        // their clearance; a tombstone is for whoever could see the record when it was published.
        b.Entity<PendingChange>().HasQueryFilter(c => ReaderSeesUnpublished && c.Marking <= ReaderClearance);
        b.Entity<ReviewEvent>().HasQueryFilter(e => ReaderSeesUnpublished && e.Marking <= ReaderClearance);
        b.Entity<Tombstone>().HasQueryFilter(t => t.Marking <= ReaderClearance);
        // A change set is review work, for those who see unpublished work up to its highest marking.
        b.Entity<ChangeSet>().HasQueryFilter(s => ReaderSeesUnpublished && s.Marking <= ReaderClearance);
        b.Entity<ChangeSetItem>().HasQueryFilter(i => ReaderSeesUnpublished && i.ChangeSet!.Marking <= ReaderClearance);
        // A screening case is screening work (editors, reviewers, admins: those who see unpublished work),
        // up to its marking; never public. Its hits go with it.
        b.Entity<ScreeningCase>().HasQueryFilter(c => ReaderSeesUnpublished && c.Marking <= ReaderClearance);
        b.Entity<ScreeningCaseHit>().HasQueryFilter(h => ReaderSeesUnpublished && h.ScreeningCase!.Marking <= ReaderClearance);
    }

    /// <summary>
    /// Commitments follow the same rule: a commitment needs its framework, an endorsement its actor and
    /// framework, an assessment its actor and commitment (and so its framework). National reports are the
    /// exception the focal-point role needs: a focal point sees their own state's reports, drafts too, and
    /// no other state's; everyone else sees them like any record.
    /// </summary>
    private void ApplyCommitmentsAccessRule(ModelBuilder b)
    {
        b.Entity<Framework>().HasQueryFilter(Visible<Framework>());
        b.Entity<Commitment>().HasQueryFilter(c =>
            c.Marking <= ReaderClearance && (ReaderSeesUnpublished || c.Status == ReviewStatus.Published)
            && c.Framework!.Marking <= ReaderClearance && (ReaderSeesUnpublished || c.Framework.Status == ReviewStatus.Published));
        b.Entity<Endorsement>().HasQueryFilter(e =>
            e.Marking <= ReaderClearance && (ReaderSeesUnpublished || e.Status == ReviewStatus.Published)
            && e.Actor!.Marking <= ReaderClearance && (ReaderSeesUnpublished || e.Actor.Status == ReviewStatus.Published)
            && e.Framework!.Marking <= ReaderClearance && (ReaderSeesUnpublished || e.Framework.Status == ReviewStatus.Published));
        b.Entity<Assessment>().HasQueryFilter(a =>
            a.Marking <= ReaderClearance && (ReaderSeesUnpublished || a.Status == ReviewStatus.Published)
            && a.Actor!.Marking <= ReaderClearance && (ReaderSeesUnpublished || a.Actor.Status == ReviewStatus.Published)
            && Set<Commitment>().Any(c => c.Id == a.CommitmentId));
        b.Entity<NationalReport>().HasQueryFilter(r =>
            r.Marking <= ReaderClearance
            && (ReaderFocalPoint == null
                ? (ReaderSeesUnpublished || r.Status == ReviewStatus.Published)
                    && r.Actor!.Marking <= ReaderClearance && (ReaderSeesUnpublished || r.Actor.Status == ReviewStatus.Published)
                : r.Actor!.Country == ReaderFocalPoint && r.Actor.ActorKind == ActorKind.State)
            && Set<Commitment>().Any(c => c.Id == r.CommitmentId));
    }

    private Expression<Func<T, bool>> Visible<T>() where T : Record =>
        r => r.Marking <= ReaderClearance && (ReaderSeesUnpublished || r.Status == ReviewStatus.Published);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!ChangeTracker.HasChanges())
        {
            return 0;
        }
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            PublishedAssessments.RefuseChanges(this);
            var pending = History.Collect(this, _reader.Name, _clock.GetUtcNow().UtcDateTime);
            var written = await BulkInsert.AddedRecordsAsync(this, cancellationToken);
            written += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            // Ids of new records exist only now: write their revisions and index them in a second round
            // trip. Both are plain inserts nobody reads back from this context, so they go straight to
            // the database in multi-row statements instead of through the change tracker (an import
            // writes a revision and often a search entry per record: as many rows again as the records).
            var revisions = History.Revisions(this, pending, ChangeReason);
            var entries = await SearchIndexer.RefreshAsync(this, pending, cancellationToken);
            written += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            written += await BulkInsert.RevisionsAsync(this, revisions, cancellationToken);
            written += await BulkInsert.SearchEntriesAsync(this, entries, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
            // Inside a caller's transaction this moves before its commit; CommitsMoveDataVersion moves it
            // again once that commits, so a read in between is never served afterwards.
            DataVersion.Bump();
            return written;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }
}
