namespace Vigil.Matching;

/// <summary>How two words were found to match.</summary>
public enum TokenMatchKind
{
    Exact,
    Typo,
    Phonetic,
    Initial,
    Prefix,
    Concatenated,
}

/// <summary>One aligned pair of words, with its similarity (0–1) and how it matched.</summary>
public sealed record TokenMatch(string Query, string Candidate, TokenMatchKind Kind, double Similarity);

/// <summary>One feature of a score: its name (as yente names them where they exist), its value and its weight.</summary>
public sealed record MatchFeature(string Name, double Value, double Weight);

/// <summary>A score between 0 and 1 and the reasons for it: the aligned words and the features with their weights.</summary>
public sealed record NameScore(double Score, IReadOnlyList<TokenMatch> Matches, IReadOnlyList<MatchFeature> Features)
{
    public static NameScore None { get; } = new(0, [], []);

    /// <summary>One line a person reads: "0.93: exact 2, initial 1 (j ~ joachim)".</summary>
    public string Explain() =>
        $"{Score:0.00}: " + string.Join(", ", Features.Select(f => $"{f.Name} {f.Value:0.##}×{f.Weight:0.##}"))
        + (Matches.Count == 0 ? "" : " (" + string.Join("; ", Matches.Select(m => $"{m.Query}~{m.Candidate} {m.Kind.ToString().ToLowerInvariant()}")) + ")");
}

/// <summary>
/// Compares two names: transliterated words are aligned whatever their order (greedy on similarity),
/// each pair scored as exact, typo (bounded edit distance), phonetic, initial, prefix or run together;
/// particles and legal forms weigh little; words left unmatched on both sides count as a conflict,
/// extra words on one side only as a small penalty (less for persons, whose full names run longer).
/// Pure and allocation-light: the same engine ranks search hits, screens names and scores the dev pairs.
/// </summary>
public static class NameMatcher
{
    /// <summary>The score at or above which two names are taken to be the same.</summary>
    public const double DefaultThreshold = 0.8;

    /// <summary>Scores two raw names.</summary>
    public static NameScore Compare(string query, string candidate, NameSchema schema = NameSchema.Any) =>
        Compare(NameForm.Parse(query, schema), NameForm.Parse(candidate, schema), schema);

    /// <summary>
    /// Scores two parsed names. With <paramref name="prefixes"/> (search and type-ahead) the last query word
    /// may be the start of a word, and words of the candidate that the query does not name cost little.
    /// </summary>
    public static NameScore Compare(NameForm query, NameForm candidate, NameSchema schema = NameSchema.Any, bool prefixes = false) =>
        Compare(new PreparedName(query), candidate, schema, prefixes);

    /// <summary>As <see cref="Compare(NameForm, NameForm, NameSchema, bool)"/>, with the query prepared once for many candidates.</summary>
    internal static NameScore Compare(PreparedName query, NameForm candidate, NameSchema schema = NameSchema.Any, bool prefixes = false)
    {
        var matches = new List<TokenMatch>();
        var features = new List<MatchFeature>();
        return Score(query, candidate, schema, prefixes, matches, features) is { } score ? new NameScore(score, matches, features) : NameScore.None;
    }

    /// <summary>
    /// The score <see cref="Compare(NameForm, NameForm, NameSchema, bool)"/> gives, without its explanation: for
    /// weighing many candidates, most of which fall below the threshold, before explaining the few that do not.
    /// </summary>
    internal static double ScoreOnly(PreparedName query, NameForm candidate, NameSchema schema = NameSchema.Any, bool prefixes = false) =>
        Score(query, candidate, schema, prefixes, null, null) ?? 0;

