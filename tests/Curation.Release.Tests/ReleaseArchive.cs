using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Curation.Database;
using Curation.Release.Indices;
using Curation.Schema;
using Curation.Schema.Model;
using Curation.Sessions;
using Curation.TablePreparation.Demo;
using Curation.TablePreparation.Ingest;
using Curation.TablePreparation.Merging;
using Curation.TablePreparation.Neighbours;
using Dapper;
using NUnit.Framework;

namespace Curation.Release.Tests;

/// <summary>
/// An archive of one engine on which the tests run curation tasks and releases. The demonstration night, curated end to
/// end (CU3, CU4, CU7 and CU16 for each programme, CU18), is made once per engine (<see cref="CuratedNight"/>) and each
/// test works on a copy of it (<see cref="Clone"/>): an SQLite file copied, or a PostgreSQL database made from it as a
/// template.
/// </summary>
internal sealed class ReleaseArchive : IDisposable
{
    private static readonly ConcurrentDictionary<string, Lazy<ReleaseArchive>> Nights = new();

    private readonly TestDatabase? database;
    private readonly string? pgName;
    private readonly DatabaseUrl? admin;

    private ReleaseArchive(string engine, DatabaseUrl url, TestDatabase? database, string? pgName, DatabaseUrl? admin)
    {
        Engine = engine;
        Url = url;
        this.database = database;
        this.pgName = pgName;
        this.admin = admin;
        Scripts = SchemaScriptParser.ParseFiles(System.IO.Directory.GetFiles(TestPaths.SchemaSql, "*.sql").Order(StringComparer.Ordinal));
        Directory = url.Engine == DatabaseEngine.Sqlite ? Path.GetDirectoryName(Path.GetFullPath(url.Path!))! : TestPaths.NewTempDir();
    }

    public string Engine { get; }

    public DatabaseUrl Url { get; }

    public SchemaModel Scripts { get; }

    /// <summary>The archive's directory (SQLite: the file's; the default place of releases, logs and the night).</summary>
    public string Directory { get; }

    public string LogDirectory => Path.Combine(Directory, "logs");

    /// <summary>What the last run printed.</summary>
    public string Output { get; private set; } = "";

    /// <summary>What the last run logged to the terminal.</summary>
    public string Terminal { get; private set; } = "";

    /// <summary>The last release run.</summary>
    public ReleaseSession? LastRelease { get; private set; }

    /// <summary>A fresh archive made by <c>curate init</c>.</summary>
    public static ReleaseArchive Create(string engine)
    {
        var db = TestDatabase.Create(engine);
        var archive = new ReleaseArchive(engine, db.Url, db, null, null);
        var reference = ReferenceData.ReadDirectory(Path.Combine(TestPaths.SchemaSql, "data"));
        using (var session = Session.Open(db.Url))
            ArchiveInitializer.Initialize(session.Connection, session.Dialect, archive.Scripts, reference);
        return archive;
    }

