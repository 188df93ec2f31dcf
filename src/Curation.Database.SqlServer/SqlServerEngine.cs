using System.Data.Common;
using Curation.Database.Dialects;
using Curation.Database.Loading;
using Curation.Database.SqlServer.Loading;
using Curation.Schema.Model;

namespace Curation.Database.SqlServer;

/// <summary>
/// SQL Server for Curation.Database: <c>sqlserver://</c> URLs open through <see cref="SqlServerConnections"/>, live
/// schemas read through <see cref="SqlServerLiveSchema"/>, bulk loads through SqlBulkCopy. A program that wants SQL
/// Server calls <see cref="Register"/> once at start-up. Microsoft.Data.SqlClient itself is loaded only when one of
/// these is first used, that is when a <c>sqlserver://</c> URL is.
/// </summary>
public sealed class SqlServerEngine : IEngineProvider
{
    private readonly SqlServerConnectionOptions options;

    private SqlServerEngine(SqlServerConnectionOptions options) => this.options = options;

    /// <summary>Registers SQL Server with <see cref="EngineProviders"/>, its connections opened with
    /// <paramref name="options"/> (<see cref="SqlServerConnectionOptions.Default"/> when null). Registering again
    /// replaces the options.</summary>
    public static void Register(SqlServerConnectionOptions? options = null) =>
        EngineProviders.Register(new SqlServerEngine(options ?? SqlServerConnectionOptions.Default));

    /// <inheritdoc />
    public DatabaseEngine Engine => DatabaseEngine.SqlServer;

    /// <inheritdoc />
    public DbConnection Open(DatabaseUrl url) => SqlServerConnections.Open(url, options);

    /// <inheritdoc />
    public IReadOnlyList<LiveTable> ReadLiveSchema(DbConnection connection, DbTransaction? transaction) =>
        SqlServerLiveSchema.Read(connection, transaction);

    /// <inheritdoc />
    public BulkLoader OpenBulkLoader(DbConnection connection, SqlDialect dialect, TableDef table, IReadOnlyList<ColumnDef> columns, LiveTable live,
        DbTransaction? transaction) =>
        new SqlServerBulkLoader(connection, (SqlServerDialect)dialect, table, columns, live, transaction);

    /// <inheritdoc />
    public void ReleasePooledConnections(DatabaseUrl url)
    {
        using var connection = new Microsoft.Data.SqlClient.SqlConnection(SqlServerConnections.ConnectionString(url, options).ConnectionString);
        Microsoft.Data.SqlClient.SqlConnection.ClearPool(connection);
    }
}
