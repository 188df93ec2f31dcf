using System.Data.Common;
using Curation.Database.Dialects;
using Curation.Database.Loading;
using Curation.Schema;
using Curation.Schema.Model;
using Microsoft.Data.Sqlite;
using NUnit.Framework;

namespace Curation.Database.Tests;

/// <summary>Engines plugged in from other assemblies (SQL Server's lives in Curation.Database.SqlServer): without a
/// provider their URLs are refused with a clear message; with one, connections, live schemas and bulk loads go to it,
/// and its loader derives from <see cref="BulkLoader"/> outside this assembly.</summary>
public sealed class EngineProviderTests
{
    private static readonly DatabaseUrl SqlServerUrl = DatabaseUrl.Parse("sqlserver://curator:s3cret@ramses5/WSA");

    [Test]
    public void Sql_server_goes_to_its_registered_provider_and_is_refused_without_one()
    {
        // This assembly registers SQL Server nowhere else, so before this test registers its fake there is none.
        Assume.That(EngineProviders.Find(DatabaseEngine.SqlServer), Is.Null);
        var e = Assert.Throws<CurationDatabaseException>(() => ArchiveConnection.Open(SqlServerUrl))!;
        Assert.That(e.Message, Is.EqualTo("cannot open sqlserver://curator:***@ramses5/WSA: SqlServer support (the Curation.Database.SqlServer "
            + "assembly) is not registered in this program; a program that references it calls its Register() at start-up, as curate does"));

        var provider = new FakeProvider();
        EngineProviders.Register(provider);
        var table = SchemaScriptParser.Parse("CREATE TABLE Detection (objID bigint not null, ra float not null, twice as ra * 2)", "d.sql").Tables.Single();
        using var connection = ArchiveConnection.Open(SqlServerUrl);
        Assert.That(connection, Is.SameAs(provider.Connection));
        Assert.That(LiveSchemaReader.Read(connection, new SqlServerDialect()).Single().Name, Is.EqualTo("Detection"));

        using var loader = BulkLoader.Open(connection, new SqlServerDialect(), table);
        var fake = (FakeLoader)loader;
        Assert.That(fake.Live.Name, Is.EqualTo("Detection"), "the provider is given the live table just checked");
        Assert.That(loader.Columns.Select(c => c.Name), Is.EqualTo(new[] { "objID", "ra" }), "computed columns are not loaded");
        loader.AddRow(1L, 2.5);
        Assert.That(loader.Complete(), Is.EqualTo(1));
        Assert.That(fake.Written, Is.EqualTo(new object?[] { 1L, 2.5 }));
        Assert.That(fake.Committed, Is.True);
    }

    [Test]
    public void The_built_in_engines_take_no_provider() =>
        Assert.Throws<ArgumentException>(() => EngineProviders.Register(new FakeProvider(DatabaseEngine.Postgres)));

    private sealed class FakeProvider(DatabaseEngine engine = DatabaseEngine.SqlServer) : IEngineProvider
    {
        public DbConnection Connection { get; } = new SqliteConnection();

        public DatabaseEngine Engine => engine;

        public DbConnection Open(DatabaseUrl url) => Connection;

        public IReadOnlyList<LiveTable> ReadLiveSchema(DbConnection connection, DbTransaction? transaction) =>
            [new("Detection", null, false, [new("objID", "bigint", false), new("ra", "float", false), new("twice", "computed", true)])];

        public BulkLoader OpenBulkLoader(DbConnection connection, SqlDialect dialect, TableDef table, IReadOnlyList<ColumnDef> columns, LiveTable live,
            DbTransaction? transaction) => new FakeLoader(connection, table, columns, live, transaction);
    }

    private sealed class FakeLoader(DbConnection connection, TableDef table, IReadOnlyList<ColumnDef> columns, LiveTable live, DbTransaction? outer)
        : BulkLoader(connection, table, columns, outer)
    {
        public LiveTable Live => live;

        public List<object?> Written { get; } = [];

        public bool Committed { get; private set; }

        protected override void Write(ReadOnlySpan<object?> values) => Written.AddRange(values.ToArray());

        protected override void Commit() => Committed = true;

        protected override void Release()
        {
        }
    }
}
