using FluentAssertions;
using Vigil.Matching;
using Xunit;

namespace Vigil.Core.Tests.Matching;

/// <summary>
/// The index's structures for finding candidate words: the bit-parallel edit distance, the trigram postings by
/// word length with their count filter, and the per-thread scratch arrays that must be clean after every search.
/// </summary>
public sealed class NameIndexTests
{
    [Fact]
    public void BitParallelDistance_EqualsTheTextbookTable_OnRandomWords()
    {
        var random = new Random(15);
        const string letters = "abcdeilmnorstuy0123456789zé";
        for (var n = 0; n < 20_000; n++)
        {
            var a = Word(random.Next(0, 14));
            var b = random.Next(3) == 0 ? Mutate(a) : Word(random.Next(0, 14));
            var max = random.Next(0, 5);
            var expected = TextbookDistance.Of(a, b);
            var got = NameMatcher.Levenshtein(a, b, max);
            if (expected <= max)
            {
                got.Should().Be(expected, $"'{a}' to '{b}' within {max}");
            }
            else
            {
                got.Should().Be(max + 1, $"'{a}' to '{b}' is {expected}, beyond {max}");
            }
        }

        string Word(int length) => new([.. Enumerable.Range(0, length).Select(_ => letters[random.Next(letters.Length)])]);

        string Mutate(string word)
        {
            var chars = word.ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(chars.Count + 1);
                switch (random.Next(3))
                {
                    case 0: chars.Insert(at, letters[random.Next(letters.Length)]); break;
                    case 1 when at < chars.Count: chars.RemoveAt(at); break;
                    case 2 when at < chars.Count: chars[at] = letters[random.Next(letters.Length)]; break;
                }
            }
            return new string([.. chars]);
        }
    }

    [Fact]
    public void Words64LettersLong_AndLonger_AreMeasuredToo()
    {
        var a = new string('a', 64);
        NameMatcher.Levenshtein(a, a[..62] + "bb", 2).Should().Be(2);
        NameMatcher.Levenshtein(a + "a", a + "b", 1).Should().Be(1, "past 64 letters the table is used");
        NameMatcher.Levenshtein("", "abc", 3).Should().Be(3);
    }

    [Fact]
    public void AWordOneAndTwoEditsAway_IsFound_ThreeEditsAway_IsNot()
    {
        // Nine letters: the matcher allows two edits. The misspellings keep the first letter and change the sound,
        // so that only the trigram postings can find them.
        var index = new NameIndex([new IndexedName("actor", 1, "Wassily Kandinsky", Schema: NameSchema.Person), new IndexedName("actor", 2, "Paul Klee", Schema: NameSchema.Person)]);
        Found(index, "Wassily Kandinsly").Should().Equal(1);
        Found(index, "Wassily Kardinsly").Should().Equal(1);
        Found(index, "Wassily Kardimsly").Should().BeEmpty("three edits are more than a nine-letter word allows");
        index.Search("Kardinsly", prefix: false)[0].Score.Matches.Should().ContainSingle(m => m.Kind == TokenMatchKind.Typo && m.Candidate == "kandinsky");
    }

    [Fact]
    public void AWordLongerOrShorterByMoreThanTheEditsAllowed_IsNotATypo()
    {
        // "Preda" (five letters) allows one edit; "Predator" is three letters longer and sounds otherwise: a
        // start of it for a search, not a typo of it.
        var index = new NameIndex([new IndexedName("product", 1, "Predator"), new IndexedName("product", 2, "Pegasus")]);
        Found(index, "Predatr").Should().Equal(1);
        Found(index, "Preda").Should().BeEmpty();
        index.Search("Preda", prefix: true).Select(h => h.Id).Should().Equal(1);
    }

    [Fact]
    public void TransliteratedReorderedAndSoundAlikeNames_AreStillFound()
    {
        var index = new NameIndex(
        [
            new IndexedName("actor", 1, "Tal Dilian", Schema: NameSchema.Person),
            new IndexedName("actor", 2, "Intellexa S.A.", Schema: NameSchema.Organization),
            new IndexedName("actor", 3, "Usama bin Ladin", Schema: NameSchema.Person),
            new IndexedName("actor", 4, "Volodymyr Zelenskyy", Schema: NameSchema.Person),
        ]);
        Found(index, "Ντίλιαν Ταλ").Should().Equal(1);
        Found(index, "Dilian, Tal").Should().Equal(1);
        Found(index, "Интеллекса").Should().Equal(2);
        Found(index, "Osama bin Laden").Should().Equal(3);
        Found(index, "Selenskyj Wolodymyr").Should().Equal(4);
    }

    [Fact]
    public void RepeatedSearches_OnOneThread_OverIndexesOfDifferentSizes_GiveTheSameAnswers()
    {
        // The scratch arrays are shared by every search on a thread: a search must leave them clean.
        var small = new NameIndex([new IndexedName("actor", 1, "Intellexa S.A."), new IndexedName("actor", 2, "Cytrox AD")]);
        var large = new NameIndex(Enumerable.Range(0, 3_000).Select(i => new IndexedName(i % 3 == 0 ? "product" : "actor", i, $"Surveillance Company {i} Intelexa Holding {i % 97}")));
        string[] queries = ["Intelexa", "Cytrox", "Surveillance Compnay 12", "Holding 5", "Intellexa SA"];
        var first = queries.Select(q => Answer(small, q) + " | " + Answer(large, q)).ToList();
        for (var round = 0; round < 3; round++)
        {
            queries.Select(q => Answer(small, q) + " | " + Answer(large, q)).Should().Equal(first);
            large.Search("Intelexa", kinds: ["product"], limit: 100).Should().OnlyContain(h => h.Kind == "product");
        }

        static string Answer(NameIndex index, string q) => string.Join(";", index.Search(q, limit: 30).Select(h => $"{h.Kind}{h.Id}:{h.Score.Score}"));
    }

    [Fact]
    public void ConcurrentSearches_GiveTheAnswersOfOneThread()
    {
        var index = new NameIndex(Enumerable.Range(0, 2_000).Select(i => new IndexedName("actor", i, $"Company {i} of {(char)('a' + (i % 26))}xelent Trading")));
        var queries = Enumerable.Range(0, 200).Select(i => $"Compny {i * 7} {(char)('a' + (i % 26))}xelnt").ToList();
        var expected = queries.Select(q => string.Join(",", index.Search(q).Select(h => h.Id))).ToList();
        var got = new string[queries.Count];
        Parallel.For(0, queries.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => got[i] = string.Join(",", index.Search(queries[i]).Select(h => h.Id)));
        got.Should().Equal(expected);
    }

    private static List<long> Found(NameIndex index, string query) =>
        [.. index.Search(query, prefix: false, threshold: 0.7).Select(h => h.Id)];
}
