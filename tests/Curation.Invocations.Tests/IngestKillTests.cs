using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Curation.Database;
using Curation.Database.Tests;
using Curation.Fits.Writing;
using NUnit.Framework;

namespace Curation.Invocations.Tests;

/// <summary>CU4 killed outright (kill -9) in the middle of a catalogue, then run again: the archive ends with exactly the
/// rows a clean run leaves, on each engine.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
[NonParallelizable]
public sealed class IngestKillTests(string engine)
{
    private const int Frames = 3;
    private const int RowsPerCatalogue = 60_000;

    [Test]
    public void A_killed_detection_ingest_and_a_rerun_leave_exactly_the_rows_of_a_clean_run()
    {
        var dir = TestPaths.NewTempDir();
        var night = Path.Combine(dir, "20071011");
        Directory.CreateDirectory(night);
        var images = Enumerable.Range(1, Frames).Select(i => WriteFrame(night, i)).ToList();
        using var clean = Prepare(TestDatabase.Create(engine), images, dir, "clean");
        using var killed = Prepare(TestDatabase.Create(engine), images, dir, "killed");

        var (code, _, err) = Cli.Run("cu4", "--db", clean.Url.ToStringWithPassword(), "--log-dir", Path.Combine(dir, "clean"));
        Assert.That(code, Is.Zero, err);

        // The killed run: started as a process of its own, killed while it writes the second catalogue.
        var curate = Path.Combine(AppContext.BaseDirectory, "curate");
        var info = new ProcessStartInfo(curate) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "cu4", "--verbose", "--db", killed.Url.ToStringWithPassword(), "--log-dir", Path.Combine(dir, "killed") })
            info.ArgumentList.Add(a);
        using (var process = Process.Start(info)!)
        {
            var first = new TaskCompletionSource();
            var lines = new StringBuilder();
            process.ErrorDataReceived += (_, e) =>
            {
                lock (lines)
                    lines.AppendLine(e.Data);
                if (e.Data?.Contains("Ingested ", StringComparison.Ordinal) == true)
                    first.TrySetResult();
            };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            Assert.That(first.Task.Wait(TimeSpan.FromSeconds(120)), Is.True, $"the first catalogue is ingested: {lines}");
            Thread.Sleep(150); // into the second catalogue (each takes about half a second)
            process.Kill();
            process.WaitForExit();
            Assert.That(process.ExitCode, Is.Not.Zero, "killed");
        }

        var afterKill = Count(killed.Url);
        Assert.That(afterKill % RowsPerCatalogue, Is.Zero, $"whole catalogues only, after the kill ({afterKill} rows)");
        Assert.That(afterKill, Is.LessThan((long)Frames * RowsPerCatalogue), "killed before the end");

        Thread.Sleep(engine == "postgres" ? 1000 : 0); // the server notices the dead connection and frees its lock
        (code, _, err) = Cli.Run("cu4", "--db", killed.Url.ToStringWithPassword(), "--log-dir", Path.Combine(dir, "killed"));
        Assert.That(code, Is.Zero, err);
        Assert.That(err, Does.Contain("stopped without recording its outcome"), "the dead run is recorded");
        Assert.Multiple(() =>
        {
            Assert.That(Count(killed.Url), Is.EqualTo((long)Frames * RowsPerCatalogue));
            Assert.That(Fingerprint(killed.Url), Is.EqualTo(Fingerprint(clean.Url)), "the same rows, value for value");
        });
    }

    private static TestDatabase Prepare(TestDatabase db, IReadOnlyList<string> images, string dir, string name)
    {
        var url = db.Url.ToStringWithPassword();
        Assert.That(Cli.Run("init", "--quiet", "--db", url, "--schema-dir", Cli.SchemaSql).ExitCode, Is.Zero);
        var (code, _, err) = Cli.Run(["cu3", "--db", url, "--log-dir", Path.Combine(dir, name), "--file", .. images]);
        Assert.That(code, Is.Zero, err);
        return db;
    }

    private static long Count(DatabaseUrl url)
    {
        using var s = Session.Open(url);
        return s.Scalar<long>("SELECT COUNT(*) FROM lasDetection");
    }

    /// <summary>A hash of every row (without cuEventID, which differs between the runs), in key order, streamed.</summary>
    private static string Fingerprint(DatabaseUrl url)
    {
        using var s = Session.Open(url);
        using var command = s.Connection.CreateCommand();
        command.CommandText = "SELECT * FROM lasDetection ORDER BY multiframeID, extNum, seqNum";
        using var reader = command.ExecuteReader();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new StringBuilder();
        while (reader.Read())
        {
            text.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!reader.GetName(i).Equals("cuEventID", StringComparison.OrdinalIgnoreCase))
                    text.Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
            }

            hash.AppendData(Encoding.UTF8.GetBytes(text.Append('\n').ToString()));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Writes frame <paramref name="n"/>: an LAS K image with one detector and its catalogue of <see cref="RowsPerCatalogue"/> rows.</summary>
    private static string WriteFrame(string night, int n)
    {
        var image = Path.Combine(night, $"w20071011_{n:00000}_sf.fit");
        using (var w = FitsWriter.Create(image))
        {
            w.AddEmptyPrimary(FitsWriter.Card("PROJECT", "U/UKIDSS/LAS"), FitsWriter.Card("FILTER", "K"), FitsWriter.Card("EXP_TIME", 10.0),
                FitsWriter.Card("AMSTART", 1.1), FitsWriter.Card("AMEND", 1.2));
            w.AddImage(-32, [16, 16], new float[256], null, FitsWriter.Card("CAMNUM", 1.0), FitsWriter.Card("MAGZPT", 22.5));
        }

        var random = new Random(n);
        var rows = RowsPerCatalogue;
        float[] Column(Func<int, double> f) => [.. Enumerable.Range(0, rows).Select(i => (float)f(i))];
        var columns = new List<ColumnSpec>
        {
            new("Sequence_number", "1E", null, Column(i => i + 1)),
            new("X_coordinate", "1E", "Pixels", Column(_ => random.NextDouble() * 2048)),
            new("Y_coordinate", "1E", "Pixels", Column(_ => random.NextDouble() * 2048)),
            new("Aper_flux_3", "1E", "Counts", Column(_ => random.NextDouble() * 1e5 - 100)),
            new("Aper_flux_3_err", "1E", "Counts", Column(_ => random.NextDouble() * 100)),
            new("Classification", "1E", "Flag", Column(_ => random.Next(-3, 2))),
            new("RA", "1E", "Radians", Column(_ => (150 + random.NextDouble()) * Math.PI / 180)),
            new("DEC", "1E", "Radians", Column(_ => (2 + random.NextDouble()) * Math.PI / 180)),
        };
        using (var w = FitsWriter.Create(Path.Combine(night, $"w20071011_{n:00000}_sf_cat.fits")))
        {
            w.AddEmptyPrimary();
            w.AddBinaryTable("CAT", rows, columns, FitsWriter.Card("MAGZPT", 22.4), FitsWriter.Card("APCOR3", 0.1), FitsWriter.Card("EXTINCT", 0.05));
        }

        return image;
    }
}
