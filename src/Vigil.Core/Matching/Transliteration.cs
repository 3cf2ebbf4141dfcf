using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Vigil.Matching;

/// <summary>
/// Turns a name in any script into lower-case ASCII: accents fold ("Zoë" → "zoe"), ligatures and
/// special letters expand ("Straße" → "strasse", "Łódź" → "lodz"), and Cyrillic, Greek, Arabic, Hebrew,
/// Armenian, Georgian, Hangul, kana and CJK transliterate ("Владимир" → "vladimir", "北京" → "bei jing").
/// The table (<c>translit.tsv</c>) was generated from ICU 72's <c>Any-Latin; Latin-ASCII; Lower()</c> one
/// character at a time (scripts/name-tables/translit.cs), so Vigil needs no ICU of a given version at run
/// time; a few Greek digraphs that ICU reads in context are handled here.
/// </summary>
public static class Transliteration
{
    private static readonly FrozenDictionary<char, string> s_table = Load();

    /// <summary>
    /// Lower-case ASCII letters and digits, words separated by single spaces. '&amp;' reads as "and";
    /// apostrophes join ("Qa'ida" → "qaida"); every other mark separates words.
    /// </summary>
    public static string ToAscii(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var source = text.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(source.Length + 8);
        for (var i = 0; i < source.Length; i++)
        {
            var ch = source[i];
            if (ch < 0x80)
            {
                if (char.IsAsciiLetterOrDigit(ch))
                {
                    sb.Append(char.ToLowerInvariant(ch));
                }
                else if (ch == '&')
                {
                    Space(sb);
                    sb.Append("and ");
                }
                else if (ch is not '\'' and not '`')
                {
                    Space(sb);
                }
                continue;
            }
            if (IsGreek(ch) && i + 1 < source.Length && GreekDigraph(source, i) is { } digraph)
            {
                sb.Append(digraph);
                i++;
                continue;
            }
            if (s_table.TryGetValue(ch, out var latin) || s_table.TryGetValue(char.ToLowerInvariant(ch), out latin))
            {
                foreach (var c in latin)
                {
                    if (char.IsAsciiLetterOrDigit(c))
                    {
                        sb.Append(char.ToLowerInvariant(c));
                    }
                    else if (c is not '\'' and not '`' and not '"')
                    {
                        Space(sb);
                    }
                }
                // A CJK character is a syllable: keep syllables apart ("bei jing"), as ICU does.
                if (ch is >= '\u3400' and <= '\u9FFF')
                {
                    Space(sb);
                }
                continue;
            }
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
                || ch is '\u2019' or '\u02BC' or '\u02BB' or '\u2018' or '\u00B4')
            {
                continue;
            }
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
            else
            {
                Space(sb);
            }
        }
        while (sb.Length > 0 && sb[^1] == ' ')
        {
            sb.Length--;
        }
        return sb.ToString();
    }

    private static void Space(StringBuilder sb)
    {
        if (sb.Length > 0 && sb[^1] != ' ')
        {
            sb.Append(' ');
        }
    }

    private static bool IsGreek(char ch) => ch is >= '\u0370' and <= '\u03FF' or >= '\u1F00' and <= '\u1FFF';

    // ICU reads these Greek pairs as one sound; one character at a time they would come out as "nt", "mp", "oy".
    private static string? GreekDigraph(string s, int i)
    {
        var a = char.ToLowerInvariant(s[i]);
        var b = char.ToLowerInvariant(StripTonos(s[i + 1]));
        var initial = i == 0 || !char.IsLetter(s[i - 1]);
        return (a, b) switch
        {
            ('ο', 'υ') => "ou",
            ('ν', 'τ') => initial ? "d" : "nt",
            ('μ', 'π') => initial ? "b" : "mb",
            ('γ', 'κ') => initial ? "g" : "ng",
            ('γ', 'γ') => "ng",
            ('α', 'υ') => "av",
            ('ε', 'υ') => "ev",
            _ => null,
        };
    }

    private static char StripTonos(char ch) => ch switch
    {
        'ύ' or 'Ύ' => 'υ',
        'ί' or 'Ί' => 'ι',
        _ => ch,
    };

    private static FrozenDictionary<char, string> Load()
    {
        using var stream = typeof(Transliteration).Assembly.GetManifestResourceStream("Vigil.Matching.translit.tsv")
            ?? throw new InvalidOperationException("The transliteration table is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<char, string>(45_000);
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t');
            if (tab > 0)
            {
                table[(char)int.Parse(line.AsSpan(0, tab), NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = line[(tab + 1)..];
            }
        }
        return table.ToFrozenDictionary();
    }
}
