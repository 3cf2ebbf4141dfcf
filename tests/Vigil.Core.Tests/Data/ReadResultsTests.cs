using FluentAssertions;
using Vigil.Access;
using Vigil.Data;
using Vigil.Model;
using Xunit;

namespace Vigil.Core.Tests.Data;

/// <summary>
/// Heavy results kept per data version and kind of reader: computed once, never handed to another kind of
/// reader, computed again after a save. Other tests save in parallel (the data version is process-wide), so
/// each check is retried until it ran within one version.
/// </summary>
public sealed class ReadResultsTests
{
    private static readonly Reader s_public = Reader.Anonymous;
    private static readonly Reader s_editor = new("editor", Marking.Amber, SeesUnpublished: true, CanEdit: true) { AccountId = 1 };

    private static async Task WithinOneVersionAsync(Func<Task> check)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var version = DataVersion.Current;
            await check();
            if (DataVersion.Current == version)
            {
                return;
            }
        }
        throw new Xunit.Sdk.XunitException("the data version never held still");
    }

    [Fact]
    public async Task AResult_IsComputedOncePerVersionAndReaderKind_AndAgainAfterASave()
    {
        var question = Guid.NewGuid().ToString();
        var computed = 0;
        Task<string?> Compute(Reader r) => Task.FromResult<string?>($"{r.Name} answer {Interlocked.Increment(ref computed)}");

        await WithinOneVersionAsync(async () =>
        {
            computed = 0;
            var first = await ReadResults.GetOrComputeAsync(s_public, question, () => Compute(s_public));
            var again = await ReadResults.GetOrComputeAsync(s_public, question, () => Compute(s_public));
            var editors = await ReadResults.GetOrComputeAsync(s_editor, question, () => Compute(s_editor));
            again.Should().BeSameAs(first, "the same kind of reader asking the same question within one version");
            editors.Should().StartWith("editor", "another kind of reader never gets the public's result");
            computed.Should().Be(2);
        });

        var before = await ReadResults.GetOrComputeAsync(s_public, question, () => Compute(s_public));
        DataVersion.Bump();
        var after = await ReadResults.GetOrComputeAsync(s_public, question, () => Compute(s_public));
        after.Should().NotBe(before, "a save makes every older result unreachable");
    }
}
