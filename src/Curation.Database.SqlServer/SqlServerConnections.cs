using System.Globalization;
using Microsoft.Data.SqlClient;

namespace Curation.Database.SqlServer;

/// <summary>How <see cref="SqlServerConnections"/> connects, beyond what the URL says.</summary>
/// <param name="ConnectTimeoutSeconds">Seconds to wait for the server before giving up (SqlClient's own default is also 15).</param>
/// <param name="Encrypt">Encrypt the whole session, not only the login. On by default: the password and the data cross
/// the network.</param>
/// <param name="TrustServerCertificate">Accept the server's certificate without checking who issued it. On by default:
/// a SQL Server without a certificate of its own encrypts with the self-signed one it makes at start-up, which no client
/// can check; the price is that an active man-in-the-middle is not detected. Turn it off where the server has a
/// certificate this machine trusts.</param>
public sealed record SqlServerConnectionOptions(int ConnectTimeoutSeconds = 15, bool Encrypt = true, bool TrustServerCertificate = true)
{
    /// <summary>The options <c>curate</c> connects with.</summary>
    public static SqlServerConnectionOptions Default { get; } = new();
}

/// <summary>Opens SqlClient connections to the SQL Server a <c>sqlserver://user:password@host:port/database</c> URL names.</summary>
public static class SqlServerConnections
{
    /// <summary>The application name the server shows for these connections (in <c>sys.dm_exec_sessions</c>).</summary>
    public const string ApplicationName = "curate";

    /// <summary>The connection string for <paramref name="url"/>: <c>host,port</c> (port 1433 when none is given),
    /// the database, SQL Server authentication with the URL's user and password, and <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The URL is not a SQL Server URL.</exception>
    public static SqlConnectionStringBuilder ConnectionString(DatabaseUrl url, SqlServerConnectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Engine != DatabaseEngine.SqlServer)
            throw new ArgumentException($"{url} is not a SQL Server URL", nameof(url));
        options ??= SqlServerConnectionOptions.Default;
        var builder = new SqlConnectionStringBuilder
        {
            DataSource = string.Create(CultureInfo.InvariantCulture, $"{url.Host},{url.Port ?? 1433}"),
            InitialCatalog = url.Database,
            ConnectTimeout = options.ConnectTimeoutSeconds,
            Encrypt = options.Encrypt,
            TrustServerCertificate = options.TrustServerCertificate,
            ApplicationName = ApplicationName,
        };
        if (url.User is not null)
        {
            builder.UserID = url.User;
            builder.Password = url.Password ?? "";
        }

        return builder;
    }

    /// <summary>Opens a connection to the server and database <paramref name="url"/> names.</summary>
    /// <exception cref="CurationDatabaseException">The server cannot be reached or refuses the login; the message names
    /// the URL (its password replaced by <c>***</c>) and says why.</exception>
    public static SqlConnection Open(DatabaseUrl url, SqlServerConnectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (GlobalizationInvariant)
        {
            // SqlClient maps collations to code pages through ICU and refuses to open without it (with a confusing
            // "en-us is an invalid culture identifier" from .NET 8 on); say what to change instead.
            throw new CurationDatabaseException(
                $"cannot open {url}: SQL Server connections need the ICU globalization libraries, and this program runs "
                + "in globalization-invariant mode (InvariantGlobalization), which Microsoft.Data.SqlClient does not support");
        }

        var connection = new SqlConnection(ConnectionString(url, options).ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (Exception e) when (e is SqlException or InvalidOperationException or System.Net.Sockets.SocketException or IOException)
        {
            connection.Dispose();
            throw new CurationDatabaseException($"cannot open {url}: {e.Message}", e);
        }
    }

    /// <summary>True when the process runs without culture data (globalization-invariant mode), where SqlClient cannot
    /// open a connection. Tested as SqlClient tests it: by asking for the en-US culture.</summary>
    public static bool GlobalizationInvariant { get; } = IsGlobalizationInvariant();

    private static bool IsGlobalizationInvariant()
    {
        try
        {
            return CultureInfo.GetCultureInfo("en-US").EnglishName.Contains("Invariant", StringComparison.Ordinal);
        }
        catch (CultureNotFoundException)
        {
            return true;
        }
    }
}
