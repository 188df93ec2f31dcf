using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Curation.Benchmarks;
using Curation.Database;
using Curation.Database.Dialects;
using Curation.Database.Loading;
using Curation.Schema;
using Curation.Schema.Model;
using Dapper;

// The C# side of tools/bench-load: N rows of the 80-column detection table (the programme template's, cut) loaded through
// BulkLoader into SQLite and PostgreSQL, beside each engine's own ceiling on the same table:
//   sqlite                   BulkLoader into a fresh SQLite file, opened as the product opens it (ArchiveConnection)
//   sqlite_ceiling           INSERT INTO t SELECT <the same values, computed in SQL> FROM a recursive CTE of N row
//                            numbers, in one transaction, into a fresh file opened the same way
//   postgres                 BulkLoader (binary COPY FROM STDIN) into a fresh table
//   postgres_ceiling_binary  the server reading the same rows from a file itself, COPY t FROM '/file', in the binary
//   postgres_ceiling_text    and the text format; the files are written once, by the server (COPY (SELECT ...) TO)
//   feed                     boxing the rows into the object?[] that AddRow takes, alone
// A timing is one whole load: BulkLoader.Open (with its check of the live table) to Complete and Dispose, or BEGIN
// to COMMIT; creating the empty table is not timed. The rows are made in memory before any timing (one typed array
// per column); BulkLoader's timings include boxing each value into the reused row array given to AddRow, which
// "feed" times alone. The methods take turns, repeat after repeat. After the last repeat every table's row count
// and 80 column sums are checked against the rows; a table that disagrees fails the run (exit code 1).
// Usage: LoadBenchmark DATADIR [--rows N] [--repeat R] [--json] [--postgres URL] [--server-dir DIR]
//        [--sqlite-pragmas "journal_mode=WAL;synchronous=NORMAL"] [--methods sqlite,postgres,...] [--table cut|detection]
// --table detection (for tools/bench-ingest) loads the whole {prog}Detection instead, as CU4 fills it: every column
// (84), its foreign key to MultiframeDetector enforced (a stand-in parent table holding the referenced keys is made
// first), and the key laid out as one CU4 catalogue: one multiframe, 4 extensions of N/4 rows, seqNum from 1.
// PostgreSQL: --postgres URL, else CURATION_TEST_POSTGRES; a superuser on a server on this machine (the ceiling's
// files are written and read by the server, in --server-dir, by default a new world-writable temporary directory).
var usage = "usage: LoadBenchmark DATADIR [--rows N] [--repeat R] [--json] [--postgres URL] [--server-dir DIR] [--sqlite-pragmas P;Q] [--methods LIST] [--table cut|detection]";
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var valued = new[] { "--rows", "--repeat", "--postgres", "--server-dir", "--sqlite-pragmas", "--methods", "--table" };
var dataDir = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !valued.Contains(args[i - 1]))).FirstOrDefault()
    ?? throw new ArgumentException(usage);
