using FluentAssertions;
using Vigil.Features.Commitments;
using Xunit;

namespace Vigil.Core.Tests.Features.Commitments;

public sealed class ScorecardMathTests
{
    // The seeded scale: 0 no evidence (no points), 1 not started 0, 2 limited 33, 3 substantial 67, 4 complete 100.
    private static ScoredItem Item(string pillar, string code, int? rating) =>
        new(pillar, code, rating, rating switch { 1 => 0, 2 => 33, 3 => 67, 4 => 100, _ => null });

    [Fact]
    public void Score_IsTheMeanOfRatedPoints_NoEvidenceCountedApart_NothingRatedIsNoScore()
    {
        ScorecardMath.Score([Item("oversight", "O1", 4), Item("oversight", "O2", 2), Item("oversight", "O3", 0)]).Should().Be(66.5);
        ScorecardMath.Score([Item("oversight", "O1", 0), Item("oversight", "O2", null)]).Should().BeNull();
        ScorecardMath.Score([Item("oversight", "O1", 1)]).Should().Be(0);
    }

    [Fact]
    public void Compute_GivesPillarsAndTheChangeSinceTheLastQuarter()
    {
        var now = new[] { Item("accountability", "A1", 4), Item("accountability", "A2", 3), Item("oversight", "O1", 2), Item("oversight", "O2", 0) };
        var before = new[] { Item("accountability", "A1", 2), Item("accountability", "A2", 3), Item("oversight", "O1", 2) };

        var card = ScorecardMath.Compute("united-kingdom", "United Kingdom", "GB", "pall-mall-code", new Quarter(2026, 2), now, before, contradictions: 2);

        card.Quarter.Should().Be("2026Q2");
        card.PreviousQuarter.Should().Be("2026Q1");
        card.Score.Should().Be(66.7);          // (100 + 67 + 33) / 3
        card.PreviousScore.Should().Be(44.3);  // (33 + 67 + 33) / 3
        card.Change.Should().Be(22.4);
        card.Rated.Should().Be(3);
        card.Contradictions.Should().Be(2);
        var accountability = card.Pillars.Single(p => p.Pillar == "accountability");
        accountability.Score.Should().Be(83.5);
        accountability.Previous.Should().Be(50);
        accountability.Change.Should().Be(33.5);
        var oversight = card.Pillars.Single(p => p.Pillar == "oversight");
        oversight.Change.Should().Be(0);
        oversight.NoEvidence.Should().Be(1);
    }

    [Fact]
    public void Compute_WithoutAPreviousQuarter_HasNoChange()
    {
        var card = ScorecardMath.Compute("x", "X", null, "s", new Quarter(2026, 1), [Item("p", "P1", 3)], [], 0);

        card.Change.Should().BeNull();
        card.Pillars.Single().Change.Should().BeNull();
        ScorecardMath.ToText(card).Should().Contain("score 67.0").And.Contain("change n/a");
    }
}
