using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Features.Search;
using Vigil.Model;

namespace Vigil.Features.Replies;

// The right of reply (see ReplyRequest): asking an actor for comment, recording its answer, refusal or
// silence, and reading them back beside the actor, its dossier, its scorecard and each claim asked about.

/// <summary>
/// A request for comment as a client writes it (the actor asked comes from the route): when it was sent
/// (YYYY-MM-DD), how (email, letter, web-form, phone, meeting, other), what was asked, the deadline, and
/// what it is about, each as "kind:name-or-slug" ("incident:Predator in Greece", "measure:…",
/// "relationship:slug", "actor:Intellexa S.A."). Nothing about: the actor itself.
/// </summary>
public sealed record ReplyRequestInput(
    string? AskedDate = null, string? Channel = null, string? Question = null, string? Deadline = null,
    IReadOnlyList<string>? About = null, string? Marking = null, string? Slug = null);

/// <summary>
/// The answer to a request: <c>Outcome</c> "answered" or "declined", the date, the text (the answer, or the
/// words of the refusal), and where the answer is published, if it is. <c>Version</c> is the request's
/// version the writer read.
/// </summary>
public sealed record ReplyAnswerInput(int? Version = null, string? Outcome = null, string? Date = null, string? Text = null, string? Url = null);

/// <summary>A record a request is about, as the reader may see it.</summary>
public sealed record ReplySubjectView(string Type, string Slug, string Name, string Link);

/// <summary>The source that keeps an answer's text.</summary>
public sealed record ReplySourceView(string Slug, string Title, string? Url, string? Date);

/// <summary>
/// One request for comment. <c>State</c> is "awaiting", "answered", "declined" or "no-answer" (the
/// deadline passed with nothing recorded); <c>Summary</c> says it in a sentence, as shown beside a claim.
/// </summary>
public sealed record ReplyRequestView(
    long Id, string Slug, RecordRef Actor, string AskedDate, string Channel, string Question, string? Deadline,
    string State, string Summary, string? AnsweredDate, string? AnswerText, ReplySourceView? AnswerSource,
    IReadOnlyList<ReplySubjectView> About, string Marking, string Status, int Version, DateTime UpdatedAt, string UpdatedBy);

/// <summary>
/// An actor's right-of-reply record: its requests, newest first, and the counts. The response rate is
/// the share of settled requests (answered, declined, or past the deadline with no answer) that were
/// answered; null while none is settled. Requests still within their deadline do not count.
/// </summary>
public sealed record ReplyRecord(
    RecordRef Actor, IReadOnlyList<ReplyRequestView> Requests, int Asked, int Answered, int Declined, int NoAnswer, int Awaiting, int? ResponseRate)
{
    /// <summary>"answered 2 of 3 settled requests (67%)", or why there is no rate.</summary>
    public string RateText => ResponseRate is { } rate
        ? $"answered {Answered} of {Answered + Declined + NoAnswer} settled request{(Answered + Declined + NoAnswer == 1 ? "" : "s")} ({rate}%)"
            + (Declined > 0 ? $", declined {Declined}" : "") + (NoAnswer > 0 ? $", no answer to {NoAnswer}" : "")
            + (Awaiting > 0 ? $"; {Awaiting} awaiting an answer" : "")
        : Asked == 0 ? "never asked for comment in Vigil" : $"{Awaiting} request{(Awaiting == 1 ? "" : "s")} awaiting an answer; no response rate yet";
}

