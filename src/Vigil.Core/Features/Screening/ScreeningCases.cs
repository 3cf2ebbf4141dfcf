using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Features.Review;
using Vigil.Model;
using Vigil.Security;

namespace Vigil.Features.Screening;

/// <summary>A screening to save as a case: the query as the screening page and <c>/api/v1/match</c> take it, and the case's marking (default AMBER).</summary>
public sealed record ScreeningCaseInput(
    string? Name, string? Schema = null, IReadOnlyList<string>? Countries = null, IReadOnlyList<string>? Datasets = null, string? Marking = null);

/// <summary>A decision: <c>clear</c>, <c>escalate</c> or <c>refuse</c>, with its rationale.</summary>
public sealed record ScreeningDecisionInput(string? Decision, string? Rationale);

/// <summary>One hit of a case as saved.</summary>
public sealed record ScreeningCaseHitView(
    string CandidateKind, string CandidateId, string Name, string Dataset, double Score, string Explanation, string? List, string? EntryId);

/// <summary>A screening case as the API, the page and the JSON export show it.</summary>
public sealed record ScreeningCaseView(
    long Id, string QueryName, string? Schema, IReadOnlyList<string> Countries, IReadOnlyList<string> Datasets,
    DateTime CreatedAt, string CreatedBy, string Marking, string Status, string? Decision, string? Rationale,
    string? DecidedBy, DateTime? DecidedAt, string? ConfirmedBy, DateTime? ConfirmedAt, DateTime? ReopenedAt, string? ReopenReason,
    IReadOnlyList<ScreeningCaseHitView> Hits);

/// <summary>A case in the list.</summary>
public sealed record ScreeningCaseSummary(
    long Id, string QueryName, string Marking, string Status, string? Decision, string CreatedBy, DateTime CreatedAt, string? ConfirmedBy, int Hits);

/// <summary>What a step on a case came to.</summary>
public sealed record ScreeningCaseResult(ReviewOutcome Outcome, string? Detail = null, IReadOnlyDictionary<string, string[]>? Errors = null, ScreeningCaseView? Case = null)
{
    public static ScreeningCaseResult NotFound() => new(ReviewOutcome.NotFound, "No such screening case, or you may not see it.");

    public static ScreeningCaseResult Forbidden(string detail) => new(ReviewOutcome.Forbidden, detail);
}

/// <summary>Labels of case statuses and decisions.</summary>
public static class ScreeningCaseLabels
{
    public static string ToLabel(this ScreeningCaseStatus status) => status switch
    {
        ScreeningCaseStatus.Open => "open",
        ScreeningCaseStatus.Decided => "decided",
        ScreeningCaseStatus.Reopened => "reopened",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string ToLabel(this ScreeningDecision decision) => decision switch
    {
        ScreeningDecision.Clear => "clear",
        ScreeningDecision.Escalate => "escalate",
        ScreeningDecision.Refuse => "refuse",
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };

    public static bool TryParseDecision(string? text, out ScreeningDecision decision)
    {
        switch ((text ?? "").Trim().ToLowerInvariant())
        {
            case "clear": decision = ScreeningDecision.Clear; return true;
            case "escalate": decision = ScreeningDecision.Escalate; return true;
            case "refuse": decision = ScreeningDecision.Refuse; return true;
            default: decision = default; return false;
        }
    }
}

/// <summary>
/// Screening case files. Who does what: an editor saves a case (the screening is run again on the server,
/// so the hits saved are what Vigil answered, not what a client sent) and decides it; a reviewer who is not
/// the decider confirms the decision (four eyes); whoever may see a case (those who see unpublished work, up to
/// the case's marking: the access rule) reads and exports it. Every save, decision, confirmation and export
/// is written to the audit log.
/// </summary>
public sealed class ScreeningCasesHandler(VigilDb db, SecurityDb security, ScreenNamesHandler screen, TimeProvider clock)
{
    /// <summary>How many hits a case keeps, best first.</summary>
    public const int MaxHits = 20;

