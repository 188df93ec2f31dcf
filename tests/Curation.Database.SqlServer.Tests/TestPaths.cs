namespace Curation.Database.SqlServer.Tests;

/// <summary>Where the tests find the repository's files and their golden files.</summary>
internal static class TestPaths
{
    /// <summary>The repository root (the directory holding Curation.sln).</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The archive's schema scripts.</summary>
    public static string SchemaSql => Path.Combine(RepoRoot, "schema-sql");

    /// <summary>A golden file (expected output).</summary>
    public static string Golden(string name) => Path.Combine(RepoRoot, "tests", "Curation.Database.SqlServer.Tests", "Golden", name);

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
