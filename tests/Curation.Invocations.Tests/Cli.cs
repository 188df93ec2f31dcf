using NUnit.Framework;

namespace Curation.Invocations.Tests;

/// <summary>Runs the <c>curate</c> command line in-process and captures what it writes.</summary>
internal static class Cli
{
    /// <summary>The repository root (the directory holding Curation.sln).</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The archive's schema scripts in the source tree.</summary>
    public static string SchemaSql => Path.Combine(RepoRoot, "schema-sql");

    /// <summary>This test project's folder in the source tree.</summary>
    public static string ProjectDir => Path.Combine(RepoRoot, "tests", "Curation.Invocations.Tests");

    /// <summary>Runs <c>curate</c> with <paramref name="args"/>; returns the exit code, the output and the error streams.</summary>
    public static (int ExitCode, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CurateApp.Run(args, output, error);
        return (code, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Curation.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("Curation.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Base of the CLI tests: a fresh temporary folder per test, and the environment variables curate reads
/// (CURATION_DB, CURATION_SCHEMA_DIR) cleared during each test and restored after it.</summary>
public abstract class CliTestBase
{
    private static readonly string[] Variables = ["CURATION_DB", "CURATION_SCHEMA_DIR", "CURATION_SOURCE", "CURATION_ARCHIVE_DIR"];
    private readonly Dictionary<string, string?> _saved = [];

    /// <summary>The test's own temporary folder.</summary>
    protected string Temp { get; private set; } = null!;

    [SetUp]
    public void CreateTempAndClearEnvironment()
    {
        Temp = Path.Combine(Path.GetTempPath(), "curation-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Temp);
        foreach (var v in Variables)
        {
            _saved[v] = Environment.GetEnvironmentVariable(v);
            Environment.SetEnvironmentVariable(v, null);
        }
    }

    [TearDown]
    public void DeleteTempAndRestoreEnvironment()
    {
        foreach (var (v, value) in _saved)
            Environment.SetEnvironmentVariable(v, value);
        _saved.Clear();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(Temp))
            Directory.Delete(Temp, recursive: true);
    }

    /// <summary>Writes <paramref name="text"/> to a file of the temporary folder and returns its full path.</summary>
    protected string WriteFile(string name, string text)
    {
        var path = Path.Combine(Temp, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
