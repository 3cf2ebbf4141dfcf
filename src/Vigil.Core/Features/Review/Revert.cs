using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Review;

/// <summary>Revert to <c>ToVersion</c>, made from the record's <c>Version</c> the client read, with a required reason.</summary>
public sealed record RevertInput(int? ToVersion = null, int? Version = null, string? Reason = null);

/// <summary>
/// Makes a record's fields what they were at an earlier version, as a new revision written through the
/// same write path as any update: on a published record it becomes a pending change for a reviewer.
/// The status and slug stay as they are (review governs the one, links depend on the other). Fields are
/// rebuilt by undoing, newest first, each revision after the target version, owned rows (aliases,
/// identifiers) included.
/// </summary>
public sealed class RevertHandler(VigilDb db)
{
    public async Task<WriteResult<ReviewedRecord>> HandleAsync(RecordKind kind, string idOrSlug, RevertInput input, CancellationToken ct = default)
    {
        if (!ReviewRules.MayWrite(db))
        {
            return WriteResult<ReviewedRecord>.Forbidden();
        }
        Record? record = kind switch
        {
            RecordKind.Actor => await db.Actors.AsTracking().Include(a => a.Aliases).Include(a => a.Identifiers).ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
            RecordKind.Product => await db.Products.AsTracking().Include(p => p.Aliases).ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
            RecordKind.Source => await db.Sources.AsTracking().ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
            RecordKind.Relationship => await db.Relationships.AsTracking().ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
            RecordKind.Citation => await db.Citations.AsTracking().ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
            RecordKind.Incident => await db.Incidents.AsTracking().ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
            RecordKind.Measure => await db.Measures.AsTracking().ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
            _ => null,
        };
        if (record is null)
        {
            return WriteResult<ReviewedRecord>.NotFound();
        }
        var id = record.Id.ToString(CultureInfo.InvariantCulture);
        Task<ReviewedRecord?> Reload() => ReloadAsync(kind, id, ct);
        var errors = new ValidationErrors();
        var reason = db.ApplyingApprovedChange ? input.Reason?.Trim() ?? "" : errors.Required("reason", input.Reason, 1000);
        if (input.Version is null)
        {
            errors.Add("version", "version is required: send the version you read, so that a newer change is not overwritten.");
        }
        if (input.ToVersion is not { } to || to < 1 || to >= record.Version)
        {
            errors.Add("toVersion", $"toVersion must be an earlier version of this record, 1 to {record.Version - 1}.");
        }
        if (!errors.IsEmpty)
        {
            db.ChangeTracker.Clear();
            return WriteResult<ReviewedRecord>.Invalid(errors);
        }
        if (input.Version != record.Version)
        {
            db.ChangeTracker.Clear();
            return WriteResult<ReviewedRecord>.Conflict((await Reload())!, input);
        }
        var revisions = await db.Revisions
            .Where(r => r.RecordKind == kind && r.RecordId == record.Id && r.Version > input.ToVersion)
            .OrderByDescending(r => r.Version).ThenByDescending(r => r.Id)
            .Select(r => r.Changes).ToListAsync(ct);
        foreach (var changes in revisions)
        {
            foreach (var change in History.ReadChanges(changes).Reverse())
            {
                Undo(record, change);
            }
        }
        if (record.Marking > db.Reader.Clearance)
        {
            errors.Add("marking", $"That version is marked {record.Marking.ToLabel()}, above your own clearance.");
            db.ChangeTracker.Clear();
            return WriteResult<ReviewedRecord>.Invalid(errors);
        }
        if (!db.ApplyingApprovedChange)
        {
            db.ChangeReason = $"revert to version {input.ToVersion}: {reason}";
        }
        if (record.Status == ReviewStatus.Published && ReviewRules.HoldsChangesOfPublished(db))
        {
            return await RecordWrites.HoldForReviewAsync(db, record, record.Version, "revert", input, Reload, ct);
        }
        return await Records.SaveUpdateAsync(db, record, record.Version, input, Reload, ct);
    }

