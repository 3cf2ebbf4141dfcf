using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Incidents;
using Vigil.Model;
using Vigil.Security;

namespace Vigil.Features.Export;

/// <summary>
/// One table of open data: its columns, its rows (a cell is a string, a number, a list of strings or
/// null) and the highest marking among the records behind it, for the audit rule.
/// </summary>
public sealed record DataTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, Marking Highest)
{
    /// <summary>The table as CSV (RFC 4180, cells defused against formulas, lists joined by "; ").</summary>
    public string ToCsv()
    {
        var text = new System.Text.StringBuilder();
        text.AppendJoin(',', Columns.Select(Formats.CsvCells.Field)).Append("\r\n");
        foreach (var row in Rows)
        {
            text.AppendJoin(',', row.Select(cell => Formats.CsvCells.Field(Cell(cell)))).Append("\r\n");
        }
        return text.ToString();
    }

    /// <summary>The table as a JSON array of objects keyed by column; lists stay arrays.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in Rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < Columns.Count; i++)
                {
                    json.WritePropertyName(Columns[i]);
                    switch (row[i])
                    {
                        case null: json.WriteNullValue(); break;
                        case int n: json.WriteNumberValue(n); break;
                        case decimal d: json.WriteNumberValue(d); break;
                        case IReadOnlyList<string> list:
                            json.WriteStartArray();
                            foreach (var item in list)
                            {
                                json.WriteStringValue(item);
                            }
                            json.WriteEndArray();
                            break;
                        default: json.WriteStringValue(Cell(row[i])); break;
                    }
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return buffer.ToArray();
    }