    /// <summary>
    /// A query name prepared once for scoring against many candidates (a search's shortlist): its words without
    /// legal forms, and each word's bit-parallel pattern for edit distances. Scoring a candidate then allocates
    /// nothing unless it is explained.
    /// </summary>
    internal sealed class PreparedName
    {
        public PreparedName(NameForm form)
        {
            Form = form;
            Words = form.Words;
            Patterns = new WordPattern[Words.Length];
            for (var i = 0; i < Words.Length; i++)
            {
                Patterns[i] = new WordPattern(Words[i].Text);
            }
        }

        public NameForm Form { get; }

        public NameToken[] Words { get; }

        public WordPattern[] Patterns { get; }
    }

    // The score (null: no words to compare), and with matches and features the explanation of it.
    private static double? Score(PreparedName query, NameForm candidate, NameSchema schema, bool prefixes, List<TokenMatch>? matches, List<MatchFeature>? features)
    {
        if (query.Form.Tokens.Count == 0 || candidate.Tokens.Count == 0)
        {
            return null;
        }
        ReadOnlySpan<NameToken> qWords = query.Words;
        ReadOnlySpan<NameToken> cWords = candidate.Words;
        if (qWords.Length == 0 || cWords.Length == 0)
        {
            return null;
        }

        Span<bool> qUsed = qWords.Length <= 64 ? stackalloc bool[qWords.Length] : new bool[qWords.Length];
        Span<bool> cUsed = cWords.Length <= 64 ? stackalloc bool[cWords.Length] : new bool[cWords.Length];
        double matched = 0, matchedWeight = 0;
        // Aligned pairs whose similarity counts as strong evidence (not an initial).
        var strong = 0;
        // Words run together on one side ("FridrichBuchenberg", "MOHAMMADHASNI") against two on the other.
        Concatenations(qWords, query.Patterns, qUsed, cWords, cUsed, matches, ref matched, ref matchedWeight, ref strong, false);
        Concatenations(cWords, null, cUsed, qWords, qUsed, matches, ref matched, ref matchedWeight, ref strong, true);

        // Every plausible pair, best first; each word takes part in one pair at most.
        var count = qWords.Length * cWords.Length;
        Span<Pair> pairs = count <= 64 ? stackalloc Pair[count] : new Pair[count];
        var n = 0;
        for (var i = 0; i < qWords.Length; i++)
        {
            for (var j = 0; j < cWords.Length; j++)
            {
                var last = prefixes && i == qWords.Length - 1;
                var (sim, kind) = Similarity(qWords[i], cWords[j], schema, last, in query.Patterns[i]);
                if (sim > 0)
                {
                    pairs[n++] = new Pair(i, j, sim, kind);
                }
            }
        }
        pairs = pairs[..n];
        pairs.Sort(static (a, b) => b.Sim.CompareTo(a.Sim) != 0 ? b.Sim.CompareTo(a.Sim) : (a.Q + a.C).CompareTo(b.Q + b.C));
        foreach (var (i, j, sim, kind) in pairs)
        {
            if (qUsed[i] || cUsed[j])
            {
                continue;
            }
            qUsed[i] = cUsed[j] = true;
            var w = (Weight(qWords[i]) + Weight(cWords[j])) / 2;
            matched += w * sim;
            matchedWeight += w;
            if (sim >= 0.7 && kind != TokenMatchKind.Initial)
            {
                strong++;
            }
            matches?.Add(new TokenMatch(qWords[i].Text, cWords[j].Text, kind, sim));
        }
        var qLeft = Unmatched(qWords, qUsed);
        var cLeft = Unmatched(cWords, cUsed);
        if (matches is not null && features is not null)
        {
            // One feature per kind of match, in the order of the kinds: how many, and their mean similarity.
            foreach (var kind in s_kinds)
            {
                int kindCount = 0;
                var sum = 0.0;
                foreach (var m in matches)
                {
                    if (m.Kind == kind)
                    {
                        kindCount++;
                        sum += m.Similarity;
                    }
                }
                if (kindCount > 0)
                {
                    features.Add(new MatchFeature("name_" + kind.ToString().ToLowerInvariant(), kindCount, Math.Round(sum / kindCount, 3)));
                }
            }
        }
        if (matchedWeight == 0)
        {
            return 0;
        }
        double penalty;
        if (qLeft > 0 && cLeft > 0)
        {
            // Words on both sides that match nothing: different people or companies that share a name part.
            penalty = 0.8 * (qLeft + cLeft);
            features?.Add(new MatchFeature("name_conflict", qLeft + cLeft, -0.8));
        }
        else if (prefixes && qLeft == 0)
        {
            // A search names part of what it looks for: "NSO" is all of "NSO Group", a little less of "NSO Group Technologies".
            penalty = 0.05 * cLeft;
            if (cLeft > 0)
            {
                features?.Add(new MatchFeature("name_extra_words", cLeft, -0.05));
            }
        }
        else
        {
            var extra = schema == NameSchema.Person ? 0.15 : schema == NameSchema.Organization ? 0.6 : 0.35;
            penalty = extra * (qLeft + cLeft);
            if (qLeft + cLeft > 0)
            {
                features?.Add(new MatchFeature("name_extra_words", qLeft + cLeft, -extra));
            }
        }
        var score = matched / (matchedWeight + penalty);
        // One word in common is weak evidence when either name has more to say.
        if (strong < 2 && (qLeft > 0 || cLeft > 0) && !prefixes)
        {
            score = Math.Min(score, 0.7);
            features?.Add(new MatchFeature("name_single_word", 1, 0.7));
        }
        var legal = LegalForms(query.Form, candidate);
        if (legal < 0)
        {
            score *= 0.75;
            features?.Add(new MatchFeature("legal_form_mismatch", 1, 0.75));
        }
        else if (legal > 0)
        {
            features?.Add(new MatchFeature("legal_form_match", 1, 1));
        }
        return Math.Round(Math.Clamp(score, 0, 1), 4);
    }

