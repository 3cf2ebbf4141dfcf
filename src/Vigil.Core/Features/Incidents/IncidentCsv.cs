using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Features.Import;
using Vigil.Model;
using Vigil.Protection;
using Vigil.Security;

namespace Vigil.Features.Incidents;

/// <summary>
/// The incidents CSV: one row per incident. Lists are separated by "; ". <c>operators</c> holds
/// <c>actor-slug:confidence</c>; <c>targets</c> holds <c>[Pseudonym=]category/residence/nationality/consent</c>
/// (countries may be empty); <c>sources</c> holds the slugs of the cited sources. The <c>identities</c>
/// column (<c>Pseudonym=Real name</c>) is written only by an export with identities, by a cleared
/// operator, and that export is audited; on import it is encrypted before anything else.
/// </summary>
public static class IncidentCsv
{
    public static readonly string[] Columns =
        ["slug", "title", "summary", "first_seen", "last_seen", "disclosed_on", "country", "forensic_status", "vector",
         "products", "vendors", "operators", "investigators", "targets", "marking", "status", "sources"];

    public const string IdentitiesColumn = "identities";

    internal static List<string> Split(string? text) =>
        [.. (text ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The incidents the reader may see, with the links a row names.</summary>
    public static Task<List<Incident>> LoadAsync(VigilDb db, CancellationToken ct) =>
        db.Incidents.AsNoTracking().AsSplitQuery().OrderBy(i => i.Slug)
            .Include(i => i.Products).ThenInclude(x => x.Product)
            .Include(i => i.Vendors).ThenInclude(x => x.Actor)
            .Include(i => i.Operators).ThenInclude(x => x.Actor)
            .Include(i => i.Investigators).ThenInclude(x => x.Actor)
            .Include(i => i.Targets).ThenInclude(t => t.Editors)
            .ToListAsync(ct);

    /// <summary>The slugs of the sources each incident cites, as far as the reader sees the citations.</summary>
    public static async Task<ILookup<long, string>> SourcesAsync(VigilDb db, IReadOnlyCollection<Incident> incidents, CancellationToken ct)
    {
        var ids = incidents.Select(i => i.Id).ToList();
        return (await db.Citations.Where(c => c.IncidentId != null && ids.Contains(c.IncidentId.Value))
                .Select(c => new { c.IncidentId, c.Source!.Slug }).ToListAsync(ct))
            .ToLookup(c => c.IncidentId!.Value, c => c.Slug);
    }

    /// <summary>
    /// One row of <see cref="Columns"/>: strings, and lists for the list columns. Targets appear by
    /// pseudonym, category and countries only; the identity is never part of a row.
    /// </summary>
    public static object?[] Fields(Incident i, IEnumerable<string> sources)
    {
        // Links to records the reader may not see are filtered out by the access rule (null navigations).
        static List<string> List(IEnumerable<string?> values) => [.. values.OfType<string>().Distinct()];
        return
        [
            i.Slug, i.Title, i.Summary, i.FirstSeen, i.LastSeen, i.DisclosedOn, i.Country, i.ForensicStatus.ToLabel(), i.Vector.ToLabel(),
            List(i.Products.Select(p => p.Product?.Slug)), List(i.Vendors.Select(v => v.Actor?.Slug)),
            List(i.Operators.Where(o => o.Actor is not null).Select(o => $"{o.Actor!.Slug}:{o.Confidence.ToLabel()}")),
            List(i.Investigators.Select(x => x.Actor?.Slug)),
            List(i.Targets.Select(t => $"{t.Pseudonym}={t.Category.ToLabel()}/{t.ResidenceCountry}/{t.Nationality}/{t.Consent.ToLabel()}")),
            i.Marking.ToLabel(), i.Status.ToLabel(), List(sources),
        ];
    }
}

/// <summary>What an incidents CSV import did.</summary>
public sealed record IncidentCsvImportResult(int Created, int Updated, int Targets);

/// <summary>
/// Imports incidents from CSV. All or nothing: every row is checked first, errors name the line and the
/// field, and any error writes nothing. Rows are matched by slug, so importing a file twice changes nothing
/// the second time.
/// </summary>
public sealed class ImportIncidentCsvHandler(VigilDb db, TargetKeyring keyring)
{
    public async Task<IncidentCsvImportResult> HandleAsync(string path, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit)
        {
            throw new InvalidOperationException("Imports run as a reader who may edit (the system reader from the CLI).");
        }
        var file = Path.GetFileName(path);
        var errors = new List<ImportError>();
        var rows = new List<(int Line, Dictionary<string, string> Values)>();
        // One input guard: a file that is not UTF-8 is refused with the byte offset, never read with U+FFFD.
        using (var reader = new StringReader(InputGuard.ReadUtf8(path, file)))
        using (var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectColumnCountChanges = true }))
        {
            try
            {
                await csv.ReadAsync();
                csv.ReadHeader();
                var header = csv.HeaderRecord ?? [];
                foreach (var missing in new[] { "title" }.Where(c => !header.Contains(c)))
                {
                    errors.Add(new ImportError(file, null, missing, "the header has no such column", 1));
                }
                foreach (var unknown in header.Where(h => !IncidentCsv.Columns.Contains(h) && h != IncidentCsv.IdentitiesColumn))
                {
                    errors.Add(new ImportError(file, null, unknown, $"unknown column (known: {string.Join(", ", IncidentCsv.Columns)}, {IncidentCsv.IdentitiesColumn})", 1));
                }
                while (await csv.ReadAsync())
                {
                    rows.Add((csv.Parser.RawRow, header.ToDictionary(h => h, h => Formats.CsvCells.Restore(csv.GetField(h) ?? ""), StringComparer.Ordinal)));
                }
            }
            catch (CsvHelperException e)
            {
                // The parser's message, never the row's content (it could hold an identity).
                errors.Add(new ImportError(file, null, null, "the file is not valid CSV: " + e.GetType().Name, e.Context?.Parser?.RawRow));
            }
        }
        if (errors.Count > 0)
        {
            throw new ImportRejectedException(errors);
        }

