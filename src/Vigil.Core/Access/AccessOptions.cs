using System.ComponentModel.DataAnnotations;
using Vigil.Model;

namespace Vigil.Access;

/// <summary>
/// Until accounts exist, the reader of the web UI and API is set by configuration
/// (<c>Vigil:Access</c>). The default is the anonymous public reader.
/// </summary>
public sealed class AccessOptions
{
    public const string Section = "Vigil:Access";

    /// <summary>Highest marking shown: CLEAR, GREEN, AMBER, AMBER+STRICT or RED.</summary>
    [Required]
    [RegularExpression("(?i)^(TLP:)?(CLEAR|WHITE|GREEN|AMBER|AMBER\\+STRICT|AMBER_STRICT|RED)$", ErrorMessage = "Vigil:Access:Clearance must be one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED.")]
    public string Clearance { get; set; } = "GREEN";

    /// <summary>Show drafts and records in review.</summary>
    public bool SeesUnpublished { get; set; }

    /// <summary>Allow create and update through the API (a trusted, local deployment only).</summary>
    public bool CanEdit { get; set; }

    /// <summary>The reader these options describe.</summary>
    public Reader ToReader()
    {
        Markings.TryParse(Clearance, out var clearance);
        return new Reader(CanEdit ? "local-editor" : "anonymous", clearance, SeesUnpublished, CanEdit);
    }
}
