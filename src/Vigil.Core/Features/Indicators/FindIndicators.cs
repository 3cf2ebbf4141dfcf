using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Indicators;

/// <summary>One indicator as a reader sees it: the observable, its pattern, and the product and incident it points at.</summary>
public sealed record IndicatorView(
    string Slug, string StixId, string Kind, string ObservableType, string Value, string Pattern, string PatternType,
    DateTime? ValidFrom, RecordRef? Product, RecordRef? Incident, string Marking, ReviewStatus Status);

/// <summary>Which indicators to find: a value (a domain, URL, address, hash, process or file name) and/or a product's slug.</summary>
public sealed record FindIndicatorsQuery(string? Value = null, string? Product = null, int? Limit = null);

/// <summary>
/// "Which product is this domain or hash?": the indicators whose observable is <c>Value</c> (folded: case,
/// spaces, a domain's trailing dot), or whose pattern names it in any of its comparisons, under the access
/// rule (an indicator hides with its product or incident).
/// </summary>
public sealed class FindIndicatorsHandler(VigilDb db)
{
    public const int MaxLimit = 500;

    public async Task<ListResult<IndicatorView>> HandleAsync(FindIndicatorsQuery query, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var value = query.Value?.Trim();
        var product = query.Product?.Trim();
        if (string.IsNullOrEmpty(value) && string.IsNullOrEmpty(product))
        {
            errors.Add("value", "Give a value to look up (a domain, URL, IP address, e-mail address, hash, process or file name), or a product.");
        }
        if (value is { Length: > 2000 })
        {
            errors.Add("value", "At most 2000 characters.");
        }
        var limit = query.Limit ?? 100;
        if (limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"Between 1 and {MaxLimit}.");
        }
        if (!errors.IsEmpty)
        {
            return ListResult<IndicatorView>.Invalid(errors);
        }
        var set = db.Indicators.AsNoTracking();
        if (!string.IsNullOrEmpty(value))
        {
            var key = Indicator.KeyOf(value);
            var quoted = $"'{value}'";
            set = set.Where(i => i.ValueKey == key || i.Pattern.Contains(quoted));
        }
        if (!string.IsNullOrEmpty(product))
        {
            set = set.Where(i => i.Product!.Slug == product);
        }
        var total = await set.CountAsync(ct);
        var rows = await set.OrderBy(i => i.ValueKey).ThenBy(i => i.Id).Take(limit).Select(i => new
        {
            i.Slug, i.StixId, i.ObservableKind, i.ObservableType, i.Value, i.Pattern, i.PatternType, i.ValidFrom,
            ProductSlug = i.Product!.Slug, ProductName = i.Product!.Name, IncidentSlug = i.Incident!.Slug, IncidentTitle = i.Incident!.Title,
            i.Marking, i.Status,
        }).ToListAsync(ct);
        var items = rows.Select(r => new IndicatorView(
            r.Slug, r.StixId, r.ObservableKind.ToString().ToLowerInvariant(), r.ObservableType, r.Value, r.Pattern, r.PatternType, r.ValidFrom,
            r.ProductSlug is null ? null : new RecordRef("product", r.ProductSlug, r.ProductName, null),
            r.IncidentSlug is null ? null : new RecordRef("incident", r.IncidentSlug, r.IncidentTitle, null),
            r.Marking.ToLabel(), r.Status)).ToList();
        return new ListResult<IndicatorView>(new PagedList<IndicatorView>(items, total, 1, limit));
    }
}
