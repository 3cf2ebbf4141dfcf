using FluentAssertions;
using Vigil.Features.Gaps;
using Vigil.Model;
using Xunit;

namespace Vigil.Core.Tests.Features.Gaps;

/// <summary>The coordination-gap matrix on small hand-built graphs.</summary>
public sealed class GapAnalysisTests
{
    // States
    private static readonly GapActor s_us = new(1, "united-states", "United States", ActorKind.State, "US");
    private static readonly GapActor s_uk = new(2, "united-kingdom", "United Kingdom", ActorKind.State, "GB");
    private static readonly GapActor s_greece = new(3, "greece", "Greece", ActorKind.State, "GR");
    // Agencies: OFAC reaches the US through Treasury; BIS only has its country.
    private static readonly GapActor s_treasury = new(10, "us-treasury", "US Treasury", ActorKind.PublicBody, null);
    private static readonly GapActor s_ofac = new(11, "ofac", "OFAC", ActorKind.PublicBody, null);
    private static readonly GapActor s_bis = new(12, "bis", "BIS", ActorKind.PublicBody, "US");
    private static readonly GapActor s_whatsapp = new(13, "whatsapp", "WhatsApp", ActorKind.Company, "US");
    // The network
    private static readonly GapActor s_intellexa = new(20, "intellexa-sa", "Intellexa S.A.", ActorKind.Company, "GR");
    private static readonly GapActor s_cytrox = new(21, "cytrox-ad", "Cytrox AD", ActorKind.Company, "MK");
    private static readonly GapActor s_thalestris = new(22, "thalestris", "Thalestris Limited", ActorKind.Company, "IE");
    private static readonly GapActor s_dilian = new(23, "tal-dilian", "Tal Dilian", ActorKind.Person, null);
    private static readonly GapActor s_newco = new(24, "newco", "NewCo Ltd", ActorKind.Company, "AE");
    private static readonly GapActor s_cytroxShop = new(25, "cytrox-shop", "Cytrox Shop", ActorKind.Company, "HU");
    private static readonly GapActor s_stranger = new(26, "stranger", "Unrelated Ltd", ActorKind.Company, "CY");

    private static readonly Jurisdiction[] s_states =
    [
        new("greece", "Greece", "GR"), new("united-kingdom", "United Kingdom", "GB"), new("united-states", "United States", "US"),
    ];

    private static readonly GapEdge[] s_edges =
    [
        new(11, 10, RelationshipType.PartOf), new(10, 1, RelationshipType.PartOf),
        new(21, 20, RelationshipType.SubsidiaryOf),   // Cytrox → Intellexa (1 hop)
        new(22, 20, RelationshipType.Owns),           // Thalestris owns Intellexa (1 hop)
        new(23, 20, RelationshipType.OfficerOf),      // Dilian (1 hop)
        new(24, 20, RelationshipType.SuccessorOf),    // NewCo continues Intellexa (1 hop)
        new(25, 21, RelationshipType.SubsidiaryOf),   // Cytrox Shop → Cytrox (2 hops)
        new(20, 26, RelationshipType.Supplies),       // a customer is not network
    ];

    private static GapMeasure Measure(long id, MeasureType type, GapActor authority, string since, bool ended = false, params GapActor[] targets) =>
        new(id, $"m{id}", $"Measure {id}", type, authority.Id, since, ended ? "2025-07-01" : null, ended, targets.Select(t => t.Id).ToList());

    private static GapGraph Graph(params GapMeasure[] measures) => new(
        [s_us, s_uk, s_greece, s_treasury, s_ofac, s_bis, s_whatsapp, s_intellexa, s_cytrox, s_thalestris, s_dilian, s_newco, s_cytroxShop, s_stranger],
        s_edges, measures);

    private static GapMatrix Compute(GapGraph graph, int hops = 2, IReadOnlyList<string>? group = null, IReadOnlyList<MeasureType>? types = null,
        string? groupName = null) =>
        GapAnalysis.Compute(graph, new GapQuery("intellexa-sa", hops, group, types, groupName), s_states);