    private async Task<ReviewedRecord?> ReloadAsync(RecordKind kind, string id, CancellationToken ct)
    {
        var record = await ReviewRules.FindAsync(db, kind, id, ct);
        var view = record is null ? null : ReviewRules.View(record);
        db.ChangeTracker.Clear();
        return view;
    }

    private void Undo(Record record, FieldChange change)
    {
        if (change.Field is "status" or "slug")
        {
            return;
        }
        switch (record, change.Field)
        {
            case (Actor a, "aliases"):
                UndoOwned(a.Aliases, change, ParseActorAlias);
                return;
            case (Actor a, "identifiers"):
                UndoOwned(a.Identifiers, change, ParseIdentifier);
                return;
            case (Product p, "aliases"):
                UndoOwned(p.Aliases, change, d => new ProductAlias { Name = d });
                return;
        }
        var property = db.Entry(record).Properties
            .FirstOrDefault(p => char.ToLowerInvariant(p.Metadata.Name[0]) + p.Metadata.Name[1..] == change.Field);
        if (property is not null && !property.Metadata.IsPrimaryKey())
        {
            property.CurrentValue = Parse(change.Old, property.Metadata.ClrType);
        }
    }

    private static void UndoOwned<T>(List<T> rows, FieldChange change, Func<string, T> parse) where T : IOwnedByRecord
    {
        if (change.Old is null && change.New is { } added)
        {
            rows.RemoveAll(r => r.Describe() == added);
        }
        else if (change.New is null && change.Old is { } removed && !rows.Any(r => r.Describe() == removed))
        {
            rows.Add(parse(removed));
        }
    }

    /// <summary>Reads back <see cref="ActorAlias.Describe"/>: "Name" or "Name (language-Script)".</summary>
    private static ActorAlias ParseActorAlias(string text)
    {
        var open = text.LastIndexOf(" (", StringComparison.Ordinal);
        if (!text.EndsWith(')') || open < 0)
        {
            return new ActorAlias { Name = text };
        }
        var inside = text[(open + 2)..^1];
        var dash = inside.LastIndexOf('-');
        string? script = null;
        var language = inside;
        if (dash >= 0 && inside.Length - dash - 1 == 4 && char.IsUpper(inside[dash + 1]))
        {
            script = inside[(dash + 1)..];
            language = inside[..dash];
        }
        return new ActorAlias { Name = text[..open], Script = script, Language = language.Length == 0 ? null : language };
    }

    /// <summary>Reads back <see cref="ActorIdentifier.Describe"/>: "scheme:value", where a scheme may be "registry:CC".</summary>
    private static ActorIdentifier ParseIdentifier(string text)
    {
        var split = text.StartsWith("registry:", StringComparison.Ordinal) ? text.IndexOf(':', "registry:".Length) : text.IndexOf(':');
        return split < 0
            ? new ActorIdentifier { Scheme = "", Value = text }
            : new ActorIdentifier { Scheme = text[..split], Value = text[(split + 1)..] };
    }

    /// <summary>Reads a value back from its revision text (the inverse of how revisions format values).</summary>
    private static object? Parse(string? text, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (text is null)
        {
            return underlying is null && type.IsValueType ? Activator.CreateInstance(type) : null;
        }
        var t = underlying ?? type;
        if (t == typeof(string))
        {
            return text;
        }
        if (t.IsEnum)
        {
            return Enum.GetValues(t).Cast<object>().FirstOrDefault(v => History.Format(v) == text) ?? Enum.Parse(t, text, ignoreCase: true);
        }
        if (t == typeof(DateTime))
        {
            return DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        }
        if (t == typeof(char))
        {
            return text[0];
        }
        if (t == typeof(bool))
        {
            return bool.Parse(text);
        }
        return Convert.ChangeType(text, t, CultureInfo.InvariantCulture);
    }
}
