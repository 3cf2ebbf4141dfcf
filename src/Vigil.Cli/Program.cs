using Vigil.Cli;

try
{
    return await VigilCommand.RunAsync(args);
}
finally
{
    // Microsoft.Data.Sqlite keeps closed connections' handles for reuse, and a process that exits with them open leaves its
    // last writes in the write-ahead log (vigil.db-wal) until the next open. Closing them lets the last one fold the log into
    // vigil.db, so that a command's writes are in the database file itself when it returns: a copy of that file alone holds them.
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}
