using Vigil.Access;
using Vigil.Features.Review;
using Vigil.Model;
using Vigil.Web.Pages.History;

namespace Vigil.Web.Pages.Sources;

public sealed class HistoryModel(GetHistoryHandler history, RevertHandler revert, IReaderAccessor readers) : HistoryPage(history, revert, readers)
{
    protected override RecordKind Kind => RecordKind.Source;
}
