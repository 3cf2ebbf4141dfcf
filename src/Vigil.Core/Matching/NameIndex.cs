namespace Vigil.Matching;

/// <summary>One name of one record, as given to <see cref="NameIndex"/>.</summary>
/// <param name="Kind">The record's kind ("actor", "product", "incident", "measure", "framework", "commitment", "list-entry"…).</param>
/// <param name="Id">The record's id within its kind.</param>
/// <param name="Name">The name or alias.</param>
/// <param name="Primary">Whether this is the record's main name (an alias otherwise).</param>
/// <param name="Schema">How to read the name.</param>
public sealed record IndexedName(string Kind, long Id, string Name, bool Primary = true, NameSchema Schema = NameSchema.Any);

/// <summary>A record found by <see cref="NameIndex.Search"/>: which, through which of its names, and the explained score.</summary>
public sealed record NameHit(string Kind, long Id, string Name, bool Primary, NameScore Score);

/// <summary>
/// An in-memory index of names: words map to the names that hold them, and each distinct word is
/// reachable by its trigrams, its phonetic key and its prefix, so a query word finds the words it is a
/// typo, a transliteration, a sound-alike or the start of. Candidates are ranked by the words they
/// share (rarer words weigh more), and the best are scored by <see cref="NameMatcher"/>. Immutable once
/// built: build a new one to change it (see <see cref="NameSearch"/>), so searches never lock.
/// The index knows nothing of access: callers keep only hits the reader's query filters let through.
/// </summary>
public sealed class NameIndex
{
    private readonly IndexedName[] _names;
    private readonly NameForm[] _forms;
    private readonly string[] _vocabulary;
    private readonly NameToken[] _vocabularyTokens;
    private readonly int[][] _postings;
    private readonly Dictionary<string, int> _wordIds;
    private readonly Dictionary<string, int[]> _grams;
    private readonly Dictionary<string, int[]> _phonetic;
    private readonly int[] _sorted;

