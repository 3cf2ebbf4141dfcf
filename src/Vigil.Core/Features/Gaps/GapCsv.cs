using System.Text;
using Vigil.Model;

namespace Vigil.Features.Gaps;

/// <summary>
/// The matrix as CSV: one row per jurisdiction × measure type, with the measures in force and lifted
/// (slugs, targets, since), then one row per concrete gap. Built from a <see cref="GapMatrix"/> that
/// was computed from what the reader may see, so the export shows no more than the page.
/// </summary>
public static class GapCsv
{
    public static string Write(GapMatrix matrix)
    {
        var sb = new StringBuilder();
        Row(sb, "section", "jurisdiction", "measure_type", "filled", "members_covered", "in_force", "lifted", "gap");
        foreach (var j in matrix.Jurisdictions)
        {
            foreach (var type in matrix.Types)
            {
                var cell = matrix.Cell(j.Slug, type);
                Row(sb, "cell", j.Name, type.ToLabel(), cell.Filled ? "yes" : "no", cell.MembersCovered.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Describe(cell.InForce), Describe(cell.Lifted), "");
            }
        }
        foreach (var g in matrix.Gaps)
        {
            Row(sb, "gap", g.Jurisdiction.Name, "", "", "", Describe(g.Evidence), "", g.Text);
        }
        return sb.ToString();
    }

    private static string Describe(IEnumerable<CellMeasure> measures) =>
        string.Join("; ", measures.Select(m => $"{m.MeasureSlug} ({m.TargetName}, by {m.AuthorityName}{(m.Since is null ? "" : ", since " + m.Since)}{(m.LiftedOn is null ? "" : ", lifted " + m.LiftedOn)})"));

    private static void Row(StringBuilder sb, params string[] fields)
    {
        sb.AppendJoin(',', fields.Select(Formats.CsvCells.Field)).Append("\r\n");
    }
}
