using System.ComponentModel.DataAnnotations;

namespace Vigil.Features.Webhooks;

/// <summary>How outgoing webhooks are sent (<c>Vigil:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Vigil:Webhooks";

    /// <summary>How often the sender looks for new changes and due deliveries, in seconds.</summary>
    [Range(0.05, 3600)]
    public double PollSeconds { get; set; } = 10;

    /// <summary>The wait before the first retry, in seconds; each further retry waits twice as long (at most six hours).</summary>
    [Range(0.05, 86400)]
    public double FirstRetrySeconds { get; set; } = 30;

    /// <summary>Attempts before a delivery is given up (marked failed).</summary>
    [Range(1, 30)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long one attempt may take, in seconds.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Whether hooks may point at loopback, private, link-local or otherwise internal addresses. Off by default:
    /// a hook is a request the server makes for a user, and must not reach the server's own network.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>The site's address, put in front of each record's path in a payload.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Whether the web server runs the sender (turn off on all but one node if you like; a delivery is claimed before it is sent).</summary>
    public bool Enabled { get; set; } = true;
}
