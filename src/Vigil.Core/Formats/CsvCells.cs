using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;

namespace Vigil.Formats;

/// <summary>
/// The one rule for CSV cells Vigil writes: defused against formula injection (OWASP's rule: a cell that
/// starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading
/// apostrophe, so a spreadsheet shows it as text instead of running it) and quoted where needed. A plain
/// number ("-1.5") is left alone: it cannot be a formula. The apostrophe is reversible: a cell that
/// already starts with one before such a character gets another, so <see cref="Restore"/> gives back
/// exactly what was written, and Vigil's own CSV imports read their exports unchanged.
/// </summary>
public static class CsvCells
{
    private static readonly char[] s_formulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>The cell defused: an apostrophe before a formula's first character.</summary>
    public static string Neutralise(string? value) => value is null ? "" : NeedsApostrophe(value) ? "'" + value : value;

    /// <summary>Undoes <see cref="Neutralise"/> on a cell read back.</summary>
    public static string Restore(string value) => value.Length > 1 && value[0] == '\'' && NeedsApostrophe(value[1..]) ? value[1..] : value;

    /// <summary>A defused cell, quoted when it holds a comma, a quote or a line end (RFC 4180).</summary>
    public static string Field(string? value)
    {
        var cell = Neutralise(value);
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
    }

    /// <summary>A CsvHelper writer whose every string cell goes through <see cref="Neutralise"/>.</summary>
    public static CsvWriter Writer(TextWriter writer)
    {
        var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.None });
        csv.Context.TypeConverterCache.AddConverter<string>(new NeutralisingConverter());
        return csv;
    }

    private static bool NeedsApostrophe(string value) =>
        value.Length > 0 && (Array.IndexOf(s_formulaStarts, value[0]) >= 0 && !IsNumber(value) || value[0] == '\'' && NeedsApostrophe(value[1..]));

    private static bool IsNumber(string value) =>
        value.Length > 1 && value[0] is '-' or '+' && double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    private sealed class NeutralisingConverter : StringConverter
    {
        public override string? ConvertToString(object? value, IWriterRow row, MemberMapData memberMapData) =>
            Neutralise(base.ConvertToString(value, row, memberMapData));
    }
}