    private readonly record struct Pair(int Q, int C, double Sim, TokenMatchKind Kind);

    private static readonly TokenMatchKind[] s_kinds = Enum.GetValues<TokenMatchKind>();

    /// <summary>How alike two words are (0 when not at all), and why.</summary>
    internal static (double Sim, TokenMatchKind Kind) Similarity(NameToken a, NameToken b, NameSchema schema, bool prefix = false)
    {
        WordPattern none = default;
        return Similarity(a, b, schema, prefix, in none);
    }

    /// <summary>As <see cref="Similarity(NameToken, NameToken, NameSchema, bool)"/>, with <paramref name="a"/>'s word prepared once for many (or default: not prepared).</summary>
    internal static (double Sim, TokenMatchKind Kind) Similarity(NameToken a, NameToken b, NameSchema schema, bool prefix, in WordPattern pattern)
    {
        var x = a.Text;
        var y = b.Text;
        if (x == y)
        {
            return (1, TokenMatchKind.Exact);
        }
        if ((x.Length == 1 || y.Length == 1) && schema != NameSchema.Organization)
        {
            return x[0] == y[0] ? (0.8, TokenMatchKind.Initial) : (0, TokenMatchKind.Exact);
        }
        if (a.IsNumber || b.IsNumber)
        {
            return (0, TokenMatchKind.Exact);
        }
        if (prefix && x.Length >= 2 && y.StartsWith(x, StringComparison.Ordinal))
        {
            return (0.9, TokenMatchKind.Prefix);
        }
        var longest = Math.Max(x.Length, y.Length);
        var allowed = longest <= 3 ? 0 : longest <= 5 ? 1 : longest <= 10 ? 2 : 3;
        // Each letter one word has and the other lacks takes an edit: past the edits allowed, no distance is needed.
        var distance = allowed == 0 || ulong.PopCount(a.Letters & ~b.Letters) > (ulong)allowed || ulong.PopCount(b.Letters & ~a.Letters) > (ulong)allowed
            ? int.MaxValue
            : pattern.IsValid && y.Length is > 0 and <= 128 ? pattern.Distance(y, allowed) : Levenshtein(x, y, allowed);
        var sim = 0.0;
        var kind = TokenMatchKind.Typo;
        if (distance <= allowed)
        {
            sim = 1 - (0.7 * distance / longest);
        }
        if (a.Phonetic.Length >= 2 && a.Phonetic == b.Phonetic && x[0] == y[0] && 0.88 > sim)
        {
            (sim, kind) = (0.88, TokenMatchKind.Phonetic);
        }
        else if (a.Phonetic.Length >= 3 && a.Phonetic == b.Phonetic && 0.8 > sim)
        {
            (sim, kind) = (0.8, TokenMatchKind.Phonetic);
        }
        var shorter = Math.Min(x.Length, y.Length);
        if (schema != NameSchema.Organization && shorter >= 3 && longest > shorter + 1 && (y.StartsWith(x, StringComparison.Ordinal) || x.StartsWith(y, StringComparison.Ordinal)) && 0.75 > sim)
        {
            // "Ben" for "Benjamin", "Al" for "Alexander": a short form of a given name.
            (sim, kind) = (0.75, TokenMatchKind.Prefix);
        }
        return (sim, kind);
    }