    public static JsonSerializerOptions ExportJson { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<IReadOnlyList<ScreeningCaseSummary>> ListAsync(CancellationToken ct = default)
    {
        var rows = await db.ScreeningCases.AsNoTracking().OrderByDescending(c => c.Id)
            .Select(c => new { c.Id, c.QueryName, c.Marking, c.Status, c.Decision, c.CreatedBy, c.CreatedAt, c.ConfirmedBy, Hits = c.Hits.Count })
            .Take(500).ToListAsync(ct);
        return [.. rows.Select(c => new ScreeningCaseSummary(c.Id, c.QueryName, c.Marking.ToLabel(), c.Status.ToLabel(), c.Decision?.ToLabel(),
            c.CreatedBy, c.CreatedAt, c.ConfirmedBy, c.Hits))];
    }

    public async Task<ScreeningCaseView?> GetAsync(long id, CancellationToken ct = default) =>
        await db.ScreeningCases.AsNoTracking().Include(c => c.Hits).FirstOrDefaultAsync(c => c.Id == id, ct) is { } c ? View(c) : null;

    /// <summary>Screens the query and saves the answer as a case (editors).</summary>
    public async Task<ScreeningCaseResult> SaveAsync(ScreeningCaseInput input, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit)
        {
            return ScreeningCaseResult.Forbidden("Saving a screening as a case is editors' work.");
        }
        var errors = new ValidationErrors();
        var name = errors.Required("name", input.Name, 500);
        var schema = errors.Optional("schema", input.Schema, 40);
        var marking = Marking.Amber;
        if (input.Marking is not null && !Markings.TryParse(input.Marking, out marking))
        {
            errors.Add("marking", "marking is one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED.");
        }
        else if (marking > db.Reader.Clearance)
        {
            errors.Add("marking", $"marking {marking.ToLabel()} is above your clearance ({db.Reader.Clearance.ToLabel()}).");
        }
        var countries = (input.Countries ?? []).Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct().ToList();
        if (countries.Any(c => c.Length != 2 || !c.All(char.IsAsciiLetter)))
        {
            errors.Add("countries", "countries are ISO 3166-1 codes of two letters (DE, IL).");
        }
        var datasets = (input.Datasets ?? []).Select(d => d.Trim()).Where(d => d.Length > 0).Distinct().ToList();
        if (!errors.IsEmpty)
        {
            return new ScreeningCaseResult(ReviewOutcome.Invalid, "The case was not saved.", errors.ToDictionary());
        }
        var properties = new Dictionary<string, IReadOnlyList<string>> { ["name"] = [name] };
        if (countries.Count > 0)
        {
            properties["country"] = countries;
        }
        var outcome = await screen.HandleAsync(new ScreeningRequest(
            new Dictionary<string, ScreeningQuery> { ["q"] = new(schema, properties) }, Limit: MaxHits, Datasets: datasets.Count > 0 ? datasets : null), ct);
        if (outcome.Responses is null)
        {
            return new ScreeningCaseResult(ReviewOutcome.Invalid, "The case was not saved.", outcome.Errors?.ToDictionary(e => e.Key, e => e.Value));
        }
        var results = outcome.Responses["q"].Results;
        var slugs = results.Where(r => r.Path.Length > 0).Select(r => r.Id).ToList();
        var actors = await db.Actors.AsNoTracking().Where(a => slugs.Contains(a.Slug)).Select(a => new { a.Slug, a.Id, a.Marking }).ToDictionaryAsync(a => a.Slug, ct);
        // A case shows the hits it holds: it is marked at least as highly as the most sensitive of them.
        foreach (var a in actors.Values)
        {
            marking = a.Marking > marking ? a.Marking : marking;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var c = new ScreeningCase
        {
            QueryName = name, Schema = schema, Countries = ListEntry.Join(countries), Datasets = ListEntry.Join(datasets),
            CreatedAt = now, CreatedBy = db.Reader.Name, Marking = marking, Status = ScreeningCaseStatus.Open,
        };
        foreach (var r in results)
        {
            var isActor = r.Path.Length > 0;
            var dash = r.Id.IndexOf('-', StringComparison.Ordinal);
            c.Hits.Add(new ScreeningCaseHit
            {
                CandidateKind = isActor ? "actor" : "entry", CandidateId = Cut(r.Id, 300), Name = Cut(r.Caption, 1000),
                Dataset = Cut(string.Join(",", r.Datasets), 200), Score = r.Score, Explanation = r.Explanation,
                ActorId = isActor && actors.TryGetValue(r.Id, out var a) ? a.Id : null,
                List = isActor ? null : r.Datasets.FirstOrDefault(),
                EntryId = isActor || dash < 0 ? null : Cut(r.Id[(dash + 1)..], 200),
            });
        }
        db.ScreeningCases.Add(c);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await AuditLog.AppendAsync(security, clock, db.Reader.Name, AuditEvents.ScreeningCaseSaved,
            $"case={c.Id} marking={c.Marking.ToLabel()} hits={c.Hits.Count}", ct);
        return new ScreeningCaseResult(ReviewOutcome.Done, Case: await GetAsync(c.Id, ct));
    }

    /// <summary>Decides a case (editors): clear, escalate or refuse, with a rationale. A new decision needs a new confirmation.</summary>
    public async Task<ScreeningCaseResult> DecideAsync(long id, ScreeningDecisionInput input, CancellationToken ct = default)
    {
        var c = await db.ScreeningCases.AsTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return ScreeningCaseResult.NotFound();
        }
        if (!db.Reader.CanEdit)
        {
            db.ChangeTracker.Clear();
            return ScreeningCaseResult.Forbidden("Deciding a screening case is editors' work.");
        }
        var errors = new ValidationErrors();
        if (!ScreeningCaseLabels.TryParseDecision(input.Decision, out var decision))
        {
            errors.Add("decision", "decision is one of clear, escalate, refuse.");
        }
        var rationale = errors.Required("rationale", input.Rationale, 4000);
        if (!errors.IsEmpty)
        {
            db.ChangeTracker.Clear();
            return new ScreeningCaseResult(ReviewOutcome.Invalid, "The case was not decided.", errors.ToDictionary());
        }
        if (c.Status == ScreeningCaseStatus.Decided && c.ConfirmedBy is not null)
        {
            db.ChangeTracker.Clear();
            return new ScreeningCaseResult(ReviewOutcome.Conflict, "This case is decided and confirmed; it is decided again only once it is reopened.");
        }
        c.Decision = decision;
        c.Rationale = rationale;
        c.DecidedBy = db.Reader.Name;
        c.DecidedAt = clock.GetUtcNow().UtcDateTime;
        c.ConfirmedBy = null;
        c.ConfirmedAt = null;
        c.Status = ScreeningCaseStatus.Decided;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await AuditLog.AppendAsync(security, clock, db.Reader.Name, AuditEvents.ScreeningCaseDecided,
            $"case={id} decision={decision.ToLabel()} marking={c.Marking.ToLabel()}", ct);
        return new ScreeningCaseResult(ReviewOutcome.Done, Case: await GetAsync(id, ct));
    }

