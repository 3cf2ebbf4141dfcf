using FluentAssertions;
using Vigil.Access;
using Vigil.Features.Incidents;
using Vigil.Model;
using Xunit;

namespace Vigil.Core.Tests.Features.Incidents;

/// <summary>The derived flags and the statistics, as pure functions on small fixtures.</summary>
public sealed class IncidentStatisticsTests
{
    private static IncidentFacts Facts(string slug, int? year, string[] states, string[] residences, string[]? vendors = null,
        TargetCategory[]? categories = null) =>
        new(slug, year, states, [.. (vendors ?? []).Select(v => (v, v.ToUpperInvariant()))], [], categories ?? [], [], residences);

    [Theory]
    [InlineData(new[] { "SA" }, new[] { "CA" }, true)]    // a Saudi operator against a resident of Canada
    [InlineData(new[] { "MX" }, new[] { "MX" }, false)]   // at home
    [InlineData(new[] { "MX", "AE" }, new[] { "MX" }, true)] // one of two operators acting abroad is enough
    [InlineData(new string[0], new[] { "GB" }, false)]    // no operator: unknown, not transnational
    [InlineData(new[] { "RW" }, new string[0], false)]    // residence unknown: not counted
    public void Transnational_IsAnOperatorStateDifferentFromATargetsResidence(string[] states, string[] residences, bool expected) =>
        Transnational.IsTransnational(states, residences).Should().Be(expected);

    [Fact]
    public void StatesActingAbroad_NameOnlyTheStatesWhoseTargetLivesElsewhere() =>
        Transnational.StatesActingAbroad(["MX", "AE", "AE", null], ["MX"]).Should().Equal("AE");

    [Fact]
    public void Compute_CountsEachIncidentOncePerValue_AndLinksEveryFigureToItsListQuery()
    {
        var stats = IncidentStatistics.Compute(
        [
            Facts("a", 2020, ["SA"], ["CA"], ["nso-group"], [TargetCategory.Journalist, TargetCategory.Journalist]),
            Facts("b", 2020, ["SA"], ["SA"], ["nso-group", "candiru"], [TargetCategory.Activist]),
            Facts("c", 2021, ["RW"], ["BE", "GB"], ["nso-group"], [TargetCategory.HumanRightsDefender]),
            Facts("d", null, [], ["FR"], [], []),
        ]);

        stats.Incidents.Should().Be(4);
        stats.TransnationalIncidents.Should().Be(2);
        stats.StatesSuspected.Should().Be(2);
        stats.StatesActingAbroad.Should().Be(2);
        stats.Headline.Should().Be("2 governments are suspected of using commercial spyware against people outside their borders, in 2 of 4 published incidents.");
        stats.StatesActingAbroadList.Select(f => (f.Key, f.Incidents, f.Query)).Should().Equal(
            ("RW", 1, "operatorState=RW&transnational=true"), ("SA", 1, "operatorState=SA&transnational=true"));
        stats.ByYear.Select(f => (f.Key, f.Incidents, f.Query)).Should().Equal(("2020", 2, "year=2020"), ("2021", 1, "year=2021"));
        stats.ByVendor.Select(f => (f.Key, f.Incidents)).Should().Equal(("nso-group", 3), ("candiru", 1));
        stats.ByVendor[0].Query.Should().Be("vendor=nso-group");
        stats.ByOperatorState.Select(f => (f.Key, f.Incidents)).Should().Equal(("SA", 2), ("RW", 1));
        stats.ByTargetCategory.Select(f => (f.Key, f.Incidents)).Should().Equal(("activist", 1), ("human-rights-defender", 1), ("journalist", 1));
        stats.ByTransnational.Select(f => (f.Key, f.Incidents, f.Query)).Should().Equal(
            ("yes", 2, "transnational=true"), ("no", 2, "transnational=false"));
    }

    [Fact]
    public void Compute_OnNothing_SaysNoGovernment()
    {
        var stats = IncidentStatistics.Compute([]);
        stats.Incidents.Should().Be(0);
        stats.ByYear.Should().BeEmpty();
        stats.Headline.Should().StartWith("0 governments are suspected");
    }

    [Theory]
    [InlineData(Marking.Red, true, ConsentStatus.PublicRecord, false, true)]
    [InlineData(Marking.Red, false, ConsentStatus.PublicRecord, false, false)]   // no victim-data permission
    [InlineData(Marking.Amber, true, ConsentStatus.PublicRecord, false, false)]  // not cleared for RED
    [InlineData(Marking.Red, true, ConsentStatus.DoNotName, false, false)]       // cleared but not assigned
    [InlineData(Marking.Red, true, ConsentStatus.DoNotName, true, true)]         // cleared and assigned
    [InlineData(Marking.Red, false, ConsentStatus.DoNotName, true, false)]       // assigned but not cleared
    public void IdentityRule_NeedsRedAndVictimData_AndForDoNotName_Assignment(Marking clearance, bool victimData, ConsentStatus consent, bool assigned, bool expected)
    {
        var reader = new Reader("ana", clearance, SeesUnpublished: true, CanEdit: true) { SeesVictimData = victimData };
        TargetIdentityRule.MayReveal(reader, consent, assigned ? ["ana"] : ["bo"]).Should().Be(expected);
    }
}
