using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Commitments;
using Vigil.Features.Common;
using Vigil.Features.Search;
using Vigil.Web.Pages.Work;

namespace Vigil.Web.Pages.Commitments;

/// <summary>What the amendment form sends: each commitment's wording (by code), the ones withdrawn, one new one.</summary>
public sealed class AmendForm
{
    public string? Date { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Source { get; set; }

    public List<CommitmentRow> Commitments { get; set; } = [];

    public List<string> Withdrawn { get; set; } = [];

    public string? NewCode { get; set; }

    public string? NewPillar { get; set; }

    public string? NewText { get; set; }

    public int? Version { get; set; }

    public FrameworkAmendment ToInput() => new(
        Date: Date, Name: Name, Description: Description, Source: Source,
        Commitments: [.. Commitments.Where(c => !Withdrawn.Contains(c.Code ?? "")).Select(c => new CommitmentChange(c.Code, c.Text)),
            .. string.IsNullOrWhiteSpace(NewCode) && string.IsNullOrWhiteSpace(NewText) ? Array.Empty<CommitmentChange>() : [new CommitmentChange(NewCode, NewText, NewPillar)]],
        Withdrawn: Withdrawn, Version: Version);
}

/// <summary>One commitment's code and wording in the form.</summary>
public sealed class CommitmentRow
{
    public string? Code { get; set; }

    public string? Text { get; set; }
}

/// <summary>Amends a framework as a new edition (editors only): the commitments are copied, reworded, added or withdrawn.</summary>
public sealed class AmendModel(GetFrameworkHandler get, AmendFrameworkHandler amend, LookupHandler lookup, IReaderAccessor readers) : PageModel
{
    [BindProperty]
    public AmendForm Form { get; set; } = new();

    public FrameworkDetail Framework { get; private set; } = null!;

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public Picker Source { get; private set; } = null!;

    public string? Error(string field) => Errors is { } e && e.TryGetValue(field, out var m) ? string.Join(" ", m) : null;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        if (await get.HandleAsync(slug, ct) is not { } f)
        {
            return NotFound();
        }
        Framework = f;
        Form = new AmendForm
        {
            Name = f.Name, Description = f.Description, Version = f.Version,
            Commitments = f.Commitments.Select(c => new CommitmentRow { Code = c.Code, Text = c.Text }).ToList(),
        };
        Source = await Pickers.ForAsync(lookup, null, "source", "Form.Source", "source", "Source of the amended wording (its title; blank: unchanged)", "source", null, false, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        if (await get.HandleAsync(slug, ct) is not { } f)
        {
            return NotFound();
        }
        var result = await amend.HandleAsync(slug, Form.ToInput(), ct);
        switch (result.Status)
        {
            case WriteStatus.Created:
                return Redirect($"/commitments/frameworks/{Uri.EscapeDataString(result.Value!.Slug)}");
            case WriteStatus.NotFound:
                return NotFound();
            case WriteStatus.Forbidden:
                return Forbid();
            case WriteStatus.Conflict:
                Errors = new Dictionary<string, string[]> { ["version"] = ["This version was changed since you opened the form. Nothing was saved: open it again."] };
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            default:
                Errors = result.Errors;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }
        Framework = f;
        Source = await Pickers.ForAsync(lookup, Errors, "source", "Form.Source", "source", "Source of the amended wording (its title; blank: unchanged)", "source", Form.Source, false, ct);
        return Page();
    }
}
