using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Gaps;
using Vigil.Model;

namespace Vigil.Features.Briefs;

/// <summary>
/// The coordination-gap report, for a vendor or for a state, read against the Joint Statement's
/// signatories (the allies): one line per network member, with the allies that have not acted and what
/// the others did, grouped; then the recommended measures, one line each. Built on the gap analysis
/// (<see cref="GetGapMatrixHandler"/>) through the reader's <see cref="VigilDb"/>.
/// </summary>
public sealed class GapReportHandler(VigilDb db, GetGapMatrixHandler gaps, TimeProvider clock)
{
    public const int Hops = 2;

    /// <summary>A vendor's gap report. Null when there is no such (visible) actor.</summary>
    public async Task<BriefDocument?> ForVendorAsync(string vendorSlug, CancellationToken ct = default)
    {
        var framework = Frameworks.Find(CountryBriefHandler.AlliesGroup)!;
        var matrix = await gaps.HandleAsync(new GapRequest(vendorSlug, Hops, framework.Id), ct);
        if (matrix is null)
        {
            return null;
        }
        var notes = new BriefNotes(db);
        var measures = await MeasuresAsync(notes, matrix.Gaps.SelectMany(g => g.Evidence).Select(e => e.MeasureSlug), ct);
        var allies = matrix.Jurisdictions;
        var byMember = matrix.Gaps.GroupBy(g => g.Member.Actor.Slug).Select(g => new
        {
            Member = g.First().Member,
            NotActed = g.Select(x => x.Jurisdiction).DistinctBy(j => j.Slug).ToList(),
            Evidence = g.SelectMany(x => x.Evidence).DistinctBy(e => (e.MeasureSlug, e.TargetSlug)).ToList(),
        }).OrderBy(m => m.Member.Hops).ThenByDescending(m => m.Evidence.Count).ThenBy(m => m.Member.Actor.Name, StringComparer.Ordinal).ToList();

        var lines = new List<BriefLine>();
        // Grouped: members the same allies left alone read as one group, the allies named once.
        foreach (var group in byMember.GroupBy(m => string.Join("|", m.NotActed.Select(j => j.Slug))))
        {
            var notActed = group.First().NotActed;
            var acted = allies.Where(a => notActed.All(n => n.Slug != a.Slug)).ToList();
            var who = acted.Count == 0 ? $"none of the {allies.Count} signatories has acted"
                : acted.Count <= notActed.Count ? $"no measure by any of the {allies.Count} signatories but {BriefText.List(acted.Select(a => a.Name))}"
                : $"no measure by {BriefText.List(notActed.Select(a => a.Name))}";
            lines.Add(new BriefLine($"{Capital(who)}:", [], Marking.Clear, null,
                group.Select(m => $"{m.Member.Actor.Name} ({(m.Member.Hops == 0 ? "the vendor" : m.Member.Path)}): {Did(m.Evidence)}").ToList()));
            foreach (var m in group)
            {
                lines[^1] = lines[^1] with
                {
                    Notes = lines[^1].Notes.Concat(notes.For(Refs(m.Evidence, measures), 2)).Distinct().Order().ToList(),
                    Marking = BriefText.Max(m.Evidence.Select(e => measures.GetValueOrDefault(e.MeasureSlug).Marking).Append(lines[^1].Marking)),
                };
            }
        }
        var recommended = byMember.Select(m =>
        {
            var lead = Lead(m.Evidence);
            return new BriefLine($"{Imperative(lead.Type)} {m.Member.Actor.Name}, as {lead.AuthorityName} did{(lead.Since is null ? "" : $" ({lead.Since})")}: "
                + $"{BriefText.Count(m.NotActed.Count, "signatory", "signatories")} of the {framework.Name} {(m.NotActed.Count == 1 ? "has" : "have")} not.",
                notes.For(Refs([lead], measures), 1), measures.GetValueOrDefault(lead.MeasureSlug).Marking);
        }).ToList();
        var evasion = matrix.EvasionSurface.Select(e => new BriefLine(
            $"{e.Member.Actor.Name} ({e.Member.Path}): no measure anywhere, while {BriefText.List(e.MeasuredRelated)} {(e.MeasuredRelated.Count == 1 ? "is" : "are")} measured.",
            [], Marking.Clear)).ToList();

        var measuredMembers = matrix.Network.Count(n => matrix.Gaps.Any(g => g.Member.Actor.Id == n.Actor.Id) || matrix.Cells.Any(c => c.InForce.Any(i => i.TargetSlug == n.Actor.Slug)));
        var actingAllies = allies.Where(a => matrix.Cells.Any(c => c.Jurisdiction == a.Slug && c.Filled)).ToList();
        var summary = new List<string>
        {
            $"{matrix.Vendor.Name}'s network, within {Hops} hops, has {BriefText.Count(matrix.Network.Count, "member")} in Vigil; states have measures in force against {measuredMembers} of them.",
            actingAllies.Count == 0
                ? $"None of the {allies.Count} signatories of the {framework.Name} has a measure in force against any member."
                : $"Of the {allies.Count} signatories of the {framework.Name}, only {BriefText.List(actingAllies.Select(a => a.Name))} {(actingAllies.Count == 1 ? "has" : "have")} a measure in force against a member; "
                  + $"the other {allies.Count - actingAllies.Count} have none.",
            byMember.Count == 0 ? "No member measured by one state is left alone by an ally."
                : $"{BriefText.Count(byMember.Count, "member")} measured by one state {(byMember.Count == 1 ? "is" : "are")} left alone by allies: {BriefText.List(byMember.Select(m => m.Member.Actor.Name))}.",
            evasion.Count == 0 ? "No unmeasured member sits next to a measured one."
                : $"The evasion surface: {BriefText.Count(evasion.Count, "member")} that no measure covers {(evasion.Count == 1 ? "sits" : "sit")} next to measured ones, "
                  + $"among them {BriefText.List(matrix.EvasionSurface.Take(3).Select(e => e.Member.Actor.Name))}.",
        };
        var sections = new List<BriefSection>
        {
            new("members", "Network members others measured, and the allies that have not", lines,
                "No member of the network is measured by any state.",
                $"Allies: the {allies.Count} signatories of the {framework.Name} (in force only)."),
            new("recommended", "Recommended measures", recommended, "No measure to recommend from what others did."),
            new("evasion", "Evasion surface", evasion, "No unmeasured member sits next to a measured one."),
        };
        return new BriefDocument(BriefKinds.VendorGaps, matrix.Vendor.Slug, $"Gap report: {matrix.Vendor.Name}",
            $"Where the {framework.Name}'s signatories have not acted against {matrix.Vendor.Name}'s network.",
            Today(), await BriefNotes.DataVersionAsync(db, ct), db.Reader.Name, db.Reader.Clearance, summary, sections, notes.Footnotes);
    }

