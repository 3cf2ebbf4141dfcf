using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vigil.Data;
using Vigil.Security;
using Vigil.Testing;

namespace Vigil.Core.Tests.Security;

/// <summary>
/// A migrated database with the account services as web and CLI register them (Identity over
/// <see cref="SecurityDb"/>, the password rules, <see cref="Accounts"/>, <see cref="ApiTokens"/>) and a
/// clock that moves only when told.
/// </summary>
public abstract class SecurityTest(DatabaseKind kind) : DatabaseTest(kind)
{
    private ServiceProvider? _services;

    protected ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Clock);
        var options = Database.Options;
        services.AddDbContext<SecurityDb>(o => DatabaseSetup.Configure(o, options, SecurityDb.MigrationsHistoryTable));
        services.AddVigilAccounts();
        _services = services.BuildServiceProvider();
    }

    /// <summary>Runs <paramref name="work"/> in a fresh scope (one unit of work, as a request or a CLI verb).</summary>
    protected async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services!.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>A context on the security tables, apart from the services' scopes.</summary>
    protected SecurityDb CreateSecurityDb() => DatabaseSetup.CreateSecurityDb(Database.Options);

    public override async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}
