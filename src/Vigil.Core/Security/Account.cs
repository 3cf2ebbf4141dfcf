using Microsoft.AspNetCore.Identity;
using Vigil.Model;

namespace Vigil.Security;

/// <summary>
/// A person who signs in. Identity keeps the password hash, lockout, two-factor key and recovery codes;
/// Vigil adds what the access rule reads: the clearance, a focal point's state, the victim-data
/// permission, and whether the account is disabled. Changing any of these renews the security stamp,
/// which ends the account's open sessions (see <see cref="Accounts"/>).
/// </summary>
public sealed class Account : IdentityUser<long>
{
    /// <summary>The highest marking this person may see.</summary>
    public Marking Clearance { get; set; } = Marking.Clear;

    /// <summary>For the focal-point role: the ISO 3166-1 alpha-2 code of the state they report for.</summary>
    public string? FocalPointCountry { get; set; }

    /// <summary>May see the real identity of targets (with RED clearance); every reveal is audited.</summary>
    public bool VictimData { get; set; }

    /// <summary>A disabled account cannot sign in, and its sessions and tokens stop working.</summary>
    public bool Disabled { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A role: admin, reviewer, editor, focal-point or reader (<see cref="Roles"/>).</summary>
public sealed class AccountRole : IdentityRole<long>
{
    public AccountRole()
    {
    }

    public AccountRole(string name) : base(name)
    {
    }
}

/// <summary>The roles, by their stored names, and what each needs.</summary>
public static class Roles
{
    /// <summary>Manages accounts; sees drafts.</summary>
    public const string Admin = "admin";

    /// <summary>Publishes or sends back what an editor submitted (never their own change).</summary>
    public const string Reviewer = "reviewer";

    /// <summary>Creates and changes records, and submits them for review.</summary>
    public const string Editor = "editor";

    /// <summary>Files one state's national implementation report.</summary>
    public const string FocalPoint = "focal-point";

    /// <summary>Reads published records up to their clearance.</summary>
    public const string Reader = "reader";

    public static IReadOnlyList<string> All { get; } = [Admin, Reviewer, Editor, FocalPoint, Reader];

    /// <summary>Roles that may not act without two-factor authentication set up.</summary>
    public static IReadOnlyList<string> NeedingTwoFactor { get; } = [Admin, Reviewer, Editor];

    /// <summary>The stored name for <paramref name="text"/> ("Focal point", "focal_point" → "focal-point"), or null.</summary>
    public static string? Parse(string? text)
    {
        var key = text?.Trim().ToLowerInvariant().Replace(' ', '-').Replace('_', '-');
        return All.FirstOrDefault(r => r == key);
    }
}
