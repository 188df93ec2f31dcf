using NUnit.Framework;

namespace Curation.Database.SqlServer.Tests;

/// <summary>Registers SQL Server once for the whole assembly, as curate does at start-up, with a short connect timeout:
/// no SQL Server runs here, and the tests that try to reach one expect to fail fast.</summary>
[SetUpFixture]
public sealed class SqlServerSetUp
{
    public const int ConnectTimeoutSeconds = 2;

    [OneTimeSetUp]
    public void RegisterSqlServer() => SqlServerEngine.Register(new SqlServerConnectionOptions(ConnectTimeoutSeconds: ConnectTimeoutSeconds));

    /// <summary>A <c>sqlserver://</c> URL on 127.0.0.1 at a port nothing listens on (just bound and released).</summary>
    public static DatabaseUrl ClosedPortUrl(string password = "s3cret-pw")
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return DatabaseUrl.Parse($"sqlserver://curator:{password}@127.0.0.1:{port}/WSA");
    }
}
