using Vigil.Model;

namespace Vigil.Access;

/// <summary>
/// Who is reading or writing, as far as access is concerned. Every query through
/// <see cref="Data.VigilDb"/> is filtered by the reader the context was created for: this is the one
/// access rule, applied under pages, API, search, exports, counts and statistics alike.
/// </summary>
/// <param name="Name">Shown as the author of changes.</param>
/// <param name="Clearance">The highest marking this reader may see.</param>
/// <param name="SeesUnpublished">Whether drafts, records in review and retracted records are visible.</param>
/// <param name="CanEdit">Whether this reader may create and change records.</param>
public sealed record Reader(string Name, Marking Clearance, bool SeesUnpublished, bool CanEdit)
{
    /// <summary>The public: published records marked CLEAR or GREEN, read only.</summary>
    public static Reader Anonymous { get; } = new("anonymous", Marking.Green, SeesUnpublished: false, CanEdit: false);

    /// <summary>Maintenance work run by an operator on the server (migrations, imports, exports from the CLI).</summary>
    public static Reader System(string name = "system") => new(name, Marking.Red, SeesUnpublished: true, CanEdit: true);

    /// <summary>Whether a record with this marking and status is visible to this reader. Mirrors the query filter.</summary>
    public bool MaySee(Marking marking, ReviewStatus status) =>
        marking <= Clearance && (SeesUnpublished || status == ReviewStatus.Published);
}

/// <summary>Gives the reader of the current unit of work (request, command).</summary>
public interface IReaderAccessor
{
    Reader Current { get; }
}

/// <summary>A reader fixed for the lifetime of a scope: the CLI, tests, background work.</summary>
public sealed class FixedReaderAccessor(Reader reader) : IReaderAccessor
{
    public Reader Current { get; } = reader;
}
