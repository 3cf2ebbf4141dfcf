using Vigil.Testing;
using Xunit;

namespace Vigil.Web.Tests.Api;

// One anonymous app and one editor app per database, shared by the API test classes: starting an app
// migrates a fresh database, so sharing keeps the suite quick. Tests create records with unique slugs.

[CollectionDefinition(Name)]
public sealed class SqliteApiCollection : ICollectionFixture<SqliteApp>, ICollectionFixture<SqliteEditorApp>
{
    public const string Name = "API on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresApiCollection : ICollectionFixture<PostgresApp>, ICollectionFixture<PostgresEditorApp>
{
    public const string Name = "API on PostgreSQL";
}
