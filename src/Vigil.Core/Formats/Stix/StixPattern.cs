using System.Text.RegularExpressions;
using Vigil.Model;

namespace Vigil.Formats.Stix;

/// <summary>The observable an indicator's pattern is about: its kind, the object path and the value.</summary>
public sealed record Observable(ObservableKind Kind, string Type, string Value);

/// <summary>
/// Reads the observable out of a STIX pattern: the first comparison's object path and quoted value
/// (<c>[domain-name:value = 'x.com']</c> → domain, <c>x.com</c>). Object types STIX does not define (MVT's
/// <c>configuration-profile:id</c>) are kept as <see cref="ObservableKind.Other"/> with their value.
/// A pattern of another language (YARA, Snort, Sigma) or one without a quoted comparison keeps the
/// whole pattern as its value.
/// </summary>
public static partial class StixPattern
{
    public static Observable Parse(string pattern, string patternType)
    {
        var match = patternType == "stix" ? Comparison().Match(pattern) : Match.Empty;
        if (!match.Success)
        {
            var whole = pattern.Trim();
            return new Observable(ObservableKind.Other, patternType, whole.Length > 2000 ? whole[..2000] : whole);
        }
        var objectType = match.Groups["type"].Value;
        var path = match.Groups["path"].Value;
        var value = match.Groups["value"].Value.Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        var kind = objectType switch
        {
            "domain-name" => ObservableKind.Domain,
            "url" => ObservableKind.Url,
            "ipv4-addr" or "ipv6-addr" => ObservableKind.Ip,
            "email-addr" => ObservableKind.Email,
            "file" when path.StartsWith("hashes", StringComparison.Ordinal) => ObservableKind.Hash,
            "file" when path is "name" or "path" or "parent_directory_ref.path" => ObservableKind.File,
            "process" when path is "name" or "command_line" or "image_ref.name" => ObservableKind.Process,
            _ => ObservableKind.Other,
        };
        return new Observable(kind, $"{objectType}:{path}", value);
    }

    [GeneratedRegex(@"(?<type>[a-z0-9][a-z0-9-]*):(?<path>[A-Za-z0-9_.'\-\[\]\*]+?)\s*(=|!=|MATCHES|LIKE|>=|<=|>|<)\s*'(?<value>(?:[^'\\]|\\.)*)'")]
    private static partial Regex Comparison();
}
