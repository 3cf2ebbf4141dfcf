using Vigil.Model;

namespace Vigil.Web.Pages.Incidents;

/// <summary>Small display helpers for the incident pages.</summary>
public static class IncidentDisplay
{
    public static Marking MarkingOf(string label) => Markings.TryParse(label, out var m) ? m : Marking.Red;

    public static string Period(string? first, string? last, string? disclosed) =>
        first is null ? disclosed is null ? "date unknown" : $"disclosed {disclosed}"
        : last is null ? first : $"{first} – {last}";

    public static string Words(this ForensicStatus s) => s switch
    {
        ForensicStatus.LabConfirmed => "confirmed by a forensic lab",
        ForensicStatus.PlatformNotification => "notification by a platform",
        _ => "suspected",
    };

    public static string Words(this AttackVector v) => v.ToLabel().Replace('-', ' ');

    public static string Words(this ConsentStatus c) => c switch
    {
        ConsentStatus.PublicConsent => "named publicly with consent",
        ConsentStatus.PublicRecord => "public record",
        _ => "do not name",
    };
}
