using System.ComponentModel.DataAnnotations;

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

    /// <summary>The SQLite connection string, from <see cref="ConnectionString"/> or <see cref="Path"/>.</summary>
    public string SqliteConnectionString() =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString : $"Data Source={System.IO.Path.GetFullPath(Path)};Pooling=True";
}
