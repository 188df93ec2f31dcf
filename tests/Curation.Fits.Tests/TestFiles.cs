using NUnit.Framework;

namespace Curation.Fits.Tests;

/// <summary>
/// Base of fixtures that write files: <see cref="NewTempDir"/> makes a fresh directory for the running test, and
/// every directory made is deleted in the TearDown after the test.
/// </summary>
public abstract class TestFiles
{
    private readonly List<string> _dirs = [];

    /// <summary>A fresh, empty temporary directory, deleted after the test.</summary>
    protected string NewTempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "curation-fits-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        _dirs.Add(dir);
        return dir;
    }

    [TearDown]
    public void DeleteTempDirs()
    {
        foreach (var dir in _dirs)
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }

        _dirs.Clear();
    }
}
