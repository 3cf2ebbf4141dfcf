using FluentAssertions;
using Vigil.Matching;
using Xunit;

namespace Vigil.Core.Tests.Matching;

/// <summary>
/// The matcher's shortcuts dismiss work whose answer they can tell in advance: a pair of words whose letter sets
/// differ by more than the edits allowed gets no edit distance, and two words are joined and compared with a long word
/// only when each could be half of it. Each shortcut must keep every match a full computation finds: these tests
/// compare the matcher with the plain definitions (the textbook edit-distance table, every pair joined) on random
/// words built to sit near the bounds.
/// </summary>
public sealed class NameMatcherPruningTests
{
    // No 'b', 'c', 'l' or 'p': no random word is read as another spelling ("ben", "co", "intl", "grp"); no single letters.
    private const string Letters = "adeghikmnorstuy";

    [Fact]
    public void LetterBound_KeepsEveryTypoTheEditDistanceAllows()
    {
        var random = new Random(1507);
        var typos = 0;
        for (var n = 0; n < 30_000; n++)
        {
            var a = Word(random, random.Next(2, 16));
            var b = random.Next(4) == 0 ? Word(random, random.Next(2, 16)) : Mutate(random, a, random.Next(1, 5));
            if (b.Length < 2 || a == b)
            {
                continue;
            }
            var longest = Math.Max(a.Length, b.Length);
            var allowed = longest <= 3 ? 0 : longest <= 5 ? 1 : longest <= 10 ? 2 : 3;
            var distance = TextbookDistance.Of(a, b);
            var (sim, kind) = NameMatcher.Similarity(Token(a), Token(b), NameSchema.Any);
            if (allowed > 0 && distance <= allowed)
            {
                typos++;
                var typo = 1 - (0.7 * distance / longest);
                sim.Should().BeGreaterThanOrEqualTo(typo, $"'{a}' and '{b}' are {distance} edits apart, {allowed} allowed");
                if (kind == TokenMatchKind.Typo)
                {
                    sim.Should().Be(typo);
                }
            }
            else
            {
                (sim > 0 && kind == TokenMatchKind.Typo).Should().BeFalse($"'{a}' and '{b}' are {distance} edits apart, {allowed} allowed");
            }
        }
        typos.Should().BeGreaterThan(5_000, "the random pairs must reach the bound often");
    }

    [Fact]
    public void LetterBound_SeesTheLettersOfTheWordACopyHolds()
    {
        var token = Token("abcd") with { Text = "1234" };
        token.IsNumber.Should().BeTrue();
        token.Letters.Should().Be(WordPattern.Letters("1234"));
        NameMatcher.Similarity(token, Token("1235"), NameSchema.Any).Sim.Should().Be(0, "numbers are not typos of each other");
    }

    [Fact]
    public void Concatenations_AreFoundWhereverAPairOfWordsJoinedIsWithinTheEditsAllowed()
    {
        var random = new Random(1508);
        var joined = 0;
        for (var n = 0; n < 20_000; n++)
        {
            // Two or three words on one side, one of them possibly the halves of the long word with a typo or two in
            // them (letters the long word lacks included), on the other side the long word.
            var first = Word(random, random.Next(3, 9));
            var second = Word(random, random.Next(3, 9));
            var longWord = first + second;
            string[] words = [Mutate(random, first, random.Next(0, 3)), Mutate(random, second, random.Next(0, 3))];
            if (random.Next(2) == 0)
            {
                words = [.. words, Word(random, random.Next(2, 8))];
            }
            var apart = string.Join(" ", words.OrderBy(_ => random.Next()));
            // The words as the matcher reads them ("ben" is read as "bin").
            words = [.. NameForm.Parse(apart, NameSchema.Person).Tokens.Select(t => t.Text)];
            if (words.Any(w => w.Length < 2 || w == longWord))
            {
                continue;
            }
            var expected = FirstPair(longWord, words);
            foreach (var (query, candidate) in new[] { (longWord, apart), (apart, longWord) })
            {
                var found = NameMatcher.Compare(query, candidate, NameSchema.Person).Matches.Where(m => m.Kind == TokenMatchKind.Concatenated).ToList();
                if (expected is null)
                {
                    found.Should().BeEmpty($"no two of '{apart}' joined are near '{longWord}'");
                }
                else
                {
                    found.Should().ContainSingle($"'{expected}' joined is near '{longWord}'");
                    (query == longWord ? found[0].Candidate : found[0].Query).Should().Be(expected);
                }
            }
            joined += expected is null ? 0 : 1;
        }
        joined.Should().BeGreaterThan(2_000, "the random names must join often");
    }

    // The first pair, in the order of a plain double loop, whose words joined are within the edits allowed of the word.
    private static string? FirstPair(string word, string[] words)
    {
        for (var j = 0; j < words.Length; j++)
        {
            for (var k = 0; k < words.Length; k++)
            {
                var length = words[j].Length + words[k].Length;
                if (j != k && TextbookDistance.Of(word, words[j] + words[k]) <= (length <= 10 ? 1 : 2))
                {
                    return words[j] + " " + words[k];
                }
            }
        }
        return null;
    }

    private static NameToken Token(string word) => new(word, Phonetics.Key(word), TokenRole.Word);

    private static string Word(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => Letters[random.Next(Letters.Length)])]);

    // Some edits, any letter of a-z (so also letters the word and the alphabet above lack).
    private static string Mutate(Random random, string word, int edits)
    {
        var chars = word.ToList();
        for (; edits > 0; edits--)
        {
            var at = random.Next(chars.Count + 1);
            var letter = (char)('a' + random.Next(26));
            switch (random.Next(3))
            {
                case 0: chars.Insert(at, letter); break;
                case 1 when at < chars.Count && chars.Count > 2: chars.RemoveAt(at); break;
                case 2 when at < chars.Count: chars[at] = letter; break;
            }
        }
        return new string([.. chars]);
    }
}
