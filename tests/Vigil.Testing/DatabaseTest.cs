using Xunit;

namespace Vigil.Testing;

/// <summary>
/// Base of tests whose body runs on each database: derive once per database with a
/// <c>[Trait("Database", "Sqlite")]</c> or <c>[Trait("Database", "Postgres")]</c> class. Each test gets
/// a fresh, migrated database.
/// </summary>
public abstract class DatabaseTest(DatabaseKind kind) : IAsyncLifetime
{
    private TestDatabase? _database;

    protected DatabaseKind Kind { get; } = kind;

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public virtual async ValueTask InitializeAsync()
    {
        TestDatabase.RequireAvailable(Kind);
        _database = await TestDatabase.CreateAsync(Kind);
        await _database.MigrateAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
