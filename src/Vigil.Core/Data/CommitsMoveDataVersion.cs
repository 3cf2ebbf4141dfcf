using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Vigil.Data;

/// <summary>
/// Moves <see cref="DataVersion"/> once a knowledge-graph transaction has committed. A save inside a
/// caller's transaction (publishing a change set, an import) moves it already, but before the commit: a read
/// between the two would see the old rows and be cached under the new version. Moving it again after the
/// commit drops such an entry at once instead of when the watcher next notices the new revision.
/// </summary>
internal sealed class CommitsMoveDataVersion : DbTransactionInterceptor
{
    public static readonly CommitsMoveDataVersion Instance = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        DataVersion.Bump();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        DataVersion.Bump();
        return Task.CompletedTask;
    }
}
