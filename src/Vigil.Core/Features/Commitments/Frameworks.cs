using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Commitments;

/// <summary>A framework edition in a list.</summary>
public sealed record FrameworkSummary(string Slug, string Name, string Kind, string Series, int Edition, string? Date, int Commitments, int Endorsements, string Status);

/// <summary>One commitment of a framework.</summary>
public sealed record CommitmentView(string Slug, string Code, string Pillar, bool PillarStated, string Text, string? Quote, string? SourceSlug, string? SourceTitle, string Status)
{
    /// <summary>Further sources cited for the commitment, beside the one it carries.</summary>
    public IReadOnlyList<CitationView> Citations { get; init; } = [];
}

/// <summary>An endorsement, with its citations.</summary>
public sealed record EndorsementView(string Slug, string ActorSlug, string ActorName, string? Country, string? Date, string? Note, string Status, IReadOnlyList<CitationView> Citations);

/// <summary>A framework edition with its commitments and endorsers.</summary>
public sealed record FrameworkDetail(
    string Slug, string Name, string Kind, string Series, int Edition, string? Date, string? Description, string? Provenance, string? OwnerSlug,
    string? OwnerName, string? SourceSlug, string? SourceTitle, string? SourceUrl, string Status, string Marking, int Version,
    IReadOnlyList<CommitmentView> Commitments, IReadOnlyList<EndorsementView> Endorsements, IReadOnlyList<FrameworkSummary> OtherEditions)
{
    /// <summary>Further sources cited for the framework, beside the one it carries.</summary>
    public IReadOnlyList<CitationView> Citations { get; init; } = [];
}

/// <summary>Every framework edition the reader may see.</summary>
public sealed class ListFrameworksHandler(VigilDb db)
{
    public async Task<IReadOnlyList<FrameworkSummary>> HandleAsync(CancellationToken ct = default) =>
        (await db.Frameworks.AsNoTracking().OrderBy(f => f.FrameworkKind).ThenBy(f => f.Name).ThenBy(f => f.Edition)
            .Select(f => new
            {
                f.Slug, f.Name, f.FrameworkKind, f.Series, f.Edition, f.Date, Commitments = db.Commitments.Count(c => c.FrameworkId == f.Id && c.Status != ReviewStatus.Retracted),
                Endorsements = db.Endorsements.Count(e => e.Framework!.Series == f.Series), f.Status,
            }).ToListAsync(ct))
        .Select(f => new FrameworkSummary(f.Slug, f.Name, f.FrameworkKind.ToLabel(), f.Series, f.Edition, f.Date, f.Commitments, f.Endorsements, f.Status.ToLabel()))
        .ToList();
}

/// <summary>One framework edition by slug: its commitments in order, and who endorsed the series.</summary>
public sealed class GetFrameworkHandler(VigilDb db)
{
    public async Task<FrameworkDetail?> HandleAsync(string idOrSlug, CancellationToken ct = default)
    {
        var f = await db.Frameworks.AsNoTracking().Include(x => x.OwnerActor).Include(x => x.Source).ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct);
        if (f is null)
        {
            return null;
        }
        var commitments = await db.Commitments.AsNoTracking().Where(c => c.FrameworkId == f.Id && c.Status != ReviewStatus.Retracted).OrderBy(c => c.Position)
            .Select(c => new { c.Id, View = new CommitmentView(c.Slug, c.Code, c.Pillar, c.PillarStated, c.Text, c.Quote, c.Source != null ? c.Source.Slug : null,
                c.Source != null ? c.Source.Title : null, c.Status.ToString()) })
            .ToListAsync(ct);
        var commitmentCitations = await Evidence.OfSubjectsAsync(db, RecordKind.Commitment, commitments.Select(c => c.Id).ToList(), ct);
        var frameworkCitations = await Evidence.OfSubjectsAsync(db, RecordKind.Framework, [f.Id], ct);
        var endorsements = await Endorsements.OfAsync(db, db.Endorsements.Where(e => e.Framework!.Series == f.Series), ct);
        var editions = await db.Frameworks.AsNoTracking().Where(x => x.Series == f.Series && x.Id != f.Id).OrderBy(x => x.Edition)
            .Select(x => new FrameworkSummary(x.Slug, x.Name, x.FrameworkKind.ToLabel(), x.Series, x.Edition, x.Date, 0, 0, x.Status.ToLabel())).ToListAsync(ct);
        return new FrameworkDetail(f.Slug, f.Name, f.FrameworkKind.ToLabel(), f.Series, f.Edition, f.Date, f.Description, f.Provenance,
            f.OwnerActor?.Slug, f.OwnerActor?.Name, f.Source?.Slug, f.Source?.Title, f.Source?.Url, f.Status.ToLabel(), f.Marking.ToLabel(), f.Version,
            commitments.Select(c => c.View with { Status = Enum.Parse<ReviewStatus>(c.View.Status).ToLabel(), Citations = [.. commitmentCitations[c.Id]] }).ToList(),
            endorsements, editions)
        {
            Citations = [.. frameworkCitations[f.Id]],
        };
    }
}

/// <summary>Endorsements with their citations, ordered by actor.</summary>
public static class Endorsements
{
    public static async Task<List<EndorsementView>> OfAsync(VigilDb db, IQueryable<Endorsement> q, CancellationToken ct)
    {
        var rows = await q.AsNoTracking().OrderBy(e => e.Actor!.Name)
            .Select(e => new { e.Id, e.Slug, ActorSlug = e.Actor!.Slug, ActorName = e.Actor.Name, e.Actor.Country, e.Date, e.Note, e.Status }).ToListAsync(ct);
        var cites = await Evidence.OfSubjectsAsync(db, RecordKind.Endorsement, rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r => new EndorsementView(r.Slug, r.ActorSlug, r.ActorName, r.Country, r.Date, r.Note, r.Status.ToLabel(), cites[r.Id].ToList())).ToList();
    }
}

/// <summary>What an actor endorsed (states: codes and statements; companies: their own policies).</summary>
/// <remarks>Kept per data version and kind of reader (<see cref="ReadResults"/>): every actor page asks.</remarks>
public sealed class ActorEndorsementsHandler(VigilDb db)
{
    public async Task<IReadOnlyList<(EndorsementView Endorsement, string FrameworkSlug, string FrameworkName)>> HandleAsync(string actorSlug, CancellationToken ct = default) =>
        (await ReadResults.GetOrComputeAsync(db, "actor-endorsements\n" + actorSlug, () => ComputeAsync(actorSlug, ct)!, ReadResultSize.Small))!;

    private async Task<IReadOnlyList<(EndorsementView Endorsement, string FrameworkSlug, string FrameworkName)>> ComputeAsync(string actorSlug, CancellationToken ct)
    {
        var frameworks = await db.Endorsements.AsNoTracking().Where(e => e.Actor!.Slug == actorSlug)
            .Select(e => new { e.Slug, FrameworkSlug = e.Framework!.Slug, FrameworkName = e.Framework.Name }).ToDictionaryAsync(e => e.Slug, ct);
        if (frameworks.Count == 0)
        {
            // Most actors endorsed nothing: their page asks no more.
            return [];
        }
        var views = await Endorsements.OfAsync(db, db.Endorsements.Where(e => e.Actor!.Slug == actorSlug), ct);
        return views.Select(v => (v, frameworks[v.Slug].FrameworkSlug, frameworks[v.Slug].FrameworkName)).ToList();
    }
}
