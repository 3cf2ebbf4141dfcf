using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Review;

/// <summary>A claim's evidence beside it: the cited source, the quote and where it is, and the record it supports.</summary>
public sealed record EvidenceView(string Source, string SourceSlug, string? SourceUrl, string? Locator, string? Quote, int Credibility, string Supports);

/// <summary>One record of a change set: what it is, where it is, what changed, who would see it.</summary>
public sealed record ChangeSetItemView(
    string Type, string Slug, string Label, string Link, string Status, string Marking, string VisibleTo,
    IReadOnlyList<FieldChange> Changes, EvidenceView? Evidence);

/// <summary>
/// A change set as a reviewer reads it. <c>Problems</c> lists what keeps it from being published (the
/// publish check run over the whole set, and four eyes); <c>MayPublish</c> is true when there are none.
/// </summary>
public sealed record ChangeSetView(
    long Id, string Title, string State, DateTime SubmittedAt, string SubmittedBy, string Marking, string VisibleTo,
    IReadOnlyList<ChangeSetItemView> Items, bool MayPublish, IReadOnlyList<string> Problems,
    DateTime? DecidedAt, string? DecidedBy, string? Comment);

/// <summary>The outcome of a change-set step, which the API or a page turns into its own answer.</summary>
public sealed record ChangeSetResult(ReviewOutcome Outcome, string? Detail = null, IReadOnlyDictionary<string, string[]>? Errors = null, ChangeSetView? Set = null)
{
    public static ChangeSetResult NotFound() => new(ReviewOutcome.NotFound);

    public static ChangeSetResult Forbidden(string detail) => new(ReviewOutcome.Forbidden, detail);

    public static ChangeSetResult Conflict(string detail) => new(ReviewOutcome.Conflict, detail);

    public static ChangeSetResult Invalid(ValidationErrors errors) => new(ReviewOutcome.Invalid, Errors: errors.ToDictionary());
}

/// <summary>
/// The rules of change sets in one place: loading a set's records as the reader may see them, the
/// publish check over the whole set, and the view.
/// </summary>
public static class ChangeSetRules
{
    /// <summary>A record written as "kind:slug" ("actor:glasswing"), as citations name their subject.</summary>
    public static string Ref(Record record) => $"{Labels.RecordType(record.Kind)}:{record.Slug}";

    /// <summary>The open (in review) change set that holds the record, if any.</summary>
    public static Task<long?> OpenSetOfAsync(VigilDb db, RecordKind kind, long id, CancellationToken ct) =>
        db.ChangeSetItems.Where(i => i.RecordKind == kind && i.RecordId == id && i.ChangeSet!.State == ChangeSetState.InReview)
            .Select(i => (long?)i.ChangeSetId).FirstOrDefaultAsync(ct);

