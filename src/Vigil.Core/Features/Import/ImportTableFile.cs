using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Vigil.Features.Import;

/// <summary>
/// One row of a table as a spreadsheet numbers it: the header is row 1, so <see cref="Number"/> is what
/// the person sees beside the row in LibreOffice or Excel, and what every message of the import names.
/// </summary>
public sealed record TableRow(int Number, IReadOnlyList<string> Cells)
{
    /// <summary>The trimmed cell of column <paramref name="index"/>; empty past the row's end.</summary>
    public string Cell(int index) => index < Cells.Count ? Cells[index].Trim() : "";
}

/// <summary>A table read from a CSV or XLSX file: its name, the header row, the data rows (blank rows left out).</summary>
public sealed record TableData(string Name, IReadOnlyList<string> Headers, IReadOnlyList<TableRow> Rows)
{
    /// <summary>The index of the column headed <paramref name="header"/> (case and surrounding spaces ignored), or -1.</summary>
    public int Column(string? header) =>
        header is null ? -1 : Headers.ToList().FindIndex(h => string.Equals(h.Trim(), header.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>Why a file could not be read as a table: the file, and what is wrong, with the row where known.</summary>
public sealed class TableFileException(string message) : Exception(message);

/// <summary>
/// Reads a table (CSV, or the first sheet of an XLSX workbook) into <see cref="TableData"/>. The first
/// non-blank row holds the column names, which must be present and distinct. A CSV's delimiter (comma,
/// semicolon, tab) is detected; a UTF-8 byte-order mark is dropped. Dates in XLSX cells formatted as
/// dates come out as YYYY-MM-DD, numbers in the invariant culture: what a CSV export of the sheet holds.
/// </summary>
public static class TableFiles
{
    /// <summary>The most data rows one import takes: a bigger table is a data folder's job.</summary>
    public const int MaxRows = 5000;

    /// <summary>The largest file the import reads (bytes).</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>True for a name ending in .xlsx.</summary>
    public static bool IsXlsx(string name) => name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads <paramref name="content"/>, named <paramref name="name"/> (its extension picks the format).</summary>
    public static TableData Read(byte[] content, string name)
    {
        if (content.Length > MaxBytes)
        {
            throw new TableFileException($"{name}: the file is {content.Length / 1024} KB; the table import takes at most {MaxBytes / 1024 / 1024} MB.");
        }
        var rows = IsXlsx(name) ? ReadXlsx(content, name) : ReadCsv(content, name);
        var nonBlank = rows.Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (nonBlank.Count == 0)
        {
            throw new TableFileException($"{name}: the file holds no rows; the first row names the columns.");
        }
        var header = nonBlank[0];
        var headers = header.Cells.Select(c => c.Trim()).ToList();
        while (headers.Count > 0 && headers[^1].Length == 0)
        {
            headers.RemoveAt(headers.Count - 1);
        }
        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i].Length == 0)
            {
                throw new TableFileException($"{name}: row {header.Number}: column {i + 1} has no name; the first row names every column.");
            }
            if (headers.FindIndex(h => string.Equals(h, headers[i], StringComparison.OrdinalIgnoreCase)) < i)
            {
                throw new TableFileException($"{name}: row {header.Number}: two columns are named '{headers[i]}'.");
            }
        }
        var data = nonBlank.Skip(1).ToList();
        if (data.Count > MaxRows)
        {
            throw new TableFileException($"{name}: {data.Count} rows; the table import takes at most {MaxRows} a file. Split the file.");
        }
        return new TableData(name, headers, data);
    }

    private static List<TableRow> ReadCsv(byte[] content, string name)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new TableFileException($"{name}: not UTF-8 text. Save the CSV as UTF-8 (or upload the .xlsx).");
        }
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        var rows = new List<TableRow>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = null,
            // Blank lines count, so that row numbers are what a spreadsheet shows beside the row.
            IgnoreBlankLines = false,
            MissingFieldFound = null,
        };
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        var number = 0;
        try
        {
            while (csv.Read())
            {
                number++;
                rows.Add(new TableRow(number, csv.Parser.Record ?? []));
            }
        }
        catch (CsvHelperException e)
        {
            throw new TableFileException($"{name}: row {number + 1}: not readable as CSV ({e.Message.Split('\n')[0].Trim()}).");
        }
        return rows;
    }

    private static List<TableRow> ReadXlsx(byte[] content, string name)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            var book = document.WorkbookPart ?? throw new TableFileException($"{name}: not an XLSX workbook.");
            var first = book.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new TableFileException($"{name}: the workbook has no sheet.");
            var sheet = (WorksheetPart)book.GetPartById(first.Id!.Value!);
            var strings = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var dateStyles = DateStyles(book);
            var rows = new List<TableRow>();
            foreach (var row in sheet.Worksheet.Descendants<Row>())
            {
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                    while (cells.Count < column)
                    {
                        cells.Add("");
                    }
                    cells.Add(CellText(cell, strings, dateStyles));
                }
                var number = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1));
                rows.Add(new TableRow(number, cells));
            }
            return rows;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or OpenXmlPackageException or System.Xml.XmlException or IOException)
        {
            throw new TableFileException($"{name}: not a readable XLSX workbook ({e.Message}).");
        }
    }

    /// <summary>The zero-based column of a reference such as "C7".</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter))
        {
            index = (index * 26) + (char.ToUpperInvariant(ch) - 'A' + 1);
        }
        return index - 1;
    }

    private static string CellText(Cell cell, List<string> strings, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count ? strings[i] : "";
        }
        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }
        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "true" : "false";
        }
        if ((type is null || type == CellValues.Number) && cell.StyleIndex?.Value is { } style && dateStyles.Contains(style)
            && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466)
        {
            return DateTime.FromOADate(serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return raw;
    }

    /// <summary>The cell formats (style indexes) that show a number as a date: built-in 14–22, or a custom format of days, months and years.</summary>
    private static HashSet<uint> DateStyles(WorkbookPart book)
    {
        var styles = book.WorkbookStylesPart?.Stylesheet;
        var found = new HashSet<uint>();
        if (styles?.CellFormats is null)
        {
            return found;
        }
        var custom = styles.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? "") ?? [];
        uint index = 0;
        foreach (var format in styles.CellFormats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (id is >= 14 and <= 22 || (custom.TryGetValue(id, out var code) && IsDateFormat(code)))
            {
                found.Add(index);
            }
            index++;
        }
        return found;
    }

    private static bool IsDateFormat(string code)
    {
        var plain = new string(code.Where(c => c != '"' && c != '\\').ToArray()).ToLowerInvariant();
        return plain.Contains('y', StringComparison.Ordinal) || (plain.Contains('d', StringComparison.Ordinal) && plain.Contains('m', StringComparison.Ordinal));
    }
}
