using System.Collections.Frozen;
using System.Text;

namespace Vigil.Matching;

/// <summary>What kind of name a string is, as FollowTheMoney's schemata group them.</summary>
public enum NameSchema
{
    /// <summary>Unknown (a search box): legal forms are recognised, persons' particles too.</summary>
    Any,

    /// <summary>A natural person: initials count, legal forms are not looked for.</summary>
    Person,

    /// <summary>A company, organisation or public body: legal forms and company stopwords are recognised.</summary>
    Organization,
}

/// <summary>The role a word plays in a name, which decides how much it weighs.</summary>
public enum TokenRole
{
    Word,

    /// <summary>"al", "bin", "van", "de", "the", "of", "group", "company": weighs little.</summary>
    Particle,

    /// <summary>A legal form ("AG", "Aktiengesellschaft", "OAO"), read as its generic form ("jsc").</summary>
    LegalForm,
}

/// <summary>One word of a name after transliteration, with its phonetic key.</summary>
public sealed record NameToken(string Text, string Phonetic, TokenRole Role)
{
    /// <summary>The word (lower-case ASCII letters and digits).</summary>
    public string Text
    {
        get;
        init
        {
            // A copy with another word (`with`) works out again what is read of it; a new token has it from the
            // initialisers below (a positional property's initialiser does not run this accessor).
            field = value;
            Letters = WordPattern.Letters(value);
            IsNumber = IsDigits(value);
        }
    } = Text;

    // What the matcher reads of a word for every pair it compares, kept with the word: an index shares one token
    // per distinct word, so this is worked out once per word, not once per comparison.

    /// <summary>The word's characters as a set of bits (<see cref="WordPattern.Letters"/>).</summary>
    internal ulong Letters { get; private set; } = WordPattern.Letters(Text);

    /// <summary>Whether the word is all digits.</summary>
    internal bool IsNumber { get; private set; } = IsDigits(Text);

    private static bool IsDigits(string text) => !text.AsSpan().ContainsAnyExceptInRange('0', '9');
}

/// <summary>A name parsed once for matching: transliterated, split into words, legal forms recognised.</summary>
public sealed class NameForm
{
    private static readonly FrozenSet<string> s_particles = FrozenSet.ToFrozenSet(
        ["al", "el", "ul", "bin", "ben", "ibn", "bint", "abu", "van", "von", "der", "den", "de", "da", "di", "del", "della", "du", "la", "le", "y", "e",
         "the", "of", "and", "und", "et", "group", "groupe", "gruppe", "company", "co", "corporation", "corp", "holding", "holdings", "mr", "mrs", "dr", "shaikh", "sheikh"]);

    // Spellings of the same particle or company word ("ibn", "ben" and "bin"; "corp." and "corporation").
    private static readonly FrozenDictionary<string, string> s_variants = new Dictionary<string, string>
    {
        ["ibn"] = "bin", ["ben"] = "bin", ["corp"] = "corporation", ["co"] = "company", ["intl"] = "international", ["grp"] = "group",
    }.ToFrozenDictionary();

    private static readonly (FrozenDictionary<string, string> Forms, int MaxWords) s_legalForms = LoadLegalForms();

    private readonly NameToken[] _tokens;

    // An index keeps one form per name (200,000 at 100,000 actors): what a form holds is held that many times, so
    // it keeps only what the matcher reads. The lower-case ASCII spelling is Transliteration.ToAscii's to give.
    private NameForm(string original, NameToken[] tokens)
    {
        Original = original;
        _tokens = tokens;
        HasLegalForm = tokens.Any(t => t.Role == TokenRole.LegalForm);
        // Most names have no legal form: their words are their tokens, and no second array is kept.
        Words = HasLegalForm ? [.. tokens.Where(t => t.Role != TokenRole.LegalForm)] : tokens;
    }

    /// <summary>The name as given.</summary>
    public string Original { get; }

    /// <summary>The words, legal forms already read as their generic form.</summary>
    public IReadOnlyList<NameToken> Tokens => _tokens;

    /// <summary>The tokens, without an interface between them and the matcher's loops.</summary>
    internal ReadOnlySpan<NameToken> TokenSpan => _tokens;

