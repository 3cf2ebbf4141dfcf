using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Access;
using Vigil.Data;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Data;

/// <summary>
/// The graph's contexts come from a pool (<see cref="DatabaseSetup.AddVigilDatabase"/>): the same instance serves
/// request after request, so each request must get it with its own reader and nothing of the request before.
/// </summary>
public sealed class PooledContextTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The request's reader, as the web host's accessor gives it: set before the context is taken.</summary>
    private sealed class RequestReader : IReaderAccessor
    {
        public Reader Current { get; set; } = Reader.Anonymous;
    }

    [Fact]
    public async Task APooledContext_ServesEachRequestWithItsOwnReader_AndForgetsTheOneBefore()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await database.MigrateAsync();
        var editor = new Reader("pool-editor", Marking.Amber, SeesUnpublished: true, CanEdit: true) { AccountId = 7 };
        await using (var seed = database.CreateContext(editor))
        {
            seed.Actors.Add(new Actor { Slug = "pooled-draft", Name = "Pooled Draft", ActorKind = ActorKind.Company, Marking = Marking.Amber, Status = ReviewStatus.Draft });
            await seed.SaveChangesAsync(Ct);
        }
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(database.Settings()).Build());
        services.AddVigilDatabase();
        services.AddScoped<RequestReader>();
        services.AddScoped<IReaderAccessor>(sp => sp.GetRequiredService<RequestReader>());
        await using var provider = services.BuildServiceProvider();

        VigilDb first;
        await using (var request = provider.CreateAsyncScope())
        {
            request.ServiceProvider.GetRequiredService<RequestReader>().Current = editor;
            first = request.ServiceProvider.GetRequiredService<VigilDb>();
            first.Reader.Should().Be(editor);
            (await first.Actors.AnyAsync(a => a.Slug == "pooled-draft", Ct)).Should().BeTrue("the editor sees the AMBER draft");
            first.ChangeReason = "an editor's save";
            first.ApplyingApprovedChange = true;
        }
        first.Reader.Should().Be(Reader.Anonymous, "a context back in the pool reads as the public");

        await using (var request = provider.CreateAsyncScope())
        {
            // The public's request, taken after the editor's went back: the same context, none of the editor's state.
            var second = request.ServiceProvider.GetRequiredService<VigilDb>();
            second.Should().BeSameAs(first, "the pool hands the context back out (else this test proves nothing)");
            second.Reader.Should().Be(Reader.Anonymous);
            second.ChangeReason.Should().BeNull();
            second.ApplyingApprovedChange.Should().BeFalse();
            (await second.Actors.AnyAsync(a => a.Slug == "pooled-draft", Ct)).Should().BeFalse("the public never sees the draft");
        }
    }
}
