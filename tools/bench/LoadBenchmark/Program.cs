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

// The C# side of tools/bench-load: N rows of the 80-column detection table (detection80.sql) loaded through
// BulkLoader into SQLite and PostgreSQL, beside each engine's own ceiling on the same table:
//   sqlite                 BulkLoader into a fresh SQLite file (ArchiveConnection's settings, one transaction)
//   sqlite_ceiling         INSERT INTO t SELECT <the same values, computed in SQL> FROM a recursive CTE of N rows,
//                          in one transaction, on a fresh file opened the same way
//   postgres               BulkLoader (binary COPY FROM STDIN) into a fresh table
//   postgres_ceiling_*     the server reading the same rows from a file itself: COPY t FROM '/file' in the binary
//                          and the text format (the file written once by the server, COPY (SELECT ...) TO '/file')
// Each timing is one whole load: BulkLoader.Open (its schema check) to Complete and Dispose, or BEGIN to COMMIT;
// creating the empty table is not timed. The rows are made in memory before timing (one typed array per column);
// the BulkLoader timings include boxing each value into the reused object?[] row given to AddRow, and that
// boxing alone is timed as "feed". Every table's row count and all 80 column sums are checked against the rows.
// Usage: LoadBenchmark DATADIR [--rows N] [--repeat R] [--json] [--postgres URL] [--server-dir DIR]
//        [--sqlite-pragmas "journal_mode=WAL;synchronous=NORMAL"] [--methods sqlite,postgres,...]
var usage = "usage: LoadBenchmark DATADIR [--rows N] [--repeat R] [--json] [--postgres URL] [--server-dir DIR] [--sqlite-pragmas P;Q] [--methods LIST]";
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var valued = new[] { "--rows", "--repeat", "--postgres", "--server-dir", "--sqlite-pragmas", "--methods" };
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

var scriptPath = Path.Combine(AppContext.BaseDirectory, "detection80.sql");
var table = SchemaScriptParser.Parse(File.ReadAllText(scriptPath), "detection80.sql").Tables.Single();
var loaded = table.Columns.Where(c => !c.IsComputed).ToList();
var shape = DetectionRows.For(loaded);
var sqlite = new SqliteDialect();
var postgres = new PostgresDialect();
var loadDir = Path.Combine(dataDir, "load");
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

// What BulkLoader's callers pay before the loader sees a row: boxing each value into the reused row array.
Time("feed", () =>
{
    var row = new object?[loaded.Count];
    for (var i = 0; i < rows; i++)
        Fill(row, i);
    GC.KeepAlive(row);
}, check: null);

if (methods.Any(m => m.StartsWith("sqlite", StringComparison.Ordinal)))
{
    var sqliteFile = Path.Combine(loadDir, "bench.db");
    foreach (var method in methods.Where(m => m.StartsWith("sqlite", StringComparison.Ordinal)))
    {
        DbConnection? connection = null;
        Time(method,
            setUp: () =>
            {
                connection?.Dispose();
                ArchiveConnection.ReleasePooledSqliteConnections();
                foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
                    File.Delete(sqliteFile + suffix);
                connection = ArchiveConnection.Open(DatabaseUrl.Parse("sqlite:" + sqliteFile));
                foreach (var pragma in pragmas)
                    connection.Execute("PRAGMA " + pragma);
                foreach (var statement in sqlite.CreateTable(table))
                    connection.Execute(statement);
                sqliteVersion ??= connection.ExecuteScalar<string>("SELECT sqlite_version()");
            },
            load: () =>
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
            check: () =>
            {
                var result = Check(connection!, sqlite, method);
                result["file_mb"] = Math.Round(new FileInfo(sqliteFile).Length / 1e6, 1);
                return result;
            });
        connection?.Dispose();
        ArchiveConnection.ReleasePooledSqliteConnections();
        File.Delete(sqliteFile);
    }
}

