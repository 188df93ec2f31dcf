using Curation.Database.Dialects;
using Curation.Database.SqlServer.Loading;
using Curation.Schema;
using NUnit.Framework;

namespace Curation.Database.SqlServer.Tests.Loading;

/// <summary>The rows SqlBulkCopy is fed: values converted to their columns' types as they are added (a bad value
/// refused there, with its column), and read back through the data reader exactly as given.</summary>
public sealed class RowReaderTests
{
    private const string Script = """
        CREATE TABLE Detection (
          objID bigint not null, --/D Detection ID
          extNum tinyint not null, --/D Extension
          ra float not null, --/D Right ascension
          aperMag3 real not null, --/D Magnitude
          classStat real, --/D Stellarness
          filterName varchar(8) not null, --/D Filter
          flagged bit not null, --/D Flag
          price decimal(9,3), --/D Exact
          obsDate datetime, --/D When
          blob varbinary(4), --/D Bytes
          CONSTRAINT pk_Detection PRIMARY KEY (objID)
        )
        """;

    private static IReadOnlyList<LoadColumn> Columns()
    {
        var table = SchemaScriptParser.Parse(Script, "detection.sql").Tables.Single();
        return LoadColumn.For(new SqlServerDialect(), table, table.Columns);
    }

    private static readonly object?[][] Rows =
    [
        [1L, (byte)2, 180.5, 15.25f, 0.9f, "J", true, 1.5m, new DateTime(2026, 3, 14, 2, 0, 0), new byte[] { 1, 2 }],
        [2L, (byte)3, -0.0, 16f, null, "Ks", false, null, null, null],
        [long.MaxValue, byte.MaxValue, double.Epsilon, float.MaxValue, 0f, "12345678", true, -999999.999m, new DateTime(1753, 1, 1), new byte[4]],
    ];

    [Test]
    public void The_reader_yields_exactly_the_rows_values_and_types_given()
    {
        var buffer = new RowBuffer(Columns(), 10);
        foreach (var row in Rows)
            buffer.Add(row);
        using var reader = buffer.Reader();
        Assert.That(reader.FieldCount, Is.EqualTo(10));
        Assert.That(Enumerable.Range(0, 10).Select(reader.GetName),
            Is.EqualTo(new[] { "objID", "extNum", "ra", "aperMag3", "classStat", "filterName", "flagged", "price", "obsDate", "blob" }));
        Assert.That(Enumerable.Range(0, 10).Select(reader.GetFieldType),
            Is.EqualTo(new[] { typeof(long), typeof(byte), typeof(double), typeof(float), typeof(float), typeof(string), typeof(bool), typeof(decimal), typeof(DateTime), typeof(byte[]) }));
        Assert.That(Enumerable.Range(0, 10).Select(reader.GetDataTypeName),
            Is.EqualTo(new[] { "bigint", "tinyint", "float", "real", "real", "varchar(8)", "bit", "decimal(9,3)", "datetime", "varbinary(4)" }));

        var read = 0;
        while (reader.Read())
        {
            var expected = Rows[read];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (expected[i] is null)
                {
                    Assert.That(reader.IsDBNull(i), Is.True, $"row {read}, column {i}");
                    Assert.That(reader.GetValue(i), Is.SameAs(DBNull.Value));
                    continue;
                }

                Assert.That(reader.IsDBNull(i), Is.False);
                Assert.That(reader.GetValue(i), Is.EqualTo(expected[i]), $"row {read}, column {reader.GetName(i)}");
                Assert.That(reader.GetValue(i).GetType(), Is.EqualTo(expected[i]!.GetType()));
            }

            read++;
        }

