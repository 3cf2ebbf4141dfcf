using System.Globalization;
using Vigil.Model;

namespace Vigil.Features.Commitments;

/// <summary>What sort of thing an actor did.</summary>
public enum ActionKind
{
    /// <summary>A documented abuse (the actor as suspected operator, vendor…).</summary>
    Incident = 1,
    /// <summary>An accountability measure (sanction, listing, charge) against the actor.</summary>
    Measure = 2,
    /// <summary>A vendor supplying a customer.</summary>
    Supply = 3,
}

/// <summary>
/// How an actor takes part in an action event. An incident's suspected operator, a measure's target, a
/// supply's vendor and customer.
/// </summary>
public static class ActionRoles
{
    public const string SuspectedOperator = "suspected-operator";
    public const string Vendor = "vendor";
    public const string Customer = "customer";
    public const string MeasureTarget = "measure-target";
}

/// <summary>An actor taking part in an action event, with a role from <see cref="ActionRoles"/>.</summary>
public sealed record ActionParticipant(long ActorId, string Role);

/// <summary>A citation carried by an event or a contradiction: the source and where in it.</summary>
public sealed record ActionCitation(string SourceSlug, string SourceTitle, string? Url, string? Locator);

/// <summary>
/// Something an actor did, dated (partial date), with who took part and why we believe it. Providers
/// (<see cref="IActionEvidence"/>) turn incidents, measures and supply relationships into these.
/// </summary>
public sealed record ActionEvent(
    ActionKind Kind, string Key, string Title, string? Date, IReadOnlyList<ActionParticipant> Participants,
    IReadOnlyList<ActionCitation> Citations, string? Link = null);

/// <summary>A promise: an endorsement of a framework, or a company's own policy, from its date.</summary>
public sealed record Promise(long ActorId, string ActorSlug, string ActorName, string FrameworkSeries, string FrameworkName, string? Date, bool IsCompanyPolicy);

/// <summary>An event after a promise that contradicts it, and why.</summary>
public sealed record Contradiction(Promise Promise, ActionEvent Event, string Reason);

/// <summary>
/// Words against actions, as a pure function of promises and events: for every endorsement or company
/// policy, the events after its date that contradict it. An event counts only when it certainly falls
/// after the promise: its earliest possible day is later than the promise's latest possible day
/// ("2025" against "2025-04-04" does not count; an undated event or promise never does). The rules:
/// <list type="bullet">
/// <item>an incident in which the promising actor is a suspected operator;</item>
/// <item>a measure against the promising actor;</item>
/// <item>for a state or public body: a supply of commercial spyware to it (it buys after promising restraint;
/// proposed to the assessor, who judges it);</item>
/// <item>for a vendor's policy: an incident after the policy date whose suspected operator is a customer
/// the vendor supplies (NSO Group's 2019 policy against the incidents that followed), or in which the
/// vendor itself is named as vendor.</item>
/// </list>
/// </summary>
public static class WordsVsActions
{
    public static IReadOnlyList<Contradiction> Find(IEnumerable<Promise> promises, IEnumerable<ActionEvent> events)
    {
        var all = events.ToList();
        // Customers of each vendor, from supply events whatever their date: a customer bought the tool,
        // the abuse is what must fall after the policy.
        var customers = all.Where(e => e.Kind == ActionKind.Supply)
            .SelectMany(e => e.Participants.Where(p => p.Role == ActionRoles.Vendor)
                .SelectMany(v => e.Participants.Where(p => p.Role == ActionRoles.Customer).Select(c => (Vendor: v.ActorId, Customer: c.ActorId))))
            .ToLookup(x => x.Vendor, x => x.Customer);

        var found = new List<Contradiction>();
        foreach (var promise in promises)
        {
            foreach (var e in all)
            {
                if (!After(e.Date, promise.Date))
                {
                    continue;
                }
                var reason = Reason(promise, e, customers);
                if (reason is not null)
                {
                    found.Add(new Contradiction(promise, e, reason));
                }
            }
        }
        return found
            .OrderBy(c => c.Promise.ActorName, StringComparer.InvariantCulture).ThenBy(c => c.Promise.FrameworkName, StringComparer.InvariantCulture)
            .ThenBy(c => c.Event.Date, StringComparer.Ordinal).ThenBy(c => c.Event.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static string? Reason(Promise promise, ActionEvent e, ILookup<long, long> customers)
    {
        bool Has(string role) => e.Participants.Any(p => p.ActorId == promise.ActorId && p.Role == role);
        return e.Kind switch
        {
            ActionKind.Incident when Has(ActionRoles.SuspectedOperator) =>
                $"{promise.ActorName} is a suspected operator in an incident of {e.Date}, after it endorsed the {Named(promise)}.",
            ActionKind.Incident when promise.IsCompanyPolicy && Has(ActionRoles.Vendor) =>
                $"{promise.ActorName}'s tool was used in an incident of {e.Date}, after its {Named(promise)}.",
            ActionKind.Incident when promise.IsCompanyPolicy
                && e.Participants.Any(p => p.Role == ActionRoles.SuspectedOperator && customers[promise.ActorId].Contains(p.ActorId)) =>
                $"A customer of {promise.ActorName} is a suspected operator in an incident of {e.Date}, after its {Named(promise)}.",
            ActionKind.Measure when Has(ActionRoles.MeasureTarget) =>
                $"A measure of {e.Date} targets {promise.ActorName}, after its {Named(promise)}.",
            ActionKind.Supply when !promise.IsCompanyPolicy && Has(ActionRoles.Customer) =>
                $"{promise.ActorName} acquired commercial spyware ({e.Title}, from {e.Date}) after it endorsed the {Named(promise)}: check the purchase against its commitments.",
            _ => null,
        };
    }

    // "the Joint Statement (2023-03-30)", but not "the NSO Group Human Rights Policy (2019) (2019)".
    private static string Named(Promise p) =>
        p.Date is null || p.FrameworkName.Contains(p.Date, StringComparison.Ordinal) ? p.FrameworkName : $"{p.FrameworkName} ({p.Date})";

    /// <summary>True when the partial date <paramref name="eventDate"/> certainly falls after <paramref name="promiseDate"/>.</summary>
    public static bool After(string? eventDate, string? promiseDate) =>
        PartialDate.IsValid(eventDate) && PartialDate.IsValid(promiseDate) && Earliest(eventDate!) > Latest(promiseDate!);

    private static DateOnly Earliest(string date) => date.Length switch
    {
        4 => new DateOnly(PartialDate.Year(date), 1, 1),
        7 => DateOnly.ParseExact(date + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static DateOnly Latest(string date) => date.Length switch
    {
        4 => new DateOnly(PartialDate.Year(date), 12, 31),
        7 => DateOnly.ParseExact(date + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(1).AddDays(-1),
        _ => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
