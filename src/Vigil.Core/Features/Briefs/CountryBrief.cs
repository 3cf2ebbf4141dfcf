using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Commitments;
using Vigil.Features.Gaps;
using Vigil.Model;

namespace Vigil.Features.Briefs;

/// <summary>
/// The country brief for a government reader: the state's endorsements and scorecard with its trend, its
/// national reports beside the assessments, the measures it and its agencies took, its coordination gaps
/// (condensed, against the Joint Statement's signatories), incidents in which it is a suspected operator
/// and incidents against people in it (counts and pseudonyms), the vendors that supplied it and the
/// measures others took against them. Every query runs through the reader's <see cref="VigilDb"/>.
/// Null when there is no such (visible) state.
/// </summary>
public sealed class CountryBriefHandler(VigilDb db, ActorScorecardHandler scorecards, GetGapMatrixHandler gaps, TimeProvider clock)
{
    /// <summary>The framework whose signatories a brief's gaps are read against.</summary>
    public const string AlliesGroup = "joint-statement";

    /// <summary>At most this many gap lines; the rest are counted.</summary>
    public const int GapLines = 15;

    public async Task<BriefDocument?> HandleAsync(string stateSlug, CancellationToken ct = default)
    {
        var state = await db.Actors.AsNoTracking().Where(a => a.Slug == stateSlug && a.ActorKind == ActorKind.State)
            .Select(a => new { a.Id, a.Slug, a.Name, a.Country, a.Marking }).FirstOrDefaultAsync(ct);
        if (state is null)
        {
            return null;
        }
        var notes = new BriefNotes(db);
        // The state and its public bodies act for it (OFAC for the United States).
        var bodies = await db.Actors.AsNoTracking()
            .Where(a => a.Id == state.Id || (a.ActorKind == ActorKind.PublicBody && state.Country != null && a.Country == state.Country))
            .Select(a => a.Id).ToListAsync(ct);

        var sections = new List<BriefSection>();
        var summary = new List<string>();

        var commitments = await StateCommitments.ReadAsync(db, scorecards, notes, state.Id, state.Slug, state.Name, ct);
        sections.Add(commitments.Endorsements);
        summary.Add(commitments.EndorsementSummary);
        summary.AddRange(commitments.ScorecardSummary);
        sections.Add(commitments.Scorecard);

        // Measures it (or its agencies) took.
        var taken = await db.Measures.AsNoTracking().Where(m => bodies.Contains(m.AuthorityId))
            .Select(m => new
            {
                m.Id, m.Title, m.Type, m.Stage, m.Marking, Since = m.EffectiveDate ?? m.AnnouncedDate, Authority = m.Authority!.Name,
                Targets = m.Targets.Select(t => t.Actor!.Name).ToList(),
            }).AsSplitQuery().ToListAsync(ct);
        taken = taken.OrderBy(m => m.Since ?? "9999", StringComparer.Ordinal).ThenBy(m => m.Title, StringComparer.Ordinal).ToList();
        await notes.LoadAsync(RecordKind.Measure, taken.Select(m => m.Id), ct);
        sections.Add(new BriefSection("measures", "Measures it has taken",
            taken.Select(m => new BriefLine(
                $"{Cap(m.Type.ToTitle())} ({m.Stage.ToLabel()}{(m.Since is null ? "" : ", " + m.Since)}): {m.Title}"
                + (m.Targets.Count > 0 ? $", against {BriefText.List(m.Targets.Order(StringComparer.Ordinal))}" : "") + $"; by {m.Authority}.",
                notes.For(RecordKind.Measure, m.Id), m.Marking)).ToList(),
            "No measure by this state or its agencies is recorded."));
        summary.Add(taken.Count == 0
            ? "Vigil records no measure taken by it or its agencies."
            : $"It and its agencies took {BriefText.Count(taken.Count, "measure")} ({BriefText.List(taken.GroupBy(m => m.Type).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToTitle()}"))}).");

        // Coordination gaps, condensed: each member once, with what others did.
        var view = await gaps.ForStateAsync(state.Slug, 2, null, AlliesGroup, ct);
        var gapLines = new List<BriefLine>();
        if (view is not null && view.Gaps.Count > 0)
        {
            var slugs = view.Gaps.SelectMany(g => g.Evidence.Select(e => e.MeasureSlug)).Distinct().ToList();
            var measures = await db.Measures.AsNoTracking().Where(m => slugs.Contains(m.Slug)).Select(m => new { m.Id, m.Slug, m.Marking }).ToDictionaryAsync(m => m.Slug, ct);
            await notes.LoadAsync(RecordKind.Measure, measures.Values.Select(m => m.Id), ct);
            foreach (var g in view.Gaps.Take(GapLines))
            {
                var did = g.Evidence.GroupBy(e => (e.AuthorityName, e.Type)).Select(x => $"{GapAnalysis.Verb(x.Key.Type)} by {x.Key.AuthorityName}"
                    + (x.Min(e => e.Since) is { } since ? $" ({since})" : "")).Distinct().Take(3);
                var vendorsOf = view.Rows.Where(r => r.Cells.Any(c => c.InForce.Concat(c.Lifted).Any(m => m.TargetSlug == g.Member.Actor.Slug)) || r.Vendor.Slug == g.Member.Actor.Slug).Select(r => r.Vendor.Name).ToList();
                gapLines.Add(new BriefLine($"No measure against {g.Member.Actor.Name}: {BriefText.List(did)}.",
                    notes.For(g.Evidence.Select(e => measures.TryGetValue(e.MeasureSlug, out var m) ? (RecordKind.Measure, m.Id) : default).Where(k => k != default), 2),
                    BriefText.Max(g.Evidence.Select(e => measures.TryGetValue(e.MeasureSlug, out var m) ? m.Marking : Marking.Clear)),
                    $"/gaps/state/{state.Slug}?group={AlliesGroup}"));
            }
            if (view.Gaps.Count > GapLines)
            {
                gapLines.Add(new BriefLine($"… and {BriefText.Count(view.Gaps.Count - GapLines, "more member")} of vendors' networks that others measured (see the state gap report).", [], Marking.Clear, $"/briefs/state-gaps/{state.Slug}"));
            }
            summary.Add($"Other states have taken measures against {BriefText.Count(view.Gaps.Count, "member")} of {BriefText.Count(view.Rows.Count, "vendor network")} on which {state.Name} has taken none, "
                + $"among them {BriefText.List(view.Gaps.Take(3).Select(g => g.Member.Actor.Name))}.");
        }
        else
        {
            summary.Add($"No coordination gap is recorded: no vendor network member that other states measured is left unmeasured by {state.Name}.");
        }
        sections.Add(new BriefSection("gaps", "Where it has not acted with its allies", gapLines,
            "No gap: every vendor-network member other states measured is measured here too, or none is.",
            "Members of vendors' networks that other states have measured and this state has not (two hops; in force only)."));

        // Incidents in which it is a suspected operator.
        var operated = await db.Incidents.AsNoTracking().Where(i => i.Operators.Any(o => bodies.Contains(o.ActorId)))
            .Select(i => new { i.Id, i.Slug, i.Title, i.DisclosedOn, i.FirstSeen, i.Marking, Confidence = i.Operators.Where(o => bodies.Contains(o.ActorId)).Max(o => o.Confidence) })
            .ToListAsync(ct);
        operated = operated.OrderBy(i => i.DisclosedOn ?? i.FirstSeen ?? "9999", StringComparer.Ordinal).ToList();
        await notes.LoadAsync(RecordKind.Incident, operated.Select(i => i.Id), ct);
        sections.Add(new BriefSection("operator", "Incidents in which it is a suspected operator",
            operated.Select(i => new BriefLine($"{i.Title} (disclosed {i.DisclosedOn ?? "—"}; attribution confidence {i.Confidence.ToLabel()}).",
                notes.For(RecordKind.Incident, i.Id), i.Marking, $"/incidents/{i.Slug}")).ToList(),
            "It is not a suspected operator in any recorded incident."));

        // Incidents against people in it: counts and pseudonyms only, never identities.
        var targets = state.Country is null ? [] : await db.Targets.AsNoTracking()
            .Where(t => t.ResidenceCountry == state.Country || t.Incident!.Country == state.Country)
            .Select(t => new { t.IncidentId, t.Pseudonym, t.Category, t.Marking, IncidentMarking = t.Incident!.Marking, t.Incident.Slug, t.Incident.Title, t.Incident.DisclosedOn })
            .ToListAsync(ct);
        var against = targets.GroupBy(t => t.IncidentId).OrderBy(g => g.First().DisclosedOn ?? "9999", StringComparer.Ordinal).ToList();
        await notes.LoadAsync(RecordKind.Incident, against.Select(g => g.Key), ct);
        sections.Add(new BriefSection("targets", "Incidents against people in it",
            against.Select(g => new BriefLine(
                $"{g.First().Title}: {BriefText.List(g.OrderBy(t => t.Pseudonym, StringComparer.Ordinal).Select(t => $"{t.Pseudonym} ({t.Category.Words()})"))}.",
                notes.For(RecordKind.Incident, g.Key), BriefText.Max(g.Select(t => t.Marking).Append(g.First().IncidentMarking)), $"/incidents/{g.First().Slug}")).ToList(),
            "No incident against people in it is recorded.",
            "Targets are shown by pseudonym and category only."));
        summary.Add($"It is a suspected operator in {BriefText.Count(operated.Count, "recorded incident")}; "
            + $"{BriefText.Count(targets.Count, "person", "people")} in it {(targets.Count == 1 ? "was" : "were")} targeted in {BriefText.Count(against.Count, "incident")}"
            + (targets.Count > 0 ? $" ({BriefText.List(targets.GroupBy(t => t.Category).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Words()}"))})." : "."));

        // Vendors that supplied it, and what other states did about them.
        var supplies = await db.Relationships.AsNoTracking()
            .Where(r => r.Type == RelationshipType.Supplies && r.ToActorId != null && bodies.Contains(r.ToActorId.Value))
            .Select(r => new { r.Id, r.FromActorId, Vendor = r.FromActor!.Name, Customer = r.ToActor!.Name, r.StartDate, r.EndDate, r.Confidence, r.Marking })
            .ToListAsync(ct);
        supplies = supplies.OrderBy(s => s.Vendor, StringComparer.Ordinal).ToList();
        await notes.LoadAsync(RecordKind.Relationship, supplies.Select(s => s.Id), ct);
        sections.Add(new BriefSection("suppliers", "Vendors that supplied it",
            supplies.Select(s => new BriefLine($"{s.Vendor} supplied {s.Customer}" + Dates(s.StartDate, s.EndDate) + $" (confidence {s.Confidence.ToLabel()}).",
                notes.For(RecordKind.Relationship, s.Id), s.Marking)).ToList(),
            "No vendor is recorded as supplying it."));
        var vendorIds = supplies.Select(s => s.FromActorId).Distinct().ToList();
        var elsewhere = await db.Measures.AsNoTracking()
            .Where(m => !bodies.Contains(m.AuthorityId) && m.Targets.Any(t => vendorIds.Contains(t.ActorId)))
            .Select(m => new
            {
                m.Id, m.Title, m.Type, m.Marking, Since = m.EffectiveDate ?? m.AnnouncedDate, Authority = m.Authority!.Name,
                Targets = m.Targets.Where(t => vendorIds.Contains(t.ActorId)).Select(t => t.Actor!.Name).ToList(),
            }).AsSplitQuery().ToListAsync(ct);
        elsewhere = elsewhere.OrderBy(m => m.Since ?? "9999", StringComparer.Ordinal).ToList();
        await notes.LoadAsync(RecordKind.Measure, elsewhere.Select(m => m.Id), ct);
        sections.Add(new BriefSection("vendor-measures", "Measures others took against its suppliers",
            elsewhere.Select(m => new BriefLine($"{BriefText.List(m.Targets.Order(StringComparer.Ordinal))} {GapAnalysis.Verb(m.Type)} by {m.Authority}"
                + (m.Since is null ? "" : $" ({m.Since})") + $": {m.Title}.", notes.For(RecordKind.Measure, m.Id), m.Marking)).ToList(),
            "No measure against its suppliers is recorded."));
        summary.Add(supplies.Count == 0
            ? "No vendor is recorded as supplying it."
            : $"{BriefText.Count(vendorIds.Count, "vendor")} {(vendorIds.Count == 1 ? "is" : "are")} recorded as supplying it ({BriefText.List(supplies.Select(s => s.Vendor).Distinct())}); "
              + $"others took {BriefText.Count(elsewhere.Count, "measure")} against them.");

        var version = await BriefNotes.DataVersionAsync(db, ct);
        return new BriefDocument(BriefKinds.Country, state.Slug, $"Country brief: {state.Name}",
            "What it promised and did, which vendors it faces, and where it has not acted with its allies.",
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), version, db.Reader.Name, db.Reader.Clearance,
            summary, sections, notes.Footnotes);
    }

    internal static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    internal static string Dates(string? from, string? to) => (from, to) switch
    {
        (null, null) => "",
        (_, null) => $" from {from}",
        (null, _) => $" until {to}",
        _ => $" from {from} to {to}",
    };
}

