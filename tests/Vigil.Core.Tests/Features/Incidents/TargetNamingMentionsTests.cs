using FluentAssertions;
using Vigil.Features.Incidents;
using Xunit;

namespace Vigil.Core.Tests.Features.Incidents;

/// <summary>How a name or alias is found in a source's title, address or quote (whole words, any case, accent or possessive).</summary>
public sealed class TargetNamingMentionsTests
{
    [Theory]
    [InlineData("Spyware found on CARINE KANIMBA's phone")]
    [InlineData("https://example.org/news/carine-kanimba-pegasus")]
    [InlineData("Carïne Kanimba testified")]
    [InlineData("the daughter of a hotel rwanda activist slams spying claims")]
    public void AName_OrAnAlias_IsFound(string text) =>
        TargetNaming.Mentions("Carine Kanimba; daughter of a Hotel Rwanda activist", [text]).Should().BeTrue();

    [Theory]
    [InlineData("Carine spoke to the press")]
    [InlineData("Kanimbaland tourism")]
    [InlineData("A lab report on Pegasus")]
    public void PartOfAName_OrANameInsideAWord_IsNot(string text) =>
        TargetNaming.Mentions("Carine Kanimba", [text]).Should().BeFalse();

    [Fact]
    public void ABracketedRemark_AndShortParts_AreNotNames()
    {
        TargetNaming.Mentions("Carmen Aristegui (and her teenage son)", ["a teenage son was hacked"]).Should().BeFalse();
        TargetNaming.Mentions("Carmen Aristegui (and her teenage son)", ["Carmen Aristegui hacked"]).Should().BeTrue();
        TargetNaming.Mentions("Carmen Aristegui; A.B.", ["a b c"]).Should().BeFalse("an alias of fewer than four letters is not checked");
    }
}
