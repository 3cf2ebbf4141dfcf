using FluentAssertions;
using Vigil.Features.Commitments;
using Xunit;

namespace Vigil.Core.Tests.Features.Commitments;

public sealed class QuarterTests
{
    [Theory]
    [InlineData("2026Q1", 2026, 1)]
    [InlineData(" 2025q4 ", 2025, 4)]
    public void Parse_ReadsYearAndNumber(string text, int year, int number)
    {
        Quarter.TryParse(text, out var q).Should().BeTrue();
        q.Should().Be(new Quarter(year, number));
        q.ToString().Should().Be($"{year}Q{number}");
    }

    [Theory]
    [InlineData("2026Q5")]
    [InlineData("2026Q0")]
    [InlineData("26Q1")]
    [InlineData("2026-Q1")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_RefusesWhatIsNotAQuarter(string? text) => Quarter.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void Arithmetic_CrossesYears()
    {
        new Quarter(2026, 1).Previous().Should().Be(new Quarter(2025, 4));
        new Quarter(2025, 4).Next().Should().Be(new Quarter(2026, 1));
        new Quarter(2026, 1).Add(-5).Should().Be(new Quarter(2024, 4));
        new Quarter(2026, 3).Add(6).Should().Be(new Quarter(2028, 1));
        (new Quarter(2025, 4) < new Quarter(2026, 1)).Should().BeTrue();
    }

    [Fact]
    public void Days_BoundTheQuarter()
    {
        var q = Quarter.Of(new DateOnly(2026, 5, 17));
        q.Should().Be(new Quarter(2026, 2));
        q.Start.Should().Be(new DateOnly(2026, 4, 1));
        q.End.Should().Be(new DateOnly(2026, 6, 30));
        new Quarter(2024, 1).End.Should().Be(new DateOnly(2024, 3, 31));
    }
}
