using System.Collections.Concurrent;
using System.Data.Common;
using Curation.Database.Dialects;
using Curation.Database.Loading;
using Curation.Schema.Model;

namespace Curation.Database;

/// <summary>
/// An engine whose driver lives in an assembly of its own (SQL Server: <c>Curation.Database.SqlServer</c>, over
/// Microsoft.Data.SqlClient), so that this assembly never references that driver. Once registered with
/// <see cref="EngineProviders.Register"/>, <see cref="ArchiveConnection.Open"/>, <see cref="LiveSchemaReader.Read"/>
/// and <see cref="BulkLoader.Open"/> hand it every URL, connection and load of its engine.
/// </summary>
public interface IEngineProvider
{
    /// <summary>The engine this provider serves.</summary>
    DatabaseEngine Engine { get; }

    /// <summary>Opens a connection to the database <paramref name="url"/> names.</summary>
    /// <exception cref="CurationDatabaseException">The database cannot be reached; the message names it (never its password) and says why.</exception>
    DbConnection Open(DatabaseUrl url);

    /// <summary>Every user table and view with its columns, types spelled as the engine's <see cref="SqlDialect.MapType"/> spells them.</summary>
    IReadOnlyList<LiveTable> ReadLiveSchema(DbConnection connection, DbTransaction? transaction);

    /// <summary>A loader for <paramref name="table"/> once <see cref="BulkLoader.Open"/> has checked the live table against it.</summary>
    /// <param name="connection">An open connection this provider made.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="table">The table, templates instantiated.</param>
    /// <param name="columns">The columns each row gives, in order (the table's columns except computed ones).</param>
    /// <param name="live">The table as the database describes it (its names as the database spells them), just checked
    /// to agree with <paramref name="table"/>.</param>
    /// <param name="transaction">The caller's transaction to load in, or null for a transaction of the loader's own.</param>
    BulkLoader OpenBulkLoader(DbConnection connection, SqlDialect dialect, TableDef table, IReadOnlyList<ColumnDef> columns, LiveTable live,
        DbTransaction? transaction);

    /// <summary>Closes the idle pooled connections of this process to the database <paramref name="url"/> names (see
    /// <see cref="ArchiveConnection.ReleasePooledConnections"/>); nothing by default.</summary>
    void ReleasePooledConnections(DatabaseUrl url)
    {
    }
}

/// <summary>The engines plugged in from other assemblies (see <see cref="IEngineProvider"/>). SQLite and PostgreSQL are
/// built in; SQL Server is there once a program registers it, as <c>curate</c> does at start-up.</summary>
public static class EngineProviders
{
    private static readonly ConcurrentDictionary<DatabaseEngine, IEngineProvider> Providers = new();

    /// <summary>Registers (or replaces) the provider of an engine that is not built in.</summary>
    /// <exception cref="ArgumentException">The engine is built in (SQLite, PostgreSQL).</exception>
    public static void Register(IEngineProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (provider.Engine is DatabaseEngine.Sqlite or DatabaseEngine.Postgres)
            throw new ArgumentException($"{provider.Engine} is built into Curation.Database and takes no provider", nameof(provider));
        Providers[provider.Engine] = provider;
    }

    /// <summary>The registered provider of <paramref name="engine"/>, or null.</summary>
    public static IEngineProvider? Find(DatabaseEngine engine) => Providers.TryGetValue(engine, out var p) ? p : null;

    /// <summary>The registered provider of <paramref name="engine"/>; throws, saying what needed it, when there is none.</summary>
    internal static IEngineProvider Require(DatabaseEngine engine, string what) =>
        Find(engine) ?? throw new CurationDatabaseException(
            $"{what}: {engine} support (the Curation.Database.{engine} assembly) is not registered in this program; "
            + "a program that references it calls its Register() at start-up, as curate does");

    /// <summary>The engine a dialect speaks to.</summary>
    internal static DatabaseEngine EngineOf(SqlDialect dialect) => dialect switch
    {
        SqliteDialect => DatabaseEngine.Sqlite,
        PostgresDialect => DatabaseEngine.Postgres,
        SqlServerDialect => DatabaseEngine.SqlServer,
        _ => throw new ArgumentException($"no engine speaks the dialect {dialect.Name}", nameof(dialect)),
    };
}
