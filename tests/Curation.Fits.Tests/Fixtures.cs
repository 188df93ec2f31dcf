using NUnit.Framework;
using System.Diagnostics;
using System.Text.Json;

namespace Curation.Fits.Tests;

/// <summary>
/// The real FITS files in ../shared/fixtures/fits (others' files, read in place, never copied) and the astropy
/// reference dump of them. Tests skip visibly when either is missing.
/// </summary>
internal static class Fixtures
{
    /// <summary>The repository root (the directory holding Curation.sln).</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The fixture directory: $CURATION_FIXTURES/fits, else ../shared/fixtures/fits beside the repository.</summary>
    public static string FitsDirectory =>
        Path.Combine(Environment.GetEnvironmentVariable("CURATION_FIXTURES") is { Length: > 0 } dir ? dir : Path.Combine(RepoRoot, "..", "shared", "fixtures"), "fits");

    /// <summary>True when the fixtures are present.</summary>
    public static bool Present => Directory.Exists(FitsDirectory);

    /// <summary>Skips the test, with the reason, when the fixtures are absent.</summary>
    public static void Require()
    {
        if (!Present)
            Assert.Ignore($"the real FITS fixtures are not at {Path.GetFullPath(FitsDirectory)} (set CURATION_FIXTURES to their parent directory)");
    }

    /// <summary>Every fixture file, as a path relative to <see cref="FitsDirectory"/> (sorted; MANIFEST.md and provenance.tsv excluded).</summary>
    public static IReadOnlyList<string> AllFiles() => !Present
        ? []
        : [.. Directory.EnumerateFiles(FitsDirectory, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(FitsDirectory, p).Replace('\\', '/'))
            .Where(p => p.Contains('/', StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    /// <summary>The absolute path of a fixture.</summary>
    public static string PathOf(string relative) => Path.Combine(FitsDirectory, relative);

    private static readonly Lazy<(Dictionary<string, JsonElement>? Documents, string? Problem)> Reference = new(RunAstropy);

    /// <summary>astropy's dump of a fixture (tools/fits/astropy-dump.py --stats over all fixtures, run once).</summary>
    public static JsonElement AstropyDump(string relative)
    {
        var (documents, problem) = Reference.Value;
        if (documents is null)
            Assert.Ignore(problem!);
        return documents![relative];
    }

    private static (Dictionary<string, JsonElement>?, string?) RunAstropy()
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python))
            return (null, $"{python} is not installed: astropy cross-checks need Debian's python3-astropy (tools/test installs it)");
        var script = Path.Combine(RepoRoot, "tools", "fits", "astropy-dump.py");
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = FitsDirectory };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--stats");
        foreach (var f in AllFiles())
            start.ArgumentList.Add(f);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var text = stderr.Result;
            return (null, text.Contains("No module named 'astropy'", StringComparison.Ordinal) || text.Contains("numpy", StringComparison.Ordinal)
                ? "astropy is not installed for /usr/bin/python3: install Debian's python3-astropy (tools/test does)"
                : $"astropy-dump.py failed with exit code {process.ExitCode}: {text}");
        }

        var documents = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using var json = JsonDocument.Parse(stdout);
        foreach (var d in json.RootElement.EnumerateArray())
            documents[d.GetProperty("file").GetString()!] = d.Clone();
        return (documents, null);
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
