using NUnit.Framework;

namespace Curation.TablePreparation.Tests;

/// <summary>
/// The real FITS files in ../shared/fixtures/fits (others' files, read in place, never copied), found as
/// Curation.Fits.Tests finds them: $CURATION_FIXTURES/fits, else ../shared/fixtures/fits beside the repository.
/// Tests skip visibly when they are missing.
/// </summary>
internal static class Fixtures
{
    /// <summary>The repository root (the directory holding Curation.sln).</summary>
    public static string RepoRoot => TestPaths.RepoRoot;

    /// <summary>The fixture directory.</summary>
    public static string FitsDirectory => TestPaths.FitsFixtures;

    /// <summary>Skips the test, with the reason, when the fixtures are absent; otherwise the absolute path of a fixture.</summary>
    public static string Require(string relative) => TestPaths.RequireFitsFixture(relative);

    /// <summary>A fresh per-test temporary directory (removed by <see cref="TempDirectory.Dispose"/>).</summary>
    public static TempDirectory NewTempDir() => new("curation-tableprep-tests");
}