var rows = int.Parse(Option("--rows") ?? "1000000", CultureInfo.InvariantCulture);
var repeat = int.Parse(Option("--repeat") ?? "3", CultureInfo.InvariantCulture);
var json = args.Contains("--json");
var pragmas = (Option("--sqlite-pragmas") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var postgresText = Option("--postgres") ?? Environment.GetEnvironmentVariable("CURATION_TEST_POSTGRES");
var allMethods = new[] { "sqlite", "sqlite_ceiling", "postgres", "postgres_ceiling_binary", "postgres_ceiling_text" };
var methods = (Option("--methods") ?? string.Join(',', allMethods)).Split(',', StringSplitOptions.RemoveEmptyEntries);
if (methods.Except(allMethods).ToList() is { Count: > 0 } unknown)
    throw new ArgumentException($"unknown method(s) {string.Join(", ", unknown)}; choose from {string.Join(", ", allMethods)}");
var log = json ? Console.Error : Console.Out;

// The archive's own {prog}Detection for a programme "bench", cut to 80 columns: the four aperture-7 columns are left out,
// and the foreign key to MultiframeDetector too (the benchmark has no frames). With --table detection, all of it.
var whole = (Option("--table") ?? "cut") switch
{
    "cut" => false,
    "detection" => true,
    var other => throw new ArgumentException($"--table {other}: choose cut or detection"),
};
var template = SchemaScriptParser.ParseFiles([Path.Combine(AppContext.BaseDirectory, "ProgrammeTemplate.sql")]);
var table = ArchiveLayout.Resolve(template, ["bench"], []).Tables.Single(t => t.Name == "benchDetection");
if (!whole)
{
    table.Columns.RemoveAll(c => c.Name is "aperFlux7" or "aperFlux7Err" or "aperMag7" or "aperMag7Err");
    table.ForeignKeys.Clear();
}

var loaded = table.Columns.Where(c => !c.IsComputed).ToList();
if (!whole && loaded.Count != 80)
    throw new InvalidOperationException($"the cut detection table has {loaded.Count} columns, not 80: has the programme template changed?");
if (whole && table.ForeignKeys is not [{ ReferencedTable: "MultiframeDetector", Columns: ["multiframeID", "extNum"] }])
    throw new InvalidOperationException("the detection table's foreign key is not (multiframeID, extNum) -> MultiframeDetector: has the programme template changed?");
var shape = whole ? DetectionRows.For(loaded, detectionsPerExtension: (rows + 3) / 4) : DetectionRows.For(loaded);
var sqlite = new SqliteDialect();
var postgres = new PostgresDialect();
var loadDir = Path.Combine(dataDir, whole ? "load-detection" : "load"); // apart: the cut table's peer reads "load"
Directory.CreateDirectory(loadDir);

log.WriteLine($"making {rows:N0} rows x {loaded.Count} columns in memory ...");
var watch = Stopwatch.StartNew();
var data = shape.Generate(rows);
var expected = Expected(data);
log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  made in {watch.Elapsed.TotalSeconds:F1} s (not timed below)"));
WriteShape(Path.Combine(loadDir, "load-shape.json"));

var readers = data.Select(Reader).ToArray();
var timings = new Dictionary<string, object>();
var checks = new Dictionary<string, object>();
var notes = new List<string>();
string? sqliteVersion = null, postgresVersion = null;
Dictionary<string, object>? sqliteSettings = null;
var runs = new List<Run>();
var cleanUps = new List<Action>();
try
{
    // What BulkLoader's callers pay before the loader sees a row: boxing each value into the reused row array.
    runs.Add(new Run("feed", () =>
    {
        var row = new object?[loaded.Count];
        for (var i = 0; i < rows; i++)
            Fill(row, i);
        GC.KeepAlive(row);
    }));

    foreach (var method in methods.Where(m => m.StartsWith("sqlite", StringComparison.Ordinal)))
        runs.Add(SqliteRun(method));

    if (methods.Any(m => m.StartsWith("postgres", StringComparison.Ordinal)))
    {
        if (string.IsNullOrEmpty(postgresText))
        {
            notes.Add("PostgreSQL skipped: neither --postgres nor CURATION_TEST_POSTGRES is set");
            log.WriteLine(notes[^1]);
        }
        else
        {
            runs.AddRange(PostgresRuns(DatabaseUrl.Parse(postgresText)));
        }
    }

    // The methods take turns (one repeat of each, then the next), so a busy spell on the machine falls on all of them.
    for (var r = 0; r < repeat; r++)
    {
        foreach (var run in runs)
        {
            run.SetUp?.Invoke();
            GC.Collect();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var w = Stopwatch.StartNew();
            run.Load();
            run.Times.Add(w.Elapsed.TotalSeconds);
            process.Refresh();
            run.CpuTimes.Add((process.TotalProcessorTime - cpu).TotalSeconds);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  repeat {r + 1}: {run.Name,-24} {run.Times[^1],8:F3} s   (this process's CPU {run.CpuTimes[^1]:F3} s)"));
        }
    }

    foreach (var run in runs)
    {
        var sorted = run.Times.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        timings[run.Name] = new { median_s = median, min_s = sorted[0], rows_per_s = Math.Round(rows / median), repeat, times_s = run.Times, process_cpu_s = run.CpuTimes };
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{run.Name,-24} median {median,8:F3} s {rows / median,10:N0} rows/s   min {sorted[0],8:F3} s   ({string.Join(", ", run.Times.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))})"));
        if (run.Check is null)
            continue;
        var result = run.Check();
        checks[run.Name] = result;
        if (!(bool)result["ok"])
            log.WriteLine($"  {result["problem"]}");
    }
}
finally
{
    foreach (var cleanUp in cleanUps)
        cleanUp();
}

var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1e6;
log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak RSS {peak:F0} MB"));
if (json)
{
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        tool = "Curation.Database BulkLoader",
        dotnet = Environment.Version.ToString(),
        sqlite = sqliteVersion,
        postgres = postgresVersion,
        npgsql = typeof(Npgsql.NpgsqlConnection).Assembly.GetName().Version?.ToString(),
        rows,
        columns = loaded.Count,
        table = whole ? "detection" : "cut",
        repeat,
        sqlite_pragmas = pragmas,
        sqlite_settings = sqliteSettings,
        tasks = timings,
        checks,
        notes,
        peak_rss_mb = Math.Round(peak, 1),
    }));
}

