using Vigil.Model;

namespace Vigil.Access;

/// <summary>
/// Who is reading or writing, as far as access is concerned. Every query through
/// <see cref="Data.VigilDb"/> is filtered by the reader the context was created for: this is the one
/// access rule, applied under pages, API, search, exports, counts and statistics alike. A signed-in
/// person's reader is made in one place, <see cref="Security.AccountReaders"/>.
/// </summary>
/// <param name="Name">Shown as the author of changes.</param>
/// <param name="Clearance">The highest marking this reader may see.</param>
/// <param name="SeesUnpublished">Whether drafts, records in review and retracted records are visible.</param>
/// <param name="CanEdit">Whether this reader may create and change records (and submit them for review).</param>
public sealed record Reader(string Name, Marking Clearance, bool SeesUnpublished, bool CanEdit)
{
    /// <summary>The public: published records marked CLEAR, read only.</summary>
    public static Reader Anonymous { get; } = new("anonymous", Marking.Clear, SeesUnpublished: false, CanEdit: false);

    /// <summary>
    /// Maintenance work run by an operator on the server (migrations, imports of reviewed data files,
    /// exports from the CLI): sees everything and writes without review, because it acts for whoever
    /// holds the server itself.
    /// </summary>
    public static Reader System(string name = "system") =>
        new(name, Marking.Red, SeesUnpublished: true, CanEdit: true) { CanReview = true, IsSystem = true };

    /// <summary>The signed-in account, if any.</summary>
    public long? AccountId { get; init; }

    /// <summary>May publish or send back changes submitted by others.</summary>
    public bool CanReview { get; init; }

    /// <summary>May manage accounts.</summary>
    public bool IsAdmin { get; init; }

    /// <summary>For a focal point: the state (ISO 3166-1 alpha-2) whose national report they file.</summary>
    public string? FocalPointCountry { get; init; }

    /// <summary>Called with a read-only API token: no write at all, whatever the roles (a focal point's report included).</summary>
    public bool ReadOnlyToken { get; init; }

    /// <summary>May see targets' real identities (with RED clearance); every reveal is audited.</summary>
    public bool SeesVictimData { get; init; }

    /// <summary>The operator on the server (<see cref="System"/>).</summary>
    public bool IsSystem { get; init; }

    /// <summary>A person who is signed in (or calls with their API token).</summary>
    public bool IsSignedIn => AccountId is not null;

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
