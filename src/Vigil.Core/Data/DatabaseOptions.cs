using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace Vigil.Data;

/// <summary>Where the knowledge graph is stored (<c>Vigil:Database</c>).</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Vigil:Database";

    /// <summary><c>sqlite</c> (the embedded default) or <c>postgres</c>.</summary>
    [Required]
    [RegularExpression("(?i)^(sqlite|postgres|postgresql)$", ErrorMessage = "Vigil:Database:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>For SQLite: the database file, created with its folder on first start.</summary>
    public string Path { get; set; } = ".vigil/vigil.db";

    /// <summary>For PostgreSQL: an Npgsql connection string. For SQLite: overrides <see cref="Path"/> when set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply migrations when the server starts (the default for the embedded database).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Load the starter dataset into an empty database when the server starts.</summary>
    public bool SeedOnStart { get; set; } = true;

    public bool IsPostgres => Provider.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsPostgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Vigil:Database:ConnectionString is required when Vigil:Database:Provider is 'postgres' (e.g. Host=127.0.0.1;Username=vigil;Database=vigil).",
                [nameof(ConnectionString)]);
        }
        if (!IsPostgres && string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(Path))
        {
            yield return new ValidationResult("Vigil:Database:Path must name the SQLite file.", [nameof(Path)]);
        }
    }

    /// <summary>
    /// The PostgreSQL connection string: <see cref="ConnectionString"/>, with two settings for the access rule's large queries
    /// (a citation is visible only when the record it cites is, through a dozen joins), each added only when the configured
    /// string does not name it (so <c>Options=</c> or <c>Max Auto Prepare=0</c> turns it off, behind a pooler that refuses
    /// startup options or prepared statements):
    /// <list type="bullet">
    /// <item>The server's JIT compiler off (<c>Options=-c jit=off</c>): such a query's estimated cost passes the JIT's
    /// thresholds, and the server then compiled hundreds of functions with LLVM on every execution: 6.7 s of a 6.8 s
    /// statistics query at 20,000 actors, 95 ms without. Vigil's queries are short; JIT never pays for itself there.</item>
    /// <item>Statements prepared once they are used twice on a connection, the 64 most used kept
    /// (<c>Max Auto Prepare=64;Auto Prepare Min Usages=2</c>): planning an actor's citations took 4.6 ms and running them
    /// 0.4 ms, on every read; a prepared statement is planned again only when PostgreSQL's plan cache finds it worth it.</item>
    /// </list>
    /// </summary>
    public string PostgresConnectionString()
    {
        var csb = new NpgsqlConnectionStringBuilder(ConnectionString);
        if (!Names("Options"))
        {
            csb.Options = "-c jit=off";
        }
        if (!Names("Max Auto Prepare"))
        {
            csb.MaxAutoPrepare = 64;
            if (!Names("Auto Prepare Min Usages"))
            {
                csb.AutoPrepareMinUsages = 2;
            }
        }
        return csb.ConnectionString;

        // Whether the configured string names a key, with or without its spaces, even with an empty value (which a
        // connection string builder drops): "Options=" asks for no options at all.
        bool Names(string key) => System.Text.RegularExpressions.Regex.IsMatch(
            ConnectionString ?? "", @"(^|;)\s*" + key.Replace(" ", @"\s*", StringComparison.Ordinal) + @"\s*=",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    }

    /// <summary>The SQLite connection string, from <see cref="ConnectionString"/> or <see cref="Path"/>.</summary>
    public string SqliteConnectionString() =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString : $"Data Source={System.IO.Path.GetFullPath(Path)};Pooling=True";
}
