using Curation.Database;
using Curation.Database.Tests;
using Curation.Schema;
using Curation.Sessions.TestHost;

namespace Curation.Sessions.Tests;

/// <summary>A fresh archive of one engine made from the real schema-sql/ scripts and reference rows, plus the table the
/// test session loads; a log directory of its own.</summary>
internal sealed class TestArchive : IDisposable
{
    private readonly TestDatabase database;

    private TestArchive(TestDatabase database, string logDirectory)
    {
        this.database = database;
        LogDirectory = logDirectory;
    }

    public DatabaseUrl Url => database.Url;

    public string LogDirectory { get; }

    public static TestArchive Create(string engine)
    {
        var db = TestDatabase.Create(engine);
        var scripts = SchemaScriptParser.ParseFiles(Directory.GetFiles(TestPaths.SchemaSql, "*.sql").Order(StringComparer.Ordinal));
        var reference = ReferenceData.ReadDirectory(Path.Combine(TestPaths.SchemaSql, "data"));
        using (var session = Session.Open(db.Url))
        {
            ArchiveInitializer.Initialize(session.Connection, session.Dialect, scripts, reference);
            LoadingSession.CreateTable(session);
        }

        return new TestArchive(db, TestPaths.NewTempDir());
    }

    public Session Open() => Session.Open(Url);

    public CuSessionOptions Options(string programme = "LAS") => new()
    {
        Database = Url,
        LogDirectory = LogDirectory,
        Programme = programme,
        Curator = "tester",
        Comment = "a test run",
    };

    public IReadOnlyList<HistoryEntry> History()
    {
        using var s = Open();
        return CurationHistory.Read(s, new HistoryFilter());
    }

    public IReadOnlyList<(long Unit, long Rows, long Events)> Units()
    {
        using var s = Open();
        return s.Query<(long, long, long)>("SELECT unit, COUNT(*), COUNT(DISTINCT cuEventID) FROM UnitRow GROUP BY unit ORDER BY unit");
    }

    public long Duplicates()
    {
        using var s = Open();
        return s.Scalar<long>("SELECT COUNT(*) FROM (SELECT unit, seq FROM UnitRow GROUP BY unit, seq HAVING COUNT(*) > 1) d");
    }

    public void Dispose()
    {
        database.Dispose();
        Directory.Delete(LogDirectory, recursive: true);
    }
}
