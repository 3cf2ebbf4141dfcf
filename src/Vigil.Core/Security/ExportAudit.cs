using Vigil.Model;

namespace Vigil.Security;

/// <summary>What an export wrote: how many records, and the most sensitive marking among them.</summary>
/// <param name="Format">The format's name ("vigil", "csv").</param>
/// <param name="Records">Records written (actors, products, relationships, sources, citations).</param>
/// <param name="Highest">The highest marking of any record written; CLEAR for an empty export.</param>
public sealed record ExportSummary(string Format, int Records, Marking Highest);

/// <summary>
/// The rule for auditing exports, in one place for the CLI and the web: an export that carries any
/// record marked AMBER or above (AMBER, AMBER+STRICT, RED) leaves an <see cref="AuditEvents.Export"/>
/// entry naming who exported, the format, the highest marking and the record count. Exports of CLEAR and
/// GREEN data only are not audited: they hold nothing that may not be shared with the community.
/// </summary>
public static class ExportAudit
{
    /// <summary>The lowest marking whose export is audited.</summary>
    public const Marking AuditedFrom = Marking.Amber;

    /// <summary>Whether an export whose highest marking is <paramref name="highest"/> must be audited.</summary>
    public static bool IsAudited(Marking highest) => highest >= AuditedFrom;

    /// <summary>Appends the export event when the rule asks for one; returns the entry, or null.</summary>
    public static async Task<AuditEntry?> RecordAsync(SecurityDb db, TimeProvider clock, string actor, ExportSummary export, CancellationToken ct = default)
    {
        if (!IsAudited(export.Highest))
        {
            return null;
        }
        return await AuditLog.AppendAsync(db, clock, actor, AuditEvents.Export,
            $"format={export.Format} highest={export.Highest.ToLabel()} records={export.Records}", ct);
    }
}
