using System.Runtime.InteropServices;

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
    // Each name's kind, as a number into _kinds; and its words (ids into the vocabulary), in token order.
    private readonly int[] _nameKinds;
    private readonly string[] _kinds;
    private readonly int[][] _nameWords;
    private readonly string[] _vocabulary;
    private readonly NameToken[] _vocabularyTokens;
    // Each word's characters as a set of bits (WordPattern.Letters): a cheap bound on the edit distance; and its
    // length. Both beside each other in arrays, so that weighing a typo's candidate words reads no string.
    private readonly ulong[] _letters;
    private readonly int[] _lengths;
    private readonly int[][] _postings;
    private readonly Dictionary<string, int> _wordIds;
    private readonly Dictionary<string, int[]> _phonetic;
    // Trigram postings, one run per trigram in _gramWords (from _gramStart[g] to _gramStart[g + 1]), ordered by
    // the word's length (kept beside it in _gramLengths) and then by id, so a query word reads only the words
    // whose length is within the edits it allows.
    private readonly Dictionary<long, int> _gramIds;
    private readonly int[] _gramStart;
    private readonly int[] _gramWords;
    private readonly int[] _gramLengths;
    private readonly int[] _sorted;
    // Per vocabulary word and schema: its similar words (without prefixes), once a query has asked for them.
    private readonly (int Word, double Sim)[]?[] _similarCache;

    /// <summary>Builds the index; names with no word in them are skipped.</summary>
    public NameIndex(IEnumerable<IndexedName> names)
    {
        var kept = new List<IndexedName>();
        var forms = new List<NameForm>();
        var nameWords = new List<int[]>();
        var kindIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var nameKinds = new List<int>();
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
            if (!kindIds.TryGetValue(name.Kind, out var kind))
            {
                kindIds[name.Kind] = kind = kindIds.Count;
            }
            nameKinds.Add(kind);
            var ids = new int[form.Tokens.Count];
            for (var t = 0; t < ids.Length; t++)
            {
                var token = form.Tokens[t];
                if (!wordIds.TryGetValue(token.Text, out var w))
                {
                    w = vocab.Count;
                    wordIds[token.Text] = w;
                    vocab.Add(token.Text);
                    vocabTokens.Add(token);
                    postings.Add([]);
                }
                ids[t] = w;
                var list = postings[w];
                if (list.Count == 0 || list[^1] != n)
                {
                    list.Add(n);
                }
            }
            nameWords.Add(ids);
            form.ShareTokens(t => vocabTokens[wordIds[t.Text]] is var same && same == t ? same : t);
        }
        _names = [.. kept];
        _forms = [.. forms];
        _nameKinds = [.. nameKinds];
        _kinds = [.. kindIds.OrderBy(kv => kv.Value).Select(kv => kv.Key)];
        _nameWords = [.. nameWords];
        _vocabulary = [.. vocab];
        _vocabularyTokens = [.. vocabTokens];
        _letters = [.. vocab.Select(w => WordPattern.Letters(w))];
        _lengths = [.. vocab.Select(w => w.Length)];
        _postings = [.. postings.Select(p => p.ToArray())];
        _wordIds = wordIds;
        var gramIds = new Dictionary<long, int>();
        var grams = new List<List<int>>();
        var phonetic = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var w = 0; w < _vocabulary.Length; w++)
        {
            var word = _vocabulary[w];
            for (var i = 0; i < word.Length; i++)
            {
                var g = Gram(word, i);
                if (!gramIds.TryGetValue(g, out var id))
                {
                    gramIds[g] = id = grams.Count;
                    grams.Add([]);
                }
                var gl = grams[id];
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
        _gramIds = gramIds;
        _gramStart = new int[grams.Count + 1];
        _gramWords = new int[grams.Sum(g => g.Count)];
        _gramLengths = new int[_gramWords.Length];
        var at = 0;
        for (var g = 0; g < grams.Count; g++)
        {
            _gramStart[g] = at;
            // By length; ids stay ascending within a length (a stable sort of ascending ids).
            foreach (var w in grams[g].OrderBy(w => _vocabulary[w].Length))
            {
                _gramWords[at] = w;
                _gramLengths[at] = _vocabulary[w].Length;
                at++;
            }
        }
        _gramStart[grams.Count] = at;
        _phonetic = phonetic.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _sorted = [.. Enumerable.Range(0, _vocabulary.Length).OrderBy(w => _vocabulary[w], StringComparer.Ordinal)];
        _similarCache = new (int, double)[]?[_vocabulary.Length * 3];
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
        var s = Scratch.For(_vocabulary.Length, _names.Length);
        try
        {
            return SearchWith(q, s, kinds, limit, schema, prefix, threshold, except);
        }
        finally
        {
            s.Release();
        }
    }

    private List<NameHit> SearchWith(
        NameForm q, Scratch s, IReadOnlyCollection<string>? kinds, int limit, NameSchema schema, bool prefix, double threshold, IReadOnlySet<(string Kind, long Id)>? except)
    {
        var words = q.Tokens.Where(t => t.Role != TokenRole.LegalForm).ToList();
        if (words.Count == 0)
        {
            words = [.. q.Tokens];
        }
        bool[]? kindAllowed = null;
        if (kinds is not null)
        {
            kindAllowed = new bool[_kinds.Length];
            for (var k = 0; k < _kinds.Length; k++)
            {
                kindAllowed[k] = kinds.Contains(_kinds[k]);
            }
        }
        // Each query word's similar words, in the order they were found, and how many names hold them.
        var similar = new List<(int Word, double Sim)>[words.Count];
        var held = new long[words.Count];
        var anyRare = false;
        for (var i = 0; i < words.Count; i++)
        {
            similar[i] = s.Similar(i);
            SimilarWords(words[i], schema, prefix && i == words.Count - 1, s, similar[i]);
            foreach (var (w, _) in similar[i])
            {
                held[i] += _postings[w].Length;
            }
            anyRare |= held[i] <= CommonWordNames;
        }
        // Rare words say more than common ones ("intellexa" more than "group").
        double Weight(int i, int w, double sim) => sim * (words[i].Role == TokenRole.Particle ? 0.25 : 1.0) / Math.Log(2 + _postings[w].Length);
        // Candidate names, each with the evidence of the words it shares with the query (s.Evidence, in
        // s.Candidates in the order found). Rare words first, so that common ones only add to the candidates the
        // rare ones found.
        var order = new int[words.Count];
        StableByHeld(order, held);
        var evidence = s.Evidence;
        foreach (var i in order)
        {
            if (anyRare && held[i] > CommonWordNames)
            {
                var mark = s.NextStamp();
                for (var k = 0; k < similar[i].Count; k++)
                {
                    s.WordStamp[similar[i][k].Word] = mark;
                    s.WordSlot[similar[i][k].Word] = k;
                }
                foreach (var n in s.Candidates)
                {
                    foreach (var w in _nameWords[n])
                    {
                        if (s.WordStamp[w] == mark)
                        {
                            evidence[n] += Weight(i, w, similar[i][s.WordSlot[w]].Sim);
                            break;
                        }
                    }
                }
                continue;
            }
            foreach (var (w, sim) in similar[i])
            {
                var weight = Weight(i, w, sim);
                foreach (var n in _postings[w])
                {
                    if ((kindAllowed is not null && !kindAllowed[_nameKinds[n]]) || (except is not null && except.Contains((_names[n].Kind, _names[n].Id))))
                    {
                        continue;
                    }
                    if (evidence[n] == 0)
                    {
                        s.Candidates.Add(n);
                    }
                    evidence[n] += weight;
                }
            }
        }
        // The best candidates by evidence (ties: the earlier name), scored in full.
        var shortlist = Best(CollectionsMarshal.AsSpan(s.Candidates), Math.Max(limit * 4, 64), new ByEvidence(evidence));
        var best = new Dictionary<(string, long), NameHit>();
        var prepared = new NameMatcher.PreparedName(q);
        foreach (var n in shortlist)
        {
            var entry = _names[n];
            var readAs = schema == NameSchema.Any ? entry.Schema : schema;
            // Most of the shortlist falls below the threshold: only the rest are scored with their explanation.
            if (NameMatcher.ScoreOnly(prepared, _forms[n], readAs, prefix) < threshold)
            {
                continue;
            }
            var score = NameMatcher.Compare(prepared, _forms[n], readAs, prefix);
            var key = (entry.Kind, entry.Id);
            if (!best.TryGetValue(key, out var hit) || Better(score, entry.Primary, hit))
            {
                best[key] = new NameHit(entry.Kind, entry.Id, entry.Name, entry.Primary, score);
            }
        }
        return [.. Ranked(best.Values).Take(limit)];
    }

    // The first `count` of `items` in the order of `by`, in that order (a partial sort: the rest stay unordered).
    private static Span<int> Best(Span<int> items, int count, ByEvidence by)
    {
        if (items.Length <= count)
        {
            items.Sort(by);
            return items;
        }
        // A heap of the best `count` so far, the worst of them at the top.
        var heap = items[..count];
        for (var i = (count / 2) - 1; i >= 0; i--)
        {
            SiftDown(heap, i, by);
        }
        for (var i = count; i < items.Length; i++)
        {
            if (by.Compare(items[i], heap[0]) < 0)
            {
                // A swap, not an overwrite: the items stay the same set (Scratch.Release resets them all).
                (heap[0], items[i]) = (items[i], heap[0]);
                SiftDown(heap, 0, by);
            }
        }
        heap.Sort(by);
        return heap;

        static void SiftDown(Span<int> heap, int i, ByEvidence by)
        {
            while (true)
            {
                var worst = i;
                int l = (2 * i) + 1, r = l + 1;
                if (l < heap.Length && by.Compare(heap[l], heap[worst]) > 0)
                {
                    worst = l;
                }
                if (r < heap.Length && by.Compare(heap[r], heap[worst]) > 0)
                {
                    worst = r;
                }
                if (worst == i)
                {
                    return;
                }
                (heap[i], heap[worst]) = (heap[worst], heap[i]);
                i = worst;
            }
        }
    }

    // Insertion sort by held, stable (as OrderBy): a query has a handful of words.
    private static void StableByHeld(int[] order, long[] held)
    {
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        for (var i = 1; i < order.Length; i++)
        {
            var x = order[i];
            var j = i - 1;
            while (j >= 0 && held[order[j]] > held[x])
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = x;
        }
    }

    /// <summary>Hits best first: score, then a main name before an alias, then the shorter name; stable by kind and id.</summary>
    internal static IEnumerable<NameHit> Ranked(IEnumerable<NameHit> hits) =>
        hits.OrderByDescending(h => h.Score.Score).ThenByDescending(h => h.Primary).ThenBy(h => h.Name.Length).ThenBy(h => h.Kind, StringComparer.Ordinal).ThenBy(h => h.Id);

    private static bool Better(NameScore score, bool primary, NameHit than) =>
        score.Score > than.Score.Score || (score.Score == than.Score.Score && primary && !than.Primary);

    /// <summary>
    /// The vocabulary's words similar to <paramref name="token"/> (similarity at least 0.6), added to
    /// <paramref name="found"/> in this order: the word itself, its sound-alikes, words that share enough
    /// trigrams to be a typo of it, and (with <paramref name="prefix"/>) the words it starts.
    /// </summary>
    private void SimilarWords(NameToken token, NameSchema schema, bool prefix, Scratch s, List<(int Word, double Sim)> found)
    {
        var stamp = s.NextStamp();
        var text = token.Text;
        // The query word prepared for edit distances, once it is compared with a word.
        var pattern = default(WordPattern);
        var prepared = false;
        // A word of the vocabulary (with its sound) has the same similar words in every query: found once.
        (int Word, double Sim)[]? cached = null;
        var cacheAt = -1;
        var exact = _wordIds.GetValueOrDefault(text, -1);
        if (exact >= 0 && _vocabularyTokens[exact].Phonetic == token.Phonetic)
        {
            cacheAt = (exact * 3) + (int)schema;
            cached = Volatile.Read(ref _similarCache[cacheAt]);
        }
        if (cached is not null)
        {
            foreach (var (w, sim) in cached)
            {
                Add(w, sim);
            }
        }
        else
        {
            Unprefixed();
            if (cacheAt >= 0)
            {
                Volatile.Write(ref _similarCache[cacheAt], [.. found]);
            }
        }
        if (prefix && text.Length >= 2)
        {
            var lo = LowerBound(text);
            for (var k = lo; k < _sorted.Length && k < lo + 200; k++)
            {
                var w = _sorted[k];
                if (!_vocabulary[w].StartsWith(text, StringComparison.Ordinal))
                {
                    break;
                }
                if (s.WordStamp[w] == stamp)
                {
                    var slot = s.WordSlot[w];
                    found[slot] = (w, Math.Max(found[slot].Sim, 0.9));
                }
                else
                {
                    Add(w, 0.9);
                }
            }
        }

        void Unprefixed()
        {
            if (exact >= 0)
            {
                Add(exact, 1);
            }
            if (token.Phonetic.Length >= 2 && _phonetic.TryGetValue(token.Phonetic, out var sounds))
            {
                foreach (var w in sounds)
                {
                    Consider(w);
                }
            }
            // Words that share enough trigrams to be within the edit distance the matcher allows.
            if (text.Length >= 4)
            {
                TypoCandidates(text, s);
                var letters = WordPattern.Letters(text);
                foreach (var w in s.Typos)
                {
                    if (s.WordStamp[w] == stamp)
                    {
                        continue;
                    }
                    // Letters of one word that the other lacks each take an edit: past the edits the matcher
                    // allows, only a short form ("ben" for "benjamin", two letters or more shorter) can still match,
                    // and sound-alikes were considered above.
                    var length = _lengths[w];
                    var allowed = Math.Max(length, text.Length) switch { <= 3 => 0, <= 5 => 1, <= 10 => 2, _ => 3 };
                    var shortForm = schema != NameSchema.Organization && Math.Abs(length - text.Length) >= 2;
                    if (!shortForm
                        && (ulong.PopCount(letters & ~_letters[w]) > (ulong)allowed || ulong.PopCount(_letters[w] & ~letters) > (ulong)allowed))
                    {
                        continue;
                    }
                    Consider(w);
                }
            }
        }

        void Add(int w, double sim)
        {
            s.WordStamp[w] = stamp;
            s.WordSlot[w] = found.Count;
            found.Add((w, sim));
        }

        void Consider(int w)
        {
            if (s.WordStamp[w] == stamp)
            {
                return;
            }
            if (!prepared)
            {
                pattern = new WordPattern(text);
                prepared = true;
            }
            var (sim, _) = NameMatcher.Similarity(token, _vocabularyTokens[w], schema, false, in pattern);
            if (sim >= 0.6)
            {
                Add(w, sim);
            }
        }
    }

    /// <summary>
    /// Fills <c>s.Typos</c> with the words whose length is within the edits allowed for <paramref name="text"/>
    /// (1 up to 5 letters, 2 up to 10, 3 beyond) and that hold at least as many of its distinct trigrams as
    /// those edits leave (each edit breaks at most three): in the order a scan of the query's trigrams meets them.
    /// </summary>
    private void TypoCandidates(string text, Scratch s)
    {
        var edits = text.Length <= 5 ? 1 : text.Length <= 10 ? 2 : 3;
        var shortest = text.Length - edits;
        var longest = text.Length + edits;
        var distinct = 0;
        var touched = s.Touched;
        var shared = s.Shared;
        for (var i = 0; i < text.Length; i++)
        {
            var g = Gram(text, i);
            var repeated = false;
            for (var k = 0; k < i && !repeated; k++)
            {
                repeated = Gram(text, k) == g;
            }
            if (repeated)
            {
                continue;
            }
            distinct++;
            if (!_gramIds.TryGetValue(g, out var id))
            {
                continue;
            }
            int from = _gramStart[id], to = _gramStart[id + 1];
            // The first word at least `shortest` long.
            while (from < to)
            {
                var mid = (from + to) >>> 1;
                if (_gramLengths[mid] < shortest)
                {
                    from = mid + 1;
                }
                else
                {
                    to = mid;
                }
            }
            for (var p = from; p < _gramStart[id + 1] && _gramLengths[p] <= longest; p++)
            {
                var w = _gramWords[p];
                if (shared[w]++ == 0)
                {
                    touched.Add(w);
                }
            }
        }
        var need = Math.Max(1, distinct - (3 * edits));
        s.Typos.Clear();
        foreach (var w in touched)
        {
            if (shared[w] >= need)
            {
                s.Typos.Add(w);
            }
            shared[w] = 0;
        }
        touched.Clear();
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

    // The i-th trigram of "^word$" (word.Length of them), three characters in one number.
    private static long Gram(string word, int i)
    {
        var a = i == 0 ? '^' : word[i - 1];
        var b = word[i];
        var c = i + 1 < word.Length ? word[i + 1] : '$';
        return ((long)a << 32) | ((long)b << 16) | c;
    }

    private readonly struct ByEvidence(double[] evidence) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var byEvidence = evidence[y].CompareTo(evidence[x]);
            return byEvidence != 0 ? byEvidence : x.CompareTo(y);
        }
    }

    /// <summary>
    /// A search's working memory, one per thread and reused: per vocabulary word, how many of the query's trigrams
    /// it holds and whether (stamp) and where (slot) it is among a query word's similar words; per name, its
    /// evidence. All are zero between searches (only the entries a search touched are reset), so a search
    /// allocates no arrays the size of the index. Grows to the largest index searched on the thread.
    /// </summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? t_scratch;

        private readonly List<List<(int Word, double Sim)>> _similar = [];
        private int _stamp;
        private bool _busy;

        public int[] Shared { get; private set; } = [];
        public int[] WordStamp { get; private set; } = [];
        public int[] WordSlot { get; private set; } = [];
        public double[] Evidence { get; private set; } = [];
        public List<int> Touched { get; } = [];
        public List<int> Typos { get; } = [];
        public List<int> Candidates { get; } = [];

        public static Scratch For(int words, int names)
        {
            var s = t_scratch;
            if (s is null || s._busy)
            {
                s = new Scratch();
                t_scratch ??= s;
            }
            s._busy = true;
            if (s.Shared.Length < words)
            {
                s.Shared = new int[words];
                s.WordStamp = new int[words];
                s.WordSlot = new int[words];
            }
            if (s.Evidence.Length < names)
            {
                s.Evidence = new double[names];
            }
            return s;
        }

        public List<(int Word, double Sim)> Similar(int i)
        {
            while (_similar.Count <= i)
            {
                _similar.Add([]);
            }
            _similar[i].Clear();
            return _similar[i];
        }

        public int NextStamp()
        {
            if (++_stamp == int.MaxValue)
            {
                Array.Clear(WordStamp);
                _stamp = 1;
            }
            return _stamp;
        }

        public void Release()
        {
            foreach (var n in Candidates)
            {
                Evidence[n] = 0;
            }
            Candidates.Clear();
            foreach (var w in Touched)
            {
                Shared[w] = 0;
            }
            Touched.Clear();
            _busy = false;
        }
    }
}
