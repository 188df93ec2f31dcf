using Curation.Database.Dialects;
using Curation.Database.SqlServer.Loading;
using Curation.Schema;
using Curation.Schema.Model;
using Microsoft.Data.SqlClient;
using NUnit.Framework;

namespace Curation.Database.SqlServer.Tests.Loading;

/// <summary>The SQL Server bulk loader's set-up (SqlBulkCopy options, column mappings, transaction statements) as a
/// golden file, and the SqlBulkCopy it really builds from it.</summary>
public sealed class BulkCopyPlanTests
{
    private const string Script = """
        CREATE TABLE Detection (
          objID bigint not null, --/D Detection ID
          multiframeID bigint not null, --/D Frame
          extNum tinyint not null, --/D Extension
          ra float not null, --/D Right ascension --/U degrees
          dec float not null, --/D Declination --/U degrees
          aperMag3 real not null, --/D Magnitude --/U mag
          classStat real, --/D Stellarness
          filterName varchar(8) not null, --/D Filter
          eventID int identity(1,1) not null, --/D An identity, loaded as given
          zpTwice as aperMag3 * 2, --/D Computed: not loaded
          CONSTRAINT pk_Detection PRIMARY KEY (objID)
        )
        """;

    private static readonly SqlServerDialect Dialect = new();

    private static TableDef Table() => SchemaScriptParser.Parse(Script, "detection.sql").Tables.Single();

    private static IReadOnlyList<ColumnDef> Loaded(TableDef table) => table.Columns.Where(c => !c.IsComputed).ToList();

    /// <summary>The live table as SQL Server would describe it, one column spelled in another case (the check ignores case; SqlBulkCopy does not).</summary>
    private static LiveTable Live(TableDef table) => new(table.Name, null, false,
        table.Columns.Select(c => new LiveColumn(c.Name == "multiframeID" ? "multiFrameID" : c.Name, Dialect.MapType(c.Type), c.Nullable)).ToList());

    [Test]
    public void A_load_in_a_transaction_of_its_own_matches_the_golden_file()
    {
        var table = Table();
        Golden.Check("bulk-load.own-transaction.sql", BulkCopyPlan.For(Dialect, table, Loaded(table), Live(table), inCallersTransaction: false).Describe());
    }

    [Test]
    public void A_load_inside_the_callers_transaction_matches_the_golden_file()
    {
        var table = Table();
        Golden.Check("bulk-load.callers-transaction.sql", BulkCopyPlan.For(Dialect, table, Loaded(table), Live(table), inCallersTransaction: true).Describe());
    }

    [Test]
    public void A_load_into_a_table_in_a_schema_names_it_with_the_schema()
    {
        var table = SchemaScriptParser.Parse("CREATE TABLE GES.Target (targetID int not null, name varchar(32))", "t.sql").Tables.Single();
        var plan = BulkCopyPlan.For(Dialect, table, table.Columns, null, false);
        Assert.That(plan.Destination, Is.EqualTo("[GES].[Target]"));
        Assert.That(plan.DestinationColumns, Is.EqualTo(new[] { "targetID", "name" }));
    }

    [Test]
    public void The_sql_bulk_copy_built_from_the_plan_has_its_destination_batch_timeout_and_mappings()
    {
        var table = Table();
        var plan = BulkCopyPlan.For(Dialect, table, Loaded(table), Live(table), inCallersTransaction: false, batchSize: 500);
        using var connection = new SqlConnection("Data Source=127.0.0.1,1;Initial Catalog=WSA;User ID=u;Password=p");
        using var copy = plan.Create(connection, null);
        Assert.Multiple(() =>
        {
            Assert.That(copy.DestinationTableName, Is.EqualTo("[Detection]"));
            Assert.That(copy.BatchSize, Is.EqualTo(500));
            Assert.That(copy.BulkCopyTimeout, Is.EqualTo(BulkCopyPlan.TimeoutSeconds));
            Assert.That(copy.EnableStreaming, Is.False);
            var mappings = copy.ColumnMappings.Cast<SqlBulkCopyColumnMapping>().Select(m => (m.SourceColumn, m.DestinationColumn)).ToList();
            Assert.That(mappings, Has.Count.EqualTo(9), "every column but the computed one");
            Assert.That(mappings[1], Is.EqualTo(("multiframeID", "multiFrameID")), "the destination as the live table spells it");
            Assert.That(mappings.Select(m => m.SourceColumn), Is.EqualTo(plan.Columns.Select(c => c.Name)));
        });
    }

    [Test]
    public void The_options_lock_the_table_check_constraints_and_keep_identities_and_nulls() =>
        Assert.That(BulkCopyPlan.Options, Is.EqualTo(SqlBulkCopyOptions.TableLock | SqlBulkCopyOptions.CheckConstraints
            | SqlBulkCopyOptions.FireTriggers | SqlBulkCopyOptions.KeepIdentity | SqlBulkCopyOptions.KeepNulls));

    [Test]
    public void The_loader_refuses_a_connection_that_is_not_sql_servers()
    {
        var table = Table();
        using var other = new RecordingConnection();
        var provider = EngineProviders.Find(DatabaseEngine.SqlServer)!;
        var e = Assert.Throws<CurationDatabaseException>(() => provider.OpenBulkLoader(other, Dialect, table, Loaded(table), Live(table), null))!;
        Assert.That(e.Message, Is.EqualTo("cannot load Detection: the connection is a RecordingConnection, not a SqlConnection"));
    }
}