/// <summary>
/// A state's endorsements and its scorecard with its own national reports beside civil society's ratings,
/// as brief sections: what the country brief and the customer due-diligence report both say about a state.
/// </summary>
internal sealed record StateCommitments(
    BriefSection Endorsements, string EndorsementSummary, int EndorsementCount, BriefSection Scorecard, IReadOnlyList<string> ScorecardSummary,
    int NationalReports)
{
    public static async Task<StateCommitments> ReadAsync(
        VigilDb db, ActorScorecardHandler scorecards, BriefNotes notes, long stateId, string stateSlug, string stateName, CancellationToken ct)
    {
        var endorsements = await db.Endorsements.AsNoTracking().Where(e => e.ActorId == stateId && e.Status != ReviewStatus.Retracted)
            .Select(e => new { e.Id, e.Date, e.Marking, e.Framework!.Name, e.Framework.Series }).ToListAsync(ct);
        endorsements = endorsements.OrderBy(e => e.Date ?? "9999", StringComparer.Ordinal).ToList();
        await notes.LoadAsync(RecordKind.Endorsement, endorsements.Select(e => e.Id), ct);
        var endorsed = new BriefSection("endorsements", "Commitments it made",
            endorsements.Select(e => new BriefLine($"Endorsed the {e.Name}" + (e.Date is null ? "." : $" on {e.Date}."), notes.For(RecordKind.Endorsement, e.Id), e.Marking)).ToList(),
            "No endorsement of a framework Vigil tracks is recorded.");
        var endorsementSummary = endorsements.Count == 0
            ? $"{stateName} has endorsed none of the frameworks Vigil tracks."
            : $"{stateName} endorsed {BriefText.List(endorsements.Select(e => $"the {e.Name}" + (e.Date is null ? "" : $" ({e.Date})")))}.";

        var card = await scorecards.HandleAsync(stateSlug, null, ct);
        var scoreLines = new List<BriefLine>();
        var scoreSummary = new List<string>();
        var nationalReports = 0;
        if (card is not null)
        {
            var names = endorsements.GroupBy(e => e.Series).ToDictionary(g => g.Key, g => g.First().Name);
            var assessmentSlugs = card.Lines.Where(l => l.AssessmentSlug is not null).Select(l => l.AssessmentSlug!).ToList();
            var reportSlugs = card.Lines.Where(l => l.NationalReportSlug is not null).Select(l => l.NationalReportSlug!).ToList();
            var assessments = await db.Assessments.AsNoTracking().Where(a => assessmentSlugs.Contains(a.Slug)).Select(a => new { a.Id, a.Slug, a.Marking }).ToDictionaryAsync(a => a.Slug, ct);
            var reports = await db.NationalReports.AsNoTracking().Where(r => reportSlugs.Contains(r.Slug)).Select(r => new { r.Id, r.Slug, r.Marking }).ToDictionaryAsync(r => r.Slug, ct);
            nationalReports = reports.Count;
            await notes.LoadAsync(RecordKind.Assessment, assessments.Values.Select(a => a.Id), ct);
            await notes.LoadAsync(RecordKind.NationalReport, reports.Values.Select(r => r.Id), ct);
            foreach (var c in card.Cards)
            {
                var name = names.GetValueOrDefault(c.Series) ?? c.Series;
                var headline = BriefText.IsHeadline(c.Rated, c.Commitments);
                var text = $"{name}, {c.Quarter}: {BriefText.Coverage(c.Rated, c.Commitments)}"
                    + (c.Score is null ? "; no score yet." : headline
                        ? $"; score {BriefText.Score(c.Score)} (change since {c.PreviousQuarter}: {BriefText.Change(c.Change)})."
                        : $"; score {BriefText.Score(c.Score)} over the rated commitments only, too few to compare.")
                    + (c.Contradictions > 0 ? $" {BriefText.Count(c.Contradictions, "action")} after endorsing contradict it." : "");
                var rows = card.Lines.Where(l => l.Series == c.Series).ToList();
                var refs = rows.SelectMany(l => new[]
                {
                    l.AssessmentSlug is { } a && assessments.TryGetValue(a, out var x) ? (RecordKind.Assessment, x.Id) : default,
                    l.NationalReportSlug is { } r && reports.TryGetValue(r, out var y) ? (RecordKind.NationalReport, y.Id) : default,
                }).Where(k => k != default).ToList();
                var marking = BriefText.Max(rows.SelectMany(l => new[]
                {
                    l.AssessmentSlug is { } a && assessments.TryGetValue(a, out var x) ? x.Marking : Marking.Clear,
                    l.NationalReportSlug is { } r && reports.TryGetValue(r, out var y) ? y.Marking : Marking.Clear,
                }));
                var details = rows.Select(l => $"{l.Code} ({l.Pillar}): ours {l.Rating ?? "not rated"}; the state's own report {l.SelfRating ?? "none"}" + (l.Diverges ? " (they differ)" : "")).ToList();
                scoreLines.Add(new BriefLine(text, notes.For(refs, 3), marking, $"/scorecards/{stateSlug}", details));
            }
            // A framework with no published commitment (none of its own, or drafts not yet checked against the
            // text) has nothing to rate; "0 of the 0" would read as an empty promise, so it is said as it is.
            scoreSummary.AddRange(card.Cards.Select(c =>
            {
                var name = names.GetValueOrDefault(c.Series) ?? c.Series;
                if (c.Commitments == 0)
                {
                    return $"The {name} has no published commitments in Vigil to rate.";
                }
                return $"Civil society has rated {c.Rated} of the {c.Commitments} commitments of the {name} for {c.Quarter}"
                    + (BriefText.IsHeadline(c.Rated, c.Commitments) ? $" (score {BriefText.Score(c.Score)}, change {BriefText.Change(c.Change)})." : ", too few for a score to compare.");
            }));
        }
        var scorecard = new BriefSection("scorecard", "Scorecard and national reports", scoreLines, "No scorecard: it endorsed no framework Vigil scores.");
        return new StateCommitments(endorsed, endorsementSummary, endorsements.Count, scorecard, scoreSummary, nationalReports);
    }
}
