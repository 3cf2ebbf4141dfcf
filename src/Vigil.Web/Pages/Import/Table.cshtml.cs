using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Common;
using Vigil.Features.Import;
using Vigil.Web.Pages.Work;

namespace Vigil.Web.Pages.Import;

/// <summary>
/// "Import a table" (editors): upload a CSV or XLSX, map its columns (pre-filled from the headers or a
/// saved mapping), preview the dry run with every refused row and why, then import: the rows land as
/// drafts in one change set for review. No JavaScript: the file travels between the steps in a hidden
/// field, so nothing is stored before the import. Everyone else gets 404, as for the other work pages.
/// </summary>
[RequestFormLimits(ValueLengthLimit = 8 * 1024 * 1024, MultipartBodyLengthLimit = 8 * 1024 * 1024)]
public sealed class TableModel(ImportTableHandler import, TableMappingsHandler mappings, IReaderAccessor readers) : PageModel
{
    /// <summary>upload, map, preview or done.</summary>
    public string Step { get; private set; } = "upload";

    public IReadOnlyList<TableMappingView> Saved { get; private set; } = [];

    public string Target { get; private set; } = TableTargets.Relationships;

    public string? FileName { get; private set; }

    public string? FileContent { get; private set; }

    public TableData? Table { get; private set; }

    public IReadOnlyDictionary<string, string> Columns { get; private set; } = new Dictionary<string, string>();

    public TablePlan? Plan { get; private set; }

    public TableImportResult? Result { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? Notice { get; private set; }

    public string? MappingName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        Saved = await mappings.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, string? target, string? mapping, CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        Saved = await mappings.ListAsync(ct);
        Target = TableTargets.All.Contains(target) ? target! : TableTargets.Relationships;
        if (file is null || file.Length == 0)
        {
            return Fail(["Choose a CSV or XLSX file to upload."], StatusCodes.Status400BadRequest);
        }
        if (file.Length > TableFiles.MaxBytes)
        {
            return Fail([$"{file.FileName}: the table import takes files of at most {TableFiles.MaxBytes / 1024 / 1024} MB."], StatusCodes.Status400BadRequest);
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        // Only the base name: a path in the name is the uploader's disk, not ours.
        if (!Load(buffer.ToArray(), Path.GetFileName(file.FileName)))
        {
            return Page();
        }
        Dictionary<string, string> columns;
        if (!string.IsNullOrWhiteSpace(mapping) && await mappings.GetAsync(mapping, ct) is { } saved)
        {
            Target = saved.Target;
            MappingName = saved.Name;
            columns = saved.Columns.Where(c => Table!.Column(c.Value) >= 0).ToDictionary(c => c.Key, c => Table!.Headers[Table.Column(c.Value)]);
            var missing = saved.Columns.Where(c => Table!.Column(c.Value) < 0).Select(c => $"'{c.Value}' ({c.Key})").ToList();
            Notice = $"The mapping '{saved.Name}' is filled in." + (missing.Count > 0 ? $" This file has no column {string.Join(", ", missing)}: choose again." : "");
        }
        else
        {
            columns = TableTargets.Suggest(Target, Table!.Headers);
        }
        Columns = columns;
        Step = "map";
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string? content, string? fileName, string? target, Dictionary<string, string>? map, string? saveAs, CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        if (!Restore(content, fileName, target, map))
        {
            return Page();
        }
        Step = "map";
        var result = await import.PlanAsync(Table!, new TableImportInput(Target, Columns), ct);
        if (result.Outcome != TableImportOutcome.Done)
        {
            return Fail(result.Errors?.SelectMany(e => e.Value).ToList() ?? [result.Detail ?? "The table was not read."], StatusCodes.Status400BadRequest);
        }
        if (!string.IsNullOrWhiteSpace(saveAs))
        {
            var saved = await mappings.SaveAsync(saveAs, Target, Columns, ct);
            Notice = saved.Status is WriteStatus.Created or WriteStatus.Updated
                ? $"Mapping saved as '{saved.Value!.Name}': choose it with the next file."
                : "The mapping was not saved: " + string.Join(" ", saved.Errors?.SelectMany(e => e.Value) ?? []);
            MappingName = saveAs.Trim();
        }
        Plan = result.Plan;
        Step = "preview";
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(string? content, string? fileName, string? target, Dictionary<string, string>? map, bool skipRefused, CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        if (!Restore(content, fileName, target, map))
        {
            return Page();
        }
        var result = await import.ImportAsync(Table!, new TableImportInput(Target, Columns, skipRefused), ct);
        Result = result;
        Plan = result.Plan;
        switch (result.Outcome)
        {
            case TableImportOutcome.Done:
                Step = "done";
                return Page();
            case TableImportOutcome.Invalid:
                Step = "map";
                return Fail(result.Errors?.SelectMany(e => e.Value).ToList() ?? [], StatusCodes.Status400BadRequest);
            case TableImportOutcome.Forbidden:
                return WorkPages.Refuse(this, readers.Current);
            default:
                Step = "preview";
                return Fail([result.Detail ?? "Nothing was written."], StatusCodes.Status409Conflict);
        }
    }

    /// <summary>The file, target and mapping as the previous step sent them.</summary>
    private bool Restore(string? content, string? fileName, string? target, Dictionary<string, string>? map)
    {
        Target = TableTargets.All.Contains(target) ? target! : TableTargets.Relationships;
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(content ?? "");
        }
        catch (FormatException)
        {
            bytes = [];
        }
        if (bytes.Length == 0 || string.IsNullOrWhiteSpace(fileName))
        {
            Step = "upload";
            Errors = ["The file did not come with the form: upload it again."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }
        if (!Load(bytes, Path.GetFileName(fileName)))
        {
            return false;
        }
        Columns = (map ?? []).Where(m => !string.IsNullOrWhiteSpace(m.Value)).ToDictionary(m => m.Key, m => m.Value.Trim(), StringComparer.Ordinal);
        return true;
    }

    private bool Load(byte[] bytes, string name)
    {
        try
        {
            Table = TableFiles.Read(bytes, name);
        }
        catch (TableFileException e)
        {
            Step = "upload";
            Errors = [e.Message];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }
        FileName = name;
        FileContent = Convert.ToBase64String(bytes);
        return true;
    }

    private PageResult Fail(IReadOnlyList<string> errors, int status)
    {
        Errors = errors;
        Response.StatusCode = status;
        return Page();
    }
}