    /// <summary>A state's gap report, across every vendor. Null when there is no such (visible) state.</summary>
    public async Task<BriefDocument?> ForStateAsync(string stateSlug, CancellationToken ct = default)
    {
        var framework = Frameworks.Find(CountryBriefHandler.AlliesGroup)!;
        var view = await gaps.ForStateAsync(stateSlug, Hops, null, framework.Id, ct);
        if (view is null)
        {
            return null;
        }
        var notes = new BriefNotes(db);
        var measures = await MeasuresAsync(notes, view.Gaps.SelectMany(g => g.Evidence).Select(e => e.MeasureSlug), ct);
        var state = view.Jurisdiction;
        var sections = new List<BriefSection>();
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in view.Rows.Where(r => r.Gaps > 0))
        {
            var members = view.Gaps.Where(g => !assigned.Contains(g.Member.Actor.Slug) && InRow(row, g)).ToList();
            if (members.Count == 0)
            {
                continue;
            }
            assigned.UnionWith(members.Select(g => g.Member.Actor.Slug));
            sections.Add(new BriefSection("vendor-" + row.Vendor.Slug, $"{row.Vendor.Name}'s network",
                members.Select(g => new BriefLine($"{g.Member.Actor.Name}: {Did(g.Evidence)}.", notes.For(Refs(g.Evidence, measures), 2),
                    BriefText.Max(g.Evidence.Select(e => measures.GetValueOrDefault(e.MeasureSlug).Marking)), $"/gaps/{row.Vendor.Slug}?group={framework.Id}")).ToList(),
                "No gap."));
        }
        var rest = view.Gaps.Where(g => !assigned.Contains(g.Member.Actor.Slug)).ToList();
        if (rest.Count > 0)
        {
            sections.Add(new BriefSection("other", "Other members", rest.Select(g => new BriefLine($"{g.Member.Actor.Name}: {Did(g.Evidence)}.",
                notes.For(Refs(g.Evidence, measures), 2), Marking.Clear)).ToList(), "No gap."));
        }
        var recommended = view.Gaps.Select(g =>
        {
            var lead = Lead(g.Evidence);
            return new BriefLine($"{Imperative(lead.Type)} {g.Member.Actor.Name}, as {lead.AuthorityName} did{(lead.Since is null ? "" : $" ({lead.Since})")}.",
                notes.For(Refs([lead], measures), 1), measures.GetValueOrDefault(lead.MeasureSlug).Marking);
        }).ToList();
        sections.Add(new BriefSection("recommended", "Recommended measures", recommended, "No measure to recommend from what others did."));
        var signed = framework.Signatories.Any(s => s.State == state.Slug);
        var summary = new List<string>
        {
            $"{state.Name}{(signed ? $", a signatory of the {framework.Name}," : "")} has taken no measure against {BriefText.Count(view.Gaps.Count, "member")} of "
            + $"{BriefText.Count(view.Rows.Count(r => r.Gaps > 0), "vendor network")} that other states have measured.",
            view.Gaps.Count == 0 ? "There is nothing to recommend from what other states did."
                : $"The first to consider: {BriefText.List(view.Gaps.Take(3).Select(g => $"{g.Member.Actor.Name} ({GapAnalysis.Verb(Lead(g.Evidence).Type)} by {Lead(g.Evidence).AuthorityName})"))}.",
        };
        return new BriefDocument(BriefKinds.StateGaps, state.Slug, $"Gap report: {state.Name}",
            $"Members of vendors' networks that other states measured and {state.Name} has not.",
            Today(), await BriefNotes.DataVersionAsync(db, ct), db.Reader.Name, db.Reader.Clearance, summary, sections, notes.Footnotes);
    }

    private static bool InRow(JurisdictionRow row, GapItem g) =>
        row.Vendor.Slug == g.Member.Actor.Slug || g.Member.Path.Contains(row.Vendor.Name, StringComparison.Ordinal)
        || row.Cells.Any(c => c.InForce.Concat(c.Lifted).Any(m => m.TargetSlug == g.Member.Actor.Slug));

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private async Task<Dictionary<string, (long Id, Marking Marking)>> MeasuresAsync(BriefNotes notes, IEnumerable<string> slugs, CancellationToken ct)
    {
        var list = slugs.Distinct().ToList();
        var found = new Dictionary<string, (long Id, Marking Marking)>(StringComparer.Ordinal);
        foreach (var chunk in list.Chunk(400))
        {
            foreach (var m in await db.Measures.AsNoTracking().Where(m => chunk.Contains(m.Slug)).Select(m => new { m.Id, m.Slug, m.Marking }).ToListAsync(ct))
            {
                found[m.Slug] = (m.Id, m.Marking);
            }
        }
        await notes.LoadAsync(RecordKind.Measure, found.Values.Select(v => v.Id), ct);
        return found;
    }

    private static IEnumerable<(RecordKind, long)> Refs(IEnumerable<CellMeasure> evidence, Dictionary<string, (long Id, Marking Marking)> measures) =>
        evidence.Where(e => measures.ContainsKey(e.MeasureSlug)).Select(e => (RecordKind.Measure, measures[e.MeasureSlug].Id));

    /// <summary>What the others did, condensed: "sanctioned by Office of Foreign Assets Control (2024-03-05)".</summary>
    internal static string Did(IEnumerable<CellMeasure> evidence) =>
        BriefText.List(evidence.GroupBy(e => (e.AuthorityName, e.Type)).OrderBy(g => g.Min(e => e.Since) ?? "9999", StringComparer.Ordinal)
            .Select(g => $"{GapAnalysis.Verb(g.Key.Type)} by {g.Key.AuthorityName}" + (g.Min(e => e.Since) is { } s ? $" ({s})" : "")).Take(4));

    private static readonly MeasureType[] s_rank =
        [MeasureType.Sanction, MeasureType.ExportControlListing, MeasureType.VisaRestriction, MeasureType.ProcurementBan, MeasureType.CriminalCharge];

    private static CellMeasure Lead(IEnumerable<CellMeasure> evidence) =>
        evidence.OrderBy(e => Array.IndexOf(s_rank, e.Type) is var i && i < 0 ? 99 : i).ThenBy(e => e.Since ?? "9999", StringComparer.Ordinal).First();

    private static string Imperative(MeasureType type) => type switch
    {
        MeasureType.Sanction => "Sanction",
        MeasureType.ExportControlListing => "List for export control",
        MeasureType.VisaRestriction => "Restrict visas for",
        MeasureType.ProcurementBan => "Bar from public procurement",
        MeasureType.CriminalCharge => "Open a criminal investigation into",
        _ => "Consider a measure against",
    };

    private static string Capital(string s) => CountryBriefHandler.Cap(s);
}
