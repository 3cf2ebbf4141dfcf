using System.Runtime.CompilerServices;

namespace Vigil.Matching;

/// <summary>
/// One word prepared for Levenshtein distances to many others: Myers' bit-parallel algorithm (in Hyyrö's
/// form), one 64-bit step per letter of the other word instead of a row of the table. Words of transliterated
/// names are lower-case a-z and 0-9; a word with any other character, or longer than 64, is not
/// <see cref="IsValid"/> and the caller falls back to the table (<see cref="NameMatcher.Levenshtein"/> does).
/// </summary>
internal struct WordPattern
{
    private Masks _peq;
    private readonly int _length;

    public WordPattern(ReadOnlySpan<char> word)
    {
        if (word.Length is 0 or > 64)
        {
            return;
        }
        for (var i = 0; i < word.Length; i++)
        {
            var slot = Slot(word[i]);
            if (slot < 0)
            {
                _peq = default;
                return;
            }
            _peq[slot] |= 1UL << i;
        }
        _length = word.Length;
    }

    /// <summary>Whether the word could be prepared (1–64 characters, all a-z or 0-9).</summary>
    public readonly bool IsValid => _length > 0;

    /// <summary>The Levenshtein distance to <paramref name="text"/>, or <paramref name="max"/> + 1 when it exceeds <paramref name="max"/>.</summary>
    public readonly int Distance(ReadOnlySpan<char> text, int max)
    {
        var m = _length;
        if (Math.Abs(m - text.Length) > max)
        {
            return max + 1;
        }
        ulong pv = ~0UL, mv = 0;
        var last = 1UL << (m - 1);
        var score = m;
        for (var j = 0; j < text.Length; j++)
        {
            var slot = Slot(text[j]);
            // A character the word does not have (any other than a-z, 0-9 included) matches no position.
            var eq = slot < 0 ? 0 : _peq[slot];
            var xv = eq | mv;
            var xh = (((eq & pv) + pv) ^ pv) | eq;
            var ph = mv | ~(xh | pv);
            var mh = pv & xh;
            if ((ph & last) != 0)
            {
                score++;
            }
            else if ((mh & last) != 0)
            {
                score--;
            }
            // The distance can fall by at most one for each letter left.
            if (score - (text.Length - j - 1) > max)
            {
                return max + 1;
            }
            ph = (ph << 1) | 1;
            mh <<= 1;
            pv = mh | ~(xv | ph);
            mv = ph & xv;
        }
        return score > max ? max + 1 : score;
    }

    /// <summary>The set of a word's characters as bits (a-z, 0-9; any other character shares one bit).</summary>
    public static ulong Letters(ReadOnlySpan<char> word)
    {
        var set = 0UL;
        foreach (var ch in word)
        {
            var slot = Slot(ch);
            set |= 1UL << (slot < 0 ? 63 : slot);
        }
        return set;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(char ch) => ch is >= 'a' and <= 'z' ? ch - 'a' : ch is >= '0' and <= '9' ? ch - '0' + 26 : -1;

    [InlineArray(36)]
    private struct Masks
    {
        private ulong _element;
    }
}
