using Vigil.Testing;

namespace Vigil.Web.Tests.Pages;

/// <summary>The app for anonymous readers over <see cref="TestGraph"/> only (no starter dataset).</summary>
public abstract class PagesApp : VigilApp
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _seeded;

    protected override bool Seed => false;

    public async Task EnsureGraphAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!_seeded)
            {
                await using var db = CreateDb();
                await TestGraph.SeedAsync(db);
                _seeded = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}

public sealed class SqlitePagesApp : PagesApp
{
    public override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class PostgresPagesApp : PagesApp
{
    public override DatabaseKind Kind => DatabaseKind.Postgres;
}
