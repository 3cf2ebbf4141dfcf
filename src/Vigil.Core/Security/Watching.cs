namespace Vigil.Security;

/// <summary>
/// A person's private feed token: the secret is part of the feed's URL, so that a feed reader (which
/// cannot sign in) reads the feed as that person. Stored as a SHA-256 of the secret, like
/// <see cref="ApiToken"/>; one live token per account, regenerated or revoked from the account page.
/// </summary>
public sealed class FeedToken
{
    public long Id { get; set; }

    public long AccountId { get; set; }

    public Account? Account { get; set; }

    /// <summary>The first characters of the secret, shown on the account page ("vgf_3fQx…").</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the whole secret.</summary>
    public string Hash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}

/// <summary>What a watch follows.</summary>
public enum WatchKind
{
    /// <summary>One actor (by slug): itself, its edges, measures by or against it, its incidents.</summary>
    Actor = 0,

    /// <summary>One state (by slug): its actors, their measures and edges, incidents in it.</summary>
    State = 1,

    /// <summary>A vendor (a company, by slug): as an actor, and the products it develops.</summary>
    Vendor = 2,

    /// <summary>A search (the words): records whose names or titles hold them.</summary>
    Search = 3,
}

/// <summary>
/// One thing a person watches. The value is a slug or the words of a search, never a record's title:
/// what it is called is read through the person's own reader each time (a watch on a record the person
/// may no longer see simply shows nothing).
/// </summary>
public sealed class Watch
{
    public long Id { get; set; }

    public long AccountId { get; set; }

    public Account? Account { get; set; }

    public WatchKind Kind { get; set; }

    /// <summary>The actor's or state's slug, or the search's words.</summary>
    public string Value { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

/// <summary>Where a person's inbox and digest stand: the newest revision each has shown.</summary>
public sealed class InboxMark
{
    /// <summary>The account (one row each).</summary>
    public long AccountId { get; set; }

    public Account? Account { get; set; }

    /// <summary>The inbox lists changes after this revision ("since you last looked").</summary>
    public long SeenRevisionId { get; set; }

    public DateTime? SeenAt { get; set; }

    /// <summary>The last digest covered changes up to this revision.</summary>
    public long DigestRevisionId { get; set; }

    public DateTime? DigestAt { get; set; }
}

/// <summary>
/// An outgoing webhook: a URL that is sent each published change its owner's watchlist (or a feed kind)
/// follows, read as the owner's reader, signed with HMAC-SHA256 under the hook's secret.
/// </summary>
public sealed class Webhook
{
    public long Id { get; set; }

    public long AccountId { get; set; }

    public Account? Account { get; set; }

    /// <summary>Where deliveries are posted (http or https).</summary>
    public string Url { get; set; } = "";

    /// <summary>What it follows: "watchlist" (the owner's watches), "all", or a feed kind ("measure").</summary>
    public string Follows { get; set; } = "";

    /// <summary>The signing secret, protected with the data-protection keys (it must be read back to sign).</summary>
    public string ProtectedSecret { get; set; } = "";

    /// <summary>The first characters of the secret, to tell hooks apart.</summary>
    public string SecretPrefix { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? DisabledAt { get; set; }

    /// <summary>Revisions up to this one have been looked at for this hook (a restart resumes here).</summary>
    public long ScannedRevisionId { get; set; }
}

/// <summary>Where a delivery stands.</summary>
public enum DeliveryState
{
    Pending = 0,
    Delivered = 1,
    /// <summary>Given up after the last attempt.</summary>
    Failed = 2,
}

/// <summary>
/// One change to send to one hook: the outbox row. Written before any attempt, so a restart loses
/// nothing; attempts, their outcome and the next try are kept on it and shown to the hook's owner.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }

    public long WebhookId { get; set; }

    public Webhook? Webhook { get; set; }

    /// <summary>The revision the change is (one delivery per hook and revision).</summary>
    public long RevisionId { get; set; }

    /// <summary>The JSON body, as read through the owner's reader when the change was found.</summary>
    public string Payload { get; set; } = "";

    public DeliveryState State { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    /// <summary>The HTTP status of the last attempt, if it got an answer.</summary>
    public int? LastStatus { get; set; }

    /// <summary>Why the last attempt failed, in a few words (no response body is kept).</summary>
    public string? LastError { get; set; }

    public DateTime? DeliveredAt { get; set; }
}
