using Curation.Database;
using Curation.Database.Tests;
using Curation.Schema;
using Curation.Schema.Model;
using Curation.Sessions;
using Curation.TablePreparation.Ingest;
using NUnit.Framework;

namespace Curation.Imaging.Tests;

/// <summary>A fresh archive of one engine, made from the real schema-sql/ scripts and reference rows, with a file store
/// of its own, on which the tests run CU3 and CU2 as the command line does (their sessions, with a log directory of
/// their own).</summary>
internal sealed class PreviewArchive : IDisposable
{
    private readonly TestDatabase database;

    private PreviewArchive(TestDatabase database, SchemaModel scripts, string directory)
    {
        this.database = database;
        Scripts = scripts;
        Directory = directory;
    }

    public DatabaseUrl Url => database.Url;

    public SchemaModel Scripts { get; }

    /// <summary>The test's directory: logs/ and store/ (the archive's file store, --archive-dir).</summary>
    public string Directory { get; }

    public string Store => Path.Combine(Directory, "store");

    /// <summary>What the last run printed.</summary>
    public string Output { get; private set; } = "";

    /// <summary>What the last run logged to the terminal (warnings and errors).</summary>
    public string Terminal { get; private set; } = "";

    /// <summary>The last CU2 run.</summary>
    public MakeJpegsSession? LastCu2 { get; private set; }

    public static PreviewArchive Create(string engine)
    {
        var db = TestDatabase.Create(engine);
        var scripts = SchemaScriptParser.ParseFiles(System.IO.Directory.GetFiles(TestPaths.SchemaSql, "*.sql").Order(StringComparer.Ordinal));
        var reference = ReferenceData.ReadDirectory(Path.Combine(TestPaths.SchemaSql, "data"));
        using (var session = Session.Open(db.Url))
            ArchiveInitializer.Initialize(session.Connection, session.Dialect, scripts, reference);
        return new PreviewArchive(db, scripts, TestPaths.NewTempDir());
    }

    public CuSessionOptions Options(bool dryRun = false) => new()
    {
        Database = Url, LogDirectory = Path.Combine(Directory, "logs"), Curator = "tester", Comment = "a preview test", DryRun = dryRun,
    };

    /// <summary>Runs CU3 on the files; returns the exit code.</summary>
    public int Cu3(params string[] files)
    {
        var output = new StringWriter();
        return Run(new IngestMetadataSession(Options(), Scripts, new IngestRequest { Files = files }, output), output);
    }

    /// <summary>Runs CU2 with the test's file store; returns the exit code.</summary>
    public int Cu2(bool force = false, string? programme = null, bool dryRun = false, PreviewOptions? preview = null, int workers = 2)
    {
        var output = new StringWriter();
        LastCu2 = new MakeJpegsSession(Options(dryRun), new MakeJpegsRequest
        {
            ArchiveDirectory = Store, Force = force, Programme = programme, Workers = workers,
            Preview = preview ?? new PreviewOptions { Threads = 2 },
        }, output);
        return Run(LastCu2, output);
    }

    public Session Open() => Session.Open(Url);

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows(string sql, object? parameters = null)
    {
        using var s = Open();
        return s.QueryRows(sql, parameters);
    }

    public int Execute(string sql, object? parameters = null)
    {
        using var s = Open();
        return s.Execute(sql, parameters);
    }

    private int Run(CuSession session, StringWriter output)
    {
        using var terminal = new StringWriter();
        var code = session.Run(terminal);
        Output = output.ToString();
        Terminal = terminal.ToString();
        TestContext.Out.WriteLine(Output);
        TestContext.Out.WriteLine(Terminal);
        return code;
    }

    public void Dispose()
    {
        database.Dispose();
        if (Environment.GetEnvironmentVariable("CURATION_KEEP_TEMP") is { Length: > 0 })
            return;
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
