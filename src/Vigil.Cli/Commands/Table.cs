namespace Vigil.Cli.Commands;

/// <summary>Plain, aligned text tables: readable on a terminal and easy to cut with awk.</summary>
internal static class Table
{
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.ToList();
        var widths = headers.Select((h, i) => all.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        await output.WriteLineAsync(Line(headers, widths));
        foreach (var row in all)
        {
            await output.WriteLineAsync(Line(row, widths));
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
