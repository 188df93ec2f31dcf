using Curation.Database;
using Curation.Schema;
using Curation.Schema.Model;
using Curation.Sessions;
using NUnit.Framework;

namespace Curation.Database.Tests;

/// <summary>
/// A fresh archive of one engine, made from the real schema-sql/ scripts and reference rows, with a directory of its own
/// for logs and files, on which tests run curation tasks as the command line does (their sessions). Linked into the
/// test projects that run tasks; each adds the tasks it runs.
/// </summary>
internal abstract class CurationTestArchive : IDisposable
{
    private readonly TestDatabase database;

    protected CurationTestArchive(string engine)
    {
        database = TestDatabase.Create(engine);
        Scripts = SchemaScriptParser.ParseFiles(System.IO.Directory.GetFiles(TestPaths.SchemaSql, "*.sql").Order(StringComparer.Ordinal));
        var reference = ReferenceData.ReadDirectory(Path.Combine(TestPaths.SchemaSql, "data"));
        using (var session = Session.Open(database.Url))
            ArchiveInitializer.Initialize(session.Connection, session.Dialect, Scripts, reference);
        Directory = TestPaths.NewTempDir();
    }

    public DatabaseUrl Url => database.Url;

    public SchemaModel Scripts { get; }

    /// <summary>The test's directory (logs and whatever the tasks write).</summary>
    public string Directory { get; }

    /// <summary>What the last run printed.</summary>
    public string Output { get; private set; } = "";

    /// <summary>What the last run logged to the terminal (warnings and errors).</summary>
    public string Terminal { get; private set; } = "";

    public Session Open() => Session.Open(Url);

    public long Count(string table, string where = "1 = 1") => ArchiveAccess.Count(Url, table, where);

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows(string sql, object? parameters = null) => ArchiveAccess.Rows(Url, sql, parameters);

    public int Execute(string sql, object? parameters = null) => ArchiveAccess.Execute(Url, sql, parameters);

    /// <summary>Runs a task's session; keeps what it printed to <paramref name="output"/> and to the terminal.</summary>
    protected int Run(CuSession session, StringWriter output)
    {
        int code;
        (code, Output, Terminal) = ArchiveAccess.Run(session, output);
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
