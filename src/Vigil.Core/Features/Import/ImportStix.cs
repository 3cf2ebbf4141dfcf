using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Vigil.Access;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Features.Review;
using Vigil.Features.Search;
using Vigil.Formats.Stix;
using Vigil.Model;

namespace Vigil.Features.Import;

/// <summary>What a STIX import did.</summary>
/// <param name="Bundle">The bundle's id.</param>
/// <param name="Indicators">Indicator objects in the bundle.</param>
/// <param name="Created">Indicators written (in review, in <paramref name="ChangeSetId"/>).</param>
/// <param name="Unchanged">Indicators already in Vigil (by STIX id), left as they are.</param>
/// <param name="LinkedToProduct">Of the new ones, those linked to a product.</param>
/// <param name="LinkedToIncident">Of the new ones, those linked to an incident.</param>
/// <param name="Source">The slug of the source that cites the bundle.</param>
/// <param name="UnknownProducts">Malware or tool names of the bundle no product of Vigil answers to.</param>
/// <param name="ChangeSetId">The change set the new indicators, their citations and the bundle's source wait for review in; none when nothing was new.</param>
public sealed record StixImportSummary(
    string Bundle, int Indicators, int Created, int Unchanged, int LinkedToProduct, int LinkedToIncident, string Source, IReadOnlyList<string> UnknownProducts,
    long? ChangeSetId = null)
{
    public override string ToString() =>
        $"{Indicators} indicators in {Bundle}: {Created} created ({LinkedToProduct} linked to a product, {LinkedToIncident} to an incident), {Unchanged} already there; source {Source}"
        + (ChangeSetId is { } set ? $"; waiting for review in change set {set}" : "")
        + (UnknownProducts.Count > 0 ? $"; no product named {string.Join(", ", UnknownProducts.Select(n => $"'{n}'"))}" : "");
}

/// <summary>
/// Imports the indicators of a STIX 2.1 bundle (a lab's IOCs: Amnesty's, MVT's) as <see cref="Indicator"/>
/// records submitted for review as one change set, with their citations of the one source that stands for
/// the bundle: a reviewer reads and publishes a lab's bundle in one step, as a table import (four eyes; nobody
/// ticks 1,549 drafts one by one). An indicator is linked to the
/// product its <c>indicates</c> relationship points at (the malware or tool's name and aliases resolved by
/// the name engine, <see cref="LookupHandler"/>), and to an incident where the bundle's report or incident
/// names one Vigil knows. The bundle is refused whole, with each object's id and reason, when it is not
/// valid STIX 2.1 (the OASIS schemas and the checks of <see cref="StixValidator"/>); a STIX 1.x XML
/// document is recognised and refused as such. Indicators are matched by STIX id, so the same bundle twice
/// changes nothing.
/// </summary>
public sealed class ImportStixHandler(VigilDb db, LookupHandler lookup, SubmitChangeSetHandler submit)
{
    public Task<StixImportSummary> HandleAsync(string file, CancellationToken ct = default) =>
        HandleAsync(File.ReadAllBytes(file), Path.GetFileName(file), ct);

