using NUnit.Framework;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Curation.TablePreparation.Tests.Sky;

/// <summary>
/// The independent programs the sky computations are checked against: astropy (run as Debian's /usr/bin/python3) and
/// STILTS. A test whose peer is missing is skipped with the reason, never passed silently.
/// </summary>
internal static class ReferenceTools
{
    public const string Python = "/usr/bin/python3";

    /// <summary>
    /// Runs a Python script (saved as script.py in <paramref name="dir"/>, which is also its working directory) and
    /// returns its standard output. Skips the test when /usr/bin/python3 or astropy is missing; fails it, with the
    /// script's standard error, when the script fails otherwise.
    /// </summary>
    public static string RunAstropy(TempDirectory dir, string script, params string[] args)
    {
        if (!File.Exists(Python))
            Assert.Ignore($"{Python} is not installed: the astropy cross-checks need Debian's python3-astropy (tools/test installs it)");
        var path = dir.File("script.py");
        File.WriteAllText(path, script);
        var (exit, stdout, stderr) = Run(Python, [path, .. args], dir.Path);
        if (exit != 0 && (stderr.Contains("No module named 'astropy'", StringComparison.Ordinal) || stderr.Contains("No module named 'numpy'", StringComparison.Ordinal)))
            Assert.Ignore($"astropy is not installed for {Python}: install Debian's python3-astropy (tools/test does)");
        if (exit != 0)
            Assert.Fail($"the astropy script failed with exit code {exit}:\n{stderr}");
        return stdout;
    }

    /// <summary>
    /// The STILTS command: $CURATION_STILTS (a stilts script, or an upstream stilts.jar run with java -jar), else
    /// /usr/bin/stilts. Skips the test when there is none.
    /// </summary>
    public static string[] StiltsCommand()
    {
        var configured = Environment.GetEnvironmentVariable("CURATION_STILTS");
        if (configured is { Length: > 0 })
        {
            if (!File.Exists(configured))
                Assert.Ignore($"CURATION_STILTS={configured} does not exist");
            return configured.EndsWith(".jar", StringComparison.OrdinalIgnoreCase) ? ["java", "-jar", configured] : [configured];
        }

        if (!File.Exists("/usr/bin/stilts"))
            Assert.Ignore("STILTS is not installed (Debian's stilts, or set CURATION_STILTS to an upstream stilts or stilts.jar)");
        return ["/usr/bin/stilts"];
    }

    /// <summary>Runs a program and returns its exit code, standard output and standard error.</summary>
    public static (int Exit, string Stdout, string Stderr) Run(string program, IReadOnlyList<string> args, string workingDirectory)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }

    /// <summary>Writes rows of numbers as CSV with a header line, each number round-trippable ("R").</summary>
    public static void WriteCsv(string path, string header, IEnumerable<IReadOnlyList<double>> rows)
    {
        var text = new StringBuilder(header).Append('\n');
        foreach (var row in rows)
            text.AppendJoin(',', row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Reads lines of whitespace- or comma-separated numbers (blank lines skipped).</summary>
    public static List<double[]> ParseNumbers(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries)
                .Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray())];

    /// <summary>
    /// The small angle between two nearby positions in milliarcseconds (the RA difference wrapped and scaled by cos
    /// Dec; written here, not taken from the code under test). NaN when either is NaN.
    /// </summary>
    public static double MasBetween(double ra1, double dec1, double ra2, double dec2)
    {
        var dra = Math.IEEERemainder(ra1 - ra2, 360.0) * Math.Cos((dec1 + dec2) / 2 * Math.PI / 180.0);
        return Math.Sqrt(dra * dra + (dec1 - dec2) * (dec1 - dec2)) * 3.6e6;
    }
}
