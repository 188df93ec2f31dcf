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
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The fixture directory.</summary>
    public static string FitsDirectory =>
        Path.Combine(Environment.GetEnvironmentVariable("CURATION_FIXTURES") is { Length: > 0 } dir ? dir : Path.Combine(RepoRoot, "..", "shared", "fixtures"), "fits");

    /// <summary>Skips the test, with the reason, when the fixtures are absent; otherwise the absolute path of a fixture.</summary>
    public static string Require(string relative)
    {
        if (!Directory.Exists(FitsDirectory))
            Assert.Ignore($"the real FITS fixtures are not at {Path.GetFullPath(FitsDirectory)} (set CURATION_FIXTURES to their parent directory)");
        var path = Path.Combine(FitsDirectory, relative);
        if (!File.Exists(path))
            Assert.Ignore($"the fixture {relative} is not in {Path.GetFullPath(FitsDirectory)}");
        return path;
    }

    /// <summary>A fresh per-test temporary directory (removed by <see cref="TempDirectory.Dispose"/>).</summary>
    public static TempDirectory NewTempDir() => new();

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

/// <summary>A temporary directory for one test, deleted on dispose (kept when CURATION_KEEP_TEMP is set, for a look).</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "curation-tableprep-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("CURATION_KEEP_TEMP") is { Length: > 0 })
        {
            TestContext.Progress.WriteLine($"kept {Path}");
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
