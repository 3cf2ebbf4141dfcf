using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Browse;
using Vigil.Features.Common;
using Vigil.Features.Review;
using Vigil.Model;

namespace Vigil.Web.Pages.Sources;

public sealed class ShowModel(
    GetSourceHandler handler, GetTombstoneHandler tombstones, Vigil.Features.Sources.GetSourceArchiveHandler archives, Vigil.Features.Sources.AttachSourceArchiveHandler attach,
    IReaderAccessor readers) : PageModel
{
    /// <summary>The archived copy, when one is kept and the reader may see the source.</summary>
    public Vigil.Features.Sources.SourceArchiveInfo? Archive { get; private set; }

    /// <summary>Why an upload was refused.</summary>
    public string? ArchiveError { get; private set; }

    public SourcePage Source { get; private set; } = null!;

    /// <summary>Set instead of the record when it was retracted (and the reader could see it when published).</summary>
    public TombstoneView? Tombstone { get; private set; }

    public Reader Reader => readers.Current;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var source = await handler.HandleAsync(new GetSourceRequest(slug), ct);
        if (source is null)
        {
            if (await tombstones.HandleAsync(RecordKind.Source, slug, ct) is { } gone)
            {
                Tombstone = gone;
                Response.StatusCode = StatusCodes.Status410Gone;
                return Page();
            }
            return NotFound();
        }
        Source = source;
        Archive = (await archives.HandleAsync(slug, withContent: false, ct))?.Info;
        return Page();
    }

    /// <summary>An editor stores the archived copy: the upload is checked and hashed by the use case.</summary>
    public async Task<IActionResult> OnPostArchiveAsync(string slug, IFormFile? file, CancellationToken ct)
    {
        if (!Reader.CanEdit)
        {
            return Vigil.Web.Pages.Work.WorkPages.Refuse(this, Reader);
        }
        byte[] content = [];
        if (file is not null && file.Length <= Vigil.Features.Sources.SourceArchiveRules.MaxBytes + 1)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        else if (file is not null)
        {
            content = new byte[Vigil.Features.Sources.SourceArchiveRules.MaxBytes + 1];
        }
        var result = await attach.HandleAsync(slug, new Vigil.Features.Sources.SourceArchiveUpload(file?.ContentType, content), ct);
        if (result.Status == WriteStatus.NotFound)
        {
            return NotFound();
        }
        if (result.Status == WriteStatus.Created)
        {
            return Redirect($"/sources/{Uri.EscapeDataString(slug)}");
        }
        var page = await OnGetAsync(slug, ct);
        ArchiveError = string.Join(" ", result.Errors?.SelectMany(e => e.Value) ?? []);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }
}
