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

    /// <summary>
    /// What a cached read answer may be shared on: two readers with the same key see the same answer to
    /// every read that may be cached for signed-in readers. It holds every input of the access rule (the
    /// query filters of <see cref="Data.VigilDb"/> read the clearance, sees-unpublished and the focal
    /// point's state) and every other property a read handler consults (victim-data permission, the roles,
    /// the token's scope), so that a rule that starts reading one of them cannot serve another kind of
    /// reader's answer. Only <see cref="CacheKeyOmits"/> are left out, each for the reason given there; a
    /// test fails when a property is added to this record without being placed in the key or in that list.
    /// </summary>
    public string CacheKey => string.Create(global::System.Globalization.CultureInfo.InvariantCulture,
        $"c={(int)Clearance};u={SeesUnpublished};e={CanEdit};r={CanReview};a={IsAdmin};f={FocalPointCountry};ro={ReadOnlyToken};v={SeesVictimData};s={IsSystem};in={IsSignedIn}");

    /// <summary>
    /// The properties <see cref="CacheKey"/> leaves out, and why. Reads that depend on one of them (the
    /// review queue and history read the name; revealing an identity and exports write audit entries) are
    /// never cached for signed-in readers: see the web host's reader cache policy.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CacheKeyOmits { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(Name)] = "per person: shown as the author of changes; the reads that compare it (review queue, reveal) are not cached",
        [nameof(AccountId)] = "per person: the access rule reads the roles and clearance it leads to, not the id (IsSignedIn is in the key)",
    };

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
