using System.Globalization;
using System.Security.Cryptography;
using Curation.TablePreparation.Demo;
using Curation.TablePreparation.Ingest;
using Curation.TablePreparation.Tests.Ingest;
using Curation.TablePreparation.Transfer;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Transfer;

/// <summary>CU1 from a source tree of the generated night into an archive of each engine, then CU3 and CU4 on what it registered.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class TransferTests(string engine)
{
    private const int Night = 20071011;

    [Test]
    public void A_released_night_is_copied_and_registered_a_corrupted_file_is_reported_and_CU3_CU4_ingest_exactly_what_was_transferred()
    {
        using var dir = Fixtures.NewTempDir();
        var manifest = DemoNight.Write(dir.File("source"));
        WriteMarker(manifest.Directory, withChecksums: true);
        var corrupt = manifest.Files.First(f => f.Kind == DemoFileKind.Image).Path;
        var good = File.ReadAllBytes(corrupt);
        FlipByte(corrupt, 5000); // after the marker's checksum was taken: the delivery was damaged

        using var archive = IngestArchive.Create(engine);
        var store = dir.File("archive");
        Assert.That(archive.Cu1(Request(dir.File("source"), store), out var cu1), Is.EqualTo(1), "a file could not be transferred");
        var corruptName = $"{Night}/{Path.GetFileName(corrupt)}";
        Assert.That(cu1.Summary.Failed.Keys, Is.EqualTo(new[] { corruptName }));
        Assert.That(cu1.Summary.Failed[corruptName], Does.Contain("SHA-256").And.Contain("OK_TO_COPY lists"));
        Assert.That(archive.Output, Does.Contain($"failed {corruptName}"));
        Assert.That(cu1.Summary.Copied, Is.EqualTo(manifest.Files.Count - 1));

        // The store has every other file, byte for byte, and nothing half-written.
        var expected = manifest.Files.Where(f => f.Path != corrupt).Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
        Assert.That(Directory.GetFiles(Path.Combine(store, $"{Night}")).Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(expected));
        Assert.That(Directory.Exists(Path.Combine(store, ".incoming")), Is.False, "the staging directory is removed");
        foreach (var name in expected)
            Assert.That(File.ReadAllBytes(Path.Combine(store, $"{Night}", name)), Is.EqualTo(File.ReadAllBytes(Path.Combine(manifest.Directory, name))), name);

        // Each is registered once, with its size, SHA-256, night and kind, pending for CU3.
        var registered = archive.Rows("SELECT fileName, originalName, fileType, night, fileSize, checksum, metadataState, cuEventID FROM ArchivedFile");
        Assert.That(registered.Select(r => Text(r["originalName"])).Order(StringComparer.Ordinal), Is.EqualTo(expected));
        foreach (var r in registered)
        {
            var path = Text(r["fileName"]);
            Assert.That(path, Is.EqualTo(Path.Combine(store, $"{Night}", Text(r["originalName"]))));
            Assert.That(Convert.ToInt32(r["night"], CultureInfo.InvariantCulture), Is.EqualTo(Night));
            Assert.That(Convert.ToInt64(r["fileSize"], CultureInfo.InvariantCulture), Is.EqualTo(new FileInfo(path).Length));
            Assert.That(Text(r["checksum"]), Is.EqualTo(Sha256(path)));
            Assert.That(Text(r["fileType"]), Is.EqualTo(FileKinds.Of(path)));
            Assert.That(Convert.ToInt32(r["metadataState"], CultureInfo.InvariantCulture), Is.EqualTo(IngestState.Pending));
            Assert.That(Convert.ToInt32(r["cuEventID"], CultureInfo.InvariantCulture), Is.EqualTo(cu1.CuEventId));
        }

        // CU3 and CU4 take exactly the transferred files.
        Assert.That(archive.Cu3(new IngestRequest()), Is.Zero, archive.Terminal);
        Assert.That(archive.Cu4(new IngestRequest()), Is.Zero, archive.Terminal);
        var ingested = archive.Rows("SELECT fileName FROM Multiframe").Select(r => Path.GetFileName(Text(r["fileName"]))).ToList();
        Assert.That(ingested, Has.None.EqualTo(Path.GetFileName(corrupt)));
        Assert.That(ingested.All(n => expected.Contains(n)), Is.True, string.Join(", ", ingested));
        Assert.That(archive.Count("ArchivedFile", "metadataState NOT IN (1, 3)"), Is.Zero);
        Assert.That(archive.Count("ArchivedFile", "fileType = 'catalogue' AND detectionState NOT IN (1, 3)"), Is.Zero);

        // The provider sends the file again, intact: only it is copied, and the archive ends as a clean ingest of the night.
        File.WriteAllBytes(corrupt, good);
        Assert.That(archive.Cu1(Request(dir.File("source"), store), out var rerun), Is.Zero, archive.Terminal);
        Assert.That((rerun.Summary.Copied, rerun.Summary.UpToDate, rerun.Summary.Failed.Count), Is.EqualTo((1, manifest.Files.Count - 1, 0)));
        Assert.That(archive.Cu3(new IngestRequest()), Is.Zero, archive.Terminal);
        Assert.That(archive.Cu4(new IngestRequest()), Is.Zero, archive.Terminal);
        using var reference = IngestArchive.Create(engine);
        Assert.That(reference.Cu3(manifest.Files.Select(f => f.Path).ToArray()), Is.Zero, reference.Terminal);
        Assert.That(reference.Cu4(new IngestRequest()), Is.Zero, reference.Terminal);
        foreach (var table in new[] { "Multiframe", "MultiframeDetector", "HeaderCard", "Provenance", "lasDetection", "gpsDetection", "dxsDetection" })
            Assert.That(archive.Count(table), Is.EqualTo(reference.Count(table)).And.GreaterThan(0), table);
        Assert.That(archive.Count("ArchivedFile"), Is.EqualTo(manifest.Files.Count));
    }

    [Test]
    public void A_rerun_copies_only_what_is_missing_or_changed_and_a_changed_file_goes_back_to_CU3()
    {
        using var dir = Fixtures.NewTempDir();
        var manifest = DemoNight.Write(dir.File("source"));
        WriteMarker(manifest.Directory, withChecksums: false);
        using var archive = IngestArchive.Create(engine);
        var store = dir.File("archive");
        Assert.That(archive.Cu1(Request(dir.File("source"), store), out _), Is.Zero, archive.Terminal);
        Assert.That(archive.Cu3(new IngestRequest()), Is.Zero, archive.Terminal);
        WriteMarker(manifest.Directory, withChecksums: true);

        var images = manifest.OfKind(DemoFileKind.Image).ToList();
        var deleted = Path.Combine(store, $"{Night}", images[0].Name);
        File.Delete(deleted);
        var changed = images[1];
        var other = DemoNight.Write(dir.File("other"), new DemoNightOptions { Seed = 2 });
        // Same name, same size, even the same modification time: only the SHA-256 the provider lists tells it changed.
        var time = File.GetLastWriteTimeUtc(changed.Path);
        File.Copy(other.Files.Single(f => f.Name == changed.Name).Path, changed.Path, overwrite: true);
        File.SetLastWriteTimeUtc(changed.Path, time);
        Assert.That(new FileInfo(changed.Path).Length, Is.EqualTo(new FileInfo(Path.Combine(store, $"{Night}", changed.Name)).Length));
        WriteMarker(manifest.Directory, withChecksums: true);
        var before = archive.Rows("SELECT fileID, checksum FROM ArchivedFile WHERE originalName = @n", new { n = changed.Name }).Single();

        Assert.That(archive.Cu1(Request(dir.File("source"), store), out var rerun), Is.Zero, archive.Terminal);
        Assert.That((rerun.Summary.Copied, rerun.Summary.UpToDate), Is.EqualTo((2, manifest.Files.Count - 2)));
        Assert.That(File.Exists(deleted), Is.True);
        var after = archive.Rows("SELECT fileID, checksum, metadataState FROM ArchivedFile WHERE originalName = @n", new { n = changed.Name }).Single();
        Assert.That(after["fileID"], Is.EqualTo(before["fileID"]), "the same file, not a new one");
        Assert.That(Text(after["checksum"]), Is.EqualTo(Sha256(changed.Path)).And.Not.EqualTo(Text(before["checksum"])));
        Assert.That(Convert.ToInt32(after["metadataState"], CultureInfo.InvariantCulture), Is.EqualTo(IngestState.Pending));
        Assert.That(archive.Count("ArchivedFile"), Is.EqualTo(manifest.Files.Count), "no duplicates");

        Assert.That(archive.Cu3(new IngestRequest()), Is.Zero, archive.Terminal);
        Assert.That(archive.Count("Multiframe", $"fileID = {after["fileID"]}"), Is.EqualTo(1));
        Assert.That(archive.Cu1(Request(dir.File("source"), store), out var third), Is.Zero, archive.Terminal);
        Assert.That((third.Summary.Copied, third.Summary.UpToDate), Is.EqualTo((0, manifest.Files.Count)));
    }

    [Test]
    public void A_file_copied_but_not_registered_when_a_run_stopped_is_registered_without_copying_it_again()
    {
        using var dir = Fixtures.NewTempDir();
        var manifest = DemoNight.Write(dir.File("source"));
        WriteMarker(manifest.Directory, withChecksums: true);
        using var archive = IngestArchive.Create(engine);
        var store = dir.File("archive");
        Assert.That(archive.Cu1(Request(dir.File("source"), store), out _), Is.Zero, archive.Terminal);
        var name = manifest.Files[0].Name;
        using (var s = archive.Open())
            s.Execute("DELETE FROM ArchivedFile WHERE originalName = @n", new { n = name });
        var written = File.GetLastWriteTimeUtc(Path.Combine(store, $"{Night}", name));
        Assert.That(archive.Cu1(Request(dir.File("source"), store), out var rerun), Is.Zero, archive.Terminal);
        Assert.That((rerun.Summary.Copied, rerun.Summary.RegisteredInPlace), Is.EqualTo((0, 1)));
        Assert.That(archive.Count("ArchivedFile", $"originalName = '{name}'"), Is.EqualTo(1));
        Assert.That(File.GetLastWriteTimeUtc(Path.Combine(store, $"{Night}", name)), Is.EqualTo(written));
    }

    [Test]
    public void Only_released_files_of_the_nights_and_kinds_asked_for_are_copied_and_a_broken_marker_is_reported_with_its_line()
    {
        using var dir = Fixtures.NewTempDir();
        var source = dir.File("source");
        var released = DemoNight.Write(source);
        var unreleased = DemoNight.Write(source, new DemoNightOptions { UtDate = new DateOnly(2007, 10, 12) });
        var listed = DemoNight.Write(source, new DemoNightOptions { UtDate = new DateOnly(2007, 10, 13) });
        var broken = DemoNight.Write(source, new DemoNightOptions { UtDate = new DateOnly(2007, 10, 14) });
        WriteMarker(released.Directory, withChecksums: false);
        File.WriteAllText(Path.Combine(listed.Directory, ReadyMarker.FileName),
            $"{listed.Files[0].Name}\n{listed.Files[1].Name}\nw20071013_09999_sf.fit\n");
        File.WriteAllText(Path.Combine(broken.Directory, ReadyMarker.FileName), "w20071014_00012_sf.fit\nthis line is wrong\n");
        Assert.That(unreleased.Files, Is.Not.Empty);

        using var archive = IngestArchive.Create(engine);
        var store = dir.File("archive");
        Assert.That(archive.Cu1(Request(source, store) with { Nights = new NightRange(20071011, 20071013), Kinds = ["catalogue", "image"] }, out var cu1),
            Is.Zero, archive.Terminal);
        var expected = released.Files.Concat(listed.Files.Take(2)).Where(f => FileKinds.Of(f.Name) is "catalogue" or "image")
            .Select(f => Path.GetFileName(Path.GetDirectoryName(f.Path)) + "/" + f.Name).Order(StringComparer.Ordinal).ToList();
        Assert.That(Directory.GetFiles(store, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(store, f)).Order(StringComparer.Ordinal),
            Is.EqualTo(expected));
        Assert.That((cu1.Summary.NightsNotReady, cu1.Summary.Waiting), Is.EqualTo((1, 1)));
        Assert.That(archive.Count("ArchivedFile"), Is.EqualTo(expected.Count));

        Assert.That(archive.Cu1(Request(source, store), out var all), Is.EqualTo(1));
        Assert.That(all.Summary.Failed.Keys, Is.EqualTo(new[] { "20071014/OK_TO_COPY" }));
        Assert.That(all.Summary.Failed.Values.Single(), Does.Contain("OK_TO_COPY, line 2"));
        Assert.That(all.Summary.Copied, Is.EqualTo(1), "the conf map the kinds left out before");
    }

    [Test]
    public void A_dry_run_lists_what_it_would_copy_and_copies_and_records_nothing()
    {
        using var dir = Fixtures.NewTempDir();
        var manifest = DemoNight.Write(dir.File("source"));
        WriteMarker(manifest.Directory, withChecksums: true);
        using var archive = IngestArchive.Create(engine);
        var store = dir.File("archive");
        Assert.That(archive.Cu1(Request(dir.File("source"), store), out var cu1, dryRun: true), Is.Zero, archive.Terminal);
        Assert.That(cu1.Summary.WouldCopy, Has.Count.EqualTo(manifest.Files.Count));
        Assert.That(archive.Output, Does.Contain($"{manifest.Files.Count} file(s) would be copied"));
        Assert.That(Directory.GetFiles(store, "*", SearchOption.AllDirectories), Is.Empty);
        Assert.That(archive.Count("ArchivedFile"), Is.Zero);
        Assert.That(archive.Count("ArchiveCurationHistory"), Is.Zero);
    }

    [Test]
    public void Rsync_through_a_remote_shell_transfers_and_verifies_the_night_as_the_local_copy_does()
    {
        using var dir = Fixtures.NewTempDir();
        var manifest = DemoNight.Write(dir.File("source"));
        WriteMarker(manifest.Directory, withChecksums: true);
        var corrupt = manifest.OfKind(DemoFileKind.Catalogue).First().Path;
        FlipByte(corrupt, 4000);
        // rsync runs "RSH host rsync --server ..."; this shell runs that command here, so the remote protocol is exercised without sshd.
        var rsh = dir.File("rsh");
        File.WriteAllText(rsh, "#!/bin/sh\nshift\nexec \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(rsh, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);

        using var archive = IngestArchive.Create(engine);
        var store = dir.File("archive");
        var request = Request(dir.File("source"), store) with { Source = TransferSource.Open("localhost:" + dir.File("source"), rsh: rsh), Retries = 0 };
        Assert.That(request.Source, Is.InstanceOf<RsyncSource>());
        Assert.That(archive.Cu1(request, out var cu1), Is.EqualTo(1));
        Assert.That(cu1.Summary.Failed.Keys, Is.EqualTo(new[] { $"{Night}/{Path.GetFileName(corrupt)}" }));
        Assert.That(cu1.Summary.Copied, Is.EqualTo(manifest.Files.Count - 1));
        foreach (var f in manifest.Files.Where(f => f.Path != corrupt))
        {
            var copy = Path.Combine(store, $"{Night}", f.Name);
            Assert.That(File.ReadAllBytes(copy), Is.EqualTo(File.ReadAllBytes(f.Path)), f.Name);
            Assert.That(File.GetLastWriteTimeUtc(copy), Is.EqualTo(File.GetLastWriteTimeUtc(f.Path)).Within(TimeSpan.FromSeconds(1)));
        }

        Assert.That(archive.Cu1(request, out var rerun), Is.EqualTo(1));
        Assert.That((rerun.Summary.Copied, rerun.Summary.UpToDate), Is.EqualTo((0, manifest.Files.Count - 1)));

        var unreachable = request with { Source = TransferSource.Open("nohost.invalid:/data", rsh: "false") };
        Assert.That(archive.Cu1(unreachable, out _), Is.EqualTo(1));
        Assert.That(archive.Terminal, Does.Contain("could not be read").And.Contain("rsync"));
    }

    [Test]
    public void A_watch_stops_after_its_time_having_taken_a_night_released_while_it_ran()
    {
        using var dir = Fixtures.NewTempDir();
        var source = dir.File("source");
        var first = DemoNight.Write(source);
        WriteMarker(first.Directory, withChecksums: false);
        var second = DemoNight.Write(source, new DemoNightOptions { UtDate = new DateOnly(2007, 10, 12) });
        using var archive = IngestArchive.Create(engine);
        var request = Request(source, dir.File("archive")) with { Watch = true, Interval = TimeSpan.FromSeconds(0.2), StopAfter = TimeSpan.FromSeconds(4) };
        TransferSession? session = null;
        var run = Task.Run(() => archive.Cu1(request, out session));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (archive.Count("ArchivedFile") < first.Files.Count && clock.Elapsed < TimeSpan.FromSeconds(60))
            Thread.Sleep(50);
        Assert.That(archive.Count("ArchivedFile"), Is.EqualTo(first.Files.Count), "the first night, at the first poll");
        WriteMarker(second.Directory, withChecksums: true);

        Assert.That(run.Wait(TimeSpan.FromSeconds(120)), Is.True, "the watch ends by itself");
        Assert.That(run.Result, Is.Zero, archive.Terminal);
        Assert.That(archive.Count("ArchivedFile"), Is.EqualTo(first.Files.Count + second.Files.Count));
        Assert.That(session!.Summary.Polls, Is.GreaterThan(2));
        Assert.That(archive.Output, Does.Contain($"{first.Files.Count + second.Files.Count} file(s) copied").And.Contain("poll(s)"));
    }

    private static TransferRequest Request(string source, string store) =>
        new() { Source = TransferSource.Open(source), ArchiveDirectory = store, Threads = 3 };

    /// <summary>Writes the night's OK_TO_COPY: empty (every file), or sha256sum's output for every file.</summary>
    internal static void WriteMarker(string nightDirectory, bool withChecksums)
    {
        var lines = withChecksums
            ? Directory.GetFiles(nightDirectory).Where(f => Path.GetFileName(f) != ReadyMarker.FileName).Order(StringComparer.Ordinal).Select(f => $"{Sha256(f)}  {Path.GetFileName(f)}\n")
            : [];
        File.WriteAllText(Path.Combine(nightDirectory, ReadyMarker.FileName), string.Concat(lines));
    }

    private static void FlipByte(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        var b = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(b ^ 0xFF));
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture)!.TrimEnd();
}
