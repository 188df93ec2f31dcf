namespace Curation.Database.Tests;

/// <summary>Where the tests find the repository's files and their own inputs.</summary>
internal static class TestPaths
{
    /// <summary>The repository root (the directory holding Curation.sln).</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The archive's schema scripts.</summary>
    public static string SchemaSql => Path.Combine(RepoRoot, "schema-sql");

    /// <summary>A test input script.</summary>
    public static string Script(string name) => Path.Combine(RepoRoot, "tests", "Curation.Database.Tests", "Scripts", name);

    /// <summary>A golden file (expected output).</summary>
    public static string Golden(string name) => Path.Combine(RepoRoot, "tests", "Curation.Database.Tests", "Golden", name);

    /// <summary>The real FITS fixtures: <c>$CURATION_FIXTURES/fits</c>, else <c>../shared/fixtures/fits</c> beside the repository.</summary>
    public static string FitsFixtures =>
        Path.GetFullPath(Path.Combine(Environment.GetEnvironmentVariable("CURATION_FIXTURES") is { Length: > 0 } dir ? dir : Path.Combine(RepoRoot, "..", "shared", "fixtures"), "fits"));

    /// <summary>Skips the test, with the reason, when the fixtures (or this one) are absent; otherwise the fixture's absolute path.</summary>
    public static string RequireFitsFixture(string relative)
    {
        if (!Directory.Exists(FitsFixtures))
            NUnit.Framework.Assert.Ignore($"the real FITS fixtures are not at {FitsFixtures} (set CURATION_FIXTURES to their parent directory)");
        var path = Path.Combine(FitsFixtures, relative);
        if (!File.Exists(path))
            NUnit.Framework.Assert.Ignore($"the fixture {relative} is not in {FitsFixtures}");
        return path;
    }

    /// <summary>A fresh per-test temporary directory.</summary>
    public static string NewTempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "curation-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
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
