using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace Vigil.Web.Tests.Pages;

public abstract partial class PagesTests<TApp>
{
    [Fact]
    public async Task Search_TypoAndPrefixQueries_NeverReachHiddenRecords()
    {
        // The name engine's index holds every name; what it finds must still pass the reader's filters.
        foreach (var q in new[] { "Nightjr Brokerage", "Nightja", "Quilwort Draftwork", "Quillwort Draftworks Ltd" })
        {
            var html = await PageAsync("/search?q=" + Uri.EscapeDataString(q));
            html.Should().Contain("0 records", q);
            AssertNothingHidden(html);
            var json = await _client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=" + Uri.EscapeDataString(q), Ct);
            json.GetProperty("total").GetInt32().Should().Be(0, q);
            json.GetRawText().Should().NotContain("Nightjar").And.NotContain("Quillwort");
        }
    }
}
