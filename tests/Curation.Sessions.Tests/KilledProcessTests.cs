using System.Diagnostics;
using Curation.Sessions.TestHost;
using NUnit.Framework;

namespace Curation.Sessions.Tests;

/// <summary>A curation session in a process of its own, interrupted for real: killed outright (the next run completes the
/// job and records the dead run), or sent SIGTERM or SIGINT (it rolls back the unit in progress, records itself failed and
/// rolled back, and exits 143 or 130).</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
[NonParallelizable]
public sealed class KilledProcessTests(string engine)
{
    private const int Units = 5;
    private const int RowsPerUnit = 40;
    private TestArchive archive = null!;

    [SetUp]
    public void SetUp() => archive = TestArchive.Create(engine);

    [TearDown]
    public void TearDown() => archive?.Dispose();

    /// <summary>Starts the host and returns once it has committed <paramref name="units"/> units (and is in the next one).</summary>
    private Host Start(int units)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Curation.Sessions.TestHost");
        var info = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { archive.Url.ToStringWithPassword(), archive.LogDirectory, "LAS", $"{Units}", $"{RowsPerUnit}", "25" })
            info.ArgumentList.Add(a);
        var host = new Host(Process.Start(info)!);
        host.WaitFor($"unit {units} committed");
        return host;
    }

    [Test]
    public void A_killed_run_keeps_its_committed_units_and_the_next_run_completes_the_job_and_records_the_dead_one()
    {
        using (var host = Start(units: 2))
        {
            host.Process.Kill();
            host.Process.WaitForExit();
        }

        var dead = archive.History().Single();
        Assert.That(dead.Status, Is.EqualTo(RunStatus.Running), "a killed process cannot record its outcome");
        Assert.That(archive.Units().Select(u => (u.Unit, u.Rows)), Is.EqualTo(new[] { (1L, (long)RowsPerUnit), (2L, (long)RowsPerUnit) }),
            "the unit in progress left nothing");

        // The lock dies with the process; a PostgreSQL server releases it once it notices the connection is gone, which
        // can take a moment after the kill.
        WaitUntilLockIsFree("programme-101");
        using var terminal = new StringWriter();
        var rerun = new LoadingSession(archive.Options(), TextWriter.Null) { Units = Units, RowsPerUnit = RowsPerUnit };
        Assert.That(rerun.Run(terminal), Is.EqualTo(0), terminal.ToString());

        Assert.That(terminal.ToString(), Does.Contain($"event {dead.CuEventId} (cu4 ingest-detections").And.Contain("stopped without recording its outcome"));
        Assert.That(archive.Units().Select(u => (u.Unit, u.Rows)), Is.EqualTo(Enumerable.Range(1, Units).Select(u => ((long)u, (long)RowsPerUnit))));
        Assert.That(archive.Duplicates(), Is.Zero);
        Assert.That(archive.History().Select(h => (h.Status, h.RolledBack)), Is.EqualTo(new[] { (RunStatus.Failed, true), (RunStatus.Succeeded, false) }));
    }

    [TestCase("TERM", 143, "SIGTERM")]
    [TestCase("INT", 130, "Ctrl-C (SIGINT)")]
    public void A_signal_rolls_back_the_unit_in_progress_and_records_the_run_failed(string signal, int exitCode, string named)
    {
        if (signal == "INT" && SigintIgnored())
            Assert.Ignore("SIGINT is ignored by this test process (started in the background by a shell without job control), "
                + "and the host would inherit that: run the tests in the foreground to test Ctrl-C");
        using var host = Start(units: 2);
        host.WaitFor("unit 3 started"); // inside the unit, so the signal finds it in progress (not between two units)
        using (var kill = Process.Start("kill", [$"-{signal}", host.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        Assert.That(host.Process.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, "the session stops");

        Assert.That(host.Process.ExitCode, Is.EqualTo(exitCode), host.Error);
        var errors = host.Error.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.That(errors, Has.Count.EqualTo(1), host.Error);
        Assert.That(errors[0], Does.Contain($"cu4 (ingest-detections) stopped by {named} while loading unit 3 into UnitRow"));
        var e = archive.History().Single();
        Assert.That((e.Status, e.RolledBack), Is.EqualTo((RunStatus.Failed, true)));
        Assert.That(e.Programmes.Single().Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(archive.Units().Select(u => u.Unit), Is.EqualTo(new[] { 1L, 2L }));
    }

    /// <summary>True when SIGINT's disposition is "ignore" in this process (bit 2 of SigIgn in /proc/self/status).</summary>
    private static bool SigintIgnored()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;
    }

    private void WaitUntilLockIsFree(string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var session = archive.Open();
            using (var held = SessionLock.TryAcquire(session, name))
            {
                if (held is not null)
                    return;
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"the lock {name} of the killed process was not released within 30 s");
            Thread.Sleep(100);
        }
    }

    private sealed class Host : IDisposable
    {
        private readonly List<string> lines = [];
        private readonly System.Text.StringBuilder error = new();
        private readonly Task errorReader;

        public Host(Process process)
        {
            Process = process;
            errorReader = Task.Run(() =>
            {
                while (process.StandardError.ReadLine() is { } line)
                {
                    lock (error)
                        error.Append(line).Append('\n');
                }
            });
        }

        public Process Process { get; }

        public string Error
        {
            get
            {
                errorReader.Wait(TimeSpan.FromSeconds(10));
                lock (error)
                    return error.ToString();
            }
        }

        public void WaitFor(string line)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                var read = Process.StandardOutput.ReadLineAsync();
                if (!read.Wait(deadline - DateTime.UtcNow) || read.Result is null)
                    break;
                lines.Add(read.Result);
                if (read.Result == line)
                    return;
            }

            Assert.Fail($"the test host did not print '{line}'; it printed {string.Join(" | ", lines)}; errors: {Error}");
        }

        public void Dispose()
        {
            if (!Process.HasExited)
                Process.Kill();
            Process.Dispose();
        }
    }
}
