using FluentAssertions;
using Vigil.Features.Commitments;
using Xunit;

namespace Vigil.Core.Tests.Features.Commitments;

public sealed class WordsVsActionsTests
{
    private const long Nso = 1, Mexico = 2, Uk = 3, Saudi = 4;
    private static readonly ActionCitation Cite = new("citizen-lab", "Citizen Lab report", "https://citizenlab.ca/x", null);

    private static readonly Promise NsoPolicy = new(Nso, "nso-group", "NSO Group", "nso-human-rights-policy", "NSO Group Human Rights Policy", "2019", IsCompanyPolicy: true);
    private static readonly Promise UkCode = new(Uk, "united-kingdom", "United Kingdom", "pall-mall-code", "Pall Mall Code", "2025-04-04", IsCompanyPolicy: false);

    private static ActionEvent Incident(string key, string? date, params ActionParticipant[] who) => new(ActionKind.Incident, key, key, date, who, [Cite]);

    private static ActionEvent Supply(string key, string? date, long vendor, long customer) =>
        new(ActionKind.Supply, key, key, date, [new(vendor, ActionRoles.Vendor), new(customer, ActionRoles.Customer)], [Cite]);

    [Fact]
    public void AnIncidentBeforeTheEndorsementDoesNotCount_OneAfterDoes()
    {
        var before = Incident("before", "2025-03-30", new ActionParticipant(Uk, ActionRoles.SuspectedOperator));
        var after = Incident("after", "2025-06", new ActionParticipant(Uk, ActionRoles.SuspectedOperator));

        var found = WordsVsActions.Find([UkCode], [before, after]);

        found.Should().ContainSingle().Which.Event.Key.Should().Be("after");
        found[0].Reason.Should().Contain("suspected operator");
        found[0].Event.Citations.Should().ContainSingle().Which.SourceSlug.Should().Be("citizen-lab");
    }

    [Fact]
    public void OnlyEventsCertainlyAfterThePromiseCount()
    {
        // "2025" might be before 4 April 2025; an undated event can't be placed at all.
        var sameYear = Incident("same-year", "2025", new ActionParticipant(Uk, ActionRoles.SuspectedOperator));
        var undated = Incident("undated", null, new ActionParticipant(Uk, ActionRoles.SuspectedOperator));
        var sameDay = Incident("same-day", "2025-04-04", new ActionParticipant(Uk, ActionRoles.SuspectedOperator));

        WordsVsActions.Find([UkCode], [sameYear, undated, sameDay]).Should().BeEmpty();
        WordsVsActions.After("2025-04-05", "2025-04-04").Should().BeTrue();
        WordsVsActions.After("2025-05", "2025-04").Should().BeTrue();
        WordsVsActions.After("2026", "2025-12-31").Should().BeTrue();
        WordsVsActions.After("2025-12-31", "2025").Should().BeFalse();
    }

    [Fact]
    public void AVendorsPolicy_IsContradictedByLaterIncidentsOfItsCustomers_WhenEverTheSupplyBegan()
    {
        var supply = Supply("nso-mexico", "2012", Nso, Mexico);
        var early = Incident("mexico-2017", "2017-02", new ActionParticipant(Mexico, ActionRoles.SuspectedOperator));
        var late = Incident("mexico-2020", "2020-06", new ActionParticipant(Mexico, ActionRoles.SuspectedOperator));
        var notACustomer = Incident("other-2021", "2021", new ActionParticipant(Saudi, ActionRoles.SuspectedOperator));
        var namedVendor = Incident("vendor-2022", "2022-01", new ActionParticipant(Nso, ActionRoles.Vendor));

        var found = WordsVsActions.Find([NsoPolicy], [supply, early, late, notACustomer, namedVendor]);

        found.Select(c => c.Event.Key).Should().Equal("mexico-2020", "vendor-2022");
        found[0].Reason.Should().Contain("customer of NSO Group");
    }

    [Fact]
    public void AStateBuyingSpywareAfterItsEndorsement_IsProposed_AndAMeasureAgainstItCounts()
    {
        var purchase = Supply("paragon-uk", "2025-09", vendor: 9, customer: Uk);
        var olderPurchase = Supply("old", "2020", vendor: 9, customer: Uk);
        var measure = new ActionEvent(ActionKind.Measure, "m1", "m1", "2026-01-10", [new ActionParticipant(Uk, ActionRoles.MeasureTarget)], [Cite]);

        var found = WordsVsActions.Find([UkCode], [purchase, olderPurchase, measure]);

        found.Select(c => c.Event.Key).Should().Equal("paragon-uk", "m1");
        // A company's policy is not contradicted by its own sales' start dates alone.
        WordsVsActions.Find([NsoPolicy], [Supply("s", "2021", Nso, Mexico)]).Should().BeEmpty();
    }
}
