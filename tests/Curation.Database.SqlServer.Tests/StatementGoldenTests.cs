using System.Text;
using Curation.Database.Dialects;
using Curation.Schema;
using Curation.Schema.Model;
using NUnit.Framework;

namespace Curation.Database.SqlServer.Tests;

/// <summary>
/// Every T-SQL statement the code writes for SQL Server, compared with approved golden files (CURATION_APPROVE=1
/// rewrites them). No SQL Server can run here, so these files are what a reviewer checks the T-SQL against.
/// </summary>
public sealed class StatementGoldenTests
{
    private static readonly SqlServerDialect Dialect = new();

    private static readonly Lazy<SchemaModel> Archive = new(() =>
        SchemaScriptParser.ParseFiles(Directory.GetFiles(TestPaths.SchemaSql, "*.sql").Order(StringComparer.Ordinal)));

    private static TableDef ArchiveTable(string name) => Archive.Value.Tables.Single(t => t.Name == name);

    private static IReadOnlyList<string> ColumnsOf(TableDef table) => table.Columns.Where(c => !c.IsComputed).Select(c => c.Name).ToList();

    [Test]
    public void The_dialects_paging_upserts_and_inserts_if_missing_match_the_golden_file()
    {
        var history = ArchiveTable("ArchiveCurationHistory");
        var programmes = ArchiveTable("ProgrammeCurationHistory");
        var sb = new StringBuilder();
        void Add(string call, string sql) => sb.Append("-- ").Append(call).Append('\n').Append(sql).Append("\n\n");

        Add("Page(query, \"cuEventID\", offset: 200, limit: 100)",
            Dialect.Page("SELECT cuEventID, cuID, status FROM ArchiveCurationHistory WHERE status = @status", "cuEventID", 200, 100));
        Add("Page(query, \"cuEventID DESC\", offset: 0, limit: 1): the latest event",
            Dialect.Page("SELECT cuEventID FROM ArchiveCurationHistory", "cuEventID DESC", 0, 1));
        Add("Upsert(ArchiveCurationHistory, key cuEventID, every other column updated)",
            Dialect.Upsert(history.Name, null, ["cuEventID"], ColumnsOf(history).Skip(1).ToList()));
        Add("Upsert(ArchiveCurationHistory, key cuEventID, the end of a run: status and endTime updated)",
            Dialect.Upsert(history.Name, null, ["cuEventID"], ["status", "endTime"]));
        Add("Upsert(ProgrammeCurationHistory, key (cuEventID, programmeID), no column to update)",
            Dialect.Upsert(programmes.Name, null, ["cuEventID", "programmeID"], []));
        Add("Upsert(GES.Target, key targetID, a table in a schema)",
            Dialect.Upsert("Target", "GES", ["targetID"], ["name", "ra", "dec"]));
        Add("InsertIfMissing(ProgrammeCurationHistory, key (cuEventID, programmeID))",
            Dialect.InsertIfMissing(programmes.Name, null, ["cuEventID", "programmeID"], ["timeStamp", "status"]));
        Add("InsertIfMissing(Programme, key programmeID): a reference row of schema-sql/data",
            Dialect.InsertIfMissing("Programme", null, ["programmeID"], ColumnsOf(ArchiveTable("Programme")).Skip(1).ToList()));
        Golden.Check("dialect-statements.sql", sb.ToString());
    }

    [Test]
    public void Index_creation_with_and_without_the_existence_check_matches_the_golden_file()
    {
        var at = new SourceLocation("test", 1, 1);
        IndexDef[] indices =
        [
            .. Archive.Value.Indices.Where(i => !i.IsTemplate).Take(3),
            new() { Name = "ix_Frame_mjd", Table = "Frame", Columns = [new("mjd", Descending: true), new("filterID")], Location = at },
            new()
            {
                Name = "ix_Target_position", Table = "Target", Schema = "GES", Clustered = true, Columns = [new("ra"), new("dec")],
                Include = ["name"], Location = at,
            },
            new() { Name = "ix_O'Brien", Table = "Odd]Name", Unique = true, Columns = [new("a]b")], Location = at },
        ];
        var sb = new StringBuilder();
        foreach (var index in indices)
        {
            sb.Append("-- CreateIndex(").Append(index.Name).Append(", ifMissing: false)\n").Append(Dialect.CreateIndex(index, ifMissing: false)).Append("\n\n");
            sb.Append("-- CreateIndex(").Append(index.Name).Append(", ifMissing: true)\n").Append(Dialect.CreateIndex(index, ifMissing: true)).Append("\n\n");
        }

        Golden.Check("create-index.sql", sb.ToString());
    }

    [Test]
    public void The_live_schema_query_matches_the_golden_file() =>
        Golden.Check("live-schema.sql", SqlServerLiveSchema.Query + "\n");
}
