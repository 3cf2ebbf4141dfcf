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
    public static NameScore Compare(NameForm query, NameForm candidate, NameSchema schema = NameSchema.Any, bool prefixes = false)
    {
        var q = query.Tokens;
        var c = candidate.Tokens;
        if (q.Count == 0 || c.Count == 0)
        {
            return NameScore.None;
        }
        var qWords = Words(q);
        var cWords = Words(c);
        if (qWords.Count == 0 || cWords.Count == 0)
        {
            return NameScore.None;
        }

        var qUsed = new bool[qWords.Count];
        var cUsed = new bool[cWords.Count];
        var matches = new List<TokenMatch>();
        double matched = 0, matchedWeight = 0;
        // Words run together on one side ("FridrichBuchenberg", "MOHAMMADHASNI") against two on the other.
        Concatenations(qWords, qUsed, cWords, cUsed, matches, ref matched, ref matchedWeight, false);
        Concatenations(cWords, cUsed, qWords, qUsed, matches, ref matched, ref matchedWeight, true);

        // Every plausible pair, best first; each word takes part in one pair at most.
        var pairs = new List<(int Q, int C, double Sim, TokenMatchKind Kind)>();
        for (var i = 0; i < qWords.Count; i++)
        {
            for (var j = 0; j < cWords.Count; j++)
            {
                var last = prefixes && i == qWords.Count - 1;
                var (sim, kind) = Similarity(qWords[i], cWords[j], schema, last);
                if (sim > 0)
                {
                    pairs.Add((i, j, sim, kind));
                }
            }
        }
        pairs.Sort((a, b) => b.Sim.CompareTo(a.Sim) != 0 ? b.Sim.CompareTo(a.Sim) : (a.Q + a.C).CompareTo(b.Q + b.C));
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
            matches.Add(new TokenMatch(qWords[i].Text, cWords[j].Text, kind, sim));
        }
        var qLeft = Unmatched(qWords, qUsed);
        var cLeft = Unmatched(cWords, cUsed);
        var features = new List<MatchFeature>();
        foreach (var group in matches.GroupBy(m => m.Kind).OrderBy(g => g.Key))
        {
            features.Add(new MatchFeature("name_" + group.Key.ToString().ToLowerInvariant(), group.Count(), Math.Round(group.Average(m => m.Similarity), 3)));
        }
        if (matchedWeight == 0)
        {
            return new NameScore(0, matches, features);
        }
        double penalty;
        if (qLeft > 0 && cLeft > 0)
        {
            // Words on both sides that match nothing: different people or companies that share a name part.
            penalty = 0.8 * (qLeft + cLeft);
            features.Add(new MatchFeature("name_conflict", qLeft + cLeft, -0.8));
        }
        else if (prefixes && qLeft == 0)
        {
            // A search names part of what it looks for: "NSO" is all of "NSO Group", a little less of "NSO Group Technologies".
            penalty = 0.05 * cLeft;
            if (cLeft > 0)
            {
                features.Add(new MatchFeature("name_extra_words", cLeft, -0.05));
            }
        }
        else
        {
            var extra = schema == NameSchema.Person ? 0.15 : schema == NameSchema.Organization ? 0.6 : 0.35;
            penalty = extra * (qLeft + cLeft);
            if (qLeft + cLeft > 0)
            {
                features.Add(new MatchFeature("name_extra_words", qLeft + cLeft, -extra));
            }
        }
        var score = matched / (matchedWeight + penalty);
        // One word in common is weak evidence when either name has more to say.
        var strong = matches.Count(m => m.Similarity >= 0.7 && m.Kind != TokenMatchKind.Initial);
        if (strong < 2 && (qLeft > 0 || cLeft > 0) && !prefixes)
        {
            score = Math.Min(score, 0.7);
            features.Add(new MatchFeature("name_single_word", 1, 0.7));
        }
        var legal = LegalForms(q, c);
        if (legal < 0)
        {
            score *= 0.75;
            features.Add(new MatchFeature("legal_form_mismatch", 1, 0.75));
        }
        else if (legal > 0)
        {
            features.Add(new MatchFeature("legal_form_match", 1, 1));
        }
        return new NameScore(Math.Round(Math.Clamp(score, 0, 1), 4), matches, features);
    }

    /// <summary>How alike two words are (0 when not at all), and why.</summary>
    internal static (double Sim, TokenMatchKind Kind) Similarity(NameToken a, NameToken b, NameSchema schema, bool prefix = false)
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
        if (IsNumber(x) || IsNumber(y))
        {
            return (0, TokenMatchKind.Exact);
        }
        if (prefix && x.Length >= 2 && y.StartsWith(x, StringComparison.Ordinal))
        {
            return (0.9, TokenMatchKind.Prefix);
        }
        var longest = Math.Max(x.Length, y.Length);
        var allowed = longest <= 3 ? 0 : longest <= 5 ? 1 : longest <= 10 ? 2 : 3;
        var distance = allowed == 0 ? int.MaxValue : Levenshtein(x, y, allowed);
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

    /// <summary>Levenshtein distance, or <paramref name="max"/> + 1 as soon as it must exceed it.</summary>
    public static int Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }
        if (b.Length > 128)
        {
            return max + 1;
        }
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
                // Transposition ("Jonh" for "John") counts as one edit.
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, prev[j - 2 < 0 ? 0 : j - 2] + 1);
                }
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
        return prev[b.Length];
    }

    private static List<NameToken> Words(IReadOnlyList<NameToken> tokens)
    {
        var words = new List<NameToken>(tokens.Count);
        foreach (var t in tokens)
        {
            if (t.Role != TokenRole.LegalForm)
            {
                words.Add(t);
            }
        }
        return words;
    }

    private static double Weight(NameToken t) => t.Role == TokenRole.Particle ? 0.25 : 1.0;

    private static double Unmatched(List<NameToken> words, bool[] used)
    {
        var sum = 0.0;
        for (var i = 0; i < words.Count; i++)
        {
            if (!used[i])
            {
                sum += Weight(words[i]);
            }
        }
        return sum;
    }

    private static void Concatenations(List<NameToken> one, bool[] oneUsed, List<NameToken> two, bool[] twoUsed, List<TokenMatch> matches, ref double matched, ref double weight, bool swapped)
    {
        for (var i = 0; i < one.Count; i++)
        {
            if (oneUsed[i] || one[i].Text.Length < 6 || two.Any(t => t.Text == one[i].Text))
            {
                continue;
            }
            for (var j = 0; j < two.Count && !oneUsed[i]; j++)
            {
                for (var k = 0; k < two.Count; k++)
                {
                    if (j == k || twoUsed[j] || twoUsed[k])
                    {
                        continue;
                    }
                    var joined = two[j].Text + two[k].Text;
                    var allowed = joined.Length <= 10 ? 1 : 2;
                    var d = Levenshtein(one[i].Text, joined, allowed);
                    if (d <= allowed)
                    {
                        oneUsed[i] = twoUsed[j] = twoUsed[k] = true;
                        var sim = 1 - (0.5 * d / joined.Length);
                        matched += 2 * sim;
                        weight += 2;
                        matches.Add(swapped
                            ? new TokenMatch(two[j].Text + " " + two[k].Text, one[i].Text, TokenMatchKind.Concatenated, sim)
                            : new TokenMatch(one[i].Text, two[j].Text + " " + two[k].Text, TokenMatchKind.Concatenated, sim));
                        break;
                    }
                }
            }
        }
    }

    // 1 when both name the same legal form, -1 when both name one and they differ, 0 otherwise.
    private static int LegalForms(IReadOnlyList<NameToken> a, IReadOnlyList<NameToken> b)
    {
        var la = a.Where(t => t.Role == TokenRole.LegalForm).Select(t => t.Text).ToHashSet();
        var lb = b.Where(t => t.Role == TokenRole.LegalForm).Select(t => t.Text).ToHashSet();
        if (la.Count == 0 || lb.Count == 0)
        {
            return 0;
        }
        return la.Overlaps(lb) ? 1 : -1;
    }

    private static bool IsNumber(string s)
    {
        foreach (var ch in s)
        {
            if (!char.IsAsciiDigit(ch))
            {
                return false;
            }
        }
        return true;
    }
}
