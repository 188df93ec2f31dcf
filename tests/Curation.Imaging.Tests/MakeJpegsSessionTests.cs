using System.Globalization;
using Curation.Sessions;
using Curation.TablePreparation.Demo;
using NUnit.Framework;

namespace Curation.Imaging.Tests;

/// <summary>CU2 on each engine: the generated night and real files ingested by CU3, then previewed.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class MakeJpegsSessionTests(string engine)
{
    private const string FramesSql =
        "SELECT d.multiframeID, d.extNum, d.compFile, d.thumbFile, d.axis1Length, d.axis2Length, f.fileType, f.night, m.fileName, m.programmeID "
        + "FROM MultiframeDetector d JOIN Multiframe m ON m.multiframeID = d.multiframeID JOIN ArchivedFile f ON f.fileID = m.fileID "
        + "ORDER BY d.multiframeID, d.extNum";

    private sealed record FrameRow(long MultiframeId, int ExtNum, string CompFile, string ThumbFile, int Width, int Height, string FileType, int Night, string FileName, int ProgrammeId);

    private static List<FrameRow> Frames(PreviewArchive archive) => [.. archive.Rows(FramesSql).Select(r => new FrameRow(
        Convert.ToInt64(r["multiframeID"], CultureInfo.InvariantCulture), Convert.ToInt32(r["extNum"], CultureInfo.InvariantCulture),
        ((string)r["compFile"]!).TrimEnd(), ((string)r["thumbFile"]!).TrimEnd(),
        Convert.ToInt32(r["axis1Length"], CultureInfo.InvariantCulture), Convert.ToInt32(r["axis2Length"], CultureInfo.InvariantCulture),
        ((string)r["fileType"]!).TrimEnd(), Convert.ToInt32(r["night"], CultureInfo.InvariantCulture), ((string)r["fileName"]!).TrimEnd(),
        Convert.ToInt32(r["programmeID"], CultureInfo.InvariantCulture)))];

    private static (PreviewArchive Archive, DemoNightManifest Night, TempDirectory Dir) DemoNightIngested(string engine)
    {
        var dir = new TempDirectory("curation-imaging-tests");
        var night = DemoNight.Write(dir.Path);
        var archive = PreviewArchive.Create(engine);
        Assert.That(archive.Cu3(night.Files.Select(f => f.Path).ToArray()), Is.Zero, archive.Terminal);
        return (archive, night, dir);
    }

    /// <summary>The size a JPEG says it is (decoding it).</summary>
    private static (int Width, int Height) SizeOf(string path)
    {
        var image = JpegCodec.DecodeGrey(File.ReadAllBytes(path));
        return (image.Width, image.Height);
    }

    [Test]
    public void Every_detector_frame_of_the_night_gets_a_preview_and_a_thumbnail_recorded_where_they_are()
    {
        var (archive, night, dir) = DemoNightIngested(engine);
        using (archive)
        using (dir)
        {
            Assert.That(archive.Cu2(), Is.Zero, archive.Terminal);
            var frames = Frames(archive);
            var images = frames.Where(f => f.FileType == "image").ToList();
            Assert.That(images, Has.Count.EqualTo(night.Files.Count(f => f.Kind != DemoFileKind.Catalogue && f.Kind != DemoFileKind.Confidence) * 4),
                "four detectors in each image file of the night");
            Assert.Multiple(() =>
            {
                foreach (var f in images)
                {
                    var name = $"{Path.GetFileNameWithoutExtension(f.FileName)}_{f.ExtNum}.jpg";
                    Assert.That(f.CompFile, Is.EqualTo(Path.Combine(archive.Store, "jpegs", "20071011", name)));
                    Assert.That(f.ThumbFile, Is.EqualTo(Path.Combine(archive.Store, "thumbs", "20071011", name)));
                    Assert.That(SizeOf(f.CompFile), Is.EqualTo((f.Width, f.Height)), $"{name}: the frame's size");
                    Assert.That(SizeOf(f.ThumbFile), Is.EqualTo(Resampling.ThumbnailSize(f.Width, f.Height, 128)), $"{name}: the thumbnail");
                    Assert.That(Math.Max(SizeOf(f.ThumbFile).Width, SizeOf(f.ThumbFile).Height), Is.EqualTo(128));
                }

                foreach (var f in frames.Where(f => f.FileType != "image"))
                    Assert.That((f.CompFile, f.ThumbFile), Is.EqualTo(("NONE", "NONE")), $"{f.FileName} ({f.FileType}) is not previewed");
            });
            Assert.That(frames.Count(f => f.FileType == "conf"), Is.EqualTo(4), "the night's confidence map is there, not previewed");
            Assert.That(archive.LastCu2!.Summary.Made, Is.EqualTo(images.Count));
            Assert.That(Directory.GetFiles(Path.Combine(archive.Store, "jpegs", "20071011")), Has.Length.EqualTo(images.Count), "no temporary file left");

            using var session = archive.Open();
            var (_, programmes) = CurationStatus.Read(session);
            Assert.That(programmes.SelectMany(p => p.Tasks.Where(t => t.CuId == 2).Select(t => (p.Programme!.Acronym, t.Pending))),
                Has.All.Matches<(string, long?)>(t => t.Item2 == 0), "no frame waits for cu2");
            var recorded = archive.Rows("SELECT DISTINCT programmeID FROM ProgrammeCurationHistory WHERE cuEventID = @e", new { e = archive.LastCu2.CuEventId })
                .Select(r => Convert.ToInt32(r["programmeID"], CultureInfo.InvariantCulture)).Order();
            Assert.That(recorded, Is.EqualTo(images.Select(f => f.ProgrammeId).Where(p => p != -99).Distinct().Order()), "the run is in each programme's history");
        }
    }

    [Test]
    public void A_rerun_skips_previews_already_made_and_force_makes_them_again()
    {
        var (archive, _, dir) = DemoNightIngested(engine);
        using (archive)
        using (dir)
        {
            Assert.That(archive.Cu2(), Is.Zero, archive.Terminal);
            var images = Frames(archive).Where(f => f.FileType == "image").ToList();
            var before = images.ToDictionary(f => f.CompFile, f => File.ReadAllBytes(f.CompFile));
            var times = images.ToDictionary(f => f.CompFile, f => File.GetLastWriteTimeUtc(f.CompFile));

            Assert.That(archive.Cu2(), Is.Zero, archive.Terminal);
            Assert.That(archive.Output, Does.Contain("no detector frame waiting for a preview"));

            // The database lost its record (a rolled-back unit, say): the files on disk are recorded, not made again.
            archive.Execute("UPDATE MultiframeDetector SET compFile = 'NONE', thumbFile = 'NONE'");
            Assert.That(archive.Cu2(), Is.Zero, archive.Terminal);
            Assert.That((archive.LastCu2!.Summary.Made, archive.LastCu2.Summary.Existing), Is.EqualTo((0, images.Count)));
            Assert.That(Frames(archive).Where(f => f.FileType == "image").Select(f => f.CompFile), Is.EqualTo(images.Select(f => f.CompFile)));
            Assert.That(images.Select(f => File.GetLastWriteTimeUtc(f.CompFile)), Is.EqualTo(images.Select(f => times[f.CompFile])), "untouched");

            // --force makes every one again (at another quality, so that the new files differ).
            Assert.That(archive.Cu2(force: true, preview: new PreviewOptions { Quality = 40, Threads = 2 }), Is.Zero, archive.Terminal);
            Assert.That(archive.LastCu2.Summary.Made, Is.EqualTo(images.Count));
            Assert.That(images.Where(f => File.ReadAllBytes(f.CompFile).SequenceEqual(before[f.CompFile])), Is.Empty, "every preview made again");
        }
    }

    [Test]
    public void A_preview_older_than_its_file_is_made_again()
    {
        var (archive, night, dir) = DemoNightIngested(engine);
        using (archive)
        using (dir)
        {
            Assert.That(archive.Cu2(), Is.Zero, archive.Terminal);
            var changed = night.Files.First(f => f.Kind == DemoFileKind.Image).Path;
            File.SetLastWriteTimeUtc(changed, DateTime.UtcNow.AddHours(1));
            archive.Execute("UPDATE MultiframeDetector SET compFile = 'NONE', thumbFile = 'NONE'");
            Assert.That(archive.Cu2(), Is.Zero, archive.Terminal);
            Assert.That((archive.LastCu2!.Summary.Made, archive.LastCu2.Summary.Existing),
                Is.EqualTo((4, Frames(archive).Count(f => f.FileType == "image") - 4)), "the changed file's four frames made again, the others recorded");
        }
    }

    [Test]
    public void A_broken_or_missing_file_is_reported_with_its_hdus_and_the_other_frames_are_previewed()
    {
        var (archive, night, dir) = DemoNightIngested(engine);
        using (archive)
        using (dir)
        {
            var exposures = night.Files.Where(f => f.Kind == DemoFileKind.Image).Select(f => f.Path).ToList();
            var truncated = exposures[0];
            var missing = exposures[1];
            // Cut the file inside its last image extension: the first three detectors are still readable.
            var length = new FileInfo(truncated).Length;
            using (var stream = new FileStream(truncated, FileMode.Open))
                stream.SetLength(length - 2880 * 10);
            File.Delete(missing);

            Assert.That(archive.Cu2(), Is.EqualTo(1), "exit code 1: some frames could not be previewed");
            Assert.That(archive.LastCu2!.Status, Is.EqualTo(RunStatus.Succeeded), "what was done is recorded");
            Assert.That(archive.LastCu2.Error, Does.Contain("5 detector frame(s) could not be previewed"));
            Assert.That(archive.Output, Does.Contain($"failed {truncated} HDU 4: ").And.Contain("truncated"));
            foreach (var hdu in new[] { 1, 2, 3, 4 })
                Assert.That(archive.Output, Does.Contain($"failed {missing} HDU {hdu}: the file is not on disk"));
            Assert.That(archive.Output, Does.Not.Contain($"failed {truncated} HDU 1"));

            var frames = Frames(archive).Where(f => f.FileType == "image").ToList();
            Assert.That(frames.Where(f => f.CompFile == "NONE").Select(f => (f.FileName, f.ExtNum)),
                Is.EquivalentTo(new[] { (truncated, 5), (missing, 2), (missing, 3), (missing, 4), (missing, 5) }));
            Assert.That(frames.Where(f => f.CompFile != "NONE").Select(f => f.CompFile), Has.All.Matches<string>(File.Exists));
        }
    }

    [Test]
    public void A_dry_run_makes_the_previews_but_writes_and_records_nothing()
    {
        var (archive, _, dir) = DemoNightIngested(engine);
        using (archive)
        using (dir)
        {
            Assert.That(archive.Cu2(dryRun: true), Is.Zero, archive.Terminal);
            Assert.That(archive.LastCu2!.Summary.Made, Is.EqualTo(Frames(archive).Count(f => f.FileType == "image")));
            Assert.That(Directory.Exists(archive.Store), Is.False, "no file written");
            Assert.That(Frames(archive).Select(f => f.CompFile).Distinct(), Is.EqualTo(new[] { "NONE" }));
            Assert.That(archive.Rows("SELECT * FROM ArchiveCurationHistory WHERE cuID = 2"), Is.Empty);
        }
    }

    [Test]
    public void With_a_programme_only_its_frames_are_previewed()
    {
        var (archive, _, dir) = DemoNightIngested(engine);
        using (archive)
        using (dir)
        {
            Assert.That(archive.Cu2(programme: "las"), Is.Zero, archive.Terminal);
            var frames = Frames(archive).Where(f => f.FileType == "image").ToList();
            Assert.That(frames.Where(f => f.CompFile != "NONE").Select(f => f.ProgrammeId).Distinct(), Is.EqualTo(new[] { 101 }));
            Assert.That(frames.Where(f => f.ProgrammeId == 101).Select(f => f.CompFile), Has.None.EqualTo("NONE"));
            Assert.That(archive.Cu2(programme: "nonesuch"), Is.EqualTo(1));
            Assert.That(archive.Terminal, Does.Contain("no programme 'nonesuch'"));
        }
    }

    [Test]
    public void Real_files_are_previewed_in_place_single_hdu_images_by_their_primary_hdu()
    {
        string[] files =
        [
            "astropy/o4sp040b0_raw.fits", "drizzlepac/sample_svm_flt.fits", "lco-ingester/cpt1m012-fl10-20151216-0073-e00.fits.fz",
            "legacypipe/c4d_150329_083320_ooi_r_ls9.N11.fits", "neoexchange/mro_test_frame.fits", "astroquery/ukidss_wsa_image.fits",
        ];
        var paths = files.Select(Fixtures.Require).ToArray();
        using var archive = PreviewArchive.Create(engine);
        Assert.That(archive.Cu3(paths), Is.Zero, archive.Terminal);
        var before = paths.ToDictionary(p => p, File.GetLastWriteTimeUtc);
        Assert.That(archive.Cu2(), Is.Zero, archive.Terminal);

        var frames = Frames(archive);
        Assert.Multiple(() =>
        {
            foreach (var f in frames)
            {
                var night = f.Night > 0 ? f.Night.ToString(CultureInfo.InvariantCulture) : "unknown";
                var name = Path.GetFileName(f.FileName).Replace(".fits.fz", "", StringComparison.Ordinal).Replace(".fits", "", StringComparison.Ordinal);
                Assert.That(f.CompFile, Is.EqualTo(Path.Combine(archive.Store, "jpegs", night, $"{name}_{f.ExtNum}.jpg")));
                Assert.That(SizeOf(f.CompFile), Is.EqualTo((f.Width, f.Height)));
            }
        });

        int[] Extensions(string file) => [.. frames.Where(f => f.FileName.EndsWith(file, StringComparison.Ordinal)).Select(f => f.ExtNum)];
        Assert.That(Extensions("o4sp040b0_raw.fits"), Is.EqualTo(new[] { 2, 5 }), "the two SCI extensions (ERR and DQ have no data)");
        Assert.That(Extensions("mro_test_frame.fits"), Is.EqualTo(new[] { 1 }), "a single-HDU image is its primary HDU, extNum 1");
        Assert.That(Extensions("cpt1m012-fl10-20151216-0073-e00.fits.fz"), Is.EqualTo(new[] { 2 }), "the compressed image");
        Assert.That(paths.Select(File.GetLastWriteTimeUtc), Is.EqualTo(paths.Select(p => before[p])), "the fixtures are read, never written");
    }

    [Test]
    public void An_archive_made_before_cu2_is_told_how_to_add_the_thumbnail_column()
    {
        var (archive, _, dir) = DemoNightIngested(engine);
        using (archive)
        using (dir)
        {
            archive.Execute("ALTER TABLE MultiframeDetector DROP COLUMN thumbFile");
            Assert.That(archive.Cu2(), Is.EqualTo(1));
            Assert.That(archive.Terminal, Does.Contain("MultiframeDetector has no thumbFile column").And.Contain("ALTER TABLE MultiframeDetector ADD COLUMN thumbFile"));
        }
    }
}