/// <summary>Reading requests for comment under the access rule.</summary>
public static class ReplyRequests
{
    /// <summary>The requests of <paramref name="query"/> as the reader may see them, newest first.</summary>
    public static async Task<List<ReplyRequestView>> OfAsync(VigilDb db, IQueryable<ReplyRequest> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking()
            .OrderByDescending(r => r.AskedDate).ThenByDescending(r => r.Id)
            .Select(r => new
            {
                r.Id, r.Slug, ActorSlug = r.Actor!.Slug, ActorName = r.Actor.Name, ActorKind = r.Actor.ActorKind, r.AskedDate, r.Channel, r.Question, r.Deadline,
                r.Outcome, r.AnsweredDate, r.AnswerText, r.Marking, r.Status, r.Version, r.UpdatedAt, r.UpdatedBy,
                // The navigation is filtered: a source the reader may not see reads as none.
                Source = r.AnswerSource == null ? null : new { r.AnswerSource.Slug, r.AnswerSource.Title, r.AnswerSource.Url, r.AnswerSource.PublishedDate },
            })
            .Take(500).ToListAsync(ct);
        if (rows.Count == 0)
        {
            // Most actors were never asked: their page asks no more.
            return [];
        }
        var ids = rows.Select(r => r.Id).ToList();
        var about = await db.ReplySubjects.AsNoTracking().Where(s => ids.Contains(s.ReplyRequestId))
            .Select(s => new
            {
                s.ReplyRequestId, s.Id,
                Actor = s.Actor == null ? null : new { s.Actor.Slug, s.Actor.Name },
                Incident = s.Incident == null ? null : new { s.Incident.Slug, Name = s.Incident.Title },
                Measure = s.Measure == null ? null : new { s.Measure.Slug, Name = s.Measure.Title },
                Relationship = s.Relationship == null ? null : new { s.Relationship.Slug, From = s.Relationship.FromActor!.Name, s.Relationship.Type, To = s.Relationship.ToActor != null ? s.Relationship.ToActor.Name : s.Relationship.ToProduct!.Name },
            })
            .ToListAsync(ct);
        var subjects = about.OrderBy(s => s.Id).Select(s => (s.ReplyRequestId, View:
                s.Actor is { } a ? new ReplySubjectView("actor", a.Slug, a.Name, $"/actors/{a.Slug}")
                : s.Incident is { } i ? new ReplySubjectView("incident", i.Slug, i.Name, $"/incidents/{i.Slug}")
                : s.Measure is { } m ? new ReplySubjectView("measure", m.Slug, m.Name, $"/measures/{m.Slug}")
                : s.Relationship is { } e ? new ReplySubjectView("relationship", e.Slug, $"{e.From} {e.Type.ToLabel()} {e.To}", $"/relationships/{e.Slug}")
                : null))
            .Where(s => s.View is not null).ToLookup(s => s.ReplyRequestId, s => s.View!);
        var today = Today(db);
        return rows.Select(r =>
        {
            var state = State(r.Outcome, r.Deadline, today);
            return new ReplyRequestView(r.Id, r.Slug, new RecordRef("actor", r.ActorSlug, r.ActorName, Labels.Kebab(r.ActorKind)), r.AskedDate, r.Channel.ToLabel(),
                r.Question, r.Deadline, state, Summary(r.ActorName, state, r.AskedDate, r.Deadline, r.AnsweredDate, r.AnswerText),
                r.AnsweredDate, r.AnswerText, r.Source is { } s ? new ReplySourceView(s.Slug, s.Title, s.Url, s.PublishedDate) : null,
                subjects[r.Id].ToList(), r.Marking.ToLabel(), r.Status.ToLabel(), r.Version, r.UpdatedAt, r.UpdatedBy);
        }).ToList();
    }

    /// <summary>Today, YYYY-MM-DD, from the context's clock: the day against which deadlines are read.</summary>
    public static string Today(VigilDb db) => db.Now().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"awaiting", "answered", "declined" or "no-answer".</summary>
    public static string State(ReplyOutcome outcome, string? deadline, string today) => outcome switch
    {
        ReplyOutcome.Answered => "answered",
        ReplyOutcome.Declined => "declined",
        _ => ReplyRequest.Unanswered(outcome, deadline, today) ? "no-answer" : "awaiting",
    };

    /// <summary>The request in one sentence, as it stands beside a claim.</summary>
    public static string Summary(string actor, string state, string asked, string? deadline, string? answered, string? text) => state switch
    {
        "answered" => $"{actor} replied on {answered}: “{Excerpt(text)}”",
        "declined" => $"{actor} was asked on {asked} and declined to comment on {answered}.",
        "no-answer" => $"{actor} was asked on {asked} and did not answer by {deadline}.",
        _ => deadline is null ? $"{actor} was asked on {asked}; no answer yet." : $"{actor} was asked on {asked}; an answer is due by {deadline}.",
    };

