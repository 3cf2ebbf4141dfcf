using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;
using Vigil.Protection;

namespace Vigil.Features.Incidents;

/// <summary>
/// An incident as a client writes it (create and update). Links name records by slug; enumerations are
/// text ("lab-confirmed", "zero-click"). <c>Version</c> is required on update only. Lists left out of an
/// update are kept.
/// </summary>
public sealed record IncidentInput(
    string? Title = null, string? Slug = null, string? Summary = null, string? FirstSeen = null, string? LastSeen = null,
    string? DisclosedOn = null, string? Country = null, string? ForensicStatus = null, string? Vector = null,
    IReadOnlyList<string>? Products = null, IReadOnlyList<string>? Vendors = null, IReadOnlyList<OperatorInput>? Operators = null,
    IReadOnlyList<string>? Investigators = null, IReadOnlyList<TargetInput>? Targets = null,
    string? Marking = null, string? Status = null, int? Version = null);

/// <summary>A suspected operator: an actor's slug, the confidence (low, moderate, high) and why.</summary>
public sealed record OperatorInput(string? Actor, string? Confidence = null, string? Reasoning = null);

/// <summary>
/// A target. <c>Pseudonym</c> names an existing target to keep (left out: a new target with a generated
/// pseudonym). <c>Identity</c> is write-only: it is encrypted before anything else happens to the input
/// (<see cref="IncidentInputs.SealIdentitiesAsync"/>), so that neither a change held for review nor a
/// revision ever holds it in clear; <c>SealedIdentity</c>/<c>KeyId</c> carry the ciphertext from there on.
/// Left out on update, the stored identity is kept.
/// </summary>
public sealed record TargetInput(
    string? Pseudonym = null, string? Category = null, string? ResidenceCountry = null, string? Nationality = null,
    string? Consent = null, string? Marking = null, string? Identity = null, IReadOnlyList<string>? Editors = null,
    string? SealedIdentity = null, string? KeyId = null)
{
    // The identity never appears in a printed input (logs, exceptions, debugger displays).
    public override string ToString() =>
        $"TargetInput {{ Pseudonym = {Pseudonym}, Category = {Category}, Consent = {Consent}, Identity = {(Identity is null ? "null" : "(withheld)")} }}";
}