if (methods.Any(m => m.StartsWith("postgres", StringComparison.Ordinal)))
{
    if (string.IsNullOrEmpty(postgresText))
    {
        notes.Add("PostgreSQL skipped: neither --postgres nor CURATION_TEST_POSTGRES is set");
        log.WriteLine(notes[^1]);
    }
    else
    {
        RunPostgres(DatabaseUrl.Parse(postgresText));
    }
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
        repeat,
        sqlite_pragmas = pragmas,
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

void RunPostgres(DatabaseUrl admin)
{
    const string database = "curation_bench_load";
    using (var c = ArchiveConnection.Open(admin))
    {
        c.Execute($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        c.Execute($"CREATE DATABASE {database}");
        postgresVersion = c.ExecuteScalar<string>("SHOW server_version");
    }

    var url = DatabaseUrl.Parse(new UriBuilder(postgresText!) { Path = "/" + database }.Uri.ToString());
    var name = postgres.TableName(table.Name, table.Schema);
    var columnList = string.Join(", ", loaded.Select(c => postgres.Quote(c.Name)));

    // The ceiling's files, written by the server itself into a directory it can write and read (it may run as
    // another user); only a server on this machine can do that.
    var serverDir = Option("--server-dir");
    var madeServerDir = serverDir is null;
    serverDir ??= Directory.CreateTempSubdirectory("curation-bench-load-").FullName;
    if (!OperatingSystem.IsWindows())
        File.SetUnixFileMode(serverDir, (UnixFileMode)0x1FF); // 0777: the server's user writes the files
    var files = new Dictionary<string, string>();
    try
    {
        using (var c = ArchiveConnection.Open(url))
        {
            foreach (var format in new[] { "binary", "text" })
            {
                if (!methods.Contains("postgres_ceiling_" + format))
                    continue;
                var file = Path.Combine(serverDir, $"detections-{rows}.{(format == "binary" ? "bin" : "txt")}");
                var w = Stopwatch.StartNew();
                var select = string.Join(", ", shape.Formulas.Select((f, i) => f.Sql(postgres.MapType(loaded[i].Type)) + " AS " + postgres.Quote(loaded[i].Name)));
                c.Execute($"COPY (SELECT {select} FROM generate_series(0::bigint, {rows - 1}::bigint) AS s(i)) TO '{file}' (FORMAT {format})", commandTimeout: 0);
                files[format] = file;
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the server wrote {file} ({new FileInfo(file).Length / 1e6:F0} MB) in {w.Elapsed.TotalSeconds:F1} s (not timed)"));
            }
        }

        foreach (var method in methods.Where(m => m.StartsWith("postgres", StringComparison.Ordinal)))
        {
            using var connection = ArchiveConnection.Open(url);
            Time(method,
                setUp: () =>
                {
                    connection.Execute($"DROP TABLE IF EXISTS {name}");
                    foreach (var statement in postgres.CreateTable(table))
                        connection.Execute(statement);
                    connection.Execute("CHECKPOINT", commandType: System.Data.CommandType.Text); // no earlier load's dirty pages written during this one
                },
                load: () =>
                {
                    if (method == "postgres")
                    {
                        LoadThroughBulkLoader(connection, postgres);
                        return;
                    }

                    var format = method["postgres_ceiling_".Length..];
                    using var transaction = connection.BeginTransaction();
                    connection.Execute($"COPY {name} ({columnList}) FROM '{files[format]}' (FORMAT {format})", transaction: transaction, commandTimeout: 0);
                    transaction.Commit();
                },
                check: () =>
                {
                    var result = Check(connection, postgres, method);
                    result["table_mb"] = Math.Round(connection.ExecuteScalar<long>($"SELECT pg_total_relation_size('{name}')") / 1e6, 1);
                    return result;
                });
        }
    }
    finally
    {
        foreach (var file in files.Values)
            File.Delete(file);
        if (madeServerDir)
            Directory.Delete(serverDir, recursive: true);
        Npgsql.NpgsqlConnection.ClearAllPools();
        using var c = ArchiveConnection.Open(admin);
        c.Execute($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }
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

// Runs setUp (untimed) and load (timed) repeat times; check runs after the last load.
void Time(string method, Action load, Func<Dictionary<string, object>>? check, Action? setUp = null)
{
    var times = new List<double>();
    for (var r = 0; r < repeat; r++)
    {
        setUp?.Invoke();
        GC.Collect();
        var w = Stopwatch.StartNew();
        load();
        times.Add(w.Elapsed.TotalSeconds);
    }

    var sorted = times.Order().ToList();
    var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    timings[method] = new { median_s = median, min_s = sorted[0], rows_per_s = Math.Round(rows / median), repeat, times_s = times };
    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{method,-24} median {median,8:F3} s  {rows / median,10:N0} rows/s   min {sorted[0],8:F3} s   ({string.Join(", ", times.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))})"));
    if (check is not null)
    {
        var result = check();
        checks[method] = result;
        if (!(bool)result["ok"])
            log.WriteLine($"  {method}: {result["problem"]}");
    }
}

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
