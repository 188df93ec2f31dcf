using System.Diagnostics;
using Curation.Database.Dialects;
using Curation.Database.Loading;
using Curation.Schema;
using Microsoft.Data.SqlClient;
using NUnit.Framework;

namespace Curation.Database.SqlServer.Tests;

/// <summary>Connections from <c>sqlserver://</c> URLs, as far as they can be checked without a server: the connection
/// string, and a real connection attempt to a closed port on this machine, which SqlClient 2.1.4 makes on .NET 10 on
/// Linux up to the network error.</summary>
public sealed class ConnectionTests
{
    [Test]
    public void The_connection_string_comes_from_the_url_with_the_documented_choices()
    {
        var builder = SqlServerConnections.ConnectionString(DatabaseUrl.Parse("sqlserver://curator:p%40ss@ramses5.roe.ac.uk:1533/WSA"));
        Assert.Multiple(() =>
        {
            Assert.That(builder.DataSource, Is.EqualTo("ramses5.roe.ac.uk,1533"));
            Assert.That(builder.InitialCatalog, Is.EqualTo("WSA"));
            Assert.That(builder.UserID, Is.EqualTo("curator"));
            Assert.That(builder.Password, Is.EqualTo("p@ss"), "the password is unescaped from the URL");
            Assert.That(builder.IntegratedSecurity, Is.False);
            Assert.That(builder.Encrypt, Is.True);
            Assert.That(builder.TrustServerCertificate, Is.True);
            Assert.That(builder.ConnectTimeout, Is.EqualTo(15));
            Assert.That(builder.ApplicationName, Is.EqualTo("curate"));
        });
    }

    [Test]
    public void Without_a_port_the_connection_goes_to_1433_and_options_change_the_choices()
    {
        var builder = SqlServerConnections.ConnectionString(DatabaseUrl.Parse("mssql://sa:pw@localhost/VSA"),
            new SqlServerConnectionOptions(ConnectTimeoutSeconds: 3, Encrypt: false, TrustServerCertificate: false));
        Assert.That(builder.DataSource, Is.EqualTo("localhost,1433"));
        Assert.That((builder.ConnectTimeout, builder.Encrypt, builder.TrustServerCertificate), Is.EqualTo((3, false, false)));
    }

    [Test]
    public void A_url_of_another_engine_is_refused() =>
        Assert.Throws<ArgumentException>(() => SqlServerConnections.ConnectionString(DatabaseUrl.Parse("postgres://u:p@h/db")));

    [Test]
    public void SqlClient_loads_on_this_runtime_and_runs_with_culture_data()
    {
        var builder = new SqlConnectionStringBuilder("Data Source=h,1433;Initial Catalog=d;User ID=u;Password=p;Encrypt=True");
        Assert.That(builder.DataSource, Is.EqualTo("h,1433"));
        var version = typeof(SqlConnection).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        Assert.That(version, Does.StartWith("2.1.4"), "the version Directory.Packages.props pins");
        Assert.That(typeof(SqlConnection).Assembly.Location, Does.Contain(Path.Combine("runtimes", "unix")), "SqlClient's Unix build, not its platform-neutral stub");
        Assert.That(SqlServerConnections.GlobalizationInvariant, Is.False, "this test project runs with ICU, as SqlClient needs");
    }

    [Test]
    public void Opening_a_closed_port_fails_fast_naming_the_url_without_its_password()
    {
        var url = SqlServerSetUp.ClosedPortUrl();
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<CurationDatabaseException>(() => ArchiveConnection.Open(url))!;
        clock.Stop();
        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.StartWith($"cannot open sqlserver://curator:***@127.0.0.1:{url.Port}/WSA: "));
            Assert.That(e.Message, Does.Not.Contain("s3cret-pw"));
            Assert.That(e.ToString(), Does.Not.Contain("s3cret-pw"), "nor anywhere in the exception and its causes");

            // SqlClient got as far as the socket: a network error, not a type-load or platform error.
            Assert.That(e.InnerException, Is.TypeOf<SqlException>());
            Assert.That(e.Message, Does.Contain("TCP Provider").Or.Contain("network-related"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(SqlServerSetUp.ConnectTimeoutSeconds + 5)));
        });
    }

    [Test]
    public void A_session_on_a_sqlserver_url_reaches_the_sql_server_provider()
    {
        var e = Assert.Throws<CurationDatabaseException>(() => Session.Open(SqlServerSetUp.ClosedPortUrl()))!;
        Assert.That(e.InnerException, Is.TypeOf<SqlException>(), e.Message);
        Assert.That(e.Message, Does.Not.Contain("not registered"));
    }

    [Test]
    public void BulkLoader_Open_with_the_sql_server_dialect_reaches_the_sql_server_provider()
    {
        var table = SchemaScriptParser.Parse("CREATE TABLE Detection (objID bigint not null, ra float not null)", "d.sql").Tables.Single();
        var url = SqlServerSetUp.ClosedPortUrl();
        using var connection = new SqlConnection(SqlServerConnections.ConnectionString(url, new SqlServerConnectionOptions(ConnectTimeoutSeconds: 1)).ConnectionString);

        // The loader first reads the live table through the provider, which tries the server.
        var e = Assert.Throws<CurationDatabaseException>(() => BulkLoader.Open(connection, new SqlServerDialect(), table))!;
        Assert.That(e.Message, Does.StartWith("cannot read the live SQL Server schema: "));
        Assert.That(e.InnerException, Is.TypeOf<SqlException>());
    }
}
