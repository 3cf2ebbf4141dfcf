using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Vigil.Access;
using Vigil.Model;
using Vigil.Security;

namespace Vigil.Web.Pages.Admin;

/// <summary>Every account, and a form to add one. The rules live in <see cref="Accounts"/>, shared with <c>vigil users</c>.</summary>
public sealed class UsersModel(Accounts accounts, IReaderAccessor readers) : AdminPage(readers)
{
    [BindProperty]
    [Required(ErrorMessage = "Enter a user name.")]
    [Display(Name = "User name")]
    public string UserName { get; set; } = "";

    [BindProperty]
    [EmailAddress]
    [Display(Name = "Email (optional)")]
    public string? Email { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter an initial password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Initial password")]
    public string Password { get; set; } = "";

    [BindProperty]
    public List<string> SelectedRoles { get; set; } = [];

    [BindProperty]
    public string Clearance { get; set; } = Marking.Clear.ToLabel();

    [BindProperty]
    [Display(Name = "Focal point for (ISO code, focal points only)")]
    public string? FocalPointCountry { get; set; }

    public IReadOnlyList<AccountSummary> Accounts { get; private set; } = [];

    public string? Added { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Accounts = await accounts.ListAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!Markings.TryParse(Clearance, out var clearance))
        {
            ModelState.AddModelError(nameof(Clearance), "Choose a clearance.");
        }
        if (ModelState.IsValid)
        {
            var result = await accounts.AddAsync(Actor, UserName, Email, Password, SelectedRoles, clearance,
                string.IsNullOrWhiteSpace(FocalPointCountry) ? null : FocalPointCountry.Trim(), ct);
            if (result.Succeeded)
            {
                Added = result.Account!.UserName;
                UserName = "";
                Email = FocalPointCountry = null;
                SelectedRoles = [];
                Clearance = Marking.Clear.ToLabel();
            }
            else
            {
                ModelState.AddModelError("", result.Error!);
            }
        }
        Password = "";
        Accounts = await accounts.ListAsync(ct);
        return Page();
    }
}
