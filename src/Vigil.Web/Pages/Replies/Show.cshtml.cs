using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Common;
using Vigil.Features.Replies;
using Vigil.Features.Review;
using Vigil.Model;

namespace Vigil.Web.Pages.Replies;

/// <summary>What the "Record the answer" form sends.</summary>
public sealed class AnswerForm
{
    public int? Version { get; set; }

    public string? Outcome { get; set; } = "answered";

    public string? Date { get; set; }

    public string? Text { get; set; }

    public string? Url { get; set; }

    public ReplyAnswerInput ToInput() => new(Version, Outcome, Date, Text, Url);
}

/// <summary>
/// One request for comment: when and how it was sent, what was asked, about what, and its answer, refusal
/// or silence. Editors submit a draft for review and record the answer here ("Record the answer").
/// </summary>
public sealed class ShowModel(
    GetReplyRequestHandler get, RecordReplyAnswerHandler answer, SubmitForReviewHandler submit, IReaderAccessor readers) : PageModel
{
    public ReplyRequestView Reply { get; private set; } = null!;

    [BindProperty]
    public AnswerForm Form { get; set; } = new();

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public string? Message { get; private set; }

    public Reader Reader => readers.Current;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await get.HandleAsync(slug, ct) is not { } request)
        {
            return NotFound();
        }
        Reply = request;
        // Only editors are sent here with a message (see the actor page).
        if (Reader.CanEdit)
        {
            Message ??= TempData["Message"] as string;
        }
        return Page();
    }

    /// <summary>An editor records the answer or the refusal.</summary>
    public async Task<IActionResult> OnPostAnswerAsync(string slug, CancellationToken ct)
    {
        if (!Reader.CanEdit)
        {
            return NotFound();
        }
        var result = await answer.HandleAsync(slug, Form.ToInput(), ct);
        switch (result.Status)
        {
            case WriteStatus.Updated:
                return Redirect($"/replies/{Uri.EscapeDataString(slug)}");
            case WriteStatus.Pending:
                TempData["Message"] = "The request is published: the answer waits for a reviewer in the review queue.";
                return Redirect($"/replies/{Uri.EscapeDataString(slug)}");
            case WriteStatus.NotFound or WriteStatus.Forbidden:
                return NotFound();
        }
        var page = await OnGetAsync(slug, ct);
        Errors = result.Errors;
        Message = result.Status == WriteStatus.Conflict ? "The request was changed since you opened it: nothing was saved. Read it again and record the answer anew." : null;
        Response.StatusCode = result.Status == WriteStatus.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return page;
    }

    /// <summary>An editor submits the draft request (with its answer, if recorded) for review.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(string slug, int? version, CancellationToken ct)
    {
        return await Work.WorkPages.SubmitAsync(this, Reader, submit, RecordKind.ReplyRequest, slug, version, $"/replies/{Uri.EscapeDataString(slug)}",
            () => OnGetAsync(slug, ct), message => Message = message, ct);
    }

    public string? Error(string field) => Errors is { } e && e.TryGetValue(field, out var m) ? string.Join(" ", m) : null;
}
