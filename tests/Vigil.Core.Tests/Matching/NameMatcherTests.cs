using FluentAssertions;
using Vigil.Matching;
using Xunit;

namespace Vigil.Core.Tests.Matching;

/// <summary>The name engine on hand-made cases: each names the behaviour it proves.</summary>
public sealed class NameMatcherTests
{
    [Theory]
    [InlineData("Владимир Путин", "vladimir putin")]
    [InlineData("Łódź Straße", "lodz strasse")]
    [InlineData("Zoë Ångström", "zoe angstrom")]
    [InlineData("Ταλ Ντίλιαν", "tal dilian")]
    [InlineData("北京", "bei jing")]
    [InlineData("AT&T Inc.", "at and t inc")]
    [InlineData("Al Qa'ida", "al qaida")]
    public void Transliteration_TurnsAnyScriptIntoLowerAscii(string name, string ascii) =>
        Transliteration.ToAscii(name).Should().Be(ascii);

    [Theory]
    [InlineData("Интеллекса", "Intellexa")]
    [InlineData("Ντίλιαν", "Dilian")]
    [InlineData("Wolodymyr Selenskyj", "Volodymyr Zelenskyy")]
    [InlineData("Usama bin Ladin", "Osama bin Laden")]
    public void OtherScriptsAndSpellings_Match(string a, string b) =>
        NameMatcher.Compare(a, b).Score.Should().BeGreaterThanOrEqualTo(NameMatcher.DefaultThreshold, NameMatcher.Compare(a, b).Explain());

    [Fact]
    public void ReorderedNames_Match()
    {
        var score = NameMatcher.Compare("Smith, John", "John Smith", NameSchema.Person);
        score.Score.Should().Be(1);
        score.Matches.Should().OnlyContain(m => m.Kind == TokenMatchKind.Exact);
    }

    [Fact]
    public void Initials_MatchTheNameTheyStandFor_AndSaySo()
    {
        var score = NameMatcher.Compare("Hans J Friedrich", "Hans Joachim Friedrich", NameSchema.Person);
        score.Score.Should().BeGreaterThanOrEqualTo(NameMatcher.DefaultThreshold);
        score.Matches.Should().Contain(m => m.Kind == TokenMatchKind.Initial && m.Query == "j" && m.Candidate == "joachim");
        score.Features.Should().Contain(f => f.Name == "name_initial");
    }

    [Fact]
    public void LegalForms_CompareAsTheirGenericForm()
    {
        NameMatcher.Compare("Siemens Aktiengesellschaft", "Siemens AG", NameSchema.Organization).Score.Should().Be(1);
        NameMatcher.Compare("OAO Gazprom", "Open Joint Stock Company Gazprom", NameSchema.Organization).Score.Should().Be(1);
        var differ = NameMatcher.Compare("Deutsche Bank AG", "Deutsche Bank GmbH", NameSchema.Organization);
        differ.Score.Should().BeLessThan(NameMatcher.DefaultThreshold);
        differ.Features.Should().Contain(f => f.Name == "legal_form_mismatch");
    }

    [Fact]
    public void Typos_AreTolerated_ButDifferentNamesAreNot()
    {
        NameMatcher.Compare("Mikhail Khordorovsky", "Mikhail Khodorkovsky", NameSchema.Person).Score.Should().BeGreaterThanOrEqualTo(NameMatcher.DefaultThreshold);
        NameMatcher.Compare("KIM JONG MAN", "KIM JONG SIK", NameSchema.Person).Score.Should().BeLessThan(NameMatcher.DefaultThreshold);
        NameMatcher.Compare("Sergey Ivanov", "Sergey Viktorovich Lavrov", NameSchema.Person).Score.Should().BeLessThan(NameMatcher.DefaultThreshold);
    }

    [Fact]
    public void WordsRunTogether_MatchTheWordsApart() =>
        NameMatcher.Compare("FridrichBuchenberg", "Friedrich Buchenberg", NameSchema.Person).Matches
            .Should().ContainSingle(m => m.Kind == TokenMatchKind.Concatenated);

    [Fact]
    public void Index_FindsTyposTransliterationsAndPrefixes_BestFirst()
    {
        var index = new NameIndex(
        [
            new IndexedName("actor", 1, "Intellexa S.A.", Schema: NameSchema.Organization),
            new IndexedName("actor", 2, "Tal Dilian", Schema: NameSchema.Person),
            new IndexedName("actor", 3, "NSO Group Technologies Ltd", Schema: NameSchema.Organization),
            new IndexedName("actor", 3, "NSO Group", Primary: false, Schema: NameSchema.Organization),
            new IndexedName("product", 4, "Pegasus"),
            new IndexedName("actor", 5, "Intelligence Bureau", Schema: NameSchema.Organization),
        ]);
        index.Search("Intelexa")[0].Id.Should().Be(1);
        index.Search("Интеллекса")[0].Id.Should().Be(1);
        index.Search("Ντίλιαν")[0].Id.Should().Be(2);
        index.Search("Dilyan")[0].Id.Should().Be(2);
        index.Search("Pegassus")[0].Id.Should().Be(4);
        index.Search("NSO")[0].Should().Match<NameHit>(h => h.Id == 3 && h.Name == "NSO Group");
        index.Search("intel").Select(h => h.Id).Should().Contain([1, 5]);
        index.Search("Pegasus", kinds: ["actor"]).Should().BeEmpty();
    }
}