if (checks.Values.Cast<Dictionary<string, object>>().Any(c => !(bool)c["ok"]))
{
    Console.Error.WriteLine("error: a table does not hold the rows it was given (see the checks above)");
    return 1;
}

return 0;

// BulkLoader and the SQLite ceiling, each on a fresh file of its own for every repeat, opened as the product opens it.
Run SqliteRun(string method)
{
    var file = Path.Combine(loadDir, method + ".db");
    DbConnection? connection = null;
    void Close()
    {
        connection?.Dispose();
        connection = null;
        ArchiveConnection.ReleasePooledSqliteConnections();
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
            File.Delete(file + suffix);
    }

    cleanUps.Add(Close);
    return new Run(method,
        SetUp: () =>
        {
            Close();
            connection = ArchiveConnection.Open(DatabaseUrl.Parse("sqlite:" + file));
            foreach (var pragma in pragmas)
                connection.Execute("PRAGMA " + pragma);
            CreateParent(connection, sqlite);
            foreach (var statement in sqlite.CreateTable(table).Concat(sqlite.AddForeignKeys(table)))
                connection.Execute(statement);
            sqliteVersion ??= connection.ExecuteScalar<string>("SELECT sqlite_version()");
            sqliteSettings ??= new[] { "journal_mode", "synchronous", "cache_size", "page_size", "foreign_keys" }
                .ToDictionary(p => p, p => (object)connection.ExecuteScalar<string>("PRAGMA " + p)!);
        },
        Load: () =>
        {
            if (method == "sqlite")
            {
                LoadThroughBulkLoader(connection!, sqlite);
                return;
            }

            using var transaction = connection!.BeginTransaction();
            connection.Execute(SqliteCeiling(), transaction: transaction, commandTimeout: 0);
            transaction.Commit();
        },
        Check: () =>
        {
            var result = Check(connection!, sqlite, method);
            result["file_mb"] = Math.Round(new FileInfo(file).Length / 1e6, 1);
            return result;
        });
}

