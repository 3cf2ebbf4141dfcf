using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Citations;

/// <summary>Filters of the citation list: <c>Source</c> is a source slug, <c>Subject</c> a record as <c>kind:slug</c> (e.g. <c>actor:intellexa-sa</c>).</summary>
public sealed record ListCitationsQuery(string? Source = null, string? Subject = null, string? Status = null, int? Page = null, int? PageSize = null);

/// <summary>A citation: which source supports which record, where, and how credibly.</summary>
public sealed record CitationSummary(
    long Id, string Slug, RecordRef Source, RecordRef Subject, string? Locator, string? Quote, int Credibility,
    ReviewStatus Status, string Marking, int Version);

/// <summary>Lists the citations the reader may see (source and subject visible too), oldest first.</summary>
public sealed class ListCitationsHandler(VigilDb db)
{
    public async Task<ListResult<CitationSummary>> HandleAsync(ListCitationsQuery query, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var (page, pageSize) = Paging.Normalise(query.Page, query.PageSize, errors);
        var status = errors.StatusFilter(query.Status);
        var subject = string.IsNullOrWhiteSpace(query.Subject) ? null : CitationSubjects.Parse(query.Subject, "subject", errors);
        if (!errors.IsEmpty)
        {
            return ListResult<CitationSummary>.Invalid(errors);
        }
        var citations = db.Citations.AsQueryable();
        if (!string.IsNullOrWhiteSpace(query.Source))
        {
            var source = query.Source.Trim();
            citations = citations.Where(c => c.Source!.Slug == source);
        }
        if (subject is var (kind, slug))
        {
            citations = kind switch
            {
                RecordKind.Actor => citations.Where(c => c.Actor!.Slug == slug),
                RecordKind.Product => citations.Where(c => c.Product!.Slug == slug),
                RecordKind.Incident => citations.Where(c => c.Incident!.Slug == slug),
                RecordKind.Measure => citations.Where(c => c.Measure!.Slug == slug),
                RecordKind.Endorsement => citations.Where(c => c.Endorsement!.Slug == slug),
                RecordKind.Assessment => citations.Where(c => c.Assessment!.Slug == slug),
                RecordKind.NationalReport => citations.Where(c => c.NationalReport!.Slug == slug),
                RecordKind.Framework => citations.Where(c => c.Framework!.Slug == slug),
                RecordKind.Commitment => citations.Where(c => c.Commitment!.Slug == slug),
                RecordKind.Indicator => citations.Where(c => c.Indicator!.Slug == slug),
                _ => citations.Where(c => c.Relationship!.Slug == slug),
            };
        }
        if (status is not null)
        {
            citations = citations.Where(c => c.Status == status);
        }
        var page1 = await CitationQueries.Summaries(citations.OrderBy(c => c.Id)).ToPageAsync(db, page, pageSize, ct);
        return new ListResult<CitationSummary>(new PagedList<CitationSummary>(page1.Items.Select(r => r.ToSummary()).ToList(), page1.Total, page1.Page, page1.PageSize));
    }
}

/// <summary>Projection of citations shared by the citation list and the source detail.</summary>
internal static class CitationQueries
{
    public static IQueryable<CitationRow> Summaries(IQueryable<Citation> citations) =>
        citations.Select(c => new CitationRow(
            c.Id, c.Slug, c.Source!.Slug, c.Source.Title, c.ActorId != null ? RecordKind.Actor : c.ProductId != null ? RecordKind.Product
                : c.IncidentId != null ? RecordKind.Incident : c.MeasureId != null ? RecordKind.Measure
                : c.EndorsementId != null ? RecordKind.Endorsement : c.AssessmentId != null ? RecordKind.Assessment
                : c.NationalReportId != null ? RecordKind.NationalReport : c.FrameworkId != null ? RecordKind.Framework
                : c.CommitmentId != null ? RecordKind.Commitment : c.IndicatorId != null ? RecordKind.Indicator : RecordKind.Relationship,
            c.Actor != null ? c.Actor.Slug : c.Product != null ? c.Product.Slug
                : c.Incident != null ? c.Incident.Slug : c.Measure != null ? c.Measure.Slug
                : c.Endorsement != null ? c.Endorsement.Slug : c.Assessment != null ? c.Assessment.Slug
                : c.NationalReport != null ? c.NationalReport.Slug : c.Framework != null ? c.Framework.Slug
                : c.Commitment != null ? c.Commitment.Slug : c.Indicator != null ? c.Indicator.Slug : c.Relationship!.Slug,
            c.Actor != null ? c.Actor.Name : c.Product != null ? c.Product.Name
                : c.Incident != null ? c.Incident.Title : c.Measure != null ? c.Measure.Title
                : c.Endorsement != null ? c.Endorsement.Slug : c.Assessment != null ? c.Assessment.Slug
                : c.NationalReport != null ? c.NationalReport.Slug : c.Framework != null ? c.Framework.Name
                : c.Commitment != null ? c.Commitment.Code + " " + c.Commitment.Framework!.Name
                : c.Indicator != null ? c.Indicator.Value : c.Relationship!.FromActor!.Name,
            c.Relationship != null ? c.Relationship.Type : null,
            c.Relationship != null ? (c.Relationship.ToActor != null ? c.Relationship.ToActor.Name : c.Relationship.ToProduct!.Name) : null,
            c.Locator, c.Quote, c.Credibility, c.Status, c.Marking, c.Version));
}

internal sealed record CitationRow(
    long Id, string Slug, string SourceSlug, string SourceTitle, RecordKind SubjectKind, string SubjectSlug, string SubjectName,
    RelationshipType? EdgeType, string? EdgeTo, string? Locator, string? Quote, int Credibility, ReviewStatus Status, Marking Marking, int Version)
{
    public CitationSummary ToSummary() => new(
        Id, Slug, new RecordRef("source", SourceSlug, SourceTitle, null),
        new RecordRef(Labels.RecordType(SubjectKind), SubjectSlug, EdgeType is { } t ? $"{SubjectName} {t.ToLabel()} {EdgeTo}" : SubjectName, null),
        Locator, Quote, Credibility, Status, Marking.ToLabel(), Version);
}

/// <summary>The <c>kind:slug</c> spelling of a cited record.</summary>
public static class CitationSubjects
{
    public static (RecordKind Kind, string Slug)? Parse(string text, string field, ValidationErrors errors)
    {
        var parts = text.Trim().Split(':', 2);
        RecordKind? kind = parts[0].ToLowerInvariant() switch
        {
            "actor" => RecordKind.Actor,
            "product" => RecordKind.Product,
            "relationship" => RecordKind.Relationship,
            "incident" => RecordKind.Incident,
            "measure" => RecordKind.Measure,
            "endorsement" => RecordKind.Endorsement,
            "assessment" => RecordKind.Assessment,
            "national-report" => RecordKind.NationalReport,
            "framework" => RecordKind.Framework,
            "commitment" => RecordKind.Commitment,
            _ => null,
        };
        if (parts.Length != 2 || kind is null || string.IsNullOrWhiteSpace(parts[1]))
        {
            errors.Add(field, $"'{text}' is not a subject: write kind:slug, the kind one of actor, product, relationship, incident, measure, endorsement, assessment, national-report, framework or commitment.");
            return null;
        }
        return (kind.Value, parts[1].Trim());
    }
}
