using System.Diagnostics;
using System.Text.Json;
using NUnit.Framework;

namespace Curation.Imaging.Tests;

/// <summary>
/// The real FITS files in ../shared/fixtures/fits (others' files, read in place, never copied), found as the other
/// test projects find them: $CURATION_FIXTURES/fits, else ../shared/fixtures/fits beside the repository. Tests skip
/// visibly when they are missing.
/// </summary>
internal static class Fixtures
{
    /// <summary>The repository root (the directory holding Curation.sln).</summary>
    public static string RepoRoot => Database.Tests.TestPaths.RepoRoot;

    /// <summary>The fixture directory.</summary>
    public static string FitsDirectory => TestPaths.FitsFixtures;

    /// <summary>Skips the test, with the reason, when the fixtures are absent; otherwise the absolute path of a fixture.</summary>
    public static string Require(string relative) => TestPaths.RequireFitsFixture(relative);
}

/// <summary>One job for the reference script (tests/Curation.Imaging.Tests/astropy-preview.py).</summary>
internal sealed record ReferenceJob(string? Path, int Hdu = 0, string Scale = "zscale", double Clip = 1, string Stretch = "linear", string? Out = null, string? Jpeg = null);

/// <summary>What the reference script found for one job.</summary>
internal sealed record ReferenceResult(JsonElement Json)
{
    public double Number(string name) => Json.GetProperty(name).GetDouble();

    public int Integer(string name) => Json.GetProperty(name).GetInt32();

    public string Text(string name) => Json.GetProperty(name).GetString()!;
}

/// <summary>
/// The independent peer of the preview tests: astropy's ZScaleInterval and percentile interval, numpy's scaling and
/// Pillow's JPEG decoder, run as Debian's /usr/bin/python3. A test whose peer is missing is skipped with the reason,
/// never passed silently.
/// </summary>
internal static class Reference
{
    public const string Python = "/usr/bin/python3";

    public static IReadOnlyList<ReferenceResult> Run(TempDirectory dir, params ReferenceJob[] jobs)
    {
        if (!File.Exists(Python))
            Assert.Ignore($"{Python} is not installed: the preview cross-checks need Debian's python3-astropy and python3-pil (tools/test installs them)");
        var input = dir.File($"jobs-{Guid.NewGuid():N}.json");
        File.WriteAllText(input, JsonSerializer.Serialize(jobs.Select(j => new
        {
            path = j.Path, hdu = j.Hdu, scale = j.Scale, clip = j.Clip, stretch = j.Stretch, @out = j.Out, jpeg = j.Jpeg,
        })));
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.Path };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "astropy-preview.py"));
        start.ArgumentList.Add(input);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var errors = stderr.Result;
        if (process.ExitCode != 0 && (errors.Contains("No module named 'astropy'", StringComparison.Ordinal)
                || errors.Contains("No module named 'numpy'", StringComparison.Ordinal) || errors.Contains("No module named 'PIL'", StringComparison.Ordinal)))
            Assert.Ignore($"astropy, numpy or Pillow is not installed for {Python}: install Debian's python3-astropy and python3-pil (tools/test does)");
        if (process.ExitCode != 0)
            Assert.Fail($"the reference script failed with exit code {process.ExitCode}:\n{errors}");
        return [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => new ReferenceResult(JsonDocument.Parse(line).RootElement.Clone()))];
    }
}