    public async Task<StixImportSummary> HandleAsync(byte[] content, string name, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit)
        {
            throw new InvalidOperationException("A STIX import writes drafts: it needs an editor (or the system reader from the CLI).");
        }
        using var doc = Parse(content, name);
        var root = doc.RootElement;
        var problems = StixValidator.Embedded.Validate(root);
        if (problems.Count > 0)
        {
            throw new ImportRejectedException([.. problems.Select(p => new ImportError(name, p.Object, null, p.Message))]);
        }
        var bundleId = root.GetProperty("id").GetString()!;
        var objects = root.GetProperty("objects").EnumerateArray().ToList();
        var byId = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var o in objects)
        {
            byId[o.GetProperty("id").GetString()!] = o;
        }
        var indicators = objects.Where(o => Str(o, "type") == "indicator").ToList();

        // What each indicator indicates, and which report or incident names it.
        var indicates = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var r in objects.Where(o => Str(o, "type") == "relationship" && Str(o, "relationship_type") == "indicates"))
        {
            var from = Str(r, "source_ref")!;
            (indicates.TryGetValue(from, out var list) ? list : indicates[from] = []).Add(Str(r, "target_ref")!);
        }
        foreach (var report in objects.Where(o => Str(o, "type") is "report" or "grouping"))
        {
            foreach (var r in report.TryGetProperty("object_refs", out var refs) ? refs.EnumerateArray().Select(x => x.GetString()!) : [])
            {
                (indicates.TryGetValue(r, out var list) ? list : indicates[r] = []).Add(Str(report, "id")!);
            }
        }

        await using var system = SystemContext(db);
        var stixIds = indicators.Select(i => Str(i, "id")!).ToList();
        var known = (await system.Indicators.Where(i => stixIds.Contains(i.StixId)).Select(i => i.StixId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var sourceSlug = "stix-" + bundleId["bundle--".Length..];
        var fresh = indicators.Where(i => !known.Contains(Str(i, "id")!)).ToList();
        var productByRef = new Dictionary<string, long?>(StringComparer.Ordinal);
        var incidentByRef = new Dictionary<string, long?>(StringComparer.Ordinal);
        var unknown = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        if (fresh.Count == 0)
        {
            return new StixImportSummary(bundleId, indicators.Count, 0, known.Count, 0, 0, sourceSlug, []);
        }

        var source = await db.Sources.AsTracking().FirstOrDefaultAsync(s => s.Slug == sourceSlug, ct);
        if (source is null)
        {
            if (await system.Sources.AnyAsync(s => s.Slug == sourceSlug, ct))
            {
                throw new ImportRejectedException([new ImportError(name, bundleId, null, $"the source {sourceSlug} of this bundle exists but you may not see it; ask someone cleared for it to import the bundle")]);
            }
            var creator = objects.Select(o => Str(o, "created_by_ref")).FirstOrDefault(r => r is not null) is { } c && byId.TryGetValue(c, out var identity) ? Str(identity, "name") : null;
            source = new Source
            {
                Slug = sourceSlug,
                Title = $"STIX 2.1 bundle {name} ({bundleId})",
                Publisher = creator,
                SourceKind = SourceKind.Dataset,
                Evidence = EvidenceKind.Primary,
                Reliability = 'F',
                Status = ReviewStatus.Draft,
            };
            db.Sources.Add(source);
        }
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var submitted = new List<string>();
        int linkedProduct = 0, linkedIncident = 0;
        foreach (var o in fresh)
        {
            var stixId = Str(o, "id")!;
            var patternType = Str(o, "pattern_type") ?? "stix";
            var pattern = Str(o, "pattern")!;
            var observable = StixPattern.Parse(pattern, patternType);
            long? productId = null, incidentId = null;
            foreach (var target in indicates.GetValueOrDefault(stixId) ?? [])
            {
                if (!byId.TryGetValue(target, out var t))
                {
                    continue;
                }
                switch (Str(t, "type"))
                {
                    case "malware" or "tool" when productId is null:
                        productId = await ResolveAsync(productByRef, target, t, "product", unknown, ct);
                        break;
                    case "report" or "incident" or "grouping" when incidentId is null:
                        incidentId = await ResolveAsync(incidentByRef, target, t, "incident", null, ct);
                        break;
                }
            }
            var indicator = new Indicator
            {
                Slug = Slug(observable, stixId, slugs),
                StixId = stixId,
                Pattern = pattern,
                PatternType = patternType,
                ObservableKind = observable.Kind,
                ObservableType = observable.Type.Length > 200 ? observable.Type[..200] : observable.Type,
                Value = observable.Value,
                ValueKey = Indicator.KeyOf(observable.Value),
                Name = Str(o, "name"),
                Description = Str(o, "description"),
                ValidFrom = DateTime.Parse(Str(o, "valid_from")!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                ProductId = productId,
                IncidentId = incidentId,
                Marking = MarkingOf(o),
                Status = ReviewStatus.Draft,
            };
            linkedProduct += productId is null ? 0 : 1;
            linkedIncident += incidentId is null ? 0 : 1;
            db.Indicators.Add(indicator);
            submitted.Add($"indicator:{indicator.Slug}");
            submitted.Add($"citation:{indicator.Slug}--{sourceSlug}");
            db.Citations.Add(new Citation
            {
                Slug = $"{indicator.Slug}--{sourceSlug}",
                Source = source,
                Locator = stixId,
                Credibility = 6,
                Marking = indicator.Marking,
                Status = ReviewStatus.Draft,
            }.Cites(indicator));
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ChangeReason = $"import STIX bundle {name}";
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        // The bundle's source joins the set by itself when it is a new draft (a citation is published after its source).
        var set = await submit.HandleAsync(new ChangeSetInput($"STIX bundle {name}: {fresh.Count} indicator{(fresh.Count == 1 ? "" : "s")}", submitted,
            $"imported from {name} ({bundleId})"), ct);
        if (set.Outcome != ReviewOutcome.Done)
        {
            // Rolled back with the transaction: nothing is left half-imported.
            throw new ImportRejectedException([new ImportError(name, bundleId, null, "the indicators could not be submitted for review, so nothing was imported: "
                + (set.Detail ?? string.Join(" ", set.Errors?.SelectMany(e => e.Value) ?? [])))]);
        }
        await tx.CommitAsync(ct);
        return new StixImportSummary(bundleId, indicators.Count, fresh.Count, known.Count, linkedProduct, linkedIncident, sourceSlug, [.. unknown], set.Set!.Id);
    }

    /// <summary>The record a STIX object names, by its name then its aliases, resolved once per object.</summary>
    private async Task<long?> ResolveAsync(Dictionary<string, long?> cache, string id, JsonElement o, string kind, SortedSet<string>? unknown, CancellationToken ct)
    {
        if (cache.TryGetValue(id, out var known))
        {
            return known;
        }
        long? found = null;
        var names = new List<string?> { Str(o, "name") };
        if (o.TryGetProperty("aliases", out var aliases) && aliases.ValueKind == JsonValueKind.Array)
        {
            names.AddRange(aliases.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString() : null));
        }
        foreach (var n in names.OfType<string>().Where(n => n.Trim().Length > 0))
        {
            var resolution = await lookup.ResolveAsync(kind, n, ct);
            if (resolution.Match is { } match)
            {
                found = match.Id;
                break;
            }
        }
        if (found is null && Str(o, "name") is { } name)
        {
            unknown?.Add(name);
        }
        cache[id] = found;
        return found;
    }

    /// <summary>
    /// The bundle as JSON. A STIX 1.x document (XML, <c>stix:STIX_Package</c>) is recognised and refused
    /// with what to do; a file cut short or otherwise not JSON is refused with its line.
    /// </summary>
    private static JsonDocument Parse(byte[] content, string name)
    {
        var head = Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, 4096)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (head.StartsWith('<'))
        {
            var stix1 = head.Contains("STIX_Package", StringComparison.Ordinal) || head.Contains("stix.mitre.org", StringComparison.OrdinalIgnoreCase)
                || head.Contains("docs.oasis-open.org/cti/ns/stix", StringComparison.OrdinalIgnoreCase);
            throw new ImportRejectedException([new ImportError(name, null, null, stix1
                ? "this is a STIX 1.x XML document: Vigil reads STIX 2.1 JSON bundles only. Convert it first (the OASIS stix2-elevator does), then import the bundle."
                : "an XML document, not a STIX 2.1 JSON bundle", 1)]);
        }
        try
        {
            return JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            throw new ImportRejectedException([new ImportError(name, null, e.Path, "not valid JSON (cut short?): " + e.Message.Split('\n')[0], (int?)e.LineNumber + 1)]);
        }
    }

    private static Marking MarkingOf(JsonElement o)
    {
        var refs = o.TryGetProperty("object_marking_refs", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.EnumerateArray().Select(x => x.GetString()).ToList() : [];
        return refs.Contains(StixMarkings.Red) ? Marking.Red
            : refs.Contains(StixMarkings.AmberStrict) ? Marking.AmberStrict
            : refs.Contains(StixMarkings.Amber) ? Marking.Amber
            : refs.Contains(StixMarkings.Green) ? Marking.Green
            : Marking.Clear;
    }

    private static string Slug(Observable observable, string stixId, HashSet<string> taken)
    {
        var value = Slugs.FromText(observable.Value);
        value = value.Length > 80 ? value[..80].TrimEnd('-') : value;
        var slug = $"{observable.Kind.ToString().ToLowerInvariant()}-{value}-{stixId[(stixId.IndexOf("--", StringComparison.Ordinal) + 2)..][..8]}";
        for (var n = 2; !taken.Add(slug); n++)
        {
            slug = $"{slug}-{n}";
        }
        return slug;
    }

    private static string? Str(JsonElement e, string name) => StixValidator.Str(e, name);

    // Finding an indicator by its STIX id must see every indicator, hidden ones too: an editor's upload
    // must neither duplicate nor trip over one they may not see.
    private static VigilDb SystemContext(VigilDb db) =>
        VigilDb.For((DbContextOptions<VigilDb>)db.GetService<IDbContextOptions>(), Reader.System());
}
