using Vigil.Model;

namespace Vigil.Features.Common;

/// <summary>Validation messages by field (JSON names, e.g. <c>aliases[1].name</c>), as a ValidationProblem shows them.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>How many fields have errors.</summary>
    public int Count => _errors.Count;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Requires text with a visible character, no longer than <paramref name="max"/> (<see cref="InputGuard"/>); returns it trimmed.</summary>
    public string Required(string field, string? value, int max = 500)
    {
        if (InputGuard.IsBlank(value))
        {
            Add(field, string.IsNullOrWhiteSpace(value) ? $"{field} is required." : $"{field} is required: it holds only invisible characters.");
            return "";
        }
        return MaxLength(field, value!, max)!;
    }

    /// <summary>A list no longer than <paramref name="max"/> items (<see cref="InputGuard"/>'s counts).</summary>
    public void CountAtMost(string field, int count, int max, string what)
    {
        if (InputGuard.CountProblem(count, max, what) is { } problem)
        {
            Add(field, $"{field} {problem}.");
        }
    }

    /// <summary>Optional text: blank becomes null; too long is an error.</summary>
    public string? Optional(string field, string? value, int max = 500)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return MaxLength(field, value, max);
    }

    private string? MaxLength(string field, string value, int max)
    {
        var t = value.Trim();
        if (t.Length > max)
        {
            Add(field, $"{field} must be at most {max} characters.");
        }
        else if (InputGuard.CharacterProblem(t) is { } problem)
        {
            Add(field, $"{field} {problem}.");
        }
        return t;
    }

    /// <summary>An optional ISO 3166-1 alpha-2 code, upper-cased.</summary>
    public string? Country(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var code = value.Trim().ToUpperInvariant();
        if (!Model.Countries.IsKnown(code))
        {
            Add(field, $"'{value}' is not an ISO 3166-1 alpha-2 country code.");
        }
        return code;
    }

    /// <summary>An optional partial date (YYYY, YYYY-MM, YYYY-MM-DD).</summary>
    public string? PartialDate(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var t = value.Trim();
        if (!Model.PartialDate.IsValid(t))
        {
            Add(field, $"'{value}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD.");
        }
        return t;
    }

    /// <summary>The marking (TLP label), CLEAR when not given.</summary>
    public Marking Marking(string? value, Marking fallback = Model.Marking.Clear)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }
        if (!Markings.TryParse(value, out var marking))
        {
            Add("marking", $"'{value}' is not a TLP marking: CLEAR, GREEN, AMBER, AMBER+STRICT or RED.");
        }
        return marking;
    }

    /// <summary>The review status, draft when not given.</summary>
    public ReviewStatus Status(string? value, ReviewStatus fallback = ReviewStatus.Draft)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }
        if (!ReviewStatuses.TryParse(value, out var status))
        {
            Add("status", $"'{value}' is not a status: draft, in-review, published or retracted.");
        }
        return status;
    }

    /// <summary>An optional status filter.</summary>
    public ReviewStatus? StatusFilter(string? value) => string.IsNullOrWhiteSpace(value) ? null : Status(value);

    /// <summary>An optional slug given by the client: lower-case letters, digits and single hyphens.</summary>
    public string? Slug(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var t = value.Trim();
        if (!Slugs.IsValid(t))
        {
            Add("slug", "slug must be lower-case ascii letters and digits separated by hyphens, at most 200 characters.");
        }
        return t;
    }
}
