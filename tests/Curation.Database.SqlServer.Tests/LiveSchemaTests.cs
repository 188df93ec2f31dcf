using Curation.Database.Dialects;
using Curation.Schema;
using Curation.Schema.Model;
using NUnit.Framework;

namespace Curation.Database.SqlServer.Tests;

/// <summary>How the rows of SQL Server's catalogue become live tables: types spelled as the dialect spells the scripts'
/// types, so that a table created from the scripts compares equal to them. The catalogue rows are written here as
/// SQL Server documents them for <c>sys.columns</c> (lengths in bytes, -1 for max), since no server can run here.</summary>
public sealed class LiveSchemaTests
{
    private static readonly SqlServerDialect Dialect = new();

    private static CatalogColumn Row(string type, int maxLength = 0, int precision = 0, int scale = 0, bool nullable = true, bool computed = false,
        string table = "T", string schema = "dbo", string column = "c", string objectType = "U") => new()
    {
        SchemaName = schema, TableName = table, ObjectType = objectType, ColumnName = column, TypeName = type, MaxLength = maxLength,
        Precision = precision, Scale = scale, IsNullable = nullable ? 1 : 0, IsComputed = computed ? 1 : 0,
    };

    [TestCase("int", 4, 10, 0, "int")]
    [TestCase("bigint", 8, 19, 0, "bigint")]
    [TestCase("tinyint", 1, 3, 0, "tinyint")]
    [TestCase("bit", 1, 1, 0, "bit")]
    [TestCase("real", 4, 24, 0, "real")]
    [TestCase("float", 8, 53, 0, "float")]
    [TestCase("decimal", 5, 9, 3, "decimal(9,3)")]
    [TestCase("numeric", 9, 18, 0, "numeric(18,0)")]
    [TestCase("varchar", 32, 0, 0, "varchar(32)")]
    [TestCase("varchar", -1, 0, 0, "varchar(max)")]
    [TestCase("char", 4, 0, 0, "char(4)")]
    [TestCase("nvarchar", 64, 0, 0, "nvarchar(32)")]
    [TestCase("nchar", 2, 0, 0, "nchar(1)")]
    [TestCase("varbinary", 64, 0, 0, "varbinary(64)")]
    [TestCase("varbinary", -1, 0, 0, "varbinary(max)")]
    [TestCase("datetime", 8, 23, 3, "datetime")]
    [TestCase("datetime2", 8, 27, 7, "datetime2")]
    [TestCase("datetime2", 6, 19, 0, "datetime2(0)")]
    [TestCase("time", 5, 16, 7, "time")]
    [TestCase("DATETIME", 8, 23, 3, "datetime")]
    public void A_catalogue_type_is_spelled_as_the_dialect_spells_it(string type, int maxLength, int precision, int scale, string expected) =>
        Assert.That(SqlServerLiveSchema.TypeName(Row(type, maxLength, precision, scale)), Is.EqualTo(expected));

    [Test]
    public void A_computed_column_is_reported_as_computed_as_the_scripts_give_it() =>
        Assert.That(SqlServerLiveSchema.TypeName(Row("float", 8, 53, computed: true)), Is.EqualTo("computed"));

    [Test]
    public void Rows_group_into_tables_and_views_with_dbo_as_the_default_schema()
    {
        var tables = SqlServerLiveSchema.Tables(
        [
            Row("bigint", 8, column: "objID", nullable: false, table: "Detection"),
            Row("real", 4, column: "mag", table: "Detection"),
            Row("int", 4, column: "targetID", nullable: false, table: "Target", schema: "GES"),
            Row("bigint", 8, column: "objID", table: "DetectionView", objectType: "V"),
        ]);
        Assert.That(tables, Has.Count.EqualTo(3));
        Assert.That(tables[0], Is.EqualTo(tables[0] with { Name = "Detection", Schema = null, IsView = false }));
        Assert.That(tables[0].Columns, Is.EqualTo(new[] { new LiveColumn("objID", "bigint", false), new LiveColumn("mag", "real", true) }));
        Assert.That((tables[1].Schema, tables[1].Name), Is.EqualTo(("GES", "Target")));
        Assert.That(tables[2].IsView, Is.True);
    }

    [Test]
    public void Every_archive_table_read_back_from_the_catalogue_compares_equal_to_its_script()
    {
        var files = Directory.GetFiles(TestPaths.SchemaSql, "*.sql").Order(StringComparer.Ordinal);
        var model = ArchiveLayout.Resolve(SchemaScriptParser.ParseFiles(files), ["las"], ["lasSourceXGaiaDR3Source"]);
        var tables = model.Tables.Where(t => t.Kind == TableKind.Table).ToList();
        var rows = tables.SelectMany(t => t.Columns.Select(c => Stored(t, c))).ToList();
        var live = SqlServerLiveSchema.Tables(rows);
        Assert.That(live, Has.Count.EqualTo(tables.Count));
        Assert.That(SchemaComparer.Compare(tables, live, Dialect), Is.Empty);
    }

    [Test]
    public void A_column_stored_with_another_type_or_nullability_is_a_difference()
    {
        var table = SchemaScriptParser.Parse("CREATE TABLE T (a varchar(8) not null, b float)", "t.sql").Tables.Single();
        var live = SqlServerLiveSchema.Tables([Row("varchar", 16, column: "a", nullable: false), Row("float", 8, 53, column: "b", nullable: false)]);
        Assert.That(SchemaComparer.Compare([table], live, Dialect), Is.EqualTo(new[]
        {
            "T.a: type is varchar(8) in the scripts but varchar(16) in the database",
            "T.b: nullable in the scripts but NOT NULL in the database",
        }));
    }

    /// <summary>The catalogue row SQL Server keeps for a column created from the script (as its documentation gives
    /// <c>sys.columns</c>): the type's base name, the length in bytes, float(n) as real or float.</summary>
    private static CatalogColumn Stored(TableDef table, ColumnDef c)
    {
        var type = Dialect.ColumnType(table, c);
        var name = type.Split('(')[0];
        var nullable = c.Nullable && !table.PrimaryKey.Contains(c.Name, StringComparer.OrdinalIgnoreCase);
        if (c.IsComputed)
            return Row("float", 8, 53, nullable: nullable, computed: true, table: table.Name, schema: table.Schema ?? "dbo", column: c.Name);
        var (maxLength, precision, scale) = name switch
        {
            "varchar" or "char" or "varbinary" or "binary" => (c.Type.IsMax ? -1 : c.Type.Length ?? 1, 0, 0),
            "nvarchar" or "nchar" => (c.Type.IsMax ? -1 : (c.Type.Length ?? 1) * 2, 0, 0),
            "decimal" or "numeric" => (9, c.Type.Length ?? 18, c.Type.Scale ?? 0),
            "datetime2" or "time" or "datetimeoffset" => (8, 27, 7),
            _ => (8, 0, 0),
        };
        return Row(name, maxLength, precision, scale, nullable, table: table.Name, schema: table.Schema ?? "dbo", column: c.Name);
    }
}
