using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Matching;
using Vigil.Model;
using Vigil.Protection;

namespace Vigil.Features.Incidents;

/// <summary>
/// Whether a citation on an incident would name one of its targets: the source's title or address, or
/// the quote, contains the name or an alias of a target whose identity is stored. A public incident must
/// not be re-identifiable through what it cites, so such a citation is written and published only at
/// <see cref="Marking.Red"/>, the clearance that may see identities (<see cref="RevealTargetIdentityHandler"/>).
/// </summary>
/// <remarks>
/// The identities are decrypted here, compared in memory and dropped: never logged, never put in an
/// error (<see cref="Refusal"/> names no one). An identity may list aliases after the name, separated by
/// semicolons ("Name; another spelling; how the press describes the person"); a part in brackets is
/// left out ("Name (and her son)" checks "Name"). Words are compared after transliteration, whole words
/// only, so case, accents, possessives and the hyphens of an address do not hide a name.
/// </remarks>
public sealed class TargetNaming(VigilDb db, TargetKeyring keyring)
{
    /// <summary>The error a writer or reviewer reads: it says why, naming no one.</summary>
    public const string Refusal = "The source's title or address, or the quote, names a person targeted in this incident: "
        + "cite it at RED (only readers who may see identities read it), or cite another source.";

    /// <summary>The error on a source's new title or address, naming no one.</summary>
    public const string SourceRefusal = "This title or address names a person targeted in an incident that cites this source below RED: "
        + "leave the name out, or raise those citations to RED first.";

    /// <summary>Names of fewer letters than this are not checked (initials would match everywhere).</summary>
    private const int ShortestName = 4;

    /// <summary>Whether a citation at <paramref name="marking"/> is below the clearance that sees identities.</summary>
    public static bool Applies(Marking marking) => marking < Marking.Red;

    /// <summary>True when a citation of <paramref name="source"/> on the incident, quoting <paramref name="quote"/>, names one of its targets.</summary>
    public Task<bool> NamesATargetAsync(long incidentId, Source? source, string? quote, CancellationToken ct) =>
        NamesATargetAsync(incidentId, [source?.Title, source?.Url, quote], ct);

    /// <summary>True when <paramref name="record"/> is a citation on an incident, below RED, that names one of its targets.</summary>
    public async Task<bool> ForbidsAsync(Record record, CancellationToken ct)
    {
        if (record is not Citation { IncidentId: { } incidentId } citation || !Applies(citation.Marking))
        {
            return false;
        }
        var source = citation.Source
            ?? await db.Sources.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.Id == citation.SourceId, ct);
        return await NamesATargetAsync(incidentId, source, citation.Quote, ct);
    }

    /// <summary>True when any of <paramref name="texts"/> names a target of the incident whose identity is stored.</summary>
    public async Task<bool> NamesATargetAsync(long incidentId, IReadOnlyList<string?> texts, CancellationToken ct)
    {
        // Every target of the incident, whoever writes: the check protects people the writer may not see.
        var identities = await db.Targets.IgnoreQueryFilters()
            .Where(t => t.IncidentId == incidentId && t.IdentityCipher != null && t.IdentityKeyId != null)
            .Select(t => new { t.Pseudonym, t.IdentityCipher, t.IdentityKeyId }).ToListAsync(ct);
        if (identities.Count == 0)
        {
            return false;
        }
        foreach (var target in identities)
        {
            if (keyring.Decrypt(target.Pseudonym, target.IdentityCipher!, target.IdentityKeyId!) is { } identity && Mentions(identity, texts))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when any of <paramref name="texts"/> contains the name or an alias of <paramref name="identity"/>, as whole words.</summary>
    public static bool Mentions(string identity, IEnumerable<string?> texts)
    {
        var haystack = " " + string.Join(" ", texts.Where(t => !string.IsNullOrWhiteSpace(t)).Select(Words)) + " ";
        return Names(identity).Any(name => haystack.Contains(" " + name + " ", StringComparison.Ordinal));
    }

    /// <summary>The name and aliases of an identity, transliterated.</summary>
    internal static IEnumerable<string> Names(string identity) => identity
        .Split([';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(WithoutBrackets)
        .Select(Words)
        .Where(n => n.Count(char.IsAsciiLetter) >= ShortestName)
        .Distinct(StringComparer.Ordinal);

    // Apostrophes separate words here (the transliteration joins them: "Qa'ida"), so that a possessive
    // ("Name's phone") still shows the name; an identity with one ("O'Brien") reads the same way.
    private static string Words(string? text) => Transliteration.ToAscii(text?.Replace('\'', ' ').Replace('\u2019', ' '));

    private static string WithoutBrackets(string part)
    {
        var open = part.IndexOf('(', StringComparison.Ordinal);
        return open > 0 ? part[..open] : part;
    }
}