    /// <summary>Levenshtein distance, or <paramref name="max"/> + 1 when it exceeds <paramref name="max"/>.</summary>
    public static int Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max) => Distance(a, new WordPattern(a), b, max);

    // Two rows of the textbook table: for words with letters beyond a-z and 0-9, or longer than 64.
    internal static int LevenshteinRows(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        Span<int> prev = stackalloc int[b.Length + 1];
        Span<int> cur = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                cur[j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > max)
            {
                return max + 1;
            }
            var t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.Length] > max ? max + 1 : prev[b.Length];
    }

    private static double Weight(NameToken t) => t.Role == TokenRole.Particle ? 0.25 : 1.0;

    private static double Unmatched(ReadOnlySpan<NameToken> words, ReadOnlySpan<bool> used)
    {
        var sum = 0.0;
        for (var i = 0; i < words.Length; i++)
        {
            if (!used[i])
            {
                sum += Weight(words[i]);
            }
        }
        return sum;
    }

    private static void Concatenations(
        ReadOnlySpan<NameToken> one, WordPattern[]? onePatterns, Span<bool> oneUsed, ReadOnlySpan<NameToken> two, Span<bool> twoUsed, List<TokenMatch>? matches,
        ref double matched, ref double weight, ref int strong, bool swapped)
    {
        if (two.Length < 2 || !HasLongWord(one, oneUsed))
        {
            return;
        }
        // Up to 64 words on the other side, as sets of positions: a pair is looked at only when both its words could be
        // half of the word, in the order of the plain double loop.
        var fast = two.Length <= 64;
        for (var i = 0; i < one.Length; i++)
        {
            var word = one[i].Text;
            if (oneUsed[i] || word.Length < 6)
            {
                continue;
            }
            var wordLetters = one[i].Letters;
            // A letter of one side that the other lacks takes an edit, and two edits are the most allowed: a free word
            // with three letters the word lacks is no half of it, and a word with fewer than two possible halves has no pair.
            var halves = ~0UL;
            if (fast)
            {
                halves = 0;
                for (var t = 0; t < two.Length; t++)
                {
                    if (!twoUsed[t] && ulong.PopCount(two[t].Letters & ~wordLetters) <= 2)
                    {
                        halves |= 1UL << t;
                    }
                }
                if (ulong.PopCount(halves) < 2)
                {
                    continue;
                }
            }
            // A word the other side holds as it is is not two of its words run together (asked once a pair could be).
            bool? held = null;
            for (var j = 0; j < two.Length && !oneUsed[i] && held != true; j++)
            {
                var ks = halves & ~(1UL << j);
                if (fast && (halves & (1UL << j)) == 0)
                {
                    continue;
                }
                for (var k = 0; k < two.Length; k++)
                {
                    if (fast)
                    {
                        if (ks == 0)
                        {
                            break;
                        }
                        k = System.Numerics.BitOperations.TrailingZeroCount(ks);
                        ks &= ks - 1;
                    }
                    if (j == k || twoUsed[j] || twoUsed[k])
                    {
                        continue;
                    }
                    var length = two[j].Text.Length + two[k].Text.Length;
                    var allowed = length <= 10 ? 1 : 2;
                    // Lengths further apart than the edits allowed cannot match (and the words are not joined).
                    if (Math.Abs(word.Length - length) > allowed)
                    {
                        continue;
                    }
                    var pair = two[j].Letters | two[k].Letters;
                    if (ulong.PopCount(pair & ~wordLetters) > (ulong)allowed || ulong.PopCount(wordLetters & ~pair) > (ulong)allowed)
                    {
                        continue;
                    }
                    held ??= Holds(two, word);
                    if (held == true)
                    {
                        break;
                    }
                    var d = onePatterns is not null
                        ? JoinedDistance(word, in onePatterns[i], two[j].Text, two[k].Text, allowed)
                        : JoinedDistance(word, new WordPattern(word), two[j].Text, two[k].Text, allowed);
                    if (d <= allowed)
                    {
                        oneUsed[i] = twoUsed[j] = twoUsed[k] = true;
                        var sim = 1 - (0.5 * d / length);
                        matched += 2 * sim;
                        weight += 2;
                        if (sim >= 0.7)
                        {
                            strong++;
                        }
                        matches?.Add(swapped
                            ? new TokenMatch(two[j].Text + " " + two[k].Text, word, TokenMatchKind.Concatenated, sim)
                            : new TokenMatch(word, two[j].Text + " " + two[k].Text, TokenMatchKind.Concatenated, sim));
                        break;
                    }
                }
            }
        }
    }

    // The edit distance from a word to two words joined (at most max, or max + 1), without a string.
    private static int JoinedDistance(string word, in WordPattern pattern, string first, string second, int max)
    {
        var length = first.Length + second.Length;
        if (length > 128)
        {
            return max + 1;
        }
        Span<char> joined = stackalloc char[length];
        first.CopyTo(joined);
        second.CopyTo(joined[first.Length..]);
        return Distance(word, in pattern, joined, max);
    }

    // Levenshtein(a, b, max) with a's pattern prepared (or not valid: the table).
    private static int Distance(ReadOnlySpan<char> a, in WordPattern pattern, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max || b.Length > 128)
        {
            return max + 1;
        }
        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }
        return pattern.IsValid ? pattern.Distance(b, max) : LevenshteinRows(a, b, max);
    }

    // Whether a word not yet aligned is long enough (6 letters) to be two words run together.
    private static bool HasLongWord(ReadOnlySpan<NameToken> words, ReadOnlySpan<bool> used)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (!used[i] && words[i].Text.Length >= 6)
            {
                return true;
            }
        }
        return false;
    }

    private static bool Holds(ReadOnlySpan<NameToken> words, string text)
    {
        foreach (var t in words)
        {
            if (t.Text == text)
            {
                return true;
            }
        }
        return false;
    }

    // 1 when both name the same legal form, -1 when both name one and they differ, 0 otherwise.
    private static int LegalForms(NameForm a, NameForm b)
    {
        if (!a.HasLegalForm || !b.HasLegalForm)
        {
            return 0;
        }
        foreach (var x in a.TokenSpan)
        {
            if (x.Role != TokenRole.LegalForm)
            {
                continue;
            }
            foreach (var y in b.TokenSpan)
            {
                if (y.Role == TokenRole.LegalForm && y.Text == x.Text)
                {
                    return 1;
                }
            }
        }
        return -1;
    }
}