    /// <summary>The first 300 characters of an answer, cut at a word.</summary>
    public static string Excerpt(string? text)
    {
        var t = (text ?? "").Trim().ReplaceLineEndings(" ");
        if (t.Length <= 300)
        {
            return t;
        }
        var cut = t.LastIndexOf(' ', 300);
        return t[..(cut > 200 ? cut : 300)].TrimEnd(',', ';', ':', ' ') + "…";
    }

    /// <summary>The counts and response rate of an actor's requests.</summary>
    public static ReplyRecord Record(RecordRef actor, IReadOnlyList<ReplyRequestView> requests)
    {
        int Count(string state) => requests.Count(r => r.State == state);
        var answered = Count("answered");
        var settled = answered + Count("declined") + Count("no-answer");
        return new ReplyRecord(actor, requests, requests.Count, answered, Count("declined"), Count("no-answer"), Count("awaiting"),
            settled == 0 ? null : (int)Math.Round(100.0 * answered / settled, MidpointRounding.AwayFromZero));
    }
}

/// <summary>Asks an actor (a company, a state or a public body) for comment: a draft request, reviewed like any record.</summary>
public sealed class AskForReplyHandler(VigilDb db, LookupHandler lookup, GetReplyRequestHandler get)
{
    /// <summary>Kinds of actor that are asked for comment.</summary>
    public static bool MayBeAsked(ActorKind kind) => kind is ActorKind.Company or ActorKind.State or ActorKind.PublicBody;

