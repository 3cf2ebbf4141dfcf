using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Citations;
using Vigil.Features.Common;
using Vigil.Features.Search;
using Vigil.Features.Sources;

namespace Vigil.Web.Pages.Work;

/// <summary>What the cite form sends: an existing source by title, or a new one written inline, and the passage.</summary>
public sealed class CiteForm
{
    public string? Source { get; set; }

    public string? NewTitle { get; set; }

    public string? NewPublisher { get; set; }

    public string? NewUrl { get; set; }

    public string? NewDate { get; set; }

    public string? NewKind { get; set; } = "report";

    public string? NewReliability { get; set; } = "B";

    public string? Locator { get; set; }

    public string? Quote { get; set; }

    public int? Credibility { get; set; } = 2;

    public string? Marking { get; set; } = "CLEAR";

    public CiteInput ToInput(string subject) => new(
        Subject: subject, Source: Source,
        NewSource: string.IsNullOrWhiteSpace(NewTitle) ? null
            : new SourceInput(Title: NewTitle, Kind: NewKind, Publisher: NewPublisher, Url: NewUrl, PublishedDate: NewDate, Reliability: NewReliability),
        Locator: Locator, Quote: Quote, Credibility: Credibility, Marking: string.IsNullOrWhiteSpace(Marking) ? null : Marking);
}

/// <summary>
/// "Cite a source" from any record page (editors only): pick the source by its title or write a new one
/// here, then the passage, where it is and how credible. The citation goes to the review queue.
/// </summary>
public sealed class CiteModel(CiteRecordHandler cite, LookupHandler lookup, IReaderAccessor readers) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Subject { get; set; }

    /// <summary>Where to return after citing, for records without a page of their own (a commitment: its framework's page).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Back { get; set; }

    [BindProperty]
    public CiteForm Form { get; set; } = new();

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public Picker Source { get; private set; } = null!;

    /// <summary>The cited record's kind and page, from the subject.</summary>
    public (string Kind, string Slug, string Path)? Cited { get; private set; }

    public string? Error(string field) => Errors is { } e && e.TryGetValue(field, out var m) ? string.Join(" ", m) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        if (Parse() is not { } cited)
        {
            return NotFound();
        }
        Cited = cited;
        Source = await Pickers.ForAsync(lookup, null, "source", "Form.Source", "source", "Source (its title)", "source", null, false, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        if (Parse() is not { } cited)
        {
            return NotFound();
        }
        Cited = cited;
        var result = await cite.HandleAsync(Form.ToInput(Subject!), ct);
        switch (result.Status)
        {
            case WriteStatus.Created:
                return Redirect(cited.Path);
            case WriteStatus.NotFound:
                return NotFound();
            case WriteStatus.Forbidden:
                return Forbid();
        }
        Errors = result.Errors;
        Source = await Pickers.ForAsync(lookup, Errors, "source", "Form.Source", "source", "Source (its title)", "source", Form.Source, false, ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private (string Kind, string Slug, string Path)? Parse()
    {
        var parts = (Subject ?? "").Split(':', 2);
        if (parts.Length != 2 || parts[1].Length == 0)
        {
            return null;
        }
        var slug = Uri.EscapeDataString(parts[1]);
        string? path = parts[0] switch
        {
            "actor" => $"/actors/{slug}",
            "product" => $"/products/{slug}",
            "incident" => $"/incidents/{slug}",
            "measure" => $"/measures/{slug}",
            "relationship" => $"/relationships/{slug}",
            "framework" => $"/commitments/frameworks/{slug}",
            // Only a page of the commitments area, so that the parameter cannot send the editor elsewhere.
            "commitment" => Back is { } back && back.StartsWith("/commitments/", StringComparison.Ordinal) && Url.IsLocalUrl(back) ? back : "/commitments",
            "endorsement" or "assessment" or "national-report" => "/review",
            _ => null,
        };
        return path is null ? null : (parts[0], parts[1], path);
    }
}