// BulkLoader and the PostgreSQL ceilings, each in a database of its own on the server, the table made afresh for
// every repeat. The ceilings' files are written once, by the server itself, into a directory it can write and read
// (it may run as another user); only a server on this machine can do that.
IEnumerable<Run> PostgresRuns(DatabaseUrl admin)
{
    var name = postgres.TableName(table.Name, table.Schema);
    var columnList = string.Join(", ", loaded.Select(c => postgres.Quote(c.Name)));
    var serverDir = Option("--server-dir");
    var madeServerDir = serverDir is null;
    serverDir ??= Directory.CreateTempSubdirectory("curation-bench-load-").FullName;
    if (!OperatingSystem.IsWindows())
        File.SetUnixFileMode(serverDir, (UnixFileMode)0x1FF); // 0777: the server's user writes the files
    var files = new Dictionary<string, string>();
    var databases = new List<string>();
    cleanUps.Add(() =>
    {
        foreach (var file in files.Values)
            File.Delete(file);
        if (madeServerDir)
            Directory.Delete(serverDir, recursive: true);
        Npgsql.NpgsqlConnection.ClearAllPools();
        using var c = ArchiveConnection.Open(admin);
        foreach (var database in databases)
            c.Execute($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    });

    using (var c = ArchiveConnection.Open(admin))
        postgresVersion = c.ExecuteScalar<string>("SHOW server_version");
    foreach (var method in methods.Where(m => m.StartsWith("postgres", StringComparison.Ordinal)))
    {
        var database = "curation_bench_load_" + method;
        using (var c = ArchiveConnection.Open(admin))
        {
            c.Execute($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            c.Execute($"CREATE DATABASE {database}");
        }

        databases.Add(database);
        var connection = ArchiveConnection.Open(DatabaseUrl.Parse(new UriBuilder(postgresText!) { Path = "/" + database }.Uri.ToString()));
        cleanUps.Insert(0, connection.Dispose);
        var format = method.StartsWith("postgres_ceiling_", StringComparison.Ordinal) ? method["postgres_ceiling_".Length..] : null;
        if (format is not null)
        {
            var file = Path.Combine(serverDir, $"detections-{rows}{(whole ? "-whole" : "")}.{(format == "binary" ? "bin" : "txt")}");
            var w = Stopwatch.StartNew();
            var select = string.Join(", ", shape.Formulas.Select((f, i) => f.Sql(postgres.MapType(loaded[i].Type)) + " AS " + postgres.Quote(loaded[i].Name)));
            connection.Execute($"COPY (SELECT {select} FROM generate_series(0::bigint, {rows - 1}::bigint) AS s(i)) TO '{file}' (FORMAT {format})", commandTimeout: 0);
            files[format] = file;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the server wrote {file} ({new FileInfo(file).Length / 1e6:F0} MB) in {w.Elapsed.TotalSeconds:F1} s (not timed)"));
        }

        yield return new Run(method,
            SetUp: () =>
            {
                connection.Execute($"DROP TABLE IF EXISTS {name}");
                CreateParent(connection, postgres);
                foreach (var statement in postgres.CreateTable(table).Concat(postgres.AddForeignKeys(table)))
                    connection.Execute(statement);
                connection.Execute("CHECKPOINT", commandType: System.Data.CommandType.Text); // earlier loads' dirty pages written now, not during this one
            },
            Load: () =>
            {
                if (format is null)
                {
                    LoadThroughBulkLoader(connection, postgres);
                    return;
                }

                using var transaction = connection.BeginTransaction();
                connection.Execute($"COPY {name} ({columnList}) FROM '{files[format]}' (FORMAT {format})", transaction: transaction, commandTimeout: 0);
                transaction.Commit();
            },
            Check: () =>
            {
                var result = Check(connection, postgres, method);
                result["table_mb"] = Math.Round(connection.ExecuteScalar<long>($"SELECT pg_total_relation_size('{name}')") / 1e6, 1);
                return result;
            });
    }
}

// With --table detection: the stand-in for MultiframeDetector, holding every (multiframeID, extNum) the rows name, so
// that the detection table's foreign key is checked for each row as in the archive (made afresh with the table).
void CreateParent(DbConnection connection, SqlDialect dialect)
{
    if (!whole)
        return;
    var parent = dialect.Quote("MultiframeDetector");
    connection.Execute($"DROP TABLE IF EXISTS {parent}");
    connection.Execute($"CREATE TABLE {parent} ({dialect.Quote("multiframeID")} bigint NOT NULL, {dialect.Quote("extNum")} smallint NOT NULL, "
        + $"PRIMARY KEY ({dialect.Quote("multiframeID")}, {dialect.Quote("extNum")}))");
    var (multiframeId, extNum) = (shape.Formulas[loaded.FindIndex(c => c.Name == "multiframeID")], shape.Formulas[loaded.FindIndex(c => c.Name == "extNum")]);
    var keys = new HashSet<(long, long)>();
    for (long i = 0; i < rows; i += shape.DetectionsPerExtension)
        keys.Add((multiframeId.Integer(i), extNum.Integer(i)));
    foreach (var (multiframe, extension) in keys)
        connection.Execute($"INSERT INTO {parent} VALUES ({multiframe}, {extension})");
}

void LoadThroughBulkLoader(DbConnection connection, SqlDialect dialect)
{
    using var loader = BulkLoader.Open(connection, dialect, table);
    var row = new object?[loaded.Count];
    for (var i = 0; i < rows; i++)
    {
        Fill(row, i);
        loader.AddRow(row);
    }

    loader.Complete();
}

void Fill(object?[] row, int i)
{
    for (var c = 0; c < row.Length; c++)
        row[c] = readers[c](i);
}

// The SQLite ceiling: the engine making the same rows itself and inserting them, with no client in between.
string SqliteCeiling() =>
    $"INSERT INTO {sqlite.TableName(table.Name, table.Schema)} ({string.Join(", ", loaded.Select(c => sqlite.Quote(c.Name)))}) "
    + $"WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < {rows - 1}) "
    + $"SELECT {string.Join(", ", shape.Formulas.Select(f => f.Sql(null)))} FROM s";

// The row count and the sum of every column, from the table, against the rows given.
Dictionary<string, object> Check(DbConnection connection, SqlDialect dialect, string method)
{
    var sums = shape.Formulas.Select((f, i) => f.IsInteger ? $"SUM({dialect.Quote(loaded[i].Name)})"
        : dialect is SqliteDialect ? $"TOTAL({dialect.Quote(loaded[i].Name)})" : $"SUM(CAST({dialect.Quote(loaded[i].Name)} AS double precision))");
    using var command = connection.CreateCommand();
    command.CommandText = $"SELECT COUNT(*), {string.Join(", ", sums)} FROM {dialect.TableName(table.Name, table.Schema)}";
    command.CommandTimeout = 0;
    using var reader = command.ExecuteReader();
    reader.Read();
    var count = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
    var problems = new List<string>();
    if (count != rows)
        problems.Add($"{count} rows instead of {rows}");
    for (var c = 0; c < loaded.Count; c++)
    {
        var value = reader.GetValue(c + 1);
        var ok = shape.Formulas[c].IsInteger
            ? Convert.ToInt64(value, CultureInfo.InvariantCulture) == (long)expected[c]
            : Close(Convert.ToDouble(value, CultureInfo.InvariantCulture), (double)expected[c]);
        if (!ok)
            problems.Add($"sum of {loaded[c].Name} is {value}, expected {expected[c]}");
    }

    var result = new Dictionary<string, object> { ["ok"] = problems.Count == 0, ["rows"] = count };
    if (problems.Count > 0)
        result["problem"] = $"{method}: " + string.Join("; ", problems.Take(5));
    return result;
}

// Sums of the floating columns: exact for real (dyadic values), to 1e-12 for float (summation order differs).
static bool Close(double a, double b) => a == b || Math.Abs(a - b) <= 1e-12 * Math.Max(Math.Abs(a), Math.Abs(b));

static object[] Expected(Array[] data)
{
    var sums = new object[data.Length];
    for (var c = 0; c < data.Length; c++)
    {
        sums[c] = data[c] switch
        {
            byte[] a => (object)a.Sum(v => (long)v),
            short[] a => a.Sum(v => (long)v),
            int[] a => a.Sum(v => (long)v),
            long[] a => a.Sum(),
            float[] a => a.Sum(v => (double)v),
            double[] a => a.Sum(),
            _ => throw new InvalidOperationException(),
        };
    }

    return sums;
}

static Func<int, object?> Reader(Array column) => column switch
{
    byte[] a => i => a[i],
    short[] a => i => a[i],
    int[] a => i => a[i],
    long[] a => i => a[i],
    float[] a => i => a[i],
    double[] a => i => a[i],
    _ => throw new InvalidOperationException(),
};

// The rows and the table for the peer (tools/bench/load-astropy-sqlite.py): formulas, SQLite DDL, expected sums.
void WriteShape(string path)
{
    File.WriteAllText(path, JsonSerializer.Serialize(new
    {
        rows,
        table = table.Name,
        sqlite_ddl = sqlite.CreateTable(table),
        sqlite_ceiling = SqliteCeiling(),
        columns = loaded.Select((c, i) => new
        {
            name = c.Name,
            type = c.Type.Name,
            kind = shape.Formulas[i].Kind.ToString().ToLowerInvariant(),
            divisor = shape.Formulas[i].Divisor,
            multiplier = shape.Formulas[i].Multiplier,
            offset = shape.Formulas[i].Offset,
            modulus = shape.Formulas[i].Modulus,
            add = shape.Formulas[i].Add,
            sum = expected[i],
        }),
        real_value = "k / 16 + 1/32",
        float_value = "k / 2^20 + 2^-40",
    }, new JsonSerializerOptions { WriteIndented = true }));
}

/// <summary>One way of loading the rows: made ready (untimed), loaded (timed), checked after the last repeat.</summary>
internal sealed record Run(string Name, Action Load, Action? SetUp = null, Func<Dictionary<string, object>>? Check = null)
{
    public List<double> Times { get; } = [];

    public List<double> CpuTimes { get; } = [];
}
