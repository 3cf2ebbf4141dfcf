using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Incidents;
using Vigil.Features.Review;
using Vigil.Features.Sources;
using Vigil.Model;

namespace Vigil.Web.Pages.Incidents;

/// <summary>
/// An incident. Targets are shown by pseudonym and category; a reader cleared for an identity sees a
/// "Reveal" button, and the identity only in the answer to that POST (audited, never cached).
/// </summary>
public sealed class ShowModel(
    GetIncidentHandler handler, GetTombstoneHandler tombstones, RevealTargetIdentityHandler reveal, SubmitForReviewHandler submit,
    ListWeakEvidenceHandler weak, IReaderAccessor readers) : PageModel
{
    public IncidentDetail Incident { get; private set; } = null!;

    public TombstoneView? Tombstone { get; private set; }

    public Reader Reader => readers.Current;

    /// <summary>The identity revealed by this request's POST (pseudonym, identity); never in a GET.</summary>
    public (string Pseudonym, string Identity)? Revealed { get; private set; }

    /// <summary>True when the record rests only on tertiary or link-less sources (flagged in its header).</summary>
    public bool WeakEvidence { get; private set; }

    public string? Message { get; private set; }

    public bool MayReveal(TargetView t) => t.HasIdentity && TargetIdentityRule.MayReveal(Reader, t.Consent, t.Editors);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct);

    public async Task<IActionResult> OnPostRevealAsync(string slug, string target, CancellationToken ct)
    {
        var result = await reveal.HandleAsync(target, "page", ct);
        Response.Headers.CacheControl = "no-store";
        if (result.Outcome == RevealOutcome.Revealed)
        {
            Revealed = (result.Pseudonym!, result.Identity!);
        }
        else
        {
            Message = result.Outcome switch
            {
                RevealOutcome.Forbidden => "You are not cleared to see this identity.",
                RevealOutcome.NoIdentity => "No identity is recorded for this target.",
                RevealOutcome.KeyMissing => "The key for this identity is missing from the target key file.",
                _ => "There is no such target.",
            };
            Response.StatusCode = result.Outcome == RevealOutcome.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound;
        }
        var page = await LoadAsync(slug, ct);
        return page;
    }

    /// <summary>An editor submits the draft for review.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(string slug, CancellationToken ct)
    {
        return await Work.WorkPages.SubmitAsync(this, Reader, submit, RecordKind.Incident, slug, null, $"/incidents/{Uri.EscapeDataString(slug)}",
            () => LoadAsync(slug, ct), message => Message = message, ct);
    }

    private async Task<IActionResult> LoadAsync(string slug, CancellationToken ct)
    {
        var incident = await handler.HandleAsync(slug, ct);
        if (incident is null)
        {
            if (await tombstones.HandleAsync(RecordKind.Incident, slug, ct) is { } gone)
            {
                Tombstone = gone;
                Response.StatusCode = StatusCodes.Status410Gone;
                return Page();
            }
            return NotFound();
        }
        Incident = incident;
        WeakEvidence = await weak.IsWeakAsync(RecordKind.Incident, incident.Id, ct);
        return Page();
    }
}
