using System.Text;

namespace Vigil.Matching;

/// <summary>
/// A phonetic key for one transliterated word, in the spirit of Metaphone but tuned for names that
/// reach Latin by several routes: "Mohammed", "Muhamad" and "Mukhammad" share "mhmd"; "Zelenskyy" and
/// "Selenskyj" share "slnsk". Vowels after the first letter, h and doubled letters carry no weight.
/// </summary>
public static class Phonetics
{
    /// <summary>The key of <paramref name="word"/> (lower-case ASCII); empty for an empty word.</summary>
    public static string Key(string word)
    {
        if (word.Length == 0)
        {
            return "";
        }
        var sb = new StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            string mapped;
            switch (c)
            {
                case 'p' when next == 'h': mapped = "f"; i++; break;
                case 'k' when next == 'h': mapped = "k"; i++; break;
                case 'g' when next == 'h': mapped = "g"; i++; break;
                case 't' when next == 'h': mapped = "t"; i++; break;
                case 'd' when next == 'h': mapped = "d"; i++; break;
                case 's' when next == 'h': mapped = "s"; i++; break;
                case 'c' when next == 'h': mapped = "s"; i++; break;
                case 'c' when next is 'e' or 'i' or 'y': mapped = "s"; break;
                case 'c' or 'q' or 'k': mapped = "k"; break;
                case 'x': mapped = "ks"; break;
                case 'z': mapped = "s"; break;
                case 'w' or 'v': mapped = "v"; break;
                case 'j' when i == word.Length - 1: mapped = ""; break;
                case 'y' or 'j' when i > 0: mapped = i == word.Length - 1 ? "" : "i"; break;
                case 'h': mapped = ""; break;
                default: mapped = c.ToString(); break;
            }
            foreach (var m in mapped)
            {
                var vowel = m is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
                if (vowel && sb.Length > 0)
                {
                    continue;
                }
                if (vowel)
                {
                    // A leading vowel is kept as a mark, whichever vowel it is ("Usama" ~ "Osama").
                    sb.Append('a');
                    continue;
                }
                if (sb.Length > 0 && sb[^1] == m)
                {
                    continue;
                }
                sb.Append(m);
            }
        }
        return sb.ToString();
    }
}