        var created = 0;
        var updated = 0;
        var targets = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, v) in rows)
        {
            string? Get(string key) => v.TryGetValue(key, out var x) && !string.IsNullOrWhiteSpace(x) ? x.Trim() : null;
            // Without a slug, the title's: so a file without slugs still matches its rows on a second import.
            var slug = Get("slug") ?? (Get("title") is { } title ? Slugs.FromText(title) : null);
            void Error(string? field, string message) => errors.Add(new ImportError(file, slug, field, message, line));
            if (slug is not null && !seen.Add(slug))
            {
                Error("slug", "appears on an earlier line too");
                continue;
            }
            var incident = slug is null ? null : await db.Incidents.AsTracking().AsSplitQuery()
                .Include(i => i.Products).Include(i => i.Vendors).Include(i => i.Operators).Include(i => i.Investigators)
                .Include(i => i.Targets).ThenInclude(t => t.Editors)
                .FirstOrDefaultAsync(i => i.Slug == slug, ct);
            var input = ParseRow(Get, Error);
            if (input is not null && input.Slug is null && slug is not null)
            {
                input = input with { Slug = slug };
            }
            if (input is null)
            {
                continue;
            }
            input = await IncidentInputs.SealIdentitiesAsync(input, db, keyring, ct);
            var validation = new ValidationErrors();
            var isNew = incident is null;
            incident ??= new Incident();
            if (isNew)
            {
                var wanted = slug ?? "incident";
                if (await Slugs.TakenByOtherAsync(db, RecordKind.Incident, wanted, 0, ct))
                {
                    Error("slug", $"'{wanted}' is taken by another record");
                    continue;
                }
                incident.Slug = wanted;
                db.Incidents.Add(incident);
            }
            await IncidentInputs.ApplyAsync(input, incident, db, validation, ct);
            foreach (var (field, messages) in validation.ToDictionary())
            {
                foreach (var message in messages)
                {
                    Error(ColumnOf(field), message);
                }
            }
            var sources = IncidentCsv.Split(Get("sources"));
            foreach (var (source, i) in sources.Select((s, i) => (s, i)))
            {
                var s = await db.Sources.AsTracking().FirstOrDefaultAsync(x => x.Slug == source, ct);
                if (s is null)
                {
                    Error("sources", $"there is no source '{source}'");
                    continue;
                }
                var citationSlug = ImportVigilDataHandler.CitationSlug("incident:" + incident.Slug, source, null);
                if (isNew || !await db.Citations.AnyAsync(c => c.Slug == citationSlug, ct))
                {
                    db.Citations.Add(new Citation { Slug = citationSlug, Incident = incident, Source = s, Credibility = 3, Marking = incident.Marking, Status = incident.Status });
                }
            }
            if (incident.Status == ReviewStatus.Published && sources.Count == 0
                && (isNew || !await db.Citations.AnyAsync(c => c.IncidentId == incident.Id, ct)))
            {
                Error("sources", "a published incident needs at least one cited source");
            }
            targets += incident.Targets.Count(t => t.Id == 0);
            if (isNew)
            {
                created++;
            }
            else if (db.Entry(incident).State == EntityState.Modified)
            {
                updated++;
            }
        }
        if (errors.Count > 0)
        {
            // Nothing was saved: the staged changes die with this context.
            db.ChangeTracker.Clear();
            throw new ImportRejectedException(errors);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ChangeReason = $"import {file}";
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new IncidentCsvImportResult(created, updated, targets);
    }

    private static string ColumnOf(string field)
    {
        var head = field.Split('[', '.')[0];
        return head switch
        {
            "firstSeen" => "first_seen",
            "lastSeen" => "last_seen",
            "disclosedOn" => "disclosed_on",
            "forensicStatus" => "forensic_status",
            _ => head,
        };
    }

    private static IncidentInput? ParseRow(Func<string, string?> get, Action<string?, string> error)
    {
        var ok = true;
        var operators = new List<OperatorInput>();
        foreach (var entry in IncidentCsv.Split(get("operators")))
        {
            var parts = entry.Split(':', 2, StringSplitOptions.TrimEntries);
            operators.Add(new OperatorInput(parts[0], parts.Length > 1 ? parts[1] : null));
        }
        var identities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in IncidentCsv.Split(get(IncidentCsv.IdentitiesColumn)))
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                // Never echo the entry: it holds a name.
                error(IncidentCsv.IdentitiesColumn, "each entry must be Pseudonym=identity");
                ok = false;
                continue;
            }
            identities[entry[..eq].Trim()] = entry[(eq + 1)..].Trim();
        }
        var targets = new List<TargetInput>();
        foreach (var (entry, i) in IncidentCsv.Split(get("targets")).Select((e, i) => (e, i)))
        {
            string? pseudonym = null;
            var body = entry;
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                pseudonym = entry[..eq].Trim();
                body = entry[(eq + 1)..];
            }
            var parts = body.Split('/', StringSplitOptions.TrimEntries);
            if (parts.Length != 4)
            {
                error("targets", $"target {i + 1}: expected [Pseudonym=]category/residence/nationality/consent, got {parts.Length} part(s)");
                ok = false;
                continue;
            }
            static string? Empty(string s) => s.Length == 0 ? null : s;
            var identity = pseudonym is not null && identities.Remove(pseudonym, out var name) ? name : null;
            targets.Add(new TargetInput(pseudonym, Empty(parts[0]), Empty(parts[1]), Empty(parts[2]), Empty(parts[3]), Identity: identity));
        }
        if (identities.Count > 0)
        {
            error(IncidentCsv.IdentitiesColumn, $"{identities.Count} identit{(identities.Count == 1 ? "y names a pseudonym" : "ies name pseudonyms")} not in the targets column");
            ok = false;
        }
        if (!ok)
        {
            return null;
        }
        return new IncidentInput(
            get("title"), get("slug"), get("summary"), get("first_seen"), get("last_seen"), get("disclosed_on"), get("country"),
            get("forensic_status"), get("vector"), IncidentCsv.Split(get("products")), IncidentCsv.Split(get("vendors")), operators,
            IncidentCsv.Split(get("investigators")), targets, get("marking"), get("status"));
    }
}

