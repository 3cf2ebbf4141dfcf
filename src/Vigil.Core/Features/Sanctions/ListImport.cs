using Vigil.Data;
using Vigil.Features.Import;
using Vigil.Model;

namespace Vigil.Features.Sanctions;

/// <summary>What the sanctions-list imports (SDN, FtM) share: fresh slugs and citations to the list they read.</summary>
internal static class ListImport
{
    /// <summary><paramref name="wanted"/> (cut to 180 characters), or <c>wanted-2</c>, <c>wanted-3</c>… whichever <paramref name="taken"/> lacks; taken from then on.</summary>
    public static string UniqueSlug(string wanted, HashSet<string> taken)
    {
        var slug = wanted.Length > 180 ? wanted[..180].TrimEnd('-') : wanted;
        var stem = slug;
        for (var n = 2; !taken.Add(slug); n++)
        {
            slug = $"{stem}-{n}";
        }
        return slug;
    }

    /// <summary>Cites <paramref name="source"/> (the list) for a record the import made or linked.</summary>
    public static void Cite(VigilDb db, Record subject, string key, Source source, string? locator, int credibility)
    {
        db.Citations.Add(new Citation
        {
            Slug = ImportVigilDataHandler.CitationSlug(key, source.Slug, locator),
            Source = source, Locator = locator, Credibility = credibility, Marking = Marking.Clear, Status = ReviewStatus.Published,
        }.Cites(subject));
    }
}
