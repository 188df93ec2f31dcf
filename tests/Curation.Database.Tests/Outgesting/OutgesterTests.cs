using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Curation.Database.Loading;
using Curation.Database.Outgesting;
using Curation.Schema;
using Curation.Schema.Model;
using Dapper;
using NUnit.Framework;

namespace Curation.Database.Tests.Outgesting;

/// <summary>The outgester on real SQLite and PostgreSQL databases: a table of every type the schema scripts use, loaded
/// with the bulk loader, written as CSV and as binary, and read back by real peers (numpy through the descriptor alone,
/// Python's csv module) to compare every value with what the database holds; then the failures.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class OutgesterTests(string engine)
{
    private const string Script = """
        CREATE TABLE Outgest (
          id bigint not null, --/D Row
          tiny tinyint, --/D SQL Server's unsigned byte
          small smallint, --/D Two bytes
          normal int, --/D Four bytes
          big bigint, --/D Eight bytes
          single real, --/D Single precision
          dbl float, --/D Double precision
          flag bit, --/D Flag
          name varchar(64), --/D Text of any kind
          code char(4), --/D Fixed-width text
          note varchar(max), --/D Long text
          obsTime datetime, --/D Date and time
          night date, --/D Date
          amount decimal(12,4), --/D Exact number
          CONSTRAINT pk_Outgest PRIMARY KEY (id)
        )
        """;

    private const string SelectAll = "SELECT * FROM Outgest ORDER BY id";

    private static readonly string[] DateColumns = ["obsTime", "night"];

    private TestDatabase db = null!;
    private string dir = null!;

    private bool IsSqlite => engine == "sqlite";

    [SetUp]
    public void SetUp()
    {
        db = TestDatabase.Create(engine);
        dir = TestPaths.NewTempDir();
        var table = SchemaScriptParser.Parse(Script, "outgest.sql").Tables.Single();
        using var c = db.Open();
        foreach (var statement in db.Url.Dialect.CreateTable(table))
            c.Execute(statement);
        using var loader = BulkLoader.Open(c, db.Url.Dialect, table);
        foreach (var row in Rows())
            loader.AddRow(row);
        loader.Complete();
    }

    [TearDown]
    public void TearDown()
    {
        db?.Dispose();
        if (dir is not null && Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
    }

    /// <summary>Edge rows (NULLs, extremes, awkward text, infinities, NaN where the engine stores it), then 3000
    /// varied rows, enough to cross the writers' 1 MB buffers.</summary>
    private IEnumerable<object?[]> Rows()
    {
        yield return [1L, null, null, null, null, null, null, null, null, null, null, null, null, null];
        yield return [2L, (byte)0, short.MinValue, int.MinValue, long.MinValue, float.MinValue, -double.MaxValue, 0,
            "comma, \"quote\"\nline\r\nCRLF", "ab", "", new DateTime(1969, 7, 20, 20, 17, 40).AddTicks(1_234_560), new DateOnly(1900, 1, 1), -99999999.9999m];
        yield return [3L, byte.MaxValue, short.MaxValue, int.MaxValue, long.MaxValue, float.MaxValue, double.MaxValue, 1,
            "Ångström ✓ 星 𝄞", "ÅÅÅÅ", new string('x', 300) + "é", new DateTime(9999, 12, 31, 23, 59, 59).AddTicks(9_999_990), new DateOnly(9999, 12, 31), 99999999.9999m];
        yield return [4L, null, null, null, null, float.PositiveInfinity, double.NegativeInfinity, null, "Infinity", null, null, null, null, null];
        yield return [5L, (byte)1, (short)0, 0, 0L, float.Epsilon, double.Epsilon, 0,
            "  spaces kept  ", "    ", "\"", DateTime.MinValue, DateOnly.MinValue, 0.0001m];
        yield return [6L, null, (short)-1, -1, -1L, -0.0f, -0.0, null, "NULL", "a,b", "a\rb", new DateTime(1970, 1, 1), new DateOnly(1970, 1, 1), -0.0001m];
        if (!IsSqlite) // SQLite cannot store NaN (it becomes NULL, and Microsoft.Data.Sqlite refuses it)
            yield return [7L, null, null, null, null, float.NaN, double.NaN, null, "NaN", null, null, null, null, null];

        for (var i = 0; i < 3000; i++)
        {
            var name = new string((char)('a' + i % 26), i % 40) + (i % 5 == 0 ? ",\"" : "") + (i % 13 == 0 ? "\n" : "") + (i % 17 == 0 ? "é" : "");
            yield return [100L + i, i % 11 == 0 ? null : (byte)(i % 256), (short)(i * 37 % 65536 - 32768), unchecked((int)(i * 2_654_435_761L)),
                i * 1_000_000_007L * (i % 2 == 0 ? 1 : -1), i % 7 == 0 ? null : (float)(i * 0.1), Math.Sin(i) * Math.Pow(10, i % 40 - 20), i % 2,
                name, i % 3 == 0 ? null : "C" + (i % 1000).ToString(CultureInfo.InvariantCulture), i % 4 == 0 ? "" : $"note {i}",
                new DateTime(2000, 1, 1).AddTicks(i * 12_345_678_900L), new DateOnly(2000, 1, 1).AddDays(i * 3 - 1000), Math.Round(i * 1.2345m - 1000m, 4)];
        }
    }

    private string Out(string name) => Path.Combine(dir, name);

    private OutgestReport Outgest(string query, string file, OutgestFormat format, object? parameters = null)
    {
        using var c = db.Open();
        return Outgester.Write(c, db.Url.Dialect, query, parameters, Out(file), format);
    }

    /// <summary>Every row of the query as the database gives it (DBNull as null).</summary>
    private List<object?[]> Database(string query)
    {
        using var c = db.Open();
        using var reader = c.ExecuteReader(query);
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }

        return rows;
    }

    [Test]
    public void Binary_file_read_by_numpy_through_its_descriptor_holds_every_value_of_the_database()
    {
        var report = Outgest(SelectAll, "outgest.bin", OutgestFormat.Binary);
        var peer = OutgestPeer.Read("binary", report.Path);
        var expected = Database(SelectAll);

        var columns = peer.GetProperty("columns").EnumerateArray().Select(c => (Name: c.GetProperty("name").GetString()!, Type: c.GetProperty("type").GetString()!)).ToList();
        var rows = peer.GetProperty("rows").EnumerateArray().ToList();
        Assert.That(columns.Select(c => c.Name), Is.EqualTo(report.Columns));
        Assert.That(rows, Has.Count.EqualTo(expected.Count));
        var differences = new List<string>();
        for (var r = 0; r < expected.Count; r++)
        {
            var values = rows[r].EnumerateArray().ToList();
            for (var i = 0; i < columns.Count; i++)
            {
                var problem = CompareBinary(values[i], expected[r][i], columns[i].Type, columns[i].Name);
                if (problem is not null)
                    differences.Add($"row {r + 1} (id {expected[r][0]}), {columns[i].Name} ({columns[i].Type}): {problem}");
            }
        }

        Assert.That(differences.Take(20), Is.Empty, $"{differences.Count} values differ from the database");
    }

    [Test]
    public void Csv_file_read_by_the_Python_csv_module_holds_every_value_of_the_database()
    {
        var report = Outgest(SelectAll, "outgest.csv", OutgestFormat.Csv);
        var peer = OutgestPeer.Read("csv", report.Path);
        var expected = Database(SelectAll);

        var header = peer.GetProperty("header").EnumerateArray().Select(h => h.GetString()).ToList();
        var rows = peer.GetProperty("rows").EnumerateArray().ToList();
        var parsed = peer.GetProperty("parsed").EnumerateArray().ToList();
        Assert.That(header, Is.EqualTo(report.Columns));
        Assert.That(rows, Has.Count.EqualTo(expected.Count));
        var differences = new List<string>();
        for (var r = 0; r < expected.Count; r++)
        {
            var raw = rows[r].EnumerateArray().Select(f => f.GetString()!).ToList();
            var values = parsed[r].EnumerateArray().ToList();
            Assert.That(raw, Has.Count.EqualTo(header.Count), $"fields of row {r + 1}");
            for (var i = 0; i < header.Count; i++)
            {
                var problem = CompareCsv(raw[i], values[i], expected[r][i], DateColumns.Contains(header[i], StringComparer.OrdinalIgnoreCase));
                if (problem is not null)
                    differences.Add($"row {r + 1} (id {expected[r][0]}), {header[i]}: {problem}");
            }
        }

        Assert.That(differences.Take(20), Is.Empty, $"{differences.Count} values differ from the database");
    }

    [Test]
    public void Csv_file_is_UTF8_without_BOM_with_LF_line_endings_and_a_header_line()
    {
        var report = Outgest("SELECT id, name FROM Outgest WHERE id IN (2, 3) ORDER BY id", "two.csv", OutgestFormat.Csv);
        var bytes = File.ReadAllBytes(report.Path);
        Assert.Multiple(() =>
        {
            Assert.That(bytes.Take(3), Is.Not.EqualTo(Encoding.UTF8.Preamble.ToArray()));
            Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo("id,name\n2,\"comma, \"\"quote\"\"\nline\r\nCRLF\"\n3,Ångström ✓ 星 𝄞\n"));
            Assert.That(report.Rows, Is.EqualTo(2));
            Assert.That(report.Bytes, Is.EqualTo(bytes.Length));
            Assert.That(report.DescriptorPath, Is.Null);
        });
    }

    [Test]
    public void Empty_text_is_quoted_so_that_it_differs_from_NULL_in_the_csv()
    {
        var report = Outgest("SELECT note, tiny, name FROM Outgest WHERE id = 2", "empty.csv", OutgestFormat.Csv);
        Assert.That(File.ReadAllText(report.Path), Is.EqualTo("note,tiny,name\n\"\",0,\"comma, \"\"quote\"\"\nline\r\nCRLF\"\n"));
        report = Outgest("SELECT note, tiny FROM Outgest WHERE id = 1", "null.csv", OutgestFormat.Csv);
        Assert.That(File.ReadAllText(report.Path), Is.EqualTo("note,tiny\n,\n"));
    }

    [Test]
    public void Binary_layout_follows_the_engines_declared_types_and_the_descriptor_says_it()
    {
        var report = Outgest(SelectAll, "outgest.bin", OutgestFormat.Binary);
        var layout = report.Layout!;
        var expectedTypes = IsSqlite
            ? new[] { "int64", "uint8", "int16", "int32", "int64", "float32", "float64", "bool", "string", "string", "string", "datetime", "date", "float64" }
            : new[] { "int64", "int16", "int16", "int32", "int64", "float32", "float64", "int16", "string", "string", "string", "datetime", "date", "float64" };
        var values = Database(SelectAll);
        int Longest(int column) => values.Max(v => v[column] is string s ? Encoding.UTF8.GetByteCount(s) : 0);

        using var descriptor = JsonDocument.Parse(File.ReadAllText(report.DescriptorPath!));
        var d = descriptor.RootElement;
        var described = d.GetProperty("columns").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(report.DescriptorPath, Is.EqualTo(report.Path + ".json"));
            Assert.That(layout.Columns.Select(c => c.TypeName), Is.EqualTo(expectedTypes));
            Assert.That(layout.NullBitmapSize, Is.EqualTo(2), "14 columns: two bytes of null bitmap");
            Assert.That(layout.Columns.Single(c => c.Name == "name").Size, Is.EqualTo(Longest(8)), "a string field is as wide as the longest value's UTF-8");
            Assert.That(layout.Columns.Single(c => c.Name == "note").Size, Is.EqualTo(302));
            Assert.That(layout.Columns.Single(c => c.Name == "code").Size, Is.EqualTo(8), "ÅÅÅÅ: four characters, eight bytes");
            Assert.That(layout.Columns[0].Offset, Is.EqualTo(2));
            for (var i = 1; i < layout.Columns.Count; i++)
                Assert.That(layout.Columns[i].Offset, Is.EqualTo(layout.Columns[i - 1].Offset + layout.Columns[i - 1].Size), "packed, no padding");
            Assert.That(layout.RecordSize, Is.EqualTo(layout.Columns[^1].Offset + layout.Columns[^1].Size));
            Assert.That(report.Rows, Is.EqualTo(values.Count));
            Assert.That(new FileInfo(report.Path).Length, Is.EqualTo(report.Rows * layout.RecordSize));
            Assert.That(report.Bytes, Is.EqualTo(report.Rows * layout.RecordSize));

            Assert.That(d.GetProperty("format").GetString(), Is.EqualTo("curation-outgest-binary"));
            Assert.That(d.GetProperty("format_version").GetInt32(), Is.EqualTo(1));
            Assert.That(d.GetProperty("byte_order").GetString(), Is.EqualTo("little"));
            Assert.That(d.GetProperty("data_file").GetString(), Is.EqualTo("outgest.bin"));
            Assert.That(d.GetProperty("record_size").GetInt32(), Is.EqualTo(layout.RecordSize));
            Assert.That(d.GetProperty("rows").GetInt64(), Is.EqualTo(values.Count));
            Assert.That(d.GetProperty("null_bitmap").GetProperty("size").GetInt32(), Is.EqualTo(2));
            Assert.That(described.Select(c => c.GetProperty("name").GetString()), Is.EqualTo(report.Columns));
            Assert.That(described.Select(c => c.GetProperty("type").GetString()), Is.EqualTo(expectedTypes));
            Assert.That(described.Select(c => c.GetProperty("size").GetInt32()), Is.EqualTo(layout.Columns.Select(c => c.Size)));
            Assert.That(described.Select(c => c.GetProperty("offset").GetInt32()), Is.EqualTo(layout.Columns.Select(c => c.Offset)));
            Assert.That(described[8].GetProperty("numpy").GetString(), Is.EqualTo("S" + Longest(8)));
            Assert.That(described[11].GetProperty("numpy").GetString(), Is.EqualTo("<M8[us]"));
            Assert.That(described[0].GetProperty("source_type").GetString(), Is.EqualTo("bigint"));
        });
    }

    [Test]
    public void Expressions_without_a_declared_type_take_the_type_of_their_values()
    {
        // SQLite declares no type for an expression: the values decide (integers int64, reals float64, text string).
        var query = "SELECT id * 2 AS twice, dbl / 2 AS half, CAST(id AS varchar(20)) AS label, NULL AS missing FROM Outgest WHERE id >= 100 ORDER BY id";
        var report = Outgest(query, "expressions.bin", OutgestFormat.Binary);
        var types = report.Layout!.Columns.Select(c => c.TypeName).ToList();
        Assert.That(types.Take(3), Is.EqualTo(new[] { "int64", "float64", "string" }));
        Assert.That(report.Layout.Columns[2].Size, Is.EqualTo(4), "the longest label is '3099'");

        var peer = OutgestPeer.Read("binary", report.Path);
        var first = peer.GetProperty("rows")[1].EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first[0].GetInt64(), Is.EqualTo(202));
            Assert.That(double.Parse(first[1].GetString()!, CultureInfo.InvariantCulture), Is.EqualTo(Math.Sin(1) * Math.Pow(10, -19) / 2));
            Assert.That(first[2].GetString(), Is.EqualTo("101"));
            Assert.That(first[3].ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public void Query_parameters_reach_the_engine()
    {
        var report = Outgest("SELECT id, name FROM Outgest WHERE id >= @from AND id < @to ORDER BY id", "some.csv", OutgestFormat.Csv,
            new { from = 100L, to = 110L });
        Assert.That(report.Rows, Is.EqualTo(10));
        Assert.That(File.ReadLines(report.Path).Skip(1).First(), Does.StartWith("100,"));
    }

    [TestCase(OutgestFormat.Csv)]
    [TestCase(OutgestFormat.Binary)]
    public void Zero_rows_give_a_file_with_no_record(OutgestFormat format)
    {
        var report = Outgest("SELECT id, name, dbl FROM Outgest WHERE id < 0", "none." + format, format);
        Assert.That(report.Rows, Is.Zero);
        if (format == OutgestFormat.Csv)
        {
            Assert.That(File.ReadAllText(report.Path), Is.EqualTo("id,name,dbl\n"));
            return;
        }

        Assert.Multiple(() =>
        {
            Assert.That(new FileInfo(report.Path).Length, Is.Zero);
            Assert.That(report.Layout!.Columns.Select(c => c.Size), Is.EqualTo(new[] { 8, 1, 8 }), "a string field of no value is one byte wide");
        });
        var peer = OutgestPeer.Read("binary", report.Path);
        Assert.That(peer.GetProperty("rows").GetArrayLength(), Is.Zero);
    }

    [TestCase(OutgestFormat.Csv)]
    [TestCase(OutgestFormat.Binary)]
    public void A_bad_query_is_reported_with_its_first_line_and_the_engines_message_and_writes_nothing(OutgestFormat format)
    {
        var e = Assert.Throws<CurationDatabaseException>(() => Outgest("\n  SELECT nosuch\n  FROM nowhere\n", "bad.out", format))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.StartWith("query 'SELECT nosuch' failed: "));
            Assert.That(e.Message, Does.Contain("nowhere"), "the engine's message");
            Assert.That(e.Message, Does.Not.Contain('\n'), "one line (Npgsql's message has a POSITION line)");
            Assert.That(Directory.GetFiles(dir), Is.Empty);
        });
    }

    [TestCase(OutgestFormat.Csv, true)]
    [TestCase(OutgestFormat.Binary, true)]
    [TestCase(OutgestFormat.Binary, false)]
    public void A_query_that_fails_part_way_leaves_no_temporary_file_and_the_earlier_file_as_it_was(OutgestFormat format, bool withText)
    {
        // 100,000 rows; the 90,000th fails inside the engine, after the first rows have been written.
        var failing = IsSqlite
            ? "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100000)\n"
              + $"SELECT x, {(withText ? "'row ' || x AS label, " : "")}CASE WHEN x = 90000 THEN abs(-9223372036854775807 - 1) ELSE x END AS y FROM n"
            : $"SELECT x, {(withText ? "'row ' || x AS label, " : "")}1 / (x - 90000) AS y\nFROM generate_series(1, 100000) AS x";
        File.WriteAllText(Out("table.out"), "earlier outgest\n");
        File.WriteAllText(Out("table.out.json"), "{}\n");

        var e = Assert.Throws<CurationDatabaseException>(() => Outgest(failing, "table.out", format))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.StartWith($"query '{failing.Split('\n')[0]}' failed after 89999 rows, so nothing was written to {Out("table.out")}: "));
            Assert.That(e.Message, Does.Contain(IsSqlite ? "integer overflow" : "division by zero"));
            Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "table.out", "table.out.json" }));
            Assert.That(File.ReadAllText(Out("table.out")), Is.EqualTo("earlier outgest\n"));
            Assert.That(File.ReadAllText(Out("table.out.json")), Is.EqualTo("{}\n"));
        });
    }

    [Test]
    public void A_successful_outgest_replaces_the_earlier_file()
    {
        File.WriteAllText(Out("table.csv"), "earlier outgest\n");
        Outgest("SELECT id FROM Outgest WHERE id = 3", "table.csv", OutgestFormat.Csv);
        Assert.That(File.ReadAllText(Out("table.csv")), Is.EqualTo("id\n3\n"));
        Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName), Is.EqualTo(new[] { "table.csv" }));
    }

    [TestCase(OutgestFormat.Csv)]
    [TestCase(OutgestFormat.Binary)]
    public void Columns_of_the_same_name_are_refused(OutgestFormat format)
    {
        var e = Assert.Throws<CurationDatabaseException>(() => Outgest("SELECT id, name AS ID FROM Outgest", "twice.out", format))!;
        // PostgreSQL folds the alias to id: the name is given as the engine gives it.
        Assert.That(e.Message, Does.StartWith("columns 1 and 2 of query 'SELECT id, name AS ID FROM Outgest' are both named "));
        Assert.That(e.Message, Does.EndWith(IsSqlite ? "named ID: an outgested table needs distinct column names, so give one of them another with AS"
            : "named id: an outgested table needs distinct column names, so give one of them another with AS"));
        Assert.That(Directory.GetFiles(dir), Is.Empty);
    }

    /// <summary>A value numpy read against the database's; null when they agree.</summary>
    private static string? CompareBinary(JsonElement actual, object? expected, string type, string column)
    {
        if (expected is null)
            return actual.ValueKind == JsonValueKind.Null ? null : $"NULL in the database, {actual} in the file";
        if (actual.ValueKind == JsonValueKind.Null)
            return $"{expected} in the database, NULL in the file";
        var same = type switch
        {
            "bool" => actual.GetBoolean() == (Convert.ToInt64(expected, CultureInfo.InvariantCulture) != 0),
            "uint8" or "int16" or "int32" or "int64" => actual.GetInt64() == Convert.ToInt64(expected, CultureInfo.InvariantCulture),
            "float32" => SameFloat((float)PythonFloat(actual.GetString()!), (float)AsDouble(expected)),
            "float64" => SameDouble(PythonFloat(actual.GetString()!), AsDouble(expected)),
            "string" => actual.GetString() == (string)expected,
            "datetime" => actual.GetString() == IsoDateTime(expected),
            "date" => actual.GetString() == IsoDate(expected),
            _ => throw new AssertionException($"unexpected type {type} for {column}"),
        };
        return same ? null : $"{Show(expected)} in the database, {actual} in the file";
    }

    /// <summary>A CSV field (as the csv module read it, and as Python parsed it) against the database's value.</summary>
    private static string? CompareCsv(string raw, JsonElement parsed, object? expected, bool isDate)
    {
        var kind = parsed.ValueKind == JsonValueKind.Array ? parsed[0].GetString() : null;
        var same = expected switch
        {
            null => raw.Length == 0,
            _ when isDate && kind == "datetime" => parsed[1].GetString() == IsoDateTime(expected),
            _ when isDate && kind == "date" => parsed[1].GetString() == IsoDate(expected),
            _ when isDate => false,
            string s => raw == s,
            long or int or short or byte => kind == "int" && parsed[1].GetInt64() == Convert.ToInt64(expected, CultureInfo.InvariantCulture),
            double d => kind is "int" or "float" && SameDouble(PythonFloat(parsed[kind == "int" ? 2 : 1].GetString()!), d),
            float f => kind is "int" or "float" && SameFloat((float)PythonFloat(parsed[kind == "int" ? 2 : 1].GetString()!), f),
            decimal m => decimal.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture) == m,
            _ => throw new AssertionException($"unexpected database value {expected} ({expected.GetType()})"),
        };
        return same ? null : $"{Show(expected)} in the database, '{raw}' (read as {parsed}) in the file";
    }

    private static string Show(object? value) => value is null ? "NULL" : value is double or float ? ((IFormattable)value).ToString("R", CultureInfo.InvariantCulture) : $"{value}";

    private static double AsDouble(object value) => value switch
    {
        float f => f,
        decimal m => (double)m,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Python's repr of a float: "nan", "inf", "-inf" or a decimal C# reads.</summary>
    private static double PythonFloat(string repr) => repr switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(repr, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    // Bit for bit (so -0.0 is not 0.0), any NaN equal to any NaN.
    private static bool SameDouble(double a, double b) =>
        double.IsNaN(a) ? double.IsNaN(b) : BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    private static bool SameFloat(float a, float b) =>
        float.IsNaN(a) ? float.IsNaN(b) : BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b);

    /// <summary>A database date and time as numpy prints a datetime64[us]; SQLite's text is read as UTC.</summary>
    private static string IsoDateTime(object value) => value switch
    {
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        string s => IsoDateTime(DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)),
        _ => throw new AssertionException($"not a date and time: {value} ({value.GetType()})"),
    };

    private static string IsoDate(object value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string s => IsoDate(DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)),
        _ => throw new AssertionException($"not a date: {value} ({value.GetType()})"),
    };
}