/// <summary>What an incidents CSV export wrote.</summary>
public sealed record IncidentCsvExportResult(int Rows, bool WithIdentities, ExportSummary Export);

/// <summary>
/// Exports the incidents the reader may see as CSV. Identities only when asked for and the reader may
/// reveal them (<see cref="TargetIdentityRule"/>); such an export is always written to the audit log,
/// whatever the markings, naming how many identities it holds (never the names).
/// </summary>
public sealed class ExportIncidentCsvHandler(VigilDb db, SecurityDb security, TargetKeyring keyring, TimeProvider clock)
{
    public async Task<IncidentCsvExportResult> HandleAsync(string path, bool withIdentities, CancellationToken ct = default)
    {
        if (withIdentities && !(db.Reader.IsSystem || (db.Reader.Clearance == Marking.Red && db.Reader.SeesVictimData)))
        {
            throw new UnauthorizedAccessException("Only a reader cleared for RED with the victim-data permission may export identities.");
        }
        var incidents = await IncidentCsv.LoadAsync(db, ct);
        var sources = await IncidentCsv.SourcesAsync(db, incidents, ct);
        var identities = 0;
        var revealed = new List<string>();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using (var writer = new StreamWriter(path))
        await using (var csv = Formats.CsvCells.Writer(writer))
        {
            foreach (var column in withIdentities ? [.. IncidentCsv.Columns, IncidentCsv.IdentitiesColumn] : IncidentCsv.Columns)
            {
                csv.WriteField(column);
            }
            await csv.NextRecordAsync();
            foreach (var i in incidents)
            {
                var visibleTargets = i.Targets;
                foreach (var f in IncidentCsv.Fields(i, sources[i.Id]))
                {
                    csv.WriteField(Formats.CsvCells.Neutralise(f is IReadOnlyList<string> list ? string.Join("; ", list) : (string?)f));
                }
                if (withIdentities)
                {
                    var names = new List<string>();
                    foreach (var t in visibleTargets.Where(t => t.IdentityCipher is not null && t.IdentityKeyId is not null
                        && TargetIdentityRule.MayReveal(db.Reader, t.Consent, t.Editors.Select(e => e.UserName))))
                    {
                        if (keyring.Decrypt(t.Pseudonym, t.IdentityCipher!, t.IdentityKeyId!) is { } name)
                        {
                            names.Add($"{t.Pseudonym}={name}");
                            revealed.Add(t.Slug);
                            identities++;
                        }
                    }
                    csv.WriteField(Formats.CsvCells.Neutralise(string.Join("; ", names)));
                }
                await csv.NextRecordAsync();
            }
        }
        var markings = incidents.Select(i => i.Marking).Concat(incidents.SelectMany(i => i.Targets).Select(t => t.Marking)).ToList();
        var summary = new ExportSummary("incidents-csv", incidents.Count, markings.DefaultIfEmpty(Marking.Clear).Max());
        if (withIdentities)
        {
            await AuditLog.AppendAsync(security, clock, db.Reader.Name, AuditEvents.Reveal,
                $"export incidents-csv with identities: {identities} identit{(identities == 1 ? "y" : "ies")} ({string.Join(",", revealed.Take(200))})", ct);
        }
        else
        {
            await ExportAudit.RecordAsync(security, clock, db.Reader.Name, summary, ct);
        }
        return new IncidentCsvExportResult(incidents.Count, withIdentities, summary);
    }
}