    /// <summary>Confirms a decision (reviewers): a second person, never the one who decided.</summary>
    public async Task<ScreeningCaseResult> ConfirmAsync(long id, CancellationToken ct = default)
    {
        var c = await db.ScreeningCases.AsTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return ScreeningCaseResult.NotFound();
        }
        if (!db.Reader.CanReview)
        {
            db.ChangeTracker.Clear();
            return ScreeningCaseResult.Forbidden("Confirming a screening decision is reviewers' work.");
        }
        if (c.Status != ScreeningCaseStatus.Decided || c.DecidedBy is null)
        {
            db.ChangeTracker.Clear();
            return new ScreeningCaseResult(ReviewOutcome.Conflict, $"Only a decided case is confirmed; this case is {c.Status.ToLabel()}.");
        }
        if (c.ConfirmedBy is not null)
        {
            db.ChangeTracker.Clear();
            return new ScreeningCaseResult(ReviewOutcome.Conflict, $"This decision was already confirmed by {c.ConfirmedBy}.");
        }
        if (string.Equals(c.DecidedBy, db.Reader.Name, StringComparison.Ordinal))
        {
            db.ChangeTracker.Clear();
            return new ScreeningCaseResult(ReviewOutcome.SelfReview,
                "You decided this case: a second person confirms it (four eyes). Ask another reviewer.");
        }
        c.ConfirmedBy = db.Reader.Name;
        c.ConfirmedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await AuditLog.AppendAsync(security, clock, db.Reader.Name, AuditEvents.ScreeningCaseConfirmed,
            $"case={id} decision={c.Decision?.ToLabel()} decided-by={c.DecidedBy}", ct);
        return new ScreeningCaseResult(ReviewOutcome.Done, Case: await GetAsync(id, ct));
    }