        Assert.That(read, Is.EqualTo(Rows.Length));
        Assert.That(reader.Read(), Is.False, "the reader stays at the end");
    }

    [Test]
    public void Typed_getters_ordinals_and_partial_reads_work_as_sql_bulk_copy_uses_them()
    {
        var buffer = new RowBuffer(Columns(), 10);
        buffer.Add(Rows[0]);
        using var reader = buffer.Reader();
        Assert.That(() => reader.GetValue(0), Throws.InvalidOperationException, "not on a row before Read");
        Assert.That(reader.Read(), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(reader.GetOrdinal("FILTERNAME"), Is.EqualTo(5), "mappings find columns whatever the case");
            Assert.That(() => reader.GetOrdinal("nope"), Throws.TypeOf<IndexOutOfRangeException>());
            Assert.That(reader.GetInt64(0), Is.EqualTo(1L));
            Assert.That(reader.GetByte(1), Is.EqualTo(2));
            Assert.That(reader.GetDouble(2), Is.EqualTo(180.5));
            Assert.That(reader.GetFloat(3), Is.EqualTo(15.25f));
            Assert.That(reader.GetString(5), Is.EqualTo("J"));
            Assert.That(reader.GetBoolean(6), Is.True);
            Assert.That(reader.GetDecimal(7), Is.EqualTo(1.5m));
            Assert.That(reader["obsDate"], Is.EqualTo(new DateTime(2026, 3, 14, 2, 0, 0)));
            Assert.That(reader.GetBytes(9, 0, null, 0, 0), Is.EqualTo(2));
            var bytes = new byte[2];
            Assert.That(reader.GetBytes(9, 1, bytes, 0, 2), Is.EqualTo(1));
            Assert.That(bytes, Is.EqualTo(new byte[] { 2, 0 }));
            var values = new object[10];
            Assert.That(reader.GetValues(values), Is.EqualTo(10));
            Assert.That(values[0], Is.EqualTo(1L));
        });
    }

    [Test]
    public void Values_of_other_types_are_converted_to_the_columns_types_as_they_are_added()
    {
        var buffer = new RowBuffer(Columns(), 10);
        buffer.Add([7, 5L, 1.25f, 2.5, 0.5, "H", 1, 3, "2026-03-14 02:00:00", null]);
        var row = buffer.Row(0);
        Assert.That(row.Select(v => v.GetType()),
            Is.EqualTo(new[] { typeof(long), typeof(byte), typeof(double), typeof(float), typeof(float), typeof(string), typeof(bool), typeof(decimal), typeof(DateTime), typeof(DBNull) }));
        Assert.That(row[0], Is.EqualTo(7L));
        Assert.That(row[6], Is.EqualTo(true));
        Assert.That(row[8], Is.EqualTo(new DateTime(2026, 3, 14, 2, 0, 0)));
    }

    [TestCase(0, null, typeof(InvalidCastException), "column objID is NOT NULL and the value is NULL")]
    [TestCase(1, 300, typeof(OverflowException), "")]
    [TestCase(5, "123456789", typeof(OverflowException), "column filterName is varchar(8) and the value has 9 characters")]
    [TestCase(2, "east", typeof(FormatException), "")]
    public void A_value_that_cannot_be_loaded_is_refused_and_the_buffer_is_unchanged(int column, object? value, Type exception, string message)
    {
        var buffer = new RowBuffer(Columns(), 10);
        var row = (object?[])Rows[0].Clone();
        row[column] = value;
        var e = Assert.Throws(exception, () => buffer.Add(row))!;
        Assert.That(e.Message, Does.Contain(message));
        Assert.That(buffer.Count, Is.Zero);
    }

    [Test]
    public void A_full_buffer_is_cleared_for_the_next_batch_reusing_its_rows()
    {
        var buffer = new RowBuffer(Columns(), 2);
        buffer.Add(Rows[0]);
        buffer.Add(Rows[1]);
        Assert.That(buffer.IsFull, Is.True);
        Assert.That(() => buffer.Add(Rows[2]), Throws.InvalidOperationException);
        var first = buffer.Row(0);
        buffer.Clear();
        Assert.That(buffer.Count, Is.Zero);
        buffer.Add(Rows[2]);
        Assert.That(buffer.Row(0), Is.SameAs(first));
        Assert.That(buffer.Row(0)[0], Is.EqualTo(long.MaxValue));
        using var reader = buffer.Reader();
        Assert.That(reader.Read(), Is.True);
        Assert.That(reader.Read(), Is.False, "only the rows of this batch");
    }
}
