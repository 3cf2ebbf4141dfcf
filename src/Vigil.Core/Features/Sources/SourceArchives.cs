using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Sources;

/// <summary>What a reader learns of a source's archived copy before downloading it.</summary>
public sealed record SourceArchiveInfo(string FileName, string MediaType, long Size, string Sha256, DateTime StoredAt, string StoredBy)
{
    /// <summary>"PDF, 1.2 MB" or "HTML, 48 KB".</summary>
    public string Describe() =>
        $"{(MediaType == SourceArchiveRules.Pdf ? "PDF" : "HTML")}, {(Size >= 1024 * 1024 ? $"{Size / (1024.0 * 1024):0.#} MB" : $"{Math.Max(1, Size / 1024)} KB")}";
}

/// <summary>
/// An archived copy to store: its declared type and its bytes. The uploaded file's name is not kept (it
/// may name a person); the copy is named after the source.
/// </summary>
public sealed record SourceArchiveUpload(string? MediaType, byte[] Content);

/// <summary>The rules for an archived copy: what is accepted, and how big.</summary>
public static class SourceArchiveRules
{
    public const string Pdf = "application/pdf";
    public const string Html = "text/html";

    /// <summary>The largest copy kept: a long report as PDF fits, a video does not.</summary>
    public const int MaxBytes = 25 * 1024 * 1024;

    /// <summary>
    /// The type the bytes really have, whatever the upload declared: a PDF starts with "%PDF-"; an HTML
    /// page starts (after a byte-order mark and white space) with "&lt;". Null for anything else.
    /// </summary>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }
        var text = content.StartsWith("\uFEFF"u8) ? content[3..] : content;
        var i = 0;
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }
        return i < text.Length && text[i] == (byte)'<' ? Html : null;
    }

    /// <summary>The name without a path or characters a download header cannot carry.</summary>
    public static string SafeName(string? name, string mediaType)
    {
        var bare = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var clean = new string([.. bare.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')]).Trim('.');
        var extension = mediaType == Pdf ? ".pdf" : ".html";
        if (clean.Length == 0)
        {
            clean = "archived-copy" + extension;
        }
        else if (!clean.EndsWith(extension, StringComparison.OrdinalIgnoreCase) && !(mediaType == Html && clean.EndsWith(".htm", StringComparison.OrdinalIgnoreCase)))
        {
            clean += extension;
        }
        return clean.Length <= 300 ? clean : clean[^300..];
    }
}

/// <summary>
/// Stores the archived copy of a source (editors): a PDF or an HTML page up to 25 MB, checked by its
/// first bytes, kept with its SHA-256 and size, which also becomes the source's content hash. While
/// the source is a draft a new upload replaces the copy; in review or published the copy is kept. A
/// source in review or published that has none may still get one, when it matches the content hash
/// recorded for it (if any).
/// </summary>
public sealed class AttachSourceArchiveHandler(VigilDb db)
{
    public async Task<WriteResult<SourceArchiveInfo>> HandleAsync(string idOrSlug, SourceArchiveUpload upload, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit)
        {
            return WriteResult<SourceArchiveInfo>.Forbidden();
        }
        var source = await db.Sources.AsTracking().ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct);
        if (source is null)
        {
            return WriteResult<SourceArchiveInfo>.NotFound();
        }
        var errors = new ValidationErrors();
        var kind = SourceArchiveRules.Sniff(upload.Content);
        if (upload.Content.Length == 0)
        {
            errors.Add("file", "The file is empty: choose the PDF or the saved HTML page.");
        }
        else if (upload.Content.Length > SourceArchiveRules.MaxBytes)
        {
            errors.Add("file", $"The file is {upload.Content.Length / (1024 * 1024)} MB: an archived copy may be up to {SourceArchiveRules.MaxBytes / (1024 * 1024)} MB.");
        }
        else if (kind is null)
        {
            errors.Add("file", "The file is neither a PDF nor an HTML page (checked by its first bytes, whatever its name says).");
        }
        var existingId = await db.SourceArchives.Where(a => a.SourceId == source.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(upload.Content));
        if (existingId is not null && source.Status != ReviewStatus.Draft)
        {
            // In review, the reviewer reads this copy; published, others relied on it.
            errors.Add("file", "This source is in review or published with its archived copy: the copy is kept and is not replaced.");
        }
        else if (existingId is null && source.Status != ReviewStatus.Draft && source.ContentHash is not null && source.ContentHash != sha256)
        {
            errors.Add("file", "This file's SHA-256 differs from the content hash recorded for the source: it is not the document that was read.");
        }
        if (!errors.IsEmpty)
        {
            return WriteResult<SourceArchiveInfo>.Invalid(errors);
        }
        var archive = existingId is { } id ? await db.SourceArchives.AsTracking().FirstAsync(a => a.Id == id, ct) : new SourceArchive { SourceId = source.Id };
        // The download is named after the source, never after the uploaded file: a file name may name a
        // person (a target), and the source's own title and address are already checked for that.
        archive.FileName = SourceArchiveRules.SafeName(source.Slug, kind!);
        archive.MediaType = kind!;
        archive.Size = upload.Content.Length;
        archive.Sha256 = sha256;
        archive.Content = upload.Content;
        archive.StoredAt = db.Now();
        archive.StoredBy = db.Reader.Name;
        if (existingId is null)
        {
            db.SourceArchives.Add(archive);
        }
        source.ContentHash = archive.Sha256;
        // The hash is in the record (content hash); the reason stays short enough for a phone's change list.
        db.ChangeReason = $"archived copy stored ({(archive.MediaType == SourceArchiveRules.Pdf ? "PDF" : "HTML")}, {archive.Size} bytes)";
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return WriteResult<SourceArchiveInfo>.Created(Info(archive));
    }

    internal static SourceArchiveInfo Info(SourceArchive a) => new(a.FileName, a.MediaType, a.Size, a.Sha256, a.StoredAt, a.StoredBy);
}

/// <summary>
/// A source's archived copy, for a reader who may see the source (null otherwise, the same answer as
/// for no copy): its description, and with <c>withContent</c> its bytes.
/// </summary>
public sealed class GetSourceArchiveHandler(VigilDb db)
{
    public async Task<(SourceArchiveInfo Info, byte[]? Content)?> HandleAsync(string idOrSlug, bool withContent, CancellationToken ct = default)
    {
        var sourceId = await db.Sources.ByIdOrSlug(idOrSlug).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);
        if (sourceId is null)
        {
            return null;
        }
        var info = await db.SourceArchives.Where(a => a.SourceId == sourceId)
            .Select(a => new SourceArchiveInfo(a.FileName, a.MediaType, a.Size, a.Sha256, a.StoredAt, a.StoredBy)).FirstOrDefaultAsync(ct);
        if (info is null)
        {
            return null;
        }
        var content = withContent ? await db.SourceArchives.Where(a => a.SourceId == sourceId).Select(a => a.Content).FirstAsync(ct) : null;
        return (info, content);
    }
}