    /// <summary>The set's records, tracked, as the reader sees them; null for any the reader may not see.</summary>
    public static async Task<List<(ChangeSetItem Item, Record? Record)>> RecordsAsync(VigilDb db, ChangeSet set, CancellationToken ct)
    {
        var records = new List<(ChangeSetItem, Record?)>();
        foreach (var item in set.Items.OrderBy(i => i.Id))
        {
            var record = await ReviewRules.FindAsync(db, item.RecordKind, item.RecordId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
            records.Add((item, record is not null && record.Id == item.RecordId ? record : null));
        }
        return records;
    }

    /// <summary>
    /// What keeps <paramref name="reviewer"/> from publishing the set: a record not in review or not
    /// visible to them, a record they wrote since it was last published (four eyes, for every record), a
    /// claim without a citation that is published or in the same set, a citation whose source is neither.
    /// Problems name only records of the set, which the reviewer sees.
    /// </summary>
    public static async Task<List<string>> ProblemsAsync(VigilDb db, ChangeSet set, List<(ChangeSetItem Item, Record? Record)> records, string reviewer, CancellationToken ct)
    {
        var problems = new List<string>();
        if (set.State != ChangeSetState.InReview)
        {
            problems.Add($"This change set is {Labels.Kebab(set.State)}.");
            return problems;
        }
        if (records.Any(r => r.Record is null))
        {
            problems.Add("A record of this set is not visible to you: a reviewer cleared for all of it must publish it.");
        }
        var visible = records.Where(r => r.Record is not null).Select(r => r.Record!).ToList();
        var inSet = visible.Select(r => (r.Kind, r.Id)).ToHashSet();
        foreach (var record in visible)
        {
            var what = $"{Labels.RecordType(record.Kind)} '{record.Label}'";
            if (record.Status != ReviewStatus.InReview)
            {
                problems.Add($"The {what} is {record.Status.ToLabel()}, not in review.");
            }
            if ((await ReviewRules.AuthorsSinceLastPublishedAsync(db, record.Kind, record.Id, ct)).Contains(reviewer, StringComparer.Ordinal))
            {
                problems.Add($"You changed the {what}: nobody reviews their own change. Another reviewer must publish this set.");
            }
            if (record is Citation citation)
            {
                var source = await db.Sources.Where(s => s.Id == citation.SourceId).Select(s => new { s.Status }).FirstOrDefaultAsync(ct);
                if (source?.Status != ReviewStatus.Published && !inSet.Contains((RecordKind.Source, citation.SourceId)))
                {
                    problems.Add($"The {what} rests on a source that is neither published nor in this set.");
                }
                continue;
            }
            if (NeedsCitation(record.Kind))
            {
                var citations = await CitationsOf(db, record).Select(c => new { c.Id, c.Status }).ToListAsync(ct);
                if (!citations.Any(c => c.Status == ReviewStatus.Published || inSet.Contains((RecordKind.Citation, c.Id))))
                {
                    problems.Add($"The {what} has no citation, published or in this set: {Publishing.NeedsCitation}");
                }
                if (record is Assessment { Rating: null } or Assessment { Rationale: null or "" })
                {
                    problems.Add($"The {what} needs a rating and its rationale.");
                }
            }
        }
        return problems;
    }

    private static bool NeedsCitation(RecordKind kind) => kind is RecordKind.Actor or RecordKind.Product or RecordKind.Relationship
        or RecordKind.Incident or RecordKind.Measure or RecordKind.Endorsement or RecordKind.Assessment;

    private static IQueryable<Citation> CitationsOf(VigilDb db, Record record) =>
        NeedsCitation(record.Kind) ? db.Citations.Where(Citation.OfSubjects(record.Kind, [record.Id])) : db.Citations.Where(c => false);

    /// <summary>The set as the reader sees it, with its problems for the reader as reviewer.</summary>
    public static async Task<ChangeSetView> ViewAsync(VigilDb db, ChangeSet set, CancellationToken ct)
    {
        var records = await RecordsAsync(db, set, ct);
        var problems = db.Reader.CanReview ? await ProblemsAsync(db, set, records, db.Reader.Name, ct)
            : set.State == ChangeSetState.InReview ? ["Only a reviewer may publish."] : [];
        var items = new List<ChangeSetItemView>();
        foreach (var (_, record) in records)
        {
            if (record is null)
            {
                continue;
            }
            var type = Labels.RecordType(record.Kind);
            var since = await ReviewRules.LastPublishedVersionAsync(db, record.Kind, record.Id, ct);
            var revisions = await db.Revisions.Where(x => x.RecordKind == record.Kind && x.RecordId == record.Id && x.Version > since)
                .OrderBy(x => x.Version).ThenBy(x => x.Id).Select(x => x.Changes).ToListAsync(ct);
            var changes = Changes.Fold(revisions.Select(History.ReadChanges))
                .Where(c => c.Field is not ("status" or "slug")).ToList();
            EvidenceView? evidence = null;
            if (record is Citation c)
            {
                var subject = await ReviewRules.ReadAsync(db, c.SubjectKind, c.SubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
                evidence = new EvidenceView(c.Source?.Title ?? HistoryVisibility.Withheld, c.Source?.Slug ?? "", c.Source?.Url, c.Locator, c.Quote, c.Credibility,
                    subject is not null && subject.Id == c.SubjectId ? $"{Labels.RecordType(subject.Kind)} '{subject.Label}'" : HistoryVisibility.Withheld);
            }
            items.Add(new ChangeSetItemView(type, record.Slug, record.Label, Readable.Link(type, record.Slug), record.Status.ToLabel(),
                record.Marking.ToLabel(), Readable.Audience(record.Marking), await Readable.NamesAsync(db, changes, ct), evidence));
        }
        db.ChangeTracker.Clear();
        return new ChangeSetView(set.Id, set.Title, Labels.Kebab(set.State), set.SubmittedAt, set.SubmittedBy, set.Marking.ToLabel(),
            Readable.Audience(set.Marking), items, problems.Count == 0, problems, set.DecidedAt, set.DecidedBy, set.Comment);
    }

    public static Task<ChangeSet?> LoadAsync(VigilDb db, long id, CancellationToken ct) =>
        db.ChangeSets.AsNoTracking().Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == id, ct);
}
