using System.Diagnostics;
using System.Text.Json;
using NUnit.Framework;

namespace Curation.Database.Tests.Outgesting;

/// <summary>tools/outgest/read-outgest.py run by Debian's Python: numpy reading a binary outgest through its
/// descriptor alone, the csv module reading a CSV outgest. Tests skip, with the reason, when either is missing.</summary>
internal static class OutgestPeer
{
    private const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(() =>
    {
        if (!File.Exists(Python))
            return $"{Python} is not installed: the outgest cross-checks need Debian's python3 and python3-numpy (tools/test installs them)";
        var (exit, _, _) = Run("-c", "import numpy");
        return exit == 0 ? null : $"numpy is not installed for {Python}: install Debian's python3-numpy (tools/test does)";
    });

    /// <summary>The peer's JSON reading of the file (<paramref name="format"/> <c>binary</c> or <c>csv</c>).</summary>
    public static JsonElement Read(string format, string path)
    {
        if (Missing.Value is { } reason)
            Assert.Ignore(reason);
        var (exit, stdout, stderr) = Run(Path.Combine(TestPaths.RepoRoot, "tools", "outgest", "read-outgest.py"), format, path);
        if (exit != 0)
            Assert.Fail($"read-outgest.py {format} {path} failed with exit code {exit}:\n{stderr}");
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.Clone();
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