    /// <summary>Builds the index; names with no word in them are skipped.</summary>
    public NameIndex(IEnumerable<IndexedName> names)
    {
        var kept = new List<IndexedName>();
        var forms = new List<NameForm>();
        var wordIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var vocab = new List<string>();
        var vocabTokens = new List<NameToken>();
        var postings = new List<List<int>>();
        foreach (var name in names)
        {
            var form = NameForm.Parse(name.Name, name.Schema);
            if (form.Tokens.Count == 0)
            {
                continue;
            }
            var n = kept.Count;
            kept.Add(name);
            forms.Add(form);
            foreach (var token in form.Tokens)
            {
                if (!wordIds.TryGetValue(token.Text, out var w))
                {
                    w = vocab.Count;
                    wordIds[token.Text] = w;
                    vocab.Add(token.Text);
                    vocabTokens.Add(token);
                    postings.Add([]);
                }
                var list = postings[w];
                if (list.Count == 0 || list[^1] != n)
                {
                    list.Add(n);
                }
            }
            form.ShareTokens(t => vocabTokens[wordIds[t.Text]] is var same && same == t ? same : t);
        }
        _names = [.. kept];
        _forms = [.. forms];
        _vocabulary = [.. vocab];
        _vocabularyTokens = [.. vocabTokens];
        _postings = [.. postings.Select(p => p.ToArray())];
        _wordIds = wordIds;
        var grams = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var phonetic = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var w = 0; w < _vocabulary.Length; w++)
        {
            foreach (var g in Grams(_vocabulary[w]))
            {
                if (!grams.TryGetValue(g, out var gl))
                {
                    grams[g] = gl = [];
                }
                if (gl.Count == 0 || gl[^1] != w)
                {
                    gl.Add(w);
                }
            }
            var key = _vocabularyTokens[w].Phonetic;
            if (key.Length >= 2)
            {
                if (!phonetic.TryGetValue(key, out var pl))
                {
                    phonetic[key] = pl = [];
                }
                pl.Add(w);
            }
        }
        _grams = grams.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _phonetic = phonetic.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _sorted = [.. Enumerable.Range(0, _vocabulary.Length).OrderBy(w => _vocabulary[w], StringComparer.Ordinal)];
    }

    /// <summary>How many names the index holds.</summary>
    public int Count => _names.Length;

    /// <summary>
    /// A query word whose similar words are held by more names than this is "common" here ("company" among
    /// 100,000 companies): when the query also has a rarer word, a candidate must hold one of the rarer
    /// words, and the common word only adds its (small) weight to those candidates. Without that, every
    /// search with such a word would weigh all of its names: 50 ms a query at 100,000 actors instead of 1.
    /// </summary>
    public const int CommonWordNames = 2_000;

    /// <summary>
    /// The records whose names best match <paramref name="query"/>, best first, one hit per record (its
    /// best name). <paramref name="kinds"/> narrows the kinds (null: all); <paramref name="prefix"/> lets
    /// the last query word match the start of a word (type-ahead); <paramref name="threshold"/> drops weaker hits;
    /// <paramref name="except"/> leaves out records (those a newer index holds, see <see cref="NameSnapshot"/>).
    /// </summary>
    public IReadOnlyList<NameHit> Search(
        string query, IReadOnlyCollection<string>? kinds = null, int limit = 20, NameSchema schema = NameSchema.Any, bool prefix = true, double threshold = 0.5,
        IReadOnlySet<(string Kind, long Id)>? except = null)
    {
        var q = NameForm.Parse(query, schema);
        if (q.Tokens.Count == 0 || limit <= 0)
        {
            return [];
        }
        // Candidate names, each with the evidence of the words it shares with the query.
        var evidence = new Dictionary<int, double>();
        var words = q.Tokens.Where(t => t.Role != TokenRole.LegalForm).ToList();
        if (words.Count == 0)
        {
            words = [.. q.Tokens];
        }
        var similar = words.Select((word, i) => SimilarWords(word, schema, prefix && i == words.Count - 1).ToDictionary(f => f.Word, f => f.Sim)).ToList();
        var held = similar.Select(found => found.Keys.Sum(w => (long)_postings[w].Length)).ToList();
        var anyRare = held.Any(h => h <= CommonWordNames);
        // Rare words say more than common ones ("intellexa" more than "group").
        double Weight(int i, int w) => similar[i][w] * (words[i].Role == TokenRole.Particle ? 0.25 : 1.0) / Math.Log(2 + _postings[w].Length);
        // Rare words first, so that common ones only add to the candidates the rare ones found.
        foreach (var i in Enumerable.Range(0, words.Count).OrderBy(i => held[i]))
        {
            if (anyRare && held[i] > CommonWordNames)
            {
                foreach (var n in evidence.Keys.ToList())
                {
                    var w = _forms[n].Tokens.Select(t => _wordIds.GetValueOrDefault(t.Text, -1)).FirstOrDefault(similar[i].ContainsKey, -1);
                    if (w >= 0)
                    {
                        evidence[n] += Weight(i, w);
                    }
                }
                continue;
            }
            foreach (var w in similar[i].Keys)
            {
                var weight = Weight(i, w);
                foreach (var n in _postings[w])
                {
                    if ((kinds is not null && !kinds.Contains(_names[n].Kind)) || (except is not null && except.Contains((_names[n].Kind, _names[n].Id))))
                    {
                        continue;
                    }
                    evidence[n] = evidence.GetValueOrDefault(n) + weight;
                }
            }
        }
        var shortlist = evidence.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(Math.Max(limit * 4, 64));
        var best = new Dictionary<(string, long), NameHit>();
        foreach (var (n, _) in shortlist)
        {
            var entry = _names[n];
            var score = NameMatcher.Compare(q, _forms[n], schema == NameSchema.Any ? entry.Schema : schema, prefix);
            if (score.Score < threshold)
            {
                continue;
            }
            var key = (entry.Kind, entry.Id);
            if (!best.TryGetValue(key, out var hit) || Better(score, entry.Primary, hit))
            {
                best[key] = new NameHit(entry.Kind, entry.Id, entry.Name, entry.Primary, score);
            }
        }
        return [.. Ranked(best.Values).Take(limit)];
    }

    /// <summary>Hits best first: score, then a main name before an alias, then the shorter name; stable by kind and id.</summary>
    internal static IEnumerable<NameHit> Ranked(IEnumerable<NameHit> hits) =>
        hits.OrderByDescending(h => h.Score.Score).ThenByDescending(h => h.Primary).ThenBy(h => h.Name.Length).ThenBy(h => h.Kind, StringComparer.Ordinal).ThenBy(h => h.Id);

    private static bool Better(NameScore score, bool primary, NameHit than) =>
        score.Score > than.Score.Score || (score.Score == than.Score.Score && primary && !than.Primary);

    private IEnumerable<(int Word, double Sim)> SimilarWords(NameToken token, NameSchema schema, bool prefix)
    {
        var found = new Dictionary<int, double>();
        if (_wordIds.TryGetValue(token.Text, out var exact))
        {
            found[exact] = 1;
        }
        if (token.Phonetic.Length >= 2 && _phonetic.TryGetValue(token.Phonetic, out var sounds))
        {
            foreach (var w in sounds)
            {
                Consider(w);
            }
        }
        // Words that share enough trigrams to be within the edit distance the matcher allows.
        var grams = Grams(token.Text).Distinct().ToList();
        if (token.Text.Length >= 4)
        {
            var shared = new Dictionary<int, int>();
            foreach (var g in grams)
            {
                if (_grams.TryGetValue(g, out var list))
                {
                    foreach (var w in list)
                    {
                        shared[w] = shared.GetValueOrDefault(w) + 1;
                    }
                }
            }
            var edits = token.Text.Length <= 5 ? 1 : token.Text.Length <= 10 ? 2 : 3;
            var need = Math.Max(1, grams.Count - (3 * edits));
            foreach (var (w, count) in shared)
            {
                // A word longer or shorter by more than the edits allowed cannot be a typo of this one.
                if (count >= need && Math.Abs(_vocabulary[w].Length - token.Text.Length) <= edits)
                {
                    Consider(w);
                }
            }
        }
        if (prefix && token.Text.Length >= 2)
        {
            var lo = LowerBound(token.Text);
            for (var k = lo; k < _sorted.Length && k < lo + 200; k++)
            {
                var w = _sorted[k];
                if (!_vocabulary[w].StartsWith(token.Text, StringComparison.Ordinal))
                {
                    break;
                }
                found[w] = Math.Max(found.GetValueOrDefault(w), 0.9);
            }
        }
        return found.Select(kv => (kv.Key, kv.Value));

        void Consider(int w)
        {
            if (found.ContainsKey(w))
            {
                return;
            }
            var (sim, _) = NameMatcher.Similarity(token, _vocabularyTokens[w], schema);
            if (sim >= 0.6)
            {
                found[w] = sim;
            }
        }
    }

    private int LowerBound(string text)
    {
        int lo = 0, hi = _sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(_vocabulary[_sorted[mid]], text) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private static IEnumerable<string> Grams(string word)
    {
        var padded = "^" + word + "$";
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            yield return padded.Substring(i, 3);
        }
    }
}