    public async Task<WriteResult<ReplyRequestView>> HandleAsync(string actorIdOrSlug, ReplyRequestInput input, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit)
        {
            return WriteResult<ReplyRequestView>.Forbidden();
        }
        var actor = await db.Actors.AsTracking().ByIdOrSlug(actorIdOrSlug).FirstOrDefaultAsync(ct);
        if (actor is null)
        {
            return WriteResult<ReplyRequestView>.NotFound() with { Missing = $"actor '{actorIdOrSlug}'" };
        }
        var request = new ReplyRequest { Actor = actor };
        // Resolved before anything else: a record the writer may not see is "not found", with nothing written.
        var resolved = new ValidationErrors();
        var about = input.About ?? [];
        resolved.CountAtMost("about", about.Count, 50, "records");
        for (var i = 0; i < about.Count && resolved.IsEmpty; i++)
        {
            var (subject, missing) = await ResolveAsync($"about[{i}]", about[i], resolved, ct);
            if (missing is not null)
            {
                db.ChangeTracker.Clear();
                return WriteResult<ReplyRequestView>.NotFound() with { Missing = missing };
            }
            if (subject is not null && !request.About.Any(s => s.ActorId == subject.ActorId && s.IncidentId == subject.IncidentId
                && s.MeasureId == subject.MeasureId && s.RelationshipId == subject.RelationshipId))
            {
                request.About.Add(subject);
            }
        }
        return await RecordWrites.CreateAsync(db, request, input.Slug, errors =>
            {
                foreach (var (field, messages) in resolved.ToDictionary())
                {
                    foreach (var message in messages)
                    {
                        errors.Add(field, message);
                    }
                }
                if (!MayBeAsked(actor.ActorKind))
                {
                    errors.Add("actor", $"{actor.Name} is a {Labels.Kebab(actor.ActorKind).Replace('-', ' ')}: a request for comment goes to a company, a state or a public body.");
                }
                request.AskedDate = FullDate(errors, "askedDate", input.AskedDate, required: true) ?? "";
                request.Channel = Channel(errors, input.Channel);
                request.Question = errors.Required("question", input.Question, 4000);
                request.Deadline = FullDate(errors, "deadline", input.Deadline, required: false);
                if (request.Deadline is not null && request.AskedDate.Length > 0 && string.CompareOrdinal(request.Deadline, request.AskedDate) < 0)
                {
                    errors.Add("deadline", "deadline is before the date the request was sent.");
                }
                if (request.About.Count == 0)
                {
                    request.About.Add(new ReplySubject { ActorId = actor.Id });
                }
                request.Marking = RecordWrites.Marking(input.Marking, request, db.Reader, errors);
                request.Status = ReviewStatus.Draft;
                return Task.CompletedTask;
            },
            publishingNeedsCitation: false, slug => get.HandleAsync(slug, ct), ct);
    }

    /// <summary>"kind:name-or-slug" to a subject row; a record not visible (or missing) is named in <c>Missing</c>.</summary>
    private async Task<(ReplySubject? Subject, string? Missing)> ResolveAsync(string field, string? text, ValidationErrors errors, CancellationToken ct)
    {
        var t = text?.Trim() ?? "";
        var colon = t.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? t[..colon].Trim().ToLowerInvariant() : "";
        var name = colon > 0 ? t[(colon + 1)..].Trim() : "";
        if (kind is not ("actor" or "incident" or "measure" or "relationship") || name.Length == 0)
        {
            errors.Add(field, $"'{t}' names no record: write kind:name, e.g. incident:Predator in Greece, measure:…, relationship:slug or actor:name.");
            return (null, null);
        }
        if (kind == "relationship")
        {
            var edge = await db.Relationships.ByIdOrSlug(name).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
            return edge is { } e ? (new ReplySubject { RelationshipId = e }, null) : (null, $"relationship '{name}'");
        }
        var found = await lookup.ResolveAsync(kind, name, ct);
        if (found.Match is null)
        {
            if (found.Ambiguous)
            {
                errors.Add(field, $"'{name}' names several: {string.Join("; ", found.Candidates.Select(c => c.Describe()))}. Pick one.");
                return (null, null);
            }
            return (null, $"{kind} '{name}'");
        }
        var id = found.Match.Id;
        return (kind switch
        {
            "actor" => new ReplySubject { ActorId = id },
            "incident" => new ReplySubject { IncidentId = id },
            _ => new ReplySubject { MeasureId = id },
        }, null);
    }

    internal static string? FullDate(ValidationErrors errors, string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, $"{field} is required (YYYY-MM-DD).");
            }
            return null;
        }
        var t = value.Trim();
        if (!DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add(field, $"'{value}' is not a date: use YYYY-MM-DD.");
        }
        return t;
    }

    private static ReplyChannel Channel(ValidationErrors errors, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return ReplyChannel.Email;
        }
        if (!ReplyTerms.TryParse(value, out var channel))
        {
            errors.Add("channel", $"'{value}' is not a channel: use {string.Join(", ", Enum.GetValues<ReplyChannel>().Select(c => c.ToLabel()))}.");
        }
        return channel;
    }
}

/// <summary>
/// Records how an actor answered a request: its answer (kept as a source of its own, with the text as its
/// archived copy, so that it can be cited) or its refusal. On a published request the answer waits for a
/// reviewer, like any change of a published record; the source is written when it is applied.
/// </summary>
public sealed class RecordReplyAnswerHandler(VigilDb db, GetReplyRequestHandler get)
{
    public Task<WriteResult<ReplyRequestView>> HandleAsync(string idOrSlug, ReplyAnswerInput input, CancellationToken ct = default) =>
        RecordWrites.UpdateAsync(db, db.ReplyRequests.Include(r => r.Actor).Include(r => r.AnswerSource), idOrSlug, input.Version, input, null,
            async (request, errors) =>
            {
                if (request.Outcome != ReplyOutcome.Awaiting)
                {
                    errors.Add("outcome", $"This request was already {request.Outcome.ToLabel()} on {request.AnsweredDate}: an answer is recorded once.");
                    return;
                }
                var outcome = (input.Outcome ?? "").Trim().ToLowerInvariant() switch
                {
                    "answered" => ReplyOutcome.Answered,
                    "declined" => ReplyOutcome.Declined,
                    _ => ReplyOutcome.Awaiting,
                };
                if (outcome == ReplyOutcome.Awaiting)
                {
                    errors.Add("outcome", "outcome is required: answered or declined.");
                }
                var date = AskForReplyHandler.FullDate(errors, "date", input.Date, required: true);
                if (date is not null && string.CompareOrdinal(date, request.AskedDate) < 0)
                {
                    errors.Add("date", $"date is before the request was sent ({request.AskedDate}).");
                }
                var text = outcome == ReplyOutcome.Answered ? errors.Required("text", input.Text, 20000) : errors.Optional("text", input.Text, 20000);
                var url = errors.Optional("url", input.Url, 2000);
                if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
                {
                    errors.Add("url", $"'{url}' is not an http(s) address.");
                }
                if (!errors.IsEmpty)
                {
                    return;
                }
                request.Outcome = outcome;
                request.AnsweredDate = date;
                request.AnswerText = text;
                // Held for review (a published request), the change carries the input; the source is made when it is applied.
                var held = request.Status == ReviewStatus.Published && Review.ReviewRules.HoldsChangesOfPublished(db);
                if (outcome == ReplyOutcome.Answered && !held)
                {
                    request.AnswerSource = AnswerSource(request, date!, text!, url);
                    request.AnswerSource.Slug = await Slugs.UniqueAsync(db, RecordKind.Source, Slugs.FromText($"reply-{request.Slug}"), ct);
                }
            },
            null, slug => get.HandleAsync(slug, ct), ct);

