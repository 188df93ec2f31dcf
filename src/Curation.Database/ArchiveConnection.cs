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

    /// <summary>Closes the idle pooled connections of this process to the database <paramref name="url"/> names, so that
    /// it can be copied, renamed or dropped: PostgreSQL will not copy a database as a template, nor rename or drop one,
    /// while anything is connected to it, and a pool keeps a closed connection open for its next use.</summary>
    public static void ReleasePooledConnections(DatabaseUrl url)
    {
        ArgumentNullException.ThrowIfNull(url);
        switch (url.Engine)
        {
            case DatabaseEngine.Sqlite:
                using (var sqlite = new SqliteConnection(SqliteConnectionString(url)))
                    SqliteConnection.ClearPool(sqlite);
                break;
            case DatabaseEngine.Postgres:
                using (var pg = new NpgsqlConnection(PostgresConnectionString(url)))
                    NpgsqlConnection.ClearPool(pg);
                break;
            default:
                EngineProviders.Find(url.Engine)?.ReleasePooledConnections(url);
                break;
        }
    }

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
                    if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(url.Path!)) is { Length: > 0 } dir)
                        Directory.CreateDirectory(dir);
                    var sqlite = new SqliteConnection(SqliteConnectionString(url));
                    sqlite.Open();
                    return sqlite;
                case DatabaseEngine.Postgres:
                    var pg = new NpgsqlConnection(PostgresConnectionString(url));
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

    private static string SqliteConnectionString(DatabaseUrl url) =>
        new SqliteConnectionStringBuilder { DataSource = System.IO.Path.GetFullPath(url.Path!), ForeignKeys = true }.ToString();

    private static string PostgresConnectionString(DatabaseUrl url) => new NpgsqlConnectionStringBuilder
    {
        Host = url.Host, Port = url.Port ?? 5432, Database = url.Database, Username = url.User, Password = url.Password, IncludeErrorDetail = true,
    }.ToString();
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