    /// <summary>The demonstration night curated end to end, made once per engine: do not change it, <see cref="Clone"/> it.</summary>
    public static ReleaseArchive CuratedNight(string engine)
    {
        if (engine == "postgres" && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)))
            Assert.Ignore($"{TestDatabase.PostgresVariable} is not set: PostgreSQL tests skipped (tools/test starts a throwaway server and sets it)");
        return Nights.GetOrAdd(engine, e => new Lazy<ReleaseArchive>(() =>
        {
            var archive = Create(e);
            archive.CurateNight(DemoNight.Write(Path.Combine(archive.Directory, "night")));
            return archive;
        })).Value;
    }

    /// <summary>Disposes the curated nights (at the end of the run).</summary>
    public static void DisposeNights()
    {
        foreach (var night in Nights.Values.Where(n => n.IsValueCreated))
            night.Value.Dispose();
        Nights.Clear();
    }

    /// <summary>Runs the night's tasks in order: CU3 and CU4 on every file, CU7 for each programme with detections, CU16
    /// for each with neighbour tables to make, CU18.</summary>
    public void CurateNight(DemoNightManifest manifest)
    {
        Assert.That(Cu3(new IngestRequest { Files = [.. manifest.Files.Select(f => f.Path)] }), Is.Zero, Terminal);
        Assert.That(Cu4(), Is.Zero, Terminal);
        foreach (var p in Programmes("SELECT DISTINCT p.acronym FROM Programme p JOIN Multiframe m ON m.programmeID = p.programmeID WHERE p.tablePrefix <> 'NONE'"))
            Assert.That(Cu7(p), Is.Zero, Terminal);
        foreach (var p in Programmes("SELECT DISTINCT p.acronym FROM Programme p JOIN RequiredNeighbours r ON r.programmeID = p.programmeID JOIN Multiframe m ON m.programmeID = p.programmeID"))
            Assert.That(Cu16(p), Is.Zero, Terminal);
        Assert.That(Cu18(), Is.Zero, Terminal);
    }

    /// <summary>A copy of this archive, for one test.</summary>
    public ReleaseArchive Clone()
    {
        ArchiveConnection.ReleasePooledConnections(Url);
        if (Url.Engine == DatabaseEngine.Sqlite)
        {
            var dir = TestPaths.NewTempDir();
            var path = Path.Combine(dir, "archive.db");
            File.Copy(Url.Path!, path);
            return new ReleaseArchive(Engine, DatabaseUrl.Parse("sqlite:" + path), null, null, null);
        }

        var adminUrl = DatabaseUrl.Parse(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)!);
        var name = "curtest_" + Guid.NewGuid().ToString("N")[..12];
        using (var s = Session.Open(adminUrl))
            s.Execute($"CREATE DATABASE {name} TEMPLATE {Url.Database}");
        return new ReleaseArchive(Engine, Url.WithDatabase(name), null, name, adminUrl);
    }

    public CuSessionOptions Options(string? programme = null, bool dryRun = false) => new()
    {
        Database = Url, LogDirectory = LogDirectory, Curator = "tester", Comment = "a release test", Programme = programme, DryRun = dryRun,
    };

    public int Cu3(IngestRequest request) => Run(output => new IngestMetadataSession(Options(), Scripts, request, output));

    public int Cu4() => Run(output => new IngestDetectionsSession(Options(), Scripts, new IngestRequest(), output) { Workers = 2, BatchRows = 1000 });

    public int Cu7(string programme) => Run(output => new MergeSourcesSession(Options(programme), Scripts, new MergeRequest { Threads = 2 }, output));

    public int Cu16(string programme) => Run(output => new MakeNeighboursSession(Options(programme), Scripts,
        new MakeNeighboursRequest { Threads = 2, WorkDirectory = Directory }, output));

    public int Cu18() => Run(output => new CreateIndicesSession(Options(), Scripts, output));

    /// <summary>Runs CU19; <paramref name="scripts"/> replaces the archive's scripts (to make one fail).</summary>
    public int Release(ReleaseRequest request, bool dryRun = false, SchemaModel? scripts = null, Action<string>? beforeStage = null) =>
        Run(output => LastRelease = new ReleaseSession(Options(dryRun: dryRun), scripts ?? Scripts, request, output) { BeforeStage = beforeStage });

    public Session Open() => Session.Open(Url);

    public long Count(string table, string where = "1 = 1") => ArchiveAccess.Count(Url, table, where);

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows(string sql, object? parameters = null) => ArchiveAccess.Rows(Url, sql, parameters);

    public int Execute(string sql, object? parameters = null) => ArchiveAccess.Execute(Url, sql, parameters);

    /// <summary>Every table's row count and a checksum of its rows (in key order), but for the tables listed.</summary>
    public IReadOnlyDictionary<string, string> Snapshot(params string[] except) => Snapshot(Url, except);

    /// <summary>Every table's row count and a checksum of its rows (in key order), but for the tables listed.</summary>
    public static IReadOnlyDictionary<string, string> Snapshot(DatabaseUrl url, params string[] except)
    {
        using var s = Session.Open(url);
        var result = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in LiveSchemaReader.Read(s.Connection, s.Dialect).Where(t => !t.IsView && !except.Contains(t.Name, StringComparer.OrdinalIgnoreCase)))
        {
            var columns = string.Join(", ", table.Columns.Select(c => s.Quote(c.Name)));
            var text = new StringBuilder();
            var rows = 0;
            foreach (var row in s.Connection.Query($"SELECT {columns} FROM {s.Name(table.Name)} ORDER BY {columns}"))
            {
                rows++;
                foreach (var v in (IDictionary<string, object?>)row)
                    text.Append(Convert.ToString(v.Value, CultureInfo.InvariantCulture)).Append('|');
                text.Append('\n');
            }

            result[table.Name] = $"{rows} rows, {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16]}";
        }

        return result;
    }

    /// <summary>The databases on the PostgreSQL server whose names start with this archive's (its releases and partial copies).</summary>
    public IReadOnlyList<string> ServerDatabases()
    {
        if (admin is null && Url.Engine != DatabaseEngine.Postgres)
            return [];
        using var s = Session.Open(Url.WithDatabase("postgres"));
        return s.Query<string>("SELECT datname FROM pg_database WHERE datname LIKE @p ORDER BY datname", new { p = Url.Database + "%" });
    }

    private IEnumerable<string> Programmes(string sql)
    {
        using var s = Open();
        return s.Query<string>(sql).Select(a => a.TrimEnd()).Order(StringComparer.Ordinal).ToList();
    }

    private int Run(Func<StringWriter, CuSession> make)
    {
        using var output = new StringWriter();
        int code;
        (code, Output, Terminal) = ArchiveAccess.Run(make(output), output);
        return code;
    }

    public void Dispose()
    {
        ArchiveConnection.ReleasePooledConnections(Url);
        database?.Dispose();
        if (pgName is not null && admin is not null)
        {
            var releases = ServerDatabases();
            Npgsql.NpgsqlConnection.ClearAllPools();
            using var s = Session.Open(admin);
            foreach (var name in releases)
                s.Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }

        if (Environment.GetEnvironmentVariable("CURATION_KEEP_TEMP") is { Length: > 0 } || !System.IO.Directory.Exists(Directory))
            return;
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Disposes the curated nights once every test of the assembly has run.</summary>
[SetUpFixture]
public sealed class ReleaseArchives
{
    [OneTimeTearDown]
    public void DisposeNights() => ReleaseArchive.DisposeNights();
}
