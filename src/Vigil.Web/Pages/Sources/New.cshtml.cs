using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Common;
using Vigil.Features.Sources;
using Vigil.Web.Pages.Work;

namespace Vigil.Web.Pages.Sources;

/// <summary>What the new-source form sends: the document's description and, optionally, its archived copy.</summary>
public sealed class SourceForm
{
    public string? Title { get; set; }

    public string? Publisher { get; set; }

    public string? Url { get; set; }

    public string? PublishedDate { get; set; }

    public string? Kind { get; set; } = "report";

    public string? Reliability { get; set; } = "B";

    public string? Marking { get; set; } = "CLEAR";

    public SourceInput ToInput() => new(
        Title: Title, Kind: Kind, Publisher: Publisher, Url: Url, PublishedDate: PublishedDate, Reliability: Reliability, Marking: Marking, Status: "draft");
}

/// <summary>
/// A new source (editors): a report, filing, notice or article, with an optional archived copy uploaded
/// in the same step. Saved as a draft; cite it from any record, and submit it with what cites it.
/// </summary>
public sealed class NewModel(CreateSourceHandler create, AttachSourceArchiveHandler attach, IReaderAccessor readers) : PageModel
{
    [BindProperty]
    public SourceForm Form { get; set; } = new();

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public IActionResult OnGet() => readers.Current.CanEdit ? Page() : WorkPages.Refuse(this, readers.Current);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        // The copy is checked before anything is saved, so that a wrong file saves nothing.
        byte[]? content = null;
        if (file is { Length: > 0 })
        {
            if (file.Length > SourceArchiveRules.MaxBytes || SourceArchiveRules.Sniff(await FirstBytesAsync(file, ct)) is null)
            {
                Errors = new Dictionary<string, string[]>
                {
                    ["file"] = [file.Length > SourceArchiveRules.MaxBytes
                        ? $"The file is over {SourceArchiveRules.MaxBytes / (1024 * 1024)} MB."
                        : "The file is neither a PDF nor an HTML page (checked by its first bytes, whatever its name says)."],
                };
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        var result = await create.HandleAsync(Form.ToInput(), ct);
        if (result.Status != WriteStatus.Created)
        {
            Errors = result.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var slug = result.Value!.Slug;
        if (content is not null)
        {
            await attach.HandleAsync(slug, new SourceArchiveUpload(file!.ContentType, content), ct);
        }
        return Redirect($"/sources/{Uri.EscapeDataString(slug)}");
    }

    public string? Error(string field) => Errors is { } e && e.TryGetValue(field, out var m) ? string.Join(" ", m) : null;

    private static async Task<byte[]> FirstBytesAsync(IFormFile file, CancellationToken ct)
    {
        var head = new byte[Math.Min(1024, (int)file.Length)];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(head, ct);
        return head;
    }
}
