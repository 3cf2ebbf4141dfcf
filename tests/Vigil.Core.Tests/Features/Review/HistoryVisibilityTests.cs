using System.Text.Json;
using FluentAssertions;
using Vigil.Access;
using Vigil.Features.Review;
using Vigil.Model;
using Xunit;

namespace Vigil.Core.Tests.Features.Review;

/// <summary>A record's past is shown only as far as the reader was cleared for it at each step.</summary>
public sealed class HistoryVisibilityTests
{
    private static Revision Rev(int version, string operation, params FieldChange[] changes) => new()
    {
        Version = version, Operation = operation, By = "editor", RecordKind = RecordKind.Actor, RecordId = 1,
        Changes = JsonSerializer.Serialize(changes, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
    };

    // Created RED as a draft with a secret description, published, then lowered to CLEAR with the description replaced.
    private static readonly Revision[] s_newestFirst =
    [
        Rev(3, "update", new FieldChange("marking", "RED", "CLEAR"), new FieldChange("description", "secret informant detail", "public summary")),
        Rev(2, "update", new FieldChange("status", "in-review", "published")),
        Rev(1, "create", new FieldChange("name", null, "Vendor"), new FieldChange("marking", null, "RED"),
            new FieldChange("status", null, "draft"), new FieldChange("description", null, "secret informant detail")),
    ];

    [Fact]
    public void ThePublic_SeesOnlyTheLoweringRevision_WithoutTheOldValues()
    {
        var shown = HistoryVisibility.Visible(s_newestFirst, Reader.Anonymous);

        shown.Should().ContainSingle().Which.Version.Should().Be(3);
        JsonSerializer.Serialize(shown).Should().NotContain("secret informant detail");
        shown[0].Changes.Should().Contain(new FieldChange("description", HistoryVisibility.Withheld, "public summary"));
    }

    [Fact]
    public void AReaderClearedForRed_SeesThePublishedPast_ButNotTheDraft()
    {
        var reader = new Reader("r", Marking.Red, SeesUnpublished: false, CanEdit: false);

        var shown = HistoryVisibility.Visible(s_newestFirst, reader);

        shown.Select(r => r.Version).Should().Equal(3, 2);
        shown[0].Changes.Should().Contain(new FieldChange("description", "secret informant detail", "public summary"));
        shown[1].Changes.Should().Contain(new FieldChange("status", HistoryVisibility.Withheld, "published"));
    }

    [Fact]
    public void AnEditorClearedForRed_SeesEverything()
    {
        var shown = HistoryVisibility.Visible(s_newestFirst, Reader.System());

        shown.Select(r => r.Version).Should().Equal(3, 2, 1);
        shown.SelectMany(r => r.Changes).Should().NotContain(c => c.Old == HistoryVisibility.Withheld);
    }
}
