using System.Globalization;
using Vigil.Features.Import;

namespace Vigil.Features.Sanctions;

/// <summary>
/// What an outside list must pass before its delta is applied. A list snapshot is authoritative: what it
/// lacks is delisted. So an empty file, a file cut short, or one that would suddenly lift a large share of
/// the current listings is far likelier a broken download than a real change, and is refused with the
/// numbers, unless the operator says the mass delisting is meant (<c>--allow-mass-delisting</c>).
/// </summary>
public static class ListImportSanity
{
    /// <summary>The share of current listings a snapshot may lift without <c>--allow-mass-delisting</c>.</summary>
    public const double DefaultMaxLiftedShare = 0.05;

    /// <summary>Throws <see cref="ImportRejectedException"/> when the snapshot read no entry, or would lift too many listings.</summary>
    /// <param name="file">The file's name, for the error.</param>
    /// <param name="entriesRead">Entries the file held.</param>
    /// <param name="listings">Listings in force before the import.</param>
    /// <param name="wouldLift">Listings the snapshot would lift.</param>
    /// <param name="allowMassDelisting">The operator's word that a mass delisting is meant.</param>
    /// <param name="maxLiftedShare">The share of listings a snapshot may lift.</param>
    public static void Check(string file, int entriesRead, int listings, int wouldLift, bool allowMassDelisting, double maxLiftedShare = DefaultMaxLiftedShare)
    {
        if (allowMassDelisting)
        {
            return;
        }
        if (entriesRead == 0)
        {
            throw new ImportRejectedException([new ImportError(file, null, null,
                $"no entry read: the file is empty, and would lift all {listings} listing(s) in force; refused (pass --allow-mass-delisting if that is meant)")]);
        }
        if (listings > 0 && wouldLift > listings * maxLiftedShare)
        {
            var share = (double)wouldLift / listings;
            throw new ImportRejectedException([new ImportError(file, null, null, string.Create(CultureInfo.InvariantCulture,
                $"{entriesRead} entries read; the snapshot would lift {wouldLift} of the {listings} listings in force ({share:P1}), more than the {maxLiftedShare:P0} a snapshot may lift: the file may be cut short; refused (pass --allow-mass-delisting if the delisting is meant)"))]);
        }
    }
}
