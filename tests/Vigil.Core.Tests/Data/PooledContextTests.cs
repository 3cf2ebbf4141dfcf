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

    /// <summary>The database's contexts registered as the web host registers them, with a request's reader to set.</summary>
    private static ServiceProvider PooledServices(TestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(database.Settings()).Build());
        services.AddVigilDatabase();
        services.AddScoped<RequestReader>();
        services.AddScoped<IReaderAccessor>(sp => sp.GetRequiredService<RequestReader>());
        return services.BuildServiceProvider();
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
        await using var provider = PooledServices(database);

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

    [Fact]
    public async Task OnSqlite_APooledContext_KeepsItsConnectionOpen_FromRequestToRequest_ButNotAnUnfinishedTransaction()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await database.MigrateAsync();
        await using var provider = PooledServices(database);

        System.Data.Common.DbConnection connection;
        VigilDb first;
        await using (var request = provider.CreateAsyncScope())
        {
            first = request.ServiceProvider.GetRequiredService<VigilDb>();
            await first.Actors.CountAsync(Ct);
            connection = first.Database.GetDbConnection();
            connection.State.Should().Be(System.Data.ConnectionState.Open, "EF would have closed it after the query");
            // A request that fails half-way leaves its transaction open: going back to the pool must end it.
            await first.Database.BeginTransactionAsync(Ct);
            first.Actors.Add(new Actor { Slug = "never-committed", Name = "Never Committed", ActorKind = ActorKind.Company });
            await first.SaveChangesAsync(Ct);
        }
        connection.State.Should().Be(System.Data.ConnectionState.Open, "the pool's reset no longer closes it (KeptOpenSqliteConnection)");

        await using (var request = provider.CreateAsyncScope())
        {
            var second = request.ServiceProvider.GetRequiredService<VigilDb>();
            second.Should().BeSameAs(first, "the pool hands the context back out (else this test proves nothing)");
            second.Database.GetDbConnection().Should().BeSameAs(connection, "the same open connection: no reopening, no pragmas again");
            second.Database.CurrentTransaction.Should().BeNull();
            (await second.Actors.IgnoreQueryFilters().AnyAsync(a => a.Slug == "never-committed", Ct)).Should().BeFalse("the unfinished transaction was rolled back");
            // The connection's settings (SqlitePragmas) are still in place.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA foreign_keys";
            Convert.ToInt64(await pragma.ExecuteScalarAsync(Ct)).Should().Be(1);
        }
    }
}
