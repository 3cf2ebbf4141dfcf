using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;
using Vigil.Security;

namespace Vigil.Features.Export;

/// <summary>
/// Writes the graph, as far as the reader may see it, as CSV files for spreadsheets: actors, products,
/// relationships, sources and citations, keyed by slug. An export carrying AMBER or RED records is
/// audited (<see cref="ExportAudit"/>).
/// </summary>
public sealed class ExportCsvHandler(VigilDb db, SecurityDb security, TimeProvider clock)
{
    /// <summary>Exports into <paramref name="folder"/>; returns the rows written per file and what they hold.</summary>
    public async Task<ExportCsvResult> HandleAsync(string folder, CancellationToken ct = default)
    {
        Directory.CreateDirectory(folder);
        var counts = new Dictionary<string, int>();
        var actors = await db.Actors.AsSplitQuery().Include(a => a.Aliases).Include(a => a.Identifiers).OrderBy(a => a.Slug).ToListAsync(ct);
        counts["actors.csv"] = await WriteAsync(folder, "actors.csv", actors.Select(a => new
        {
            slug = a.Slug, name = a.Name, kind = ExportVigilDataHandler.ActorKindLabel(a.ActorKind), country = a.Country,
            country_name = a.Country is null ? null : Model.Countries.NameOf(a.Country), start = a.StartDate, end = a.EndDate,
            aliases = string.Join("; ", a.Aliases.Select(x => x.Name)),
            identifiers = string.Join("; ", a.Identifiers.Select(x => $"{x.Scheme}:{x.Value}")),
            description = a.Description, marking = a.Marking.ToLabel(), status = a.Status.ToLabel(), updated_at = a.UpdatedAt,
        }), ct);
        var products = await db.Products.Include(p => p.Aliases).OrderBy(p => p.Slug).ToListAsync(ct);
        counts["products.csv"] = await WriteAsync(folder, "products.csv", products.Select(p => new
        {
            slug = p.Slug, name = p.Name, kind = p.ProductKind.ToString().ToLowerInvariant(), aliases = string.Join("; ", p.Aliases.Select(x => x.Name)),
            capabilities = p.Capabilities?.Replace('\n', ';'), description = p.Description, marking = p.Marking.ToLabel(), status = p.Status.ToLabel(),
        }), ct);
        var relationships = await db.Relationships.OrderBy(r => r.Slug).Select(r => new
        {
            slug = r.Slug, type = r.Type, from = r.FromActor!.Slug, to = r.ToActor != null ? r.ToActor.Slug : r.ToProduct!.Slug,
            to_kind = r.ToActorId != null ? "actor" : "product", role = r.Role, share = r.SharePercent, start = r.StartDate, end = r.EndDate,
            confidence = r.Confidence, marking = r.Marking, status = r.Status,
        }).ToListAsync(ct);
        counts["relationships.csv"] = await WriteAsync(folder, "relationships.csv", relationships.Select(r => new
        {
            r.slug, type = r.type.ToLabel(), r.from, r.to, r.to_kind, r.role, r.share, r.start, r.end,
            confidence = r.confidence.ToLabel(), marking = r.marking.ToLabel(), status = r.status.ToLabel(),
        }), ct);
        var sources = await db.Sources.OrderBy(s => s.Slug).ToListAsync(ct);
        counts["sources.csv"] = await WriteAsync(folder, "sources.csv", sources.Select(s => new
        {
            slug = s.Slug, title = s.Title, publisher = s.Publisher, url = s.Url, kind = s.SourceKind.ToLabel(), published = s.PublishedDate,
            accessed = s.AccessedDate, reliability = s.Reliability.ToString(), marking = s.Marking.ToLabel(), status = s.Status.ToLabel(),
        }), ct);
        var citations = await db.Citations.OrderBy(c => c.Slug).Select(c => new
        {
            c.Slug, Source = c.Source!.Slug,
            Subject = c.ActorId != null ? "actor:" + c.Actor!.Slug : c.ProductId != null ? "product:" + c.Product!.Slug
                : c.IncidentId != null ? "incident:" + c.Incident!.Slug : c.MeasureId != null ? "measure:" + c.Measure!.Slug
                : c.EndorsementId != null ? "endorsement:" + c.Endorsement!.Slug : c.AssessmentId != null ? "assessment:" + c.Assessment!.Slug
                : c.NationalReportId != null ? "national-report:" + c.NationalReport!.Slug : "relationship:" + c.Relationship!.Slug,
            c.Locator, c.Quote, c.Credibility, c.Marking, c.Status,
        }).ToListAsync(ct);
        counts["citations.csv"] = await WriteAsync(folder, "citations.csv", citations.Select(c => new
        {
            slug = c.Slug, source = c.Source, subject = c.Subject, locator = c.Locator, quote = c.Quote, credibility = c.Credibility,
            marking = c.Marking.ToLabel(), status = c.Status.ToLabel(),
        }), ct);
        Marking[] markings =
        [
            .. actors.Select(a => a.Marking), .. products.Select(p => p.Marking), .. relationships.Select(r => r.marking),
            .. sources.Select(s => s.Marking), .. citations.Select(c => c.Marking),
        ];
        var summary = new ExportSummary("csv", markings.Length, markings.DefaultIfEmpty(Marking.Clear).Max());
        await ExportAudit.RecordAsync(security, clock, db.Reader.Name, summary, ct);
        return new ExportCsvResult(counts, summary);
    }

    private static async Task<int> WriteAsync<T>(string folder, string name, IEnumerable<T> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(Path.Combine(folder, name));
        await using var csv = Formats.CsvCells.Writer(writer);
        var list = rows.ToList();
        await csv.WriteRecordsAsync(list, ct);
        return list.Count;
    }
}

/// <summary>The rows an export wrote per file, and what it held (records, highest marking) as audited.</summary>
public sealed record ExportCsvResult(IReadOnlyDictionary<string, int> Rows, ExportSummary Export);
