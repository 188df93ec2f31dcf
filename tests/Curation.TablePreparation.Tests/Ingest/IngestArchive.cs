using Curation.Database;
using Curation.Database.Tests;
using Curation.Schema;
using Curation.Schema.Model;
using Curation.Sessions;
using Curation.TablePreparation.Ingest;
using Curation.TablePreparation.Transfer;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Ingest;

/// <summary>A fresh archive of one engine, made from the real schema-sql/ scripts and reference rows, on which the tests
/// run CU3 and CU4 as the command line does (their sessions, with a log directory of their own).</summary>
internal sealed class IngestArchive : IDisposable
{
    private readonly TestDatabase database;

    private IngestArchive(TestDatabase database, SchemaModel scripts, string logDirectory)
    {
        this.database = database;
        Scripts = scripts;
        LogDirectory = logDirectory;
    }

    public DatabaseUrl Url => database.Url;

    public SchemaModel Scripts { get; }

    public string LogDirectory { get; }

    /// <summary>What the last run printed.</summary>
    public string Output { get; private set; } = "";

    /// <summary>What the last run logged to the terminal (warnings and errors).</summary>
    public string Terminal { get; private set; } = "";

    public static IngestArchive Create(string engine)
    {
        var db = TestDatabase.Create(engine);
        var scripts = SchemaScriptParser.ParseFiles(Directory.GetFiles(TestPaths.SchemaSql, "*.sql").Order(StringComparer.Ordinal));
        var reference = ReferenceData.ReadDirectory(Path.Combine(TestPaths.SchemaSql, "data"));
        using (var session = Session.Open(db.Url))
            ArchiveInitializer.Initialize(session.Connection, session.Dialect, scripts, reference);
        return new IngestArchive(db, scripts, TestPaths.NewTempDir());
    }

    public CuSessionOptions Options() => new() { Database = Url, LogDirectory = LogDirectory, Curator = "tester", Comment = "an ingest test" };

    /// <summary>Runs CU3 on the files (every pending file when none); returns the exit code.</summary>
    public int Cu3(IngestRequest request) => Run(new IngestMetadataSession(Options(), Scripts, request, Capture()));

    /// <summary>Runs CU4 on the files (every pending catalogue when none); returns the exit code.</summary>
    public int Cu4(IngestRequest request, int workers = 2) =>
        Run(new IngestDetectionsSession(Options(), Scripts, request, Capture()) { Workers = workers, BatchRows = 1000 });

    /// <summary>Runs CU1; returns the exit code, and the session (its summary) through <paramref name="session"/>.</summary>
    public int Cu1(TransferRequest request, out TransferSession session, bool dryRun = false)
    {
        session = new TransferSession(Options() with { DryRun = dryRun }, request, Capture());
        return Run(session);
    }

    public int Cu3(params string[] files) => Cu3(new IngestRequest { Files = files });

    public int Cu4(params string[] files) => Cu4(new IngestRequest { Files = files });

    public Session Open() => Session.Open(Url);

    public long Count(string table, string where = "1 = 1")
    {
        using var s = Open();
        return s.Scalar<long>($"SELECT COUNT(*) FROM {s.Name(table)} WHERE {where}");
    }

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows(string sql, object? parameters = null)
    {
        using var s = Open();
        return s.QueryRows(sql, parameters);
    }

    private StringWriter? output;

    private StringWriter Capture() => output = new StringWriter();

    private int Run(CuSession session)
    {
        using var terminal = new StringWriter();
        var code = session.Run(terminal);
        Output = output?.ToString() ?? "";
        Terminal = terminal.ToString();
        TestContext.Out.WriteLine(Output);
        TestContext.Out.WriteLine(Terminal);
        return code;
    }

    public void Dispose()
    {
        database.Dispose();
        try
        {
            Directory.Delete(LogDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
