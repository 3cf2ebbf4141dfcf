using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Search;

/// <summary>
/// Full-text matching on both databases: FTS5 on SQLite, text search on PostgreSQL. Returns a
/// composable query of <see cref="SearchHit"/> to join with a (filtered) record set.
/// </summary>
public static class FullText
{
    /// <summary>
    /// Hits for <paramref name="text"/> among records of <paramref name="kind"/>. All words must match; the
    /// last one as a prefix too ("intel" finds "Intellexa"), the others whole, as typed: a prefix query of a
    /// word that 100,000 records hold ("company"*) costs both engines a merge of every matching term's list
    /// (14 ms in SQLite, per kind searched), a whole word a lookup. Empty when the text has no words.
    /// </summary>
    public static IQueryable<SearchHit> Match(VigilDb db, RecordKind kind, string text)
    {
        var words = Words(text);
        var k = (int)kind;
        if (words.Count == 0)
        {
            return db.Database.SqlQuery<SearchHit>($"SELECT 0 AS \"Kind\", CAST(0 AS BIGINT) AS \"RecordId\", CAST(0 AS DOUBLE PRECISION) AS \"Rank\" WHERE 1 = 0");
        }
        if (db.IsPostgres)
        {
            var query = string.Join(" & ", words.Select((w, i) => i == words.Count - 1 ? w + ":*" : w));
            return db.Database.SqlQuery<SearchHit>(
                $"SELECT e.\"Kind\", e.\"RecordId\", CAST(-ts_rank(e.\"Tsv\", q) AS DOUBLE PRECISION) AS \"Rank\" FROM \"SearchEntries\" e, to_tsquery('simple', {query}) q WHERE e.\"Kind\" = {k} AND e.\"Tsv\" @@ q");
        }
        // Ranked without FTS5's bm25: to weigh each word by its rarity, bm25 first walks the whole list of records holding
        // it, on every query (13 ms for a name whose words 100,000 records share, 0.3 ms without). All words must match, so
        // a word's rarity is the same for every hit; what sets hits apart is where the words are and how long the text is:
        // hits whose title holds every word first, then the rest, the shorter text first.
        var match = string.Join(" ", words.Select((w, i) => "\"" + w + "\"" + (i == words.Count - 1 ? "*" : "")));
        var inTitle = "{Title} : (" + match + ")";
        return db.Database.SqlQuery<SearchHit>(
            $"""
            SELECT e.Kind AS Kind, e.RecordId AS RecordId,
                   CASE WHEN e.Id IN (SELECT rowid FROM SearchFts WHERE SearchFts MATCH {inTitle})
                        THEN min(length(e.Title), 999) / 1000.0 ELSE 1 + min(length(e.Body), 99999) / 100000.0 END AS Rank
            FROM SearchFts JOIN SearchEntries e ON e.Id = SearchFts.rowid WHERE SearchFts MATCH {match} AND e.Kind = {k}
            """);
    }

    /// <summary>
    /// Splits free text into index words: letters and digits only, lower case, accents folded the way
    /// both indexes fold them. Operators and quotes typed by a user are never passed to the engines.
    /// </summary>
    public static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return words;
        }
        var sb = new StringBuilder();
        foreach (var ch in Fold(text))
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (sb.Length > 0)
            {
                words.Add(sb.ToString());
                sb.Clear();
            }
        }
        if (sb.Length > 0)
        {
            words.Add(sb.ToString());
        }
        return words.Take(8).ToList();
    }

    /// <summary>Removes diacritics ("Zoë" → "Zoe"), as FTS5's remove_diacritics and PostgreSQL's unaccent do.</summary>
    public static string Fold(string text)
    {
        var d = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(d.Length);
        foreach (var ch in d)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                sb.Append(ch);
            }
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
