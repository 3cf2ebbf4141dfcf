namespace Vigil.Features.Import;

/// <summary>
/// Something wrong in an imported file, precise enough to fix: the file (relative to the imported
/// folder), the line where known, the record id, the field, and what is wrong.
/// </summary>
public sealed record ImportError(string File, string? Record, string? Field, string Message, int? Line = null)
{
    public override string ToString() =>
        $"{File}{(Line is null ? "" : ":" + Line)}: {(Record is null ? "" : $"record '{Record}': ")}{(Field is null ? "" : Field + ": ")}{Message}";
}

/// <summary>Thrown when an import is refused; nothing was written.</summary>
public sealed class ImportRejectedException(IReadOnlyList<ImportError> errors)
    : Exception($"The import was refused ({errors.Count} error(s)); nothing was written:\n" + string.Join("\n", errors.Take(50)))
{
    public IReadOnlyList<ImportError> Errors { get; } = errors;
}
