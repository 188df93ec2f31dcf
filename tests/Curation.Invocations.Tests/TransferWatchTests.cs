using System.Diagnostics;
using System.Globalization;
using System.Text;
using Curation.Database;
using Curation.Database.Tests;
using Curation.TablePreparation.Demo;
using NUnit.Framework;

namespace Curation.Invocations.Tests;

/// <summary><c>curate cu1 --watch</c> as a process: files released while it runs are transferred within a poll, and
/// SIGTERM between polls ends it as a success; CU3 and CU4 then ingest everything it brought.</summary>
[NonParallelizable]
public sealed class TransferWatchTests
{
    [Test]
    public void A_watching_transfer_takes_files_and_nights_released_while_it_runs_and_stops_cleanly_on_SIGTERM()
    {
        var dir = TestPaths.NewTempDir();
        var source = Path.Combine(dir, "source");
        var first = DemoNight.Write(source);
        File.WriteAllText(Path.Combine(first.Directory, "OK_TO_COPY"), ""); // the whole night released
        var later = DemoNight.Write(Path.Combine(dir, "pipeline"), new DemoNightOptions { UtDate = new DateOnly(2007, 10, 12) });
        var db = $"sqlite:{Path.Combine(dir, "archive.db")}";
        var store = Path.Combine(dir, "archive");
        Assert.That(Cli.Run("init", "--quiet", "--db", db, "--schema-dir", Cli.SchemaSql).ExitCode, Is.Zero);

        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "curate"))
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "cu1", "--watch", "--interval", "0.3", "--from", source, "--archive-dir", store, "--db", db, "--log-dir", Path.Combine(dir, "logs") })
            info.ArgumentList.Add(a);
        var copied = 0;
        var log = new StringBuilder();
        var output = new StringBuilder();
        using var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
                log.AppendLine(e.Data);
            if (e.Data?.StartsWith("Copied ", StringComparison.Ordinal) == true)
                Interlocked.Increment(ref copied);
        };
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
                output.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            WaitFor(() => copied == first.Files.Count, "the first night", log);

            // The provider adds a file to the released night (written elsewhere, then moved in: it appears whole) ...
            var extra = later.Files.First(f => f.Kind == DemoFileKind.Image);
            var extraName = "w20071011_00999_sf.fit";
            File.Copy(extra.Path, Path.Combine(first.Directory, ".incoming-" + extraName));
            File.Move(Path.Combine(first.Directory, ".incoming-" + extraName), Path.Combine(first.Directory, extraName));
            WaitFor(() => copied == first.Files.Count + 1, "the file added to the night", log);

            // ... and a new night, released once all of it is there.
            Directory.Move(later.Directory, Path.Combine(source, "20071012"));
            Thread.Sleep(700);
            Assert.That(copied, Is.EqualTo(first.Files.Count + 1), "a night without OK_TO_COPY is not touched");
            File.WriteAllText(Path.Combine(source, "20071012", "OK_TO_COPY"), "");
            WaitFor(() => copied == first.Files.Count + 1 + later.Files.Count, "the new night", log);
        }
        finally
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
            Assert.That(process.WaitForExit(60_000), Is.True, "stops on SIGTERM");
        }

        Assert.That(process.ExitCode, Is.Zero, $"SIGTERM between polls is a clean stop: {log}");
        Assert.That(output.ToString(), Does.Contain($"cu1: {first.Files.Count + 1 + later.Files.Count} file(s) copied"));
        using (var session = Session.Open(DatabaseUrl.Parse(db)))
        {
            Assert.That(session.Scalar<long>("SELECT COUNT(*) FROM ArchivedFile"), Is.EqualTo(first.Files.Count + 1 + later.Files.Count));
            Assert.That(session.Scalar<long>("SELECT status FROM ArchiveCurationHistory WHERE cuID = 1"), Is.EqualTo(1), "recorded as succeeded");
        }

        var (code, _, err) = Cli.Run("cu3", "--db", db, "--log-dir", Path.Combine(dir, "logs"));
        Assert.That(code, Is.Zero, err);
        (code, _, err) = Cli.Run("cu4", "--db", db, "--log-dir", Path.Combine(dir, "logs"));
        Assert.That(code, Is.Zero, err);
        using (var session = Session.Open(DatabaseUrl.Parse(db)))
        {
            var frames = first.Files.Concat(later.Files).Count(f => f.Kind != DemoFileKind.Catalogue) + 1;
            Assert.That(session.Scalar<long>("SELECT COUNT(*) FROM Multiframe"), Is.EqualTo(frames));
            Assert.That(session.Scalar<long>("SELECT COUNT(*) FROM ArchivedFile WHERE metadataState NOT IN (1, 3)"), Is.Zero);
        }
    }

    private static void WaitFor(Func<bool> condition, string what, StringBuilder log)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(120))
                Assert.Fail($"{what} was not transferred within 120 s: {log}");
            Thread.Sleep(50);
        }
    }
}