/// <summary>Validation and mapping of <see cref="IncidentInput"/>, shared by create, update and the CSV import.</summary>
public static class IncidentInputs
{
    private const string PseudonymAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new pseudonym ("Target-7QK3") that no target holds, hidden ones included.</summary>
    public static async Task<string> NewPseudonymAsync(VigilDb db, CancellationToken ct)
    {
        for (var length = 4; ; length++)
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var chars = new char[length];
                for (var i = 0; i < length; i++)
                {
                    chars[i] = PseudonymAlphabet[RandomNumberGenerator.GetInt32(PseudonymAlphabet.Length)];
                }
                var pseudonym = "Target-" + new string(chars);
                if (!await Slugs.TakenByOtherAsync(db, RecordKind.Target, pseudonym.ToLowerInvariant(), 0, ct))
                {
                    return pseudonym;
                }
            }
        }
    }

    /// <summary>
    /// Encrypts every identity in the input and gives new targets their pseudonym (the ciphertext is
    /// bound to it). Runs first in create and update, before validation, so the clear text goes nowhere.
    /// </summary>
    public static async Task<IncidentInput> SealIdentitiesAsync(IncidentInput input, VigilDb db, TargetKeyring keyring, CancellationToken ct)
    {
        if (input.Targets is null || input.Targets.All(t => t?.Identity is null))
        {
            return input;
        }
        var targets = new List<TargetInput>();
        foreach (var t in input.Targets)
        {
            if (t?.Identity is null)
            {
                targets.Add(t!);
                continue;
            }
            var pseudonym = string.IsNullOrWhiteSpace(t.Pseudonym) ? await NewPseudonymAsync(db, ct) : t.Pseudonym.Trim();
            if (string.IsNullOrWhiteSpace(t.Identity))
            {
                targets.Add(t with { Pseudonym = pseudonym, Identity = null });
                continue;
            }
            var (cipher, keyId) = keyring.Encrypt(pseudonym, t.Identity.Trim());
            targets.Add(t with { Pseudonym = pseudonym, Identity = null, SealedIdentity = cipher, KeyId = keyId });
        }
        return input with { Targets = targets };
    }

    /// <summary>Checks every field and copies the input onto the tracked <paramref name="incident"/>.</summary>
    /// <remarks>
    /// With <paramref name="lookup"/> (the forms and the API), a product, vendor, investigator or operator
    /// may be named by its name or alias as well as its slug; the CSV import names them by slug.
    /// </remarks>
    public static async Task ApplyAsync(IncidentInput input, Incident incident, VigilDb db, ValidationErrors errors, CancellationToken ct,
        Search.LookupHandler? lookup = null)
    {
        var writer = db.Reader;
        incident.Title = errors.Required("title", input.Title);
        incident.Summary = errors.Optional("summary", input.Summary, 20_000);
        incident.FirstSeen = errors.PartialDate("firstSeen", input.FirstSeen);
        incident.LastSeen = errors.PartialDate("lastSeen", input.LastSeen);
        RecordWrites.DateOrder(incident.FirstSeen, incident.LastSeen, "lastSeen", errors);
        incident.DisclosedOn = errors.PartialDate("disclosedOn", input.DisclosedOn);
        incident.Country = errors.Country("country", input.Country);
        incident.ForensicStatus = Parse(input.ForensicStatus, "forensicStatus", ForensicStatus.Suspected, errors);
        incident.Vector = Parse(input.Vector, "vector", AttackVector.Unknown, errors);
        incident.Marking = RecordWrites.Marking(input.Marking, incident, writer, errors);
        incident.Status = errors.Status(input.Status, incident.Id == 0 ? ReviewStatus.Draft : incident.Status);

        if (input.Products is not null)
        {
            var products = Distinct(await ResolveAsync(db.Products, input.Products, "products", "product", errors, ct, lookup: lookup));
            incident.Products.RemoveAll(x => !products.Any(p => p.Id == x.ProductId));
            incident.Products.AddRange(products.Where(p => incident.Products.All(x => x.ProductId != p.Id))
                .Select(p => new IncidentProduct { Product = p, ProductId = p.Id }));
        }
        if (input.Vendors is not null)
        {
            var vendors = Distinct(await ResolveAsync(db.Actors, input.Vendors, "vendors", "actor", errors, ct, lookup: lookup));
            incident.Vendors.RemoveAll(x => !vendors.Any(a => a.Id == x.ActorId));
            incident.Vendors.AddRange(vendors.Where(a => incident.Vendors.All(x => x.ActorId != a.Id))
                .Select(a => new IncidentVendor { Actor = a, ActorId = a.Id }));
        }
        if (input.Investigators is not null)
        {
            var investigators = Distinct(await ResolveAsync(db.Actors, input.Investigators, "investigators", "actor", errors, ct, lookup: lookup));
            incident.Investigators.RemoveAll(x => !investigators.Any(a => a.Id == x.ActorId));
            incident.Investigators.AddRange(investigators.Where(a => incident.Investigators.All(x => x.ActorId != a.Id))
                .Select(a => new IncidentInvestigator { Actor = a, ActorId = a.Id }));
        }
        if (input.Operators is not null)
        {
            var actors = await ResolveAsync(db.Actors, input.Operators.Select(o => o?.Actor ?? "").ToList(), "operators", "actor", errors, ct, fieldName: i => $"operators[{i}].actor", lookup: lookup);
            var wanted = new List<IncidentOperator>();
            foreach (var (o, i) in input.Operators.Select((o, i) => (o, i)))
            {
                var actor = actors[i];
                if (actor is null)
                {
                    continue;
                }
                wanted.Add(new IncidentOperator
                {
                    Actor = actor, ActorId = actor.Id,
                    Confidence = string.IsNullOrWhiteSpace(o!.Confidence) ? Confidence.Low
                        : Confidences.TryParse(o.Confidence, out var c) ? c : Fail(errors, $"operators[{i}].confidence", $"'{o.Confidence}' is not a confidence: low, moderate or high.", Confidence.Low),
                    Reasoning = errors.Optional($"operators[{i}].reasoning", o.Reasoning, 2000),
                });
            }
            incident.Operators.RemoveAll(x => !wanted.Any(w => w.ActorId == x.ActorId));
            foreach (var w in wanted)
            {
                var existing = incident.Operators.FirstOrDefault(x => x.ActorId == w.ActorId);
                if (existing is null)
                {
                    incident.Operators.Add(w);
                }
                else
                {
                    existing.Confidence = w.Confidence;
                    existing.Reasoning = w.Reasoning;
                }
            }
        }
        if (input.Targets is not null)
        {
            await ApplyTargetsAsync(input.Targets, incident, db, errors, ct);
        }
        foreach (var t in incident.Targets)
        {
            t.Status = incident.Status;
        }
    }

    private static async Task ApplyTargetsAsync(IReadOnlyList<TargetInput> inputs, Incident incident, VigilDb db, ValidationErrors errors, CancellationToken ct)
    {
        var keep = new List<Target>();
        foreach (var (t, i) in inputs.Select((t, i) => (t, i)))
        {
            if (t is null)
            {
                errors.Add($"targets[{i}]", "is empty.");
                continue;
            }
            if (t.Identity is not null)
            {
                // Handlers seal identities first; this is the guard that no path skips it.
                errors.Add($"targets[{i}].identity", "was not sealed before validation.");
                continue;
            }
            var pseudonym = t.Pseudonym?.Trim();
            var target = pseudonym is null ? null : incident.Targets.FirstOrDefault(x => x.Pseudonym == pseudonym);
            if (target is null)
            {
                if (pseudonym is not null && (!System.Text.RegularExpressions.Regex.IsMatch(pseudonym, "^Target-[0-9A-Z]{4,8}$")
                    || await Slugs.TakenByOtherAsync(db, RecordKind.Target, pseudonym.ToLowerInvariant(), 0, ct)))
                {
                    errors.Add($"targets[{i}].pseudonym", $"'{pseudonym}' is not a pseudonym of this incident's targets (leave it out for a new target).");
                    continue;
                }
                pseudonym ??= await NewPseudonymAsync(db, ct);
                target = new Target { Pseudonym = pseudonym, Slug = pseudonym.ToLowerInvariant() };
                incident.Targets.Add(target);
            }
            target.Category = Parse(t.Category, $"targets[{i}].category", TargetCategory.Other, errors);
            target.ResidenceCountry = errors.Country($"targets[{i}].residenceCountry", t.ResidenceCountry);
            target.Nationality = errors.Country($"targets[{i}].nationality", t.Nationality);
            target.Consent = Parse(t.Consent ?? "do-not-name", $"targets[{i}].consent", ConsentStatus.DoNotName, errors);
            target.Marking = RecordWrites.Marking(t.Marking, target, db.Reader, errors);
            if (t.SealedIdentity is not null)
            {
                target.IdentityCipher = t.SealedIdentity;
                target.IdentityKeyId = t.KeyId;
            }
            if (t.Editors is not null)
            {
                var names = t.Editors.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct().ToList();
                target.Editors.RemoveAll(e => !names.Contains(e.UserName));
                target.Editors.AddRange(names.Where(n => target.Editors.All(e => e.UserName != n)).Select(n => new TargetEditor { UserName = n }));
            }
            keep.Add(target);
        }
        foreach (var stale in incident.Targets.Where(x => !keep.Contains(x)).ToList())
        {
            incident.Targets.Remove(stale);
            db.Remove(stale);
        }
    }

    /// <summary>
    /// The records the texts name, position by position (null where a text is blank or names nothing the
    /// reader may see, with the error added).
    /// </summary>
    private static async Task<List<T?>> ResolveAsync<T>(IQueryable<T> set, IReadOnlyList<string> slugs, string field, string kind,
        ValidationErrors errors, CancellationToken ct, Func<int, string>? fieldName = null, Search.LookupHandler? lookup = null) where T : Record
    {
        var wanted = slugs.Select(s => s?.Trim() ?? "").ToList();
        var distinct = wanted.Where(s => s.Length > 0).Distinct().ToList();
        var found = await set.AsTracking().Where(r => distinct.Contains(r.Slug)).ToListAsync(ct);
        var byPosition = new List<T?>();
        foreach (var (slug, i) in wanted.Select((s, i) => (s, i)))
        {
            var record = found.FirstOrDefault(r => r.Slug == slug);
            var name = fieldName?.Invoke(i) ?? $"{field}[{i}]";
            if (slug.Length == 0)
            {
                errors.Add(name, $"{name} is empty: name the {kind}.");
            }
            else if (record is null && lookup is not null)
            {
                // A name or an alias: the one visible record it names, or an error listing the candidates.
                if (await lookup.ResolveFieldAsync(name, kind, slug, errors, ct) is { } item)
                {
                    record = found.FirstOrDefault(r => r.Id == item.Id) ?? await set.AsTracking().FirstAsync(r => r.Id == item.Id, ct);
                    found.Add(record);
                }
            }
            else if (record is null)
            {
                // The reader's own filtered set: a record they may not see is simply not there.
                errors.Add(name, $"there is no {kind} '{slug}'.");
            }
            byPosition.Add(record);
        }
        return byPosition;
    }

    private static List<T> Distinct<T>(List<T?> records) where T : Record => [.. records.OfType<T>().DistinctBy(r => r.Id)];

    private static TEnum Parse<TEnum>(string? text, string field, TEnum fallback, ValidationErrors errors) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (IncidentLabels.TryParse<TEnum>(text, out var value))
        {
            return value;
        }
        errors.Add(field, $"'{text}' is not one of: {string.Join(", ", IncidentLabels.All<TEnum>())}.");
        return fallback;
    }

    private static T Fail<T>(ValidationErrors errors, string field, string message, T fallback)
    {
        errors.Add(field, message);
        return fallback;
    }
}
