using FluentAssertions;
using Vigil.Model;
using Vigil.Security;
using Xunit;

namespace Vigil.Core.Tests.Security;

/// <summary>Which exports leave an audit entry: those carrying anything marked AMBER or above.</summary>
public sealed class ExportAuditTests
{
    [Theory]
    [InlineData(Marking.Clear, false)]
    [InlineData(Marking.Green, false)]
    [InlineData(Marking.Amber, true)]
    [InlineData(Marking.AmberStrict, true)]
    [InlineData(Marking.Red, true)]
    public void IsAudited_FromAmberUp(Marking highest, bool audited) => ExportAudit.IsAudited(highest).Should().Be(audited);
}
