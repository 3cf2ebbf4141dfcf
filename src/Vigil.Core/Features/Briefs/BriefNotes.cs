using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Briefs;

/// <summary>
/// A brief's footnotes: loads the citations of the records a brief mentions (through the reader's
/// <see cref="VigilDb"/>, so a hidden source or citation never becomes a footnote) and numbers each source
/// the first time a line cites it. One source cited by many lines is one footnote.
/// </summary>
public sealed class BriefNotes(VigilDb db)
{
    private sealed record Cite(string Slug, string Title, string? Publisher, string? Url, string? Date, Marking Marking);

    private readonly Dictionary<(RecordKind, long), List<Cite>> _cites = [];
    private readonly Dictionary<string, BriefFootnote> _notes = new(StringComparer.Ordinal);

    /// <summary>The footnotes so far, by number.</summary>
    public IReadOnlyList<BriefFootnote> Footnotes => _notes.Values.OrderBy(n => n.Number).ToList();

    /// <summary>Loads the visible citations of these records (call before asking for footnotes).</summary>
    public async Task LoadAsync(RecordKind kind, IEnumerable<long> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().Where(id => !_cites.ContainsKey((kind, id))).ToList();
        foreach (var chunk in wanted.Chunk(400))
        {
            var rows = await db.Citations.AsNoTracking().Where(Citation.OfSubjects(kind, chunk))
                .OrderBy(c => c.Credibility).ThenBy(c => c.Source!.Reliability).ThenBy(c => c.Id)
                .Select(c => new
                {
                    c.ActorId, c.ProductId, c.RelationshipId, c.IncidentId, c.MeasureId, c.EndorsementId, c.AssessmentId, c.NationalReportId, c.FrameworkId, c.CommitmentId,
                    c.Marking, c.Source!.Slug, c.Source.Title, c.Source.Publisher, c.Source.Url, c.Source.PublishedDate, SourceMarking = c.Source.Marking,
                })
                .ToListAsync(ct);
            foreach (var id in chunk)
            {
                _cites[(kind, id)] = [];
            }
            foreach (var r in rows)
            {
                var subject = r.ActorId ?? r.ProductId ?? r.RelationshipId ?? r.IncidentId ?? r.MeasureId ?? r.EndorsementId ?? r.AssessmentId ?? r.NationalReportId ?? r.FrameworkId ?? r.CommitmentId ?? 0;
                _cites[(kind, subject)].Add(new Cite(r.Slug, r.Title, r.Publisher, r.Url, r.PublishedDate, (Marking)Math.Max((int)r.Marking, (int)r.SourceMarking)));
            }
        }
    }

    /// <summary>The footnote numbers of a record's best sources (at most <paramref name="max"/>), numbering new ones.</summary>
    public IReadOnlyList<int> For(RecordKind kind, long id, int max = 2) => For([(kind, id)], max);

    /// <summary>The footnote numbers of several records' best sources, together at most <paramref name="max"/>.</summary>
    public IReadOnlyList<int> For(IEnumerable<(RecordKind Kind, long Id)> records, int max = 3)
    {
        var numbers = new List<int>();
        foreach (var cite in records.SelectMany(r => _cites.GetValueOrDefault(r) ?? []).DistinctBy(c => c.Slug).Take(max))
        {
            if (!_notes.TryGetValue(cite.Slug, out var note))
            {
                note = new BriefFootnote(_notes.Count + 1, cite.Slug, cite.Title, cite.Publisher, cite.Url, cite.Date, cite.Marking);
                _notes[cite.Slug] = note;
            }
            numbers.Add(note.Number);
        }
        return numbers.Order().ToList();
    }

    /// <summary>The footnote number of one source named directly (a reply's answer), numbering it when new.</summary>
    public int ForSource(string slug, string title, string? publisher, string? url, string? date, Marking marking)
    {
        if (!_notes.TryGetValue(slug, out var note))
        {
            note = new BriefFootnote(_notes.Count + 1, slug, title, publisher, url, date, marking);
            _notes[slug] = note;
        }
        return note.Number;
    }

    /// <summary>The data version a brief states: the newest revision in the graph.</summary>
    public static async Task<long> DataVersionAsync(VigilDb db, CancellationToken ct) =>
        await db.Revisions.AsNoTracking().OrderByDescending(r => r.Id).Select(r => r.Id).FirstOrDefaultAsync(ct);
}
