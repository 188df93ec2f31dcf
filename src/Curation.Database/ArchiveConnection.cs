using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Curation.Database;

/// <summary>Opens connections to the archive a <see cref="DatabaseUrl"/> names: SQLite and PostgreSQL here, SQL Server
/// through the provider Curation.Database.SqlServer registers (see <see cref="EngineProviders"/>).</summary>
public static class ArchiveConnection
{
    private static int _sqliteInitialised;

    /// <summary>Closes every pooled SQLite connection, so that an archive file can be removed or replaced safely:
    /// a pooled connection would otherwise keep writing to the removed file.</summary>
    public static void ReleasePooledSqliteConnections() => SqliteConnection.ClearAllPools();

    /// <summary>Opens a connection; for SQLite, creates the file (and its directory) when missing and turns foreign keys on.</summary>
    /// <exception cref="CurationDatabaseException">The database cannot be reached; the message names it and says why.</exception>
    public static DbConnection Open(DatabaseUrl url)
    {
        ArgumentNullException.ThrowIfNull(url);
        try
        {
            switch (url.Engine)
            {
                case DatabaseEngine.Sqlite:
                    if (Interlocked.Exchange(ref _sqliteInitialised, 1) == 0)
                        SQLitePCL.Batteries_V2.Init();
                    var full = System.IO.Path.GetFullPath(url.Path!);
                    if (System.IO.Path.GetDirectoryName(full) is { Length: > 0 } dir)
                        Directory.CreateDirectory(dir);
                    var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, ForeignKeys = true }.ToString());
                    sqlite.Open();
                    return sqlite;
                case DatabaseEngine.Postgres:
                    var builder = new NpgsqlConnectionStringBuilder
                    {
                        Host = url.Host, Port = url.Port ?? 5432, Database = url.Database, Username = url.User,
                        Password = url.Password, IncludeErrorDetail = true,
                    };
                    var pg = new NpgsqlConnection(builder.ToString());
                    pg.Open();
                    return pg;
                default:
                    // SQL Server's driver lives in Curation.Database.SqlServer, which registers itself (curate does at start-up).
                    return EngineProviders.Require(url.Engine, $"cannot open {url}").Open(url);
            }
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            throw new CurationDatabaseException($"cannot open {url}: {e.Message}", e);
        }
    }
}

/// <summary>A database problem worth one clear line to the operator (which database or table, and why).</summary>
public sealed class CurationDatabaseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CurationDatabaseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public CurationDatabaseException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public CurationDatabaseException()
    {
    }
}