    private static string? Cell(object? value) => value switch
    {
        null => null,
        IReadOnlyList<string> list => string.Join("; ", list),
        DateTime at => at.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>
/// Open data: every kind of record as a table, as far as the reader may see it (the query filters of
/// <see cref="VigilDb"/> are the access rule; no table bypasses them). Incidents carry their targets by
/// pseudonym only. The web's downloads (<c>/data</c>), the API and <c>vigil export --format csv</c> all
/// read these tables, so a column means the same everywhere.
/// </summary>
public sealed class OpenDataHandler(VigilDb db, SecurityDb security, TimeProvider clock)
{
    /// <summary>The tables, in the order a reader meets them, each with what it holds.</summary>
    public static readonly IReadOnlyList<(string Name, string Holds)> Tables =
    [
        ("actors", "states, agencies, companies, people and organisations, with aliases and identifiers"),
        ("products", "spyware and surveillance products, with aliases and capabilities"),
        ("relationships", "who owns, supplies, develops, operates, brokers for or invests in whom"),
        ("incidents", "documented abuses; targets by pseudonym, category and country only"),
        ("measures", "sanctions, visa restrictions, listings, bans, charges, lawsuits and their stage"),
        ("measure-steps", "each measure's dated steps: announced, in force, lifted, filed, ruling, appeal, closed"),
        ("endorsements", "which states endorsed which framework, and when"),
        ("assessments", "the quarterly assessment of each state against each commitment"),
        ("sources", "the reports, filings, notices and articles the evidence comes from"),
        ("citations", "each claim's evidence: the source, the passage, where it is, its credibility"),
    ];

    /// <summary>Whether <paramref name="name"/> is one of <see cref="Tables"/>.</summary>
    public static bool Exists(string name) => Tables.Any(t => t.Name == name);

    /// <summary>
    /// One table, read under the access rule; null when there is no such table. An export that carries
    /// an AMBER or RED record is written to the audit log with its format.
    /// </summary>
    public async Task<DataTable?> HandleAsync(string name, string format, CancellationToken ct = default)
    {
        var table = await ReadAsync(name, ct);
        if (table is not null)
        {
            await ExportAudit.RecordAsync(security, clock, db.Reader.Name,
                new ExportSummary($"{name}-{format}", table.Rows.Count, table.Highest), ct);
        }
        return table;
    }

    /// <summary>One table, read under the access rule, without an audit entry (the caller audits the whole export).</summary>
    public Task<DataTable?> ReadAsync(string name, CancellationToken ct = default) => name switch
    {
        "actors" => ActorsAsync(ct),
        "products" => ProductsAsync(ct),
        "relationships" => RelationshipsAsync(ct),
        "incidents" => IncidentsAsync(ct),
        "measures" => MeasuresAsync(ct),
        "measure-steps" => MeasureStepsAsync(ct),
        "endorsements" => EndorsementsAsync(ct),
        "assessments" => AssessmentsAsync(ct),
        "sources" => SourcesAsync(ct),
        "citations" => CitationsAsync(ct),
        _ => Task.FromResult<DataTable?>(null),
    };

    private static List<string> List(IEnumerable<string?> values) => [.. values.OfType<string>().Distinct()];

    /// <summary>
    /// The marking a row counts for the audit: its record's and that of every record it names (an
    /// endorsement row names its actor; a CLEAR row naming an AMBER actor carries AMBER data).
    /// </summary>
    private static Marking Highest(Marking own, params IEnumerable<Marking?> named) =>
        named.OfType<Marking>().Append(own).Max();

    private static DataTable Table(string name, string[] columns, IEnumerable<(object?[] Row, Marking Marking)> rows)
    {
        var list = rows.ToList();
        return new DataTable(name, columns, [.. list.Select(r => r.Row)], list.Select(r => r.Marking).DefaultIfEmpty(Marking.Clear).Max());
    }

    private async Task<DataTable?> ActorsAsync(CancellationToken ct)
    {
        var actors = await db.Actors.AsNoTracking().AsSplitQuery().Include(a => a.Aliases).Include(a => a.Identifiers).OrderBy(a => a.Slug).ToListAsync(ct);
        return Table("actors",
            ["slug", "name", "kind", "country", "country_name", "start", "end", "aliases", "identifiers", "description", "marking", "status", "updated_at"],
            actors.Select(a => (new object?[]
            {
                a.Slug, a.Name, ExportVigilDataHandler.ActorKindLabel(a.ActorKind), a.Country, a.Country is null ? null : Model.Countries.NameOf(a.Country),
                a.StartDate, a.EndDate, List(a.Aliases.Select(x => x.Name)), List(a.Identifiers.Select(x => $"{x.Scheme}:{x.Value}")),
                a.Description, a.Marking.ToLabel(), a.Status.ToLabel(), a.UpdatedAt,
            }, a.Marking)));
    }

    private async Task<DataTable?> ProductsAsync(CancellationToken ct)
    {
        var products = await db.Products.AsNoTracking().Include(p => p.Aliases).OrderBy(p => p.Slug).ToListAsync(ct);
        return Table("products", ["slug", "name", "kind", "aliases", "capabilities", "description", "marking", "status"],
            products.Select(p => (new object?[]
            {
                p.Slug, p.Name, p.ProductKind.ToString().ToLowerInvariant(), List(p.Aliases.Select(x => x.Name)),
                List((p.Capabilities ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
                p.Description, p.Marking.ToLabel(), p.Status.ToLabel(),
            }, p.Marking)));
    }

    private async Task<DataTable?> RelationshipsAsync(CancellationToken ct)
    {
        // An edge whose end the reader may not see is hidden with it (the navigation is null).
        var edges = (await db.Relationships.AsNoTracking().OrderBy(r => r.Slug).Select(r => new
        {
            r.Slug, r.Type, From = r.FromActor!.Slug, ToActor = r.ToActor!.Slug, ToProduct = r.ToProduct!.Slug, r.Role, r.SharePercent,
            r.StartDate, r.EndDate, r.Confidence, r.Marking, r.Status, FromMarking = (Marking?)r.FromActor!.Marking,
            ToMarking = r.ToActor != null ? (Marking?)r.ToActor.Marking : (Marking?)r.ToProduct!.Marking,
        }).ToListAsync(ct)).Where(r => r.From is not null && (r.ToActor ?? r.ToProduct) is not null);
        return Table("relationships", ["slug", "type", "from", "to", "to_kind", "role", "share", "start", "end", "confidence", "marking", "status"],
            edges.Select(r => (new object?[]
            {
                r.Slug, r.Type.ToLabel(), r.From, r.ToActor ?? r.ToProduct, r.ToActor is not null ? "actor" : "product", r.Role, r.SharePercent,
                r.StartDate, r.EndDate, r.Confidence.ToLabel(), r.Marking.ToLabel(), r.Status.ToLabel(),
            }, Highest(r.Marking, r.FromMarking, r.ToMarking))));
    }

    private async Task<DataTable?> IncidentsAsync(CancellationToken ct)
    {
        var incidents = await IncidentCsv.LoadAsync(db, ct);
        var sources = await IncidentCsv.SourcesAsync(db, incidents, ct);
        return Table("incidents", IncidentCsv.Columns,
            incidents.Select(i => (IncidentCsv.Fields(i, sources[i.Id]), Highest(i.Marking,
                [.. i.Targets.Select(t => (Marking?)t.Marking), .. i.Products.Select(x => x.Product?.Marking), .. i.Vendors.Select(x => x.Actor?.Marking),
                 .. i.Operators.Select(x => x.Actor?.Marking), .. i.Investigators.Select(x => x.Actor?.Marking)]))));
    }

    private async Task<DataTable?> MeasuresAsync(CancellationToken ct)
    {
        var measures = await db.Measures.AsNoTracking().AsSplitQuery().Include(m => m.Authority).Include(m => m.Targets).ThenInclude(t => t.Actor)
            .OrderBy(m => m.Slug).ToListAsync(ct);
        return Table("measures",
            ["slug", "type", "title", "authority", "targets", "programme", "reference", "announced", "in_force", "stage", "lifted", "description", "marking", "status"],
            measures.Where(m => m.Authority is not null).Select(m => (new object?[]
            {
                m.Slug, m.Type.ToLabel(), m.Title, m.Authority!.Slug, List(m.Targets.Select(t => t.Actor?.Slug)), m.Programme, m.Reference,
                m.AnnouncedDate, m.EffectiveDate, m.Stage.ToLabel(), m.LiftedDate, m.Description, m.Marking.ToLabel(), m.Status.ToLabel(),
            }, Highest(m.Marking, [m.Authority!.Marking, .. m.Targets.Select(t => t.Actor?.Marking)]))));
    }

    private async Task<DataTable?> MeasureStepsAsync(CancellationToken ct)
    {
        // A step is seen with its measure: the measure's filter decides; a source the reader may not see is left out.
        var measures = await db.Measures.AsNoTracking().AsSplitQuery().Include(m => m.Steps).ThenInclude(s => s.Source)
            .OrderBy(m => m.Slug).ToListAsync(ct);
        return Table("measure-steps", ["measure", "stage", "date", "source", "note", "marking"],
            measures.SelectMany(m => m.Steps.OrderBy(s => s.Date ?? "", StringComparer.Ordinal).ThenBy(s => s.Id)
                .Select(s => (new object?[] { m.Slug, s.Stage.ToLabel(), s.Date, s.Source?.Slug, s.Note, m.Marking.ToLabel() }, Highest(m.Marking, s.Source?.Marking)))));
    }

    private async Task<DataTable?> EndorsementsAsync(CancellationToken ct)
    {
        var rows = (await db.Endorsements.AsNoTracking().OrderBy(e => e.Slug).Select(e => new
        {
            e.Slug, Actor = e.Actor!.Slug, ActorName = e.Actor!.Name, Framework = e.Framework!.Slug, FrameworkName = e.Framework!.Name,
            e.Date, e.Note, e.Marking, e.Status, ActorMarking = (Marking?)e.Actor!.Marking, FrameworkMarking = (Marking?)e.Framework!.Marking,
        }).ToListAsync(ct)).Where(e => e.Actor is not null && e.Framework is not null);
        return Table("endorsements", ["slug", "actor", "actor_name", "framework", "framework_name", "date", "note", "marking", "status"],
            rows.Select(e => (new object?[] { e.Slug, e.Actor, e.ActorName, e.Framework, e.FrameworkName, e.Date, e.Note, e.Marking.ToLabel(), e.Status.ToLabel() },
                Highest(e.Marking, e.ActorMarking, e.FrameworkMarking))));
    }

    private async Task<DataTable?> AssessmentsAsync(CancellationToken ct)
    {
        var rows = (await db.Assessments.AsNoTracking().OrderBy(a => a.Quarter).ThenBy(a => a.Slug).Select(a => new
        {
            a.Slug, Actor = a.Actor!.Slug, Commitment = a.Commitment!.Slug, Code = a.Commitment!.Code, a.Quarter, a.Rating, a.Verifiable,
            a.ContradictingEvidence, a.Rationale, a.Edition, a.Marking, a.Status, ActorMarking = (Marking?)a.Actor!.Marking, CommitmentMarking = (Marking?)a.Commitment!.Marking,
        }).ToListAsync(ct)).Where(a => a.Actor is not null && a.Commitment is not null);
        return Table("assessments",
            ["slug", "actor", "commitment", "commitment_code", "quarter", "rating", "verifiable", "contradicting_evidence", "rationale", "edition", "marking", "status"],
            rows.Select(a => (new object?[]
            {
                a.Slug, a.Actor, a.Commitment, a.Code, a.Quarter, a.Rating, a.Verifiable?.ToString().ToLowerInvariant(),
                a.ContradictingEvidence?.ToString().ToLowerInvariant(), a.Rationale, a.Edition, a.Marking.ToLabel(), a.Status.ToLabel(),
            }, Highest(a.Marking, a.ActorMarking, a.CommitmentMarking))));
    }

    private async Task<DataTable?> SourcesAsync(CancellationToken ct)
    {
        var sources = await db.Sources.AsNoTracking().OrderBy(s => s.Slug).ToListAsync(ct);
        return Table("sources", ["slug", "title", "publisher", "url", "kind", "published", "accessed", "reliability", "marking", "status"],
            sources.Select(s => (new object?[]
            {
                s.Slug, s.Title, s.Publisher, s.Url, s.SourceKind.ToLabel(), s.PublishedDate, s.AccessedDate, s.Reliability.ToString(),
                s.Marking.ToLabel(), s.Status.ToLabel(),
            }, s.Marking)));
    }

    private async Task<DataTable?> CitationsAsync(CancellationToken ct)
    {
        var citations = await db.Citations.AsNoTracking().OrderBy(c => c.Slug).Select(c => new
        {
            c.Slug, Source = c.Source!.Slug,
            Subject = c.ActorId != null ? "actor:" + c.Actor!.Slug : c.ProductId != null ? "product:" + c.Product!.Slug
                : c.IncidentId != null ? "incident:" + c.Incident!.Slug : c.MeasureId != null ? "measure:" + c.Measure!.Slug
                : c.EndorsementId != null ? "endorsement:" + c.Endorsement!.Slug : c.AssessmentId != null ? "assessment:" + c.Assessment!.Slug
                : c.NationalReportId != null ? "national-report:" + c.NationalReport!.Slug
                : c.FrameworkId != null ? "framework:" + c.Framework!.Slug : c.CommitmentId != null ? "commitment:" + c.Commitment!.Slug
                : c.IndicatorId != null ? "indicator:" + c.Indicator!.Slug : "relationship:" + c.Relationship!.Slug,
            c.Locator, c.Quote, c.Credibility, c.Marking, c.Status, SourceMarking = (Marking?)c.Source!.Marking,
            SubjectMarking = c.ActorId != null ? (Marking?)c.Actor!.Marking : c.ProductId != null ? (Marking?)c.Product!.Marking
                : c.IncidentId != null ? (Marking?)c.Incident!.Marking : c.MeasureId != null ? (Marking?)c.Measure!.Marking
                : c.EndorsementId != null ? (Marking?)c.Endorsement!.Marking : c.AssessmentId != null ? (Marking?)c.Assessment!.Marking
                : c.NationalReportId != null ? (Marking?)c.NationalReport!.Marking
                : c.FrameworkId != null ? (Marking?)c.Framework!.Marking : c.CommitmentId != null ? (Marking?)c.Commitment!.Marking
                : c.IndicatorId != null ? (Marking?)c.Indicator!.Marking : (Marking?)c.Relationship!.Marking,
        }).ToListAsync(ct);
        return Table("citations", ["slug", "source", "subject", "locator", "quote", "credibility", "marking", "status"],
            citations.Select(c => (new object?[] { c.Slug, c.Source, c.Subject, c.Locator, c.Quote, c.Credibility, c.Marking.ToLabel(), c.Status.ToLabel() },
                Highest(c.Marking, c.SourceMarking, c.SubjectMarking))));
    }
}