    /// <summary>
    /// The answer as a source: the actor's own words (primary evidence), dated the day it answered, with the
    /// text as its archived copy and that copy's hash. It has the request's marking and follows its review:
    /// a draft with a draft request, published when a reviewer applies the answer to a published one.
    /// </summary>
    private Source AnswerSource(ReplyRequest request, string date, string text, string? url)
    {
        var actor = request.Actor!.Name;
        var title = $"Reply of {actor} to a request for comment of {request.AskedDate}";
        var html = $"<!doctype html>\n<html lang=\"en\"><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title>\n"
            + $"<h1>{WebUtility.HtmlEncode(title)}</h1>\n<p>Received {date}.</p>\n<pre>{WebUtility.HtmlEncode(text)}</pre>\n</html>\n";
        var bytes = Encoding.UTF8.GetBytes(html);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var source = new Source
        {
            Title = title, TitleVerified = true, Evidence = EvidenceKind.Primary, Publisher = actor, Url = url,
            SourceKind = SourceKind.Other, PublishedDate = date, AccessedDate = date, ContentHash = hash,
            // What the actor says of itself cannot be graded by us: the grade is the reader's to make.
            Reliability = 'F', Marking = request.Marking,
            Status = request.Status == ReviewStatus.Published ? ReviewStatus.Published : ReviewStatus.Draft,
        };
        db.SourceArchives.Add(new SourceArchive
        {
            Source = source, FileName = $"reply-{request.Slug}.html", MediaType = "text/html", Size = bytes.Length, Sha256 = hash, Content = bytes,
            StoredAt = db.Now(), StoredBy = db.Reader.Name,
        });
        return source;
    }
}

/// <summary>One request for comment; null when the reader may not see it.</summary>
public sealed class GetReplyRequestHandler(VigilDb db)
{
    public async Task<ReplyRequestView?> HandleAsync(string idOrSlug, CancellationToken ct = default) =>
        (await ReplyRequests.OfAsync(db, db.ReplyRequests.ByIdOrSlug(idOrSlug), ct)).FirstOrDefault();
}

/// <summary>An actor's right-of-reply record; null when the reader may not see the actor.</summary>
public sealed class ActorRepliesHandler(VigilDb db)
{
    /// <remarks>
    /// Kept per data version and kind of reader (<see cref="ReadResults"/>), and per day: whether a request is
    /// still awaited or went unanswered turns on today's date, which no save moves.
    /// </remarks>
    public Task<ReplyRecord?> HandleAsync(string actorIdOrSlug, CancellationToken ct = default) =>
        ReadResults.GetOrComputeAsync(db, $"actor-replies\n{ReplyRequests.Today(db)}\n{actorIdOrSlug}", () => ComputeAsync(actorIdOrSlug, ct), ReadResultSize.Small);

