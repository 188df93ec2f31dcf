using NUnit.Framework;

namespace Curation.Database.Tests;

/// <summary>A temporary directory for one test, deleted on dispose (kept when CURATION_KEEP_TEMP is set, for a look).
/// Shared (linked) by the test projects that write files of their own.</summary>
internal sealed class TempDirectory : IDisposable
{
    /// <summary>A fresh directory under the system's temporary directory, in <paramref name="group"/>.</summary>
    public TempDirectory(string group = "curation-tests")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), group, Guid.NewGuid().ToString("N"));
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