    /// <summary>The words other than legal forms, as the matcher aligns them.</summary>
    internal NameToken[] Words { get; }

    /// <summary>Whether a legal form is among the words.</summary>
    internal bool HasLegalForm { get; }

    /// <summary>
    /// Replaces each word by an equal one that other names share (<see cref="NameIndex"/> keeps one token per
    /// distinct word: 100,000 names holding "company" then hold one token, not 100,000 copies).
    /// </summary>
    internal void ShareTokens(Func<NameToken, NameToken> shared)
    {
        for (var i = 0; i < _tokens.Length; i++)
        {
            _tokens[i] = shared(_tokens[i]);
        }
        if (!ReferenceEquals(Words, _tokens))
        {
            for (var i = 0; i < Words.Length; i++)
            {
                Words[i] = shared(Words[i]);
            }
        }
    }

    /// <summary>Parses <paramref name="name"/> for matching.</summary>
    public static NameForm Parse(string? name, NameSchema schema = NameSchema.Any)
    {
        var ascii = Transliteration.ToAscii(name);
        var words = ascii.Length == 0 ? [] : ascii.Split(' ');
        if (schema != NameSchema.Person)
        {
            words = JoinLetters(words);
        }
        var tokens = new List<NameToken>(words.Length);
        for (var i = 0; i < words.Length; i++)
        {
            if (schema != NameSchema.Person && LegalFormAt(words, i) is { } legal)
            {
                tokens.Add(new NameToken(legal.Form, legal.Form, TokenRole.LegalForm));
                i += legal.Words - 1;
                continue;
            }
            var word = i > 0 && s_variants.TryGetValue(words[i], out var canonical) ? canonical : words[i];
            var role = s_particles.Contains(word) && words.Length > 1 ? TokenRole.Particle : TokenRole.Word;
            tokens.Add(new NameToken(word, Phonetics.Key(word), role));
        }
        return new NameForm(name ?? "", [.. tokens]);
    }

    // "A.B.C." and "U.S." are one word spelt out, not initials.
    private static string[] JoinLetters(string[] words)
    {
        if (!words.Any(w => w.Length == 1))
        {
            return words;
        }
        var joined = new List<string>(words.Length);
        for (var i = 0; i < words.Length; i++)
        {
            var j = i;
            while (j < words.Length && words[j].Length == 1 && words[j] != "and")
            {
                j++;
            }
            if (j - i >= 2)
            {
                joined.Add(string.Concat(words[i..j]));
                i = j - 1;
            }
            else
            {
                joined.Add(words[i]);
            }
        }
        return [.. joined];
    }

    private static (string Form, int Words)? LegalFormAt(string[] words, int start)
    {
        var (forms, max) = s_legalForms;
        // A name is not only its legal form: "Limited" alone stays a word.
        if (words.Length == 1)
        {
            return null;
        }
        var sb = new StringBuilder();
        for (var n = Math.Min(max, words.Length - start); n >= 1; n--)
        {
            sb.Clear();
            for (var k = 0; k < n; k++)
            {
                if (k > 0)
                {
                    sb.Append(' ');
                }
                sb.Append(words[start + k]);
            }
            if (forms.TryGetValue(sb.ToString(), out var form))
            {
                return (form, n);
            }
        }
        return null;
    }

    private static (FrozenDictionary<string, string>, int) LoadLegalForms()
    {
        using var stream = typeof(NameForm).Assembly.GetManifestResourceStream("Vigil.Matching.org_types.tsv")
            ?? throw new InvalidOperationException("The legal forms table is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var forms = new Dictionary<string, string>(StringComparer.Ordinal);
        var max = 1;
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0)
            {
                continue;
            }
            var alias = Transliteration.ToAscii(line[..tab]);
            var form = Transliteration.ToAscii(line[(tab + 1)..]).Replace(" ", "", StringComparison.Ordinal);
            if (alias.Length == 0 || form.Length == 0 || s_particles.Contains(alias))
            {
                continue;
            }
            forms.TryAdd(alias, form);
            max = Math.Max(max, alias.Count(c => c == ' ') + 1);
        }
        return (forms.ToFrozenDictionary(StringComparer.Ordinal), max);
    }
}