    [Fact]
    public void Network_FollowsOwnershipSubsidiariesOfficersAndSuccessors_UpToTheHops_NotCustomersOrStates()
    {
        var one = Compute(Graph(), hops: 1);
        one.Network.Select(m => m.Actor.Slug).Should().BeEquivalentTo(["intellexa-sa", "cytrox-ad", "thalestris", "tal-dilian", "newco"]);
        one.Network.Single(m => m.Actor.Slug == "newco").Path.Should().Be($"{RelationshipType.SuccessorOf.ToLabel()} Intellexa S.A.");

        var two = Compute(Graph(), hops: 2);
        two.Network.Should().Contain(m => m.Actor.Slug == "cytrox-shop" && m.Hops == 2);
        two.Network.Should().NotContain(m => m.Actor.Slug == "stranger" || m.Actor.Kind == ActorKind.State || m.Actor.Kind == ActorKind.PublicBody);

        Compute(Graph(), hops: 0).Network.Should().ContainSingle().Which.Actor.Slug.Should().Be("intellexa-sa");
    }

    [Fact]
    public void AnAgency_CountsForItsState_ThroughThePartOfChain_OrItsCountry()
    {
        var matrix = Compute(Graph(
            Measure(1, MeasureType.Sanction, s_ofac, "2024-03-05", targets: s_intellexa),
            Measure(2, MeasureType.ExportControlListing, s_bis, "2023-07-18", targets: s_cytrox)));

        var sanction = matrix.Cell("united-states", MeasureType.Sanction);
        sanction.Filled.Should().BeTrue();
        sanction.InForce.Should().ContainSingle().Which.Should().Match<CellMeasure>(m =>
            m.AuthoritySlug == "ofac" && m.TargetSlug == "intellexa-sa" && m.Since == "2024-03-05");
        matrix.Cell("united-states", MeasureType.ExportControlListing).InForce.Should().ContainSingle(m => m.TargetSlug == "cytrox-ad");
        matrix.Cell("united-kingdom", MeasureType.Sanction).Filled.Should().BeFalse();
        matrix.NonState.Should().BeEmpty();
    }

    [Fact]
    public void ALiftedMeasure_DoesNotFillItsCell_AndMakesNoGap()
    {
        var matrix = Compute(Graph(
            Measure(1, MeasureType.Sanction, s_ofac, "2024-03-05", ended: true, targets: s_thalestris)));

        var cell = matrix.Cell("united-states", MeasureType.Sanction);
        cell.Filled.Should().BeFalse();
        cell.Lifted.Should().ContainSingle().Which.LiftedOn.Should().Be("2025-07-01");
        matrix.Gaps.Should().BeEmpty();
        matrix.EvasionSurface.Should().BeEmpty();
    }

    [Fact]
    public void ASuccessor_OrSubsidiary_WithNoMeasure_IsOnTheEvasionSurface()
    {
        var matrix = Compute(Graph(Measure(1, MeasureType.Sanction, s_ofac, "2024-03-05", targets: s_intellexa)));

        matrix.EvasionSurface.Select(e => e.Member.Actor.Slug).Should().BeEquivalentTo(["cytrox-ad", "thalestris", "tal-dilian", "newco"]);
        matrix.EvasionSurface.Single(e => e.Member.Actor.Slug == "newco").MeasuredRelated.Should().Equal("Intellexa S.A.");
        // Two hops away and next to no measured member: not on the surface.
        matrix.EvasionSurface.Should().NotContain(e => e.Member.Actor.Slug == "cytrox-shop");
    }

    [Fact]
    public void Gaps_NameTheJurisdiction_TheMember_WhoActed_Since_AndTheRelated_RankedBySeverity()
    {
        var matrix = Compute(Graph(
                Measure(1, MeasureType.Sanction, s_ofac, "2024-03-05", targets: [s_intellexa, s_cytrox, s_thalestris]),
                Measure(2, MeasureType.VisaRestriction, s_us, "2024-04-22", targets: s_dilian),
                Measure(3, MeasureType.CriminalCharge, s_greece, "2025-01-10", targets: s_dilian),
                Measure(4, MeasureType.Lawsuit, s_whatsapp, "2019-10-29", targets: s_intellexa)),
            group: ["united-kingdom", "united-states"], groupName: "Pall Mall Code");

        matrix.Jurisdictions.Select(j => j.Slug).Should().Equal("united-kingdom", "united-states");
        var uk = matrix.GapsOf("united-kingdom").ToList();
        // Two states have acted against Dilian: the widest gap ranks first; then the vendor, then by name.
        uk.Select(g => g.Member.Actor.Slug).Should().Equal("tal-dilian", "intellexa-sa", "cytrox-ad", "thalestris");
        uk[1].Text.Should().Be("United Kingdom (signatory of the Pall Mall Code): no measure against Intellexa S.A., sanctioned by United States"
            + " since 2024-03-05; related: Cytrox AD, Thalestris Limited");
        uk[1].Evidence.Should().ContainSingle().Which.MeasureSlug.Should().Be("m1");
        uk[0].Text.Should().Contain("Tal Dilian").And.Contain("(and measured by 1 other state)");
        // The US has measured every measured member: no US gap. Greece is outside the chosen group.
        matrix.GapsOf("united-states").Should().BeEmpty();
        matrix.GapsOf("greece").Should().BeEmpty();
        // A company's lawsuit fills no state's cell: it is listed apart.
        matrix.NonState.Should().ContainSingle().Which.AuthoritySlug.Should().Be("whatsapp");
    }

