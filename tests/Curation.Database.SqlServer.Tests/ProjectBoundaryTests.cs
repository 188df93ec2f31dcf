using NUnit.Framework;

namespace Curation.Database.SqlServer.Tests;

/// <summary>Microsoft.Data.SqlClient stays in its own project: Curation.Database never references it nor this
/// assembly, and no other project asks for the package.</summary>
public sealed class ProjectBoundaryTests
{
    [Test]
    public void Curation_Database_references_neither_SqlClient_nor_the_sql_server_assembly()
    {
        var references = typeof(ArchiveConnection).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.That(references, Has.None.EqualTo("Microsoft.Data.SqlClient").And.None.EqualTo("Curation.Database.SqlServer"));
    }

    [Test]
    public void Only_this_project_asks_for_the_Microsoft_Data_SqlClient_package()
    {
        var askers = Directory.EnumerateFiles(TestPaths.RepoRoot, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(p => File.ReadAllText(p).Contains("Include=\"Microsoft.Data.SqlClient\"", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(TestPaths.RepoRoot, p).Replace('\\', '/'))
            .ToList();
        Assert.That(askers, Is.EqualTo(new[] { "src/Curation.Database.SqlServer/Curation.Database.SqlServer.csproj" }));
    }
}
