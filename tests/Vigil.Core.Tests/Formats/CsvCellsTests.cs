using FluentAssertions;
using Vigil.Formats;
using Xunit;

namespace Vigil.Core.Tests.Formats;

/// <summary>CSV cells against formula injection (OWASP): one rule under every CSV writer, reversible for Vigil's own imports.</summary>
public sealed class CsvCellsTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTAB", "'\tTAB")]
    [InlineData("'=already", "''=already")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("NSO Group", "NSO Group")]
    [InlineData("", "")]
    public void ACellThatAFormulaCouldStart_GetsAnApostrophe_AndComesBackUnchanged(string value, string written)
    {
        CsvCells.Neutralise(value).Should().Be(written);
        CsvCells.Restore(written).Should().Be(value);
    }

    [Fact]
    public void TheCsvHelperWriter_NeutralisesEveryStringCell()
    {
        using var text = new StringWriter();
        using (var csv = CsvCells.Writer(text))
        {
            csv.WriteRecords(new[] { new { name = "=1+1", note = "fine", change = -0.5 } });
        }
        text.ToString().Should().Contain("'=1+1").And.Contain("-0.5").And.NotContain(",=1+1");
    }

    [Fact]
    public void AHandWrittenField_IsNeutralisedThenQuoted()
    {
        CsvCells.Field("=1,2").Should().Be("\"'=1,2\"");
        CsvCells.Field("say \"hi\"").Should().Be("\"say \"\"hi\"\"\"");
        CsvCells.Field(null).Should().Be("");
    }
}