    [Fact]
    public void ChosenMeasureTypes_LimitTheCells_AndTheGaps()
    {
        var matrix = Compute(Graph(
                Measure(1, MeasureType.Sanction, s_ofac, "2024-03-05", targets: s_intellexa),
                Measure(2, MeasureType.ExportControlListing, s_bis, "2023-07-18", targets: s_cytrox)),
            types: [MeasureType.ExportControlListing]);

        matrix.Types.Should().Equal(MeasureType.ExportControlListing);
        matrix.Cells.Should().OnlyContain(c => c.Type == MeasureType.ExportControlListing).And.HaveCount(3);
        matrix.Gaps.Select(g => g.Member.Actor.Slug).Distinct().Should().Equal("cytrox-ad");
    }

    [Fact]
    public void AMeasureAgainstSomeoneOutsideTheNetwork_IsIgnored()
    {
        var matrix = Compute(Graph(Measure(1, MeasureType.Sanction, s_ofac, "2024-03-05", targets: s_stranger)));

        matrix.Cells.Should().OnlyContain(c => !c.Filled && c.Lifted.Count == 0);
        matrix.Gaps.Should().BeEmpty();
    }

    [Fact]
    public void ForJurisdiction_RowsPerMeasuredVendor_AndEachMemberOnce_UnderItsBestReading()
    {
        // Cytrox is a vendor of its own whose network (within 1 hop) overlaps Intellexa's; the stranger's network is unmeasured.
        var graph = Graph(
            Measure(1, MeasureType.Sanction, s_ofac, "2024-03-05", targets: [s_intellexa, s_cytrox]),
            Measure(2, MeasureType.Sanction, s_greece, "2025-01-01", targets: s_cytrox),
            Measure(3, MeasureType.VisaRestriction, s_uk, "2024-06-01", targets: s_dilian));

        var view = GapAnalysis.ForJurisdiction(graph, ["intellexa-sa", "cytrox-ad", "stranger", "no-such-vendor"], "united-kingdom", 1, null, s_states);

        view.Jurisdiction.Name.Should().Be("United Kingdom");
        view.Rows.Select(r => r.Vendor.Slug).Should().Equal("cytrox-ad", "intellexa-sa");
        var intellexa = view.Rows.Single(r => r.Vendor.Slug == "intellexa-sa");
        intellexa.Cells.Single(c => c.Type == MeasureType.VisaRestriction).Filled.Should().BeTrue("the UK's own measure against Dilian is in the row");
        intellexa.Gaps.Should().Be(2, "Intellexa and Cytrox are measured by others, not by the UK");
        view.Gaps.Select(g => g.Member.Actor.Slug).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(["intellexa-sa", "cytrox-ad"]);
        view.Gaps.First().Member.Actor.Slug.Should().Be("cytrox-ad", "measured by two states, it ranks first");
        view.Gaps.Should().OnlyContain(g => g.Text.StartsWith("United Kingdom: no measure against", StringComparison.Ordinal));

        var us = GapAnalysis.ForJurisdiction(graph, ["intellexa-sa"], "united-states", 1, [MeasureType.Sanction], s_states);
        us.Types.Should().Equal(MeasureType.Sanction);
        us.Rows.Single().Cells.Single().InForce.Should().HaveCount(2);
        us.Gaps.Should().BeEmpty("the US has measured every member others have");
    }
}
