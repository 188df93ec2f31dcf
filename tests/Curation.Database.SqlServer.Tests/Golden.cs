using NUnit.Framework;

namespace Curation.Database.SqlServer.Tests;

/// <summary>Compares generated T-SQL with its approved golden file; CURATION_APPROVE=1 rewrites the file instead (review the diff).</summary>
internal static class Golden
{
    public static void Check(string name, string actual)
    {
        var path = TestPaths.Golden(name);
        if (Environment.GetEnvironmentVariable("CURATION_APPROVE") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.That(File.Exists(path), Is.True, $"golden file {path} is missing: run the tests once with CURATION_APPROVE=1 and review it");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(path)), $"T-SQL differs from {path}; if the change is intended, rerun with CURATION_APPROVE=1 and review the diff");
    }
}
