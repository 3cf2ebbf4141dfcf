using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Export;

namespace Vigil.Web.Pages.Data;

/// <summary>Open data: every kind of record as CSV and JSON, as far as the reader may see it.</summary>
public sealed class IndexModel(IReaderAccessor readers) : PageModel
{
    public Reader Reader => readers.Current;

    public IReadOnlyList<(string Name, string Holds)> Tables => OpenDataHandler.Tables;

    public void OnGet()
    {
    }
}
