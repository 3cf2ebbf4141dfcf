using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Common;

/// <summary>
/// The steps every create and update shares, in one place: the writer may edit; the input is validated
/// field by field; a slug is checked or made; publishing needs a citation; an update names the version
/// it was made from and conflicts (with both versions) when that is stale. What differs per kind is the
/// <c>apply</c> step, which validates the input and copies it onto the record.
/// <para>Four eyes: an editor sets a record's status to draft or in-review only; publishing and retracting
/// go through review (<see cref="Review.ReviewRules"/>). An update of a published record is not applied:
/// it is held as a <see cref="PendingChange"/> (the field diff and the submitted input) until a different
/// reviewer approves it. The operator's own imports (<see cref="Access.Reader.System"/>) are exempt.</para>
/// </summary>
public static class RecordWrites
{
    /// <summary>Creates <paramref name="record"/> after <paramref name="apply"/> filled and checked it.</summary>
    public static async Task<WriteResult<TDetail>> CreateAsync<TRecord, TDetail>(
        VigilDb db, TRecord record, string? slug, Func<ValidationErrors, Task> apply, bool publishingNeedsCitation,
        Func<string, Task<TDetail?>> get, CancellationToken ct)
        where TRecord : Record where TDetail : class
    {
        if (!db.Reader.CanEdit)
        {
            return WriteResult<TDetail>.Forbidden();
        }
        var errors = new ValidationErrors();
        await apply(errors);
        Review.ReviewRules.CheckWrittenStatus(db, null, record, errors);
        // A new record cannot have citations yet: they point at it once it exists.
        if (publishingNeedsCitation && record.Status == ReviewStatus.Published)
        {
            errors.Add("status", Publishing.NeedsCitation);
        }
        var wanted = await CheckSlugAsync(db, record, slug, errors, ct);
        if (!errors.IsEmpty)
        {
            return WriteResult<TDetail>.Invalid(errors);
        }
        record.Slug = wanted ?? await Slugs.UniqueAsync(db, record.Kind, GeneratedSlug(record), ct);
        db.Add(record);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return WriteResult<TDetail>.Created((await get(record.Slug))!);
    }

