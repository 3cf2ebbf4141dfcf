using System.Text.RegularExpressions;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Sources;

/// <summary>A source as a client writes it (create and update); <c>Version</c> is required on update only.</summary>
public sealed record SourceInput(
    string? Title = null, string? Kind = null, string? Slug = null, string? Publisher = null, string? Url = null,
    string? PublishedDate = null, string? AccessedDate = null, string? ContentHash = null, string? Reliability = null,
    string? Marking = null, string? Status = null, int? Version = null);

/// <summary>Validation of <see cref="SourceInput"/>, shared by create and update.</summary>
public static partial class SourceInputs
{
    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();

    public static void Apply(SourceInput input, Source source, VigilDb db, ValidationErrors errors)
    {
        source.Title = errors.Required("title", input.Title, 1000);
        if (!string.IsNullOrWhiteSpace(input.Kind))
        {
            if (SourceKinds.TryParse(input.Kind, out var kind))
            {
                source.SourceKind = kind;
            }
            else
            {
                errors.Add("kind", $"'{input.Kind}' is not a source kind: report, court-filing, government-notice, article, dataset or other.");
            }
        }
        source.Publisher = errors.Optional("publisher", input.Publisher, 300);
        source.Url = errors.Optional("url", input.Url, 2000);
        if (source.Url is not null && !(Uri.TryCreate(source.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            errors.Add("url", "url must be an absolute http or https address.");
        }
        source.PublishedDate = errors.PartialDate("publishedDate", input.PublishedDate);
        source.AccessedDate = errors.PartialDate("accessedDate", input.AccessedDate);
        if (source.AccessedDate is { Length: not 10 } && PartialDate.IsValid(source.AccessedDate))
        {
            errors.Add("accessedDate", "accessedDate must be a full date, YYYY-MM-DD.");
        }
        source.ContentHash = errors.Optional("contentHash", input.ContentHash?.ToLowerInvariant(), 64);
        if (source.ContentHash is not null && !Sha256().IsMatch(source.ContentHash))
        {
            errors.Add("contentHash", "contentHash must be a SHA-256 in hex (64 characters).");
        }
        if (!string.IsNullOrWhiteSpace(input.Reliability))
        {
            var grade = input.Reliability.Trim().ToUpperInvariant();
            if (grade.Length == 1 && Source.ReliabilityGrades.Contains(grade[0], StringComparison.Ordinal))
            {
                source.Reliability = grade[0];
            }
            else
            {
                errors.Add("reliability", $"'{input.Reliability}' is not an Admiralty reliability grade: A to F.");
            }
        }
        source.Marking = RecordWrites.Marking(input.Marking, source, db.Reader, errors);
        source.Status = errors.Status(input.Status, source.Id == 0 ? ReviewStatus.Draft : source.Status);
    }
}

/// <summary>Creates a source: a draft marked CLEAR, reliability F (cannot be judged) unless the input says otherwise.</summary>
public sealed class CreateSourceHandler(VigilDb db, GetSourceHandler get)
{
    public Task<WriteResult<SourceDetail>> HandleAsync(SourceInput input, CancellationToken ct = default)
    {
        var source = new Source();
        return RecordWrites.CreateAsync(db, source, input.Slug,
            errors => { SourceInputs.Apply(input, source, db, errors); return Task.CompletedTask; },
            publishingNeedsCitation: false, slug => get.HandleAsync(slug, ct), ct);
    }
}
