namespace Curation.Release;

/// <summary>A file of a SQL Server database, as <c>sys.master_files</c> lists it.</summary>
/// <param name="LogicalName">Its logical name (what <c>RESTORE ... WITH MOVE</c> names).</param>
/// <param name="IsLog">True for a transaction log file.</param>
public sealed record SqlServerFile(string LogicalName, bool IsLog);

/// <summary>How a SQL Server release is copied: the backup file, where the restored files go, and the files to move.</summary>
/// <param name="Archive">The curation database.</param>
/// <param name="Partial">The release database's name while it is made.</param>
/// <param name="Final">The release database's name.</param>
/// <param name="BackupDirectory">The server's default backup directory.</param>
/// <param name="DataDirectory">The server's default data directory.</param>
/// <param name="LogDirectory">The server's default log directory.</param>
/// <param name="Files">The curation database's files.</param>
public sealed record SqlServerBackupPlan(string Archive, string Partial, string Final, string BackupDirectory, string DataDirectory, string LogDirectory,
    IReadOnlyList<SqlServerFile> Files)
{
    /// <summary>The backup file: <c>FINAL.bak</c> in the backup directory. It is a full copy-only backup of the curation
    /// database as the release was made from it, and is left there.</summary>
    public string BackupFile => Combine(BackupDirectory, Final + ".bak");

    /// <summary>Where each file of the curation database goes in the release: data files <c>FINAL.mdf</c>,
    /// <c>FINAL_2.ndf</c>, ... in the data directory, logs <c>FINAL_log.ldf</c>, ... in the log directory.</summary>
    public IReadOnlyList<(SqlServerFile File, string Path)> Moves()
    {
        int data = 0, logs = 0;
        return Files.Select(f => f.IsLog
                ? (f, Combine(LogDirectory, Final + "_log" + (++logs == 1 ? "" : "_" + logs) + ".ldf"))
                : (f, Combine(DataDirectory, Final + (++data == 1 ? ".mdf" : "_" + data + ".ndf"))))
            .ToList();
    }

    /// <summary>Joins a server directory and a file name with the server's separator (a Windows server's paths have
    /// backslashes, a Linux server's slashes).</summary>
    private static string Combine(string directory, string name)
    {
        var separator = directory.Contains('\\', StringComparison.Ordinal) ? '\\' : '/';
        return directory.TrimEnd('\\', '/') + separator + name;
    }
}

/// <summary>The T-SQL a SQL Server release sends besides the trim: the backup and restore that copy the curation
/// database, the rename that publishes the release, the drop that removes a failed one.</summary>
public static class SqlServerReleaseStatements
{
    /// <summary>Counts the databases named <c>@name</c>.</summary>
    public const string Exists = "SELECT COUNT(*) FROM sys.databases WHERE name = @name";

    /// <summary>The server's default backup, data and log directories.</summary>
    public const string DefaultPaths = "SELECT CAST(SERVERPROPERTY('InstanceDefaultBackupPath') AS nvarchar(4000)), "
        + "CAST(SERVERPROPERTY('InstanceDefaultDataPath') AS nvarchar(4000)), CAST(SERVERPROPERTY('InstanceDefaultLogPath') AS nvarchar(4000))";

    /// <summary>The files of database <c>@db</c>: logical name and type (ROWS or LOG).</summary>
    public const string Files = "SELECT name, type_desc FROM sys.master_files WHERE database_id = DB_ID(@db) ORDER BY file_id";

    /// <summary>Backs the curation database up to the plan's file: a copy-only backup, which leaves the database's own
    /// backup chain (its differential and log backups) as it was; INIT overwrites an older file of that name.</summary>
    public static string Backup(SqlServerBackupPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return $"BACKUP DATABASE {Quote(plan.Archive)} TO DISK = {Literal(plan.BackupFile)} WITH COPY_ONLY, INIT, CHECKSUM";
    }

    /// <summary>Restores the backup as the partial release database, each file moved to its place under the release's name.</summary>
    public static string Restore(SqlServerBackupPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return $"RESTORE DATABASE {Quote(plan.Partial)} FROM DISK = {Literal(plan.BackupFile)} WITH "
            + string.Join(", ", plan.Moves().Select(m => $"MOVE {Literal(m.File.LogicalName)} TO {Literal(m.Path)}"))
            + ", CHECKSUM, RECOVERY";
    }

    /// <summary>Renames the finished release database to its final name.</summary>
    public static string Rename(string partial, string final) => $"ALTER DATABASE {Quote(partial)} MODIFY NAME = {Quote(final)}";

    /// <summary>Drops a database if it exists, after closing every connection to it.</summary>
    public static string Drop(string database) =>
        $"IF DB_ID({Literal(database)}) IS NOT NULL\nBEGIN\n    ALTER DATABASE {Quote(database)} SET SINGLE_USER WITH ROLLBACK IMMEDIATE;\n    DROP DATABASE {Quote(database)};\nEND";

    private static string Quote(string name) => $"[{name.Replace("]", "]]", StringComparison.Ordinal)}]";

    private static string Literal(string text) => $"N'{text.Replace("'", "''", StringComparison.Ordinal)}'";
}