    private async Task<ReplyRecord?> ComputeAsync(string actorIdOrSlug, CancellationToken ct)
    {
        var actor = await db.Actors.AsNoTracking().ByIdOrSlug(actorIdOrSlug)
            .Select(a => new { a.Id, a.Slug, a.Name, a.ActorKind }).FirstOrDefaultAsync(ct);
        if (actor is null)
        {
            return null;
        }
        var requests = await ReplyRequests.OfAsync(db, db.ReplyRequests.Where(r => r.ActorId == actor.Id), ct);
        return ReplyRequests.Record(new RecordRef("actor", actor.Slug, actor.Name, Labels.Kebab(actor.ActorKind)), requests);
    }
}

/// <summary>
/// The requests about one record (an incident, a measure, a relationship, an actor), as the reader may
/// see them: what is shown beside the claim ("X replied on …", "X was asked on … and did not answer by …").
/// </summary>
public sealed class RepliesAboutHandler(VigilDb db)
{
    public Task<List<ReplyRequestView>> HandleAsync(RecordKind kind, long id, CancellationToken ct = default)
    {
        var about = kind switch
        {
            RecordKind.Incident => db.ReplySubjects.Where(s => s.IncidentId == id),
            RecordKind.Measure => db.ReplySubjects.Where(s => s.MeasureId == id),
            RecordKind.Relationship => db.ReplySubjects.Where(s => s.RelationshipId == id),
            RecordKind.Actor => db.ReplySubjects.Where(s => s.ActorId == id),
            _ => db.ReplySubjects.Where(s => false),
        };
        return ReplyRequests.OfAsync(db, db.ReplyRequests.Where(r => about.Any(s => s.ReplyRequestId == r.Id)), ct);
    }
}

/// <summary>A record an editor may tick when asking an actor for comment: its reference ("incident:slug") and name.</summary>
public sealed record ReplySubjectChoice(string Ref, string Type, string Name);

/// <summary>
/// What a request to an actor may be about, by name: the actor itself, the incidents it is a vendor or
/// suspected operator in, the measures against it or by it, and its relationships — those the reader may see.
/// </summary>
public sealed class ReplySubjectChoicesHandler(VigilDb db)
{
    public async Task<IReadOnlyList<ReplySubjectChoice>> HandleAsync(string actorSlug, CancellationToken ct = default)
    {
        var actor = await db.Actors.AsNoTracking().ByIdOrSlug(actorSlug).Select(a => new { a.Id, a.Slug, a.Name }).FirstOrDefaultAsync(ct);
        if (actor is null)
        {
            return [];
        }
        var choices = new List<ReplySubjectChoice> { new($"actor:{actor.Slug}", "actor", $"{actor.Name} itself") };
        var incidents = await db.Incidents.AsNoTracking()
            .Where(i => i.Vendors.Any(v => v.ActorId == actor.Id) || i.Operators.Any(o => o.ActorId == actor.Id))
            .OrderByDescending(i => i.DisclosedOn).Select(i => new { i.Slug, i.Title }).Take(100).ToListAsync(ct);
        choices.AddRange(incidents.Select(i => new ReplySubjectChoice($"incident:{i.Slug}", "incident", i.Title)));
        var measures = await db.Measures.AsNoTracking()
            .Where(m => m.AuthorityId == actor.Id || m.Targets.Any(t => t.ActorId == actor.Id))
            .OrderByDescending(m => m.AnnouncedDate).Select(m => new { m.Slug, m.Title }).Take(100).ToListAsync(ct);
        choices.AddRange(measures.Select(m => new ReplySubjectChoice($"measure:{m.Slug}", "measure", m.Title)));
        var edges = await db.Relationships.AsNoTracking()
            .Where(r => r.FromActorId == actor.Id || r.ToActorId == actor.Id)
            .Select(r => new { r.Slug, From = r.FromActor!.Name, r.Type, To = r.ToActor != null ? r.ToActor.Name : r.ToProduct!.Name }).Take(100).ToListAsync(ct);
        choices.AddRange(edges.OrderBy(e => e.Type).ThenBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)
            .Select(e => new ReplySubjectChoice($"relationship:{e.Slug}", "relationship", $"{e.From} {e.Type.ToLabel()} {e.To}")));
        return choices;
    }
}
