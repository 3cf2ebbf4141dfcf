using FluentAssertions;
using Vigil.Features.Commitments;
using Xunit;

namespace Vigil.Core.Tests.Features.Commitments;

public sealed class CarryForwardTests
{
    private static readonly Endorser Uk = new(1, "united-kingdom", "pall-mall-code");
    private static readonly Endorser France = new(2, "france", "pall-mall-code");

    // Edition 2 of the Code: commitment ids differ from edition 1, codes stay.
    private static readonly Dictionary<string, IReadOnlyList<PlannedCommitment>> Code = new()
    {
        ["pall-mall-code"] = [new(21, "code-v2--a1", "A1", 1), new(22, "code-v2--o1", "O1", 2)],
    };

    private static PriorAssessment Published(long id, long actor, string code, string quarter, int rating, int edition = 1) =>
        new(id, actor, "pall-mall-code", code, quarter, edition, rating, true, false, $"rationale {id}", "ana");

    [Fact]
    public void Plan_MakesADraftForEveryEndorserAndCommitment()
    {
        var plan = CarryForward.Plan(new Quarter(2026, 1), [Uk, France], Code, [], []);

        plan.Should().HaveCount(4);
        plan.Should().OnlyContain(p => p.From == null);
        plan.Select(p => (p.Endorser.ActorId, p.Commitment.Code)).Should().BeEquivalentTo([(1L, "A1"), (1L, "O1"), (2L, "A1"), (2L, "O1")]);
    }

    [Fact]
    public void Plan_CarriesTheLatestEarlierPublishedRating_ByCode_AcrossEditions()
    {
        var prior = new[]
        {
            Published(100, 1, "A1", "2025Q3", rating: 1),
            Published(101, 1, "A1", "2025Q4", rating: 2),
            Published(102, 1, "A1", "2025Q4", rating: 3, edition: 2), // the correction of 2025Q4 wins
            Published(103, 1, "O1", "2026Q2", rating: 4),             // a later quarter never leaks back
        };

        var plan = CarryForward.Plan(new Quarter(2026, 1), [Uk], Code, prior, []);

        plan.Single(p => p.Commitment.Code == "A1").From!.Id.Should().Be(102);
        plan.Single(p => p.Commitment.Code == "A1").From!.Rating.Should().Be(3);
        plan.Single(p => p.Commitment.Code == "O1").From.Should().BeNull();
    }

    [Fact]
    public void Plan_SkipsWhatTheQuarterHas_AndSeriesWithoutCommitments()
    {
        var declaration = new Endorser(1, "united-kingdom", "pall-mall-declaration");

        var plan = CarryForward.Plan(new Quarter(2026, 1), [Uk, Uk, declaration], Code, [], [(1, 21)]);

        plan.Should().ContainSingle().Which.Commitment.Code.Should().Be("O1");
    }
}