    /// <summary>The case as a JSON document, for whoever may see it; the export is audited.</summary>
    public async Task<string?> ExportAsync(long id, CancellationToken ct = default)
    {
        var view = await GetAsync(id, ct);
        if (view is null)
        {
            return null;
        }
        await AuditLog.AppendAsync(security, clock, db.Reader.Name, AuditEvents.ScreeningCaseExported,
            $"case={id} marking={view.Marking} format=json", ct);
        return JsonSerializer.Serialize(view, ExportJson);
    }

    /// <summary>
    /// Reopens the cases with a hit on a list entry that a later import changed (renamed, delisted, listed
    /// again, identifiers or details changed), or on the actor such an entry is: the reason names the entry
    /// and the change. Called inside the import's transaction, by a system reader that sees every case.
    /// </summary>
    public static async Task<int> ReopenAsync(VigilDb db, string list, IReadOnlyList<(ListEntry Entry, string Change)> changes, DateTime now, CancellationToken ct)
    {
        if (changes.Count == 0)
        {
            return 0;
        }
        var entryIds = changes.Select(x => x.Entry.EntryId).Distinct().ToList();
        var actorIds = changes.Where(x => x.Entry.ActorId is not null).Select(x => x.Entry.ActorId!.Value).Distinct().ToList();
        var hits = new List<ScreeningCaseHit>();
        foreach (var chunk in entryIds.Chunk(500))
        {
            hits.AddRange(await db.ScreeningCaseHits.AsNoTracking().Where(h => h.List == list && chunk.Contains(h.EntryId!)).ToListAsync(ct));
        }
        foreach (var chunk in actorIds.Chunk(500))
        {
            hits.AddRange(await db.ScreeningCaseHits.AsNoTracking().Where(h => h.ActorId != null && chunk.Contains(h.ActorId.Value)).ToListAsync(ct));
        }
        if (hits.Count == 0)
        {
            return 0;
        }
        var byEntry = changes.GroupBy(x => x.Entry.EntryId).ToDictionary(g => g.Key, g => g.ToList());
        var byActor = changes.Where(x => x.Entry.ActorId is not null).GroupBy(x => x.Entry.ActorId!.Value).ToDictionary(g => g.Key, g => g.ToList());
        var caseIds = hits.Select(h => h.ScreeningCaseId).Distinct().ToList();
        var cases = await db.ScreeningCases.AsTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        foreach (var group in hits.GroupBy(h => h.ScreeningCaseId))
        {
            var c = cases[group.Key];
            var notes = new List<string>();
            foreach (var h in group)
            {
                var found = h.EntryId is not null && h.List == list && byEntry.TryGetValue(h.EntryId, out var e) ? e
                    : h.ActorId is { } aid && byActor.TryGetValue(aid, out var a) ? a : [];
                notes.AddRange(found.Select(x => $"{list} entry {x.Entry.EntryId} ({x.Entry.Name}), hit {h.CandidateId}: {x.Change}"));
            }
            if (notes.Count == 0)
            {
                continue;
            }
            c.Status = ScreeningCaseStatus.Reopened;
            c.ReopenedAt = now;
            c.ReopenReason = ListEntry.Join(ListEntry.Lines(c.ReopenReason ?? "").Concat(notes.Distinct()));
        }
        return cases.Count;
    }

    public static ScreeningCaseView View(ScreeningCase c) => new(
        c.Id, c.QueryName, c.Schema, ListEntry.Lines(c.Countries), ListEntry.Lines(c.Datasets), c.CreatedAt, c.CreatedBy, c.Marking.ToLabel(),
        c.Status.ToLabel(), c.Decision?.ToLabel(), c.Rationale, c.DecidedBy, c.DecidedAt, c.ConfirmedBy, c.ConfirmedAt, c.ReopenedAt, c.ReopenReason,
        [.. c.Hits.OrderByDescending(h => h.Score).ThenBy(h => h.Id)
            .Select(h => new ScreeningCaseHitView(h.CandidateKind, h.CandidateId, h.Name, h.Dataset, h.Score, h.Explanation, h.List, h.EntryId))]);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>The case's file name for a download.</summary>
    public static string FileName(long id) => string.Create(CultureInfo.InvariantCulture, $"screening-case-{id}.json");
}