    /// <summary>Updates the tracked record found in <paramref name="tracked"/> by id or slug.</summary>
    public static async Task<WriteResult<TDetail>> UpdateAsync<TRecord, TDetail>(
        VigilDb db, IQueryable<TRecord> tracked, string idOrSlug, int? version, object submitted, string? slug,
        Func<TRecord, ValidationErrors, Task> apply, Func<long, Task<bool>>? hasCitations,
        Func<string, Task<TDetail?>> get, CancellationToken ct)
        where TRecord : Record where TDetail : class
    {
        if (!Review.ReviewRules.MayWrite(db))
        {
            return WriteResult<TDetail>.Forbidden();
        }
        var record = await tracked.AsTracking().ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct);
        if (record is null)
        {
            return WriteResult<TDetail>.NotFound();
        }
        var id = record.Id.ToString(CultureInfo.InvariantCulture);
        var errors = new ValidationErrors();
        if (version is null)
        {
            errors.Add("version", "version is required: send the version you read, so that a newer change is not overwritten.");
            return WriteResult<TDetail>.Invalid(errors);
        }
        if (version != record.Version)
        {
            return await Records.SaveUpdateAsync(db, record, version.Value, submitted, () => get(id), ct);
        }
        var statusBefore = record.Status;
        await apply(record, errors);
        Review.ReviewRules.CheckWrittenStatus(db, statusBefore, record, errors);
        if (hasCitations is not null && record.Status == ReviewStatus.Published && !await hasCitations(record.Id))
        {
            errors.Add("status", Publishing.NeedsCitation);
        }
        var wanted = await CheckSlugAsync(db, record, slug, errors, ct);
        if (!errors.IsEmpty)
        {
            db.ChangeTracker.Clear();
            return WriteResult<TDetail>.Invalid(errors);
        }
        record.Slug = wanted ?? record.Slug;
        if (statusBefore == ReviewStatus.Published && Review.ReviewRules.HoldsChangesOfPublished(db))
        {
            return await HoldForReviewAsync(db, record, version.Value, "update", submitted, () => get(id), ct);
        }
        return await Records.SaveUpdateAsync(db, record, version.Value, submitted, () => get(id), ct);
    }

    /// <summary>
    /// Keeps the tracked changes of a published <paramref name="record"/> as a pending change instead of
    /// saving them: the diff as a revision would record it, and the <paramref name="submitted"/> input to
    /// apply on approval. No change at all saves nothing.
    /// </summary>
    public static async Task<WriteResult<TDetail>> HoldForReviewAsync<TDetail>(
        VigilDb db, Record record, int version, string inputType, object submitted, Func<Task<TDetail?>> get, CancellationToken ct)
        where TDetail : class
    {
        var entry = db.Entry(record);
        var marking = (Marking)Math.Max((int)entry.Property(r => r.Marking).OriginalValue, (int)record.Marking);
        var changes = History.Preview(db, record);
        db.ChangeTracker.Clear();
        if (changes.Count == 0)
        {
            return WriteResult<TDetail>.Updated((await get())!);
        }
        var change = new PendingChange
        {
            RecordKind = record.Kind,
            RecordId = record.Id,
            BaseVersion = version,
            Marking = marking,
            ProposedAt = db.Now(),
            ProposedBy = db.Reader.Name,
            Reason = db.ChangeReason,
            InputType = inputType,
            Input = JsonSerializer.Serialize(submitted, submitted.GetType(), History.Json),
            Changes = JsonSerializer.Serialize(changes, History.Json),
            State = ChangeState.Pending,
        };
        db.PendingChanges.Add(change);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return WriteResult<TDetail>.Pending((await get())!, change.Id);
    }

    private static async Task<string?> CheckSlugAsync(VigilDb db, Record record, string? slug, ValidationErrors errors, CancellationToken ct)
    {
        var wanted = errors.Slug(slug);
        if (wanted is not null && wanted != record.Slug && await Slugs.TakenByOtherAsync(db, record.Kind, wanted, record.Id, ct))
        {
            errors.Add("slug", $"Another {Labels.RecordType(record.Kind)} already has the slug '{wanted}'.");
        }
        return wanted;
    }

    /// <summary>A slug from the name or title; for edges and citations their ends joined by "--" (<c>a--owns--b</c>).</summary>
    private static string GeneratedSlug(Record record)
    {
        var slug = record switch
        {
            Relationship r => string.Join("--", r.FromActor?.Slug ?? "actor", r.Type.ToLabel(), r.ToActor?.Slug ?? r.ToProduct?.Slug ?? "record"),
            Citation c => string.Join("--", c.Source?.Slug ?? "source", c.Actor?.Slug ?? c.Product?.Slug ?? c.Relationship?.Slug ?? c.Incident?.Slug ?? c.Measure?.Slug ?? "record"),
            _ => Slugs.FromText(record.Label),
        };
        return slug.Length <= Slugs.MaxLength - 10 ? slug : slug[..(Slugs.MaxLength - 10)].TrimEnd('-');
    }

    /// <summary>Checks that an end date is not before a start date (both valid partial dates).</summary>
    public static void DateOrder(string? start, string? end, string endField, ValidationErrors errors)
    {
        if (start is not null && end is not null && PartialDate.IsValid(start) && PartialDate.IsValid(end)
            && string.CompareOrdinal(end, start[..Math.Min(start.Length, end.Length)]) < 0)
        {
            errors.Add(endField, $"{endField} is before the start date.");
        }
    }

    /// <summary>The marking, which may not be above the writer's own clearance (the record would vanish from them).</summary>
    public static Marking Marking(string? value, Record record, Access.Reader writer, ValidationErrors errors)
    {
        var marking = errors.Marking(value, record.Id == 0 ? Model.Marking.Clear : record.Marking);
        if (marking > writer.Clearance)
        {
            errors.Add("marking", $"You may not mark a record above your own clearance ({writer.Clearance.ToLabel()}).");
        }
        return marking;
    }
}
