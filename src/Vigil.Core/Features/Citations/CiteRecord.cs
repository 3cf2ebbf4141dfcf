using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Features.Search;
using Vigil.Features.Sources;

namespace Vigil.Features.Citations;

/// <summary>
/// Evidence for a record from its page: the subject (<c>kind:slug</c>), the source picked by title or
/// slug, or a <c>NewSource</c> written inline, and where, what and how credibly it says so. The citation
/// goes to review at once (status in-review) unless <c>Status</c> says draft.
/// </summary>
public sealed record CiteInput(
    string? Subject = null, string? Source = null, SourceInput? NewSource = null, string? Locator = null, string? Quote = null,
    int? Credibility = null, string? Marking = null, string? Status = null);

/// <summary>The citation made, and the source when one was written inline.</summary>
public sealed record CiteResult(CitationDetail Citation, string? NewSourceSlug);

/// <summary>
/// Cites a record: creates the inline source (if any) and the citation in one transaction, through the
/// source's and the citation's own create use cases, so that every rule of theirs holds. Field errors of
/// the new source come back prefixed <c>newSource.</c>.
/// </summary>
public sealed class CiteRecordHandler(VigilDb db, LookupHandler lookup, CreateSourceHandler sources, CreateCitationHandler citations)
{
    public async Task<WriteResult<CiteResult>> HandleAsync(CiteInput input, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit)
        {
            return WriteResult<CiteResult>.Forbidden();
        }
        var errors = new ValidationErrors();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        string? sourceSlug = null;
        string? newSource = null;
        if (input.NewSource is { Title.Length: > 0 } inline)
        {
            var created = await sources.HandleAsync(inline with { Status = "draft", Marking = inline.Marking ?? input.Marking }, ct);
            if (created.Status != WriteStatus.Created)
            {
                foreach (var (key, messages) in created.Errors ?? new Dictionary<string, string[]>())
                {
                    foreach (var m in messages)
                    {
                        errors.Add("newSource." + key, m);
                    }
                }
            }
            else
            {
                sourceSlug = newSource = created.Value!.Slug;
            }
        }
        else if (string.IsNullOrWhiteSpace(input.Source))
        {
            errors.Add("source", "source is required: pick the source by its title, or write a new one.");
        }
        else
        {
            sourceSlug = (await lookup.ResolveFieldAsync("source", "source", input.Source, errors, ct))?.Slug;
        }
        if (!errors.IsEmpty)
        {
            return WriteResult<CiteResult>.Invalid(errors);
        }
        var cited = await citations.HandleAsync(new CitationInput(
            Source: sourceSlug, Subject: input.Subject, Locator: input.Locator, Quote: input.Quote, Credibility: input.Credibility ?? 6,
            Marking: input.Marking, Status: input.Status ?? "in-review"), ct);
        switch (cited.Status)
        {
            case WriteStatus.Created:
                await tx.CommitAsync(ct);
                return WriteResult<CiteResult>.Created(new CiteResult(cited.Value!, newSource));
            case WriteStatus.NotFound:
                return WriteResult<CiteResult>.NotFound();
            default:
                foreach (var (key, messages) in cited.Errors ?? new Dictionary<string, string[]>())
                {
                    foreach (var m in messages)
                    {
                        errors.Add(key, m);
                    }
                }
                return WriteResult<CiteResult>.Invalid(errors);
        }
    }
}
