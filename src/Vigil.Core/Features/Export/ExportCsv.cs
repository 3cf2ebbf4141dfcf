using Vigil.Model;
using Vigil.Security;

namespace Vigil.Features.Export;

/// <summary>
/// Writes every open-data table (<see cref="OpenDataHandler.Tables"/>), as far as the reader may see it,
/// as CSV files for spreadsheets, keyed by slug: the same tables, columns and rows as the web's
/// downloads. An export carrying AMBER or RED records is audited once (<see cref="ExportAudit"/>).
/// </summary>
public sealed class ExportCsvHandler(OpenDataHandler data, Data.VigilDb db, SecurityDb security, TimeProvider clock)
{
    /// <summary>Exports into <paramref name="folder"/>; returns the rows written per file and what they hold.</summary>
    public async Task<ExportCsvResult> HandleAsync(string folder, CancellationToken ct = default)
    {
        Directory.CreateDirectory(folder);
        var counts = new Dictionary<string, int>();
        var records = 0;
        var highest = Marking.Clear;
        foreach (var (name, _) in OpenDataHandler.Tables)
        {
            var table = (await data.ReadAsync(name, ct))!;
            await File.WriteAllTextAsync(Path.Combine(folder, name + ".csv"), table.ToCsv(), ct);
            counts[name + ".csv"] = table.Rows.Count;
            records += table.Rows.Count;
            highest = table.Highest > highest ? table.Highest : highest;
        }
        var summary = new ExportSummary("csv", records, highest);
        await ExportAudit.RecordAsync(security, clock, db.Reader.Name, summary, ct);
        return new ExportCsvResult(counts, summary);
    }
}

/// <summary>The rows an export wrote per file, and what it held (records, highest marking) as audited.</summary>
public sealed record ExportCsvResult(IReadOnlyDictionary<string, int> Rows, ExportSummary Export);
