using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Citations;

/// <summary>
/// A citation as a client writes it: <c>Source</c> a source slug, <c>Subject</c> the cited record as
/// <c>kind:slug</c>, credibility 1–6 (6, cannot be judged, when not given). <c>Version</c> on update only.
/// </summary>
public sealed record CitationInput(
    string? Source = null, string? Subject = null, string? Slug = null, string? Locator = null, string? Quote = null,
    int? Credibility = null, string? Marking = null, string? Status = null, int? Version = null);

/// <summary>Validation of <see cref="CitationInput"/>: source and subject must exist and be visible to the writer.</summary>
public static class CitationInputs
{
    /// <summary>Validates and copies the input; true when the subject is missing or hidden from the writer (a 404, not a field error).</summary>
    /// <remarks>The source may be named by its slug or, with <paramref name="lookup"/>, by its title.</remarks>
    public static async Task<bool> ApplyAsync(CitationInput input, Citation citation, VigilDb db, Incidents.TargetNaming naming, ValidationErrors errors, CancellationToken ct,
        Search.LookupHandler? lookup = null)
    {
        var subjectMissing = false;
        var sourceSlug = errors.Required("source", input.Source, 200);
        if (sourceSlug.Length > 0)
        {
            var source = await db.Sources.AsTracking().FirstOrDefaultAsync(s => s.Slug == sourceSlug, ct);
            if (source is null && lookup is not null)
            {
                // By its title: the one visible source it names, or an error listing the candidates.
                if (await lookup.ResolveFieldAsync("source", "source", sourceSlug, errors, ct) is { } item)
                {
                    source = await db.Sources.AsTracking().FirstAsync(s => s.Id == item.Id, ct);
                    citation.Source = source;
                }
            }
            else if (source is null)
            {
                errors.Add("source", $"There is no source '{sourceSlug}'.");
            }
            else
            {
                citation.Source = source;
            }
        }
        var subject = string.IsNullOrWhiteSpace(input.Subject)
            ? Missing(errors)
            : CitationSubjects.Parse(input.Subject, "subject", errors);
        if (subject is var (kind, slug))
        {
            citation.Actor = null;
            citation.ActorId = null;
            citation.Product = null;
            citation.ProductId = null;
            citation.Relationship = null;
            citation.RelationshipId = null;
            citation.Incident = null;
            citation.IncidentId = null;
            citation.Measure = null;
            citation.MeasureId = null;
            citation.Endorsement = null;
            citation.EndorsementId = null;
            citation.Assessment = null;
            citation.AssessmentId = null;
            citation.NationalReport = null;
            citation.NationalReportId = null;
            citation.Framework = null;
            citation.FrameworkId = null;
            citation.Commitment = null;
            citation.CommitmentId = null;
            var found = kind switch
            {
                RecordKind.Actor => (citation.Actor = await db.Actors.AsTracking().FirstOrDefaultAsync(a => a.Slug == slug, ct)) is not null,
                RecordKind.Product => (citation.Product = await db.Products.AsTracking().FirstOrDefaultAsync(p => p.Slug == slug, ct)) is not null,
                RecordKind.Incident => (citation.Incident = await db.Incidents.AsTracking().FirstOrDefaultAsync(i => i.Slug == slug, ct)) is not null,
                RecordKind.Measure => (citation.Measure = await db.Measures.AsTracking().FirstOrDefaultAsync(m => m.Slug == slug, ct)) is not null,
                RecordKind.Endorsement => (citation.Endorsement = await db.Endorsements.AsTracking().FirstOrDefaultAsync(e => e.Slug == slug, ct)) is not null,
                RecordKind.Assessment => (citation.Assessment = await db.Assessments.AsTracking().FirstOrDefaultAsync(a => a.Slug == slug, ct)) is not null,
                RecordKind.NationalReport => (citation.NationalReport = await db.NationalReports.AsTracking().FirstOrDefaultAsync(r => r.Slug == slug, ct)) is not null,
                RecordKind.Framework => (citation.Framework = await db.Frameworks.AsTracking().FirstOrDefaultAsync(f => f.Slug == slug, ct)) is not null,
                RecordKind.Commitment => (citation.Commitment = await db.Commitments.AsTracking().FirstOrDefaultAsync(c => c.Slug == slug, ct)) is not null,
                _ => (citation.Relationship = await db.Relationships.AsTracking().FirstOrDefaultAsync(r => r.Slug == slug, ct)) is not null,
            };
            if (!found)
            {
                errors.Add("subject", $"There is no {Labels.RecordType(kind)} '{slug}'.");
                subjectMissing = true;
            }
        }
        citation.Locator = errors.Optional("locator", input.Locator, 500);
        citation.Quote = errors.Optional("quote", input.Quote, 5000);
        if (input.Credibility is { } credibility)
        {
            if (credibility is < 1 or > 6)
            {
                errors.Add("credibility", "credibility must be 1 (confirmed) to 6 (cannot be judged).");
            }
            citation.Credibility = credibility;
        }
        citation.Marking = RecordWrites.Marking(input.Marking, citation, db.Reader, errors);
        citation.Status = errors.Status(input.Status, citation.Id == 0 ? ReviewStatus.Draft : citation.Status);
        if (citation.Incident is { } incident && Incidents.TargetNaming.Applies(citation.Marking)
            && await naming.NamesATargetAsync(incident.Id, citation.Source, citation.Quote, ct))
        {
            errors.Add("marking", Incidents.TargetNaming.Refusal);
        }
        return subjectMissing;
    }

    private static (RecordKind, string)? Missing(ValidationErrors errors)
    {
        errors.Add("subject", "subject is required: kind:slug, e.g. actor:intellexa-sa, incident:2021-…, measure:… or framework:….");
        return null;
    }
}

/// <summary>
/// Creates a citation: a draft marked CLEAR unless the input says otherwise. A cited record the writer
/// cannot see (or that does not exist) is not found, the same answer for both, and nothing is written.
/// </summary>
public sealed class CreateCitationHandler(VigilDb db, GetCitationHandler get, Incidents.TargetNaming naming, Search.LookupHandler lookup)
{
    public async Task<WriteResult<CitationDetail>> HandleAsync(CitationInput input, CancellationToken ct = default)
    {
        var citation = new Citation();
        var subjectMissing = false;
        var result = await RecordWrites.CreateAsync(db, citation, input.Slug,
            async errors => subjectMissing = await CitationInputs.ApplyAsync(input, citation, db, naming, errors, ct, lookup),
            publishingNeedsCitation: false, slug => get.HandleAsync(slug, ct), ct);
        db.ChangeTracker.Clear();
        // When the subject is the only fault the answer is 404; with other faults all are listed (400).
        return subjectMissing && result.Errors is { Count: 1 } ? WriteResult<CitationDetail>.NotFound() : result;
    }
}
