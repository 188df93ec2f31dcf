using Curation.TablePreparation.Transfer;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Transfer;

/// <summary>The provider's OK_TO_COPY marker.</summary>
public sealed class ReadyMarkerTests
{
    [Test]
    public void An_empty_marker_or_one_of_comments_releases_the_whole_directory()
    {
        Assert.That(ReadyMarker.Parse("", "m").ReleasesAll, Is.True);
        Assert.That(ReadyMarker.Parse("# released by the pipeline at 06:12\n\n", "m").ReleasesAll, Is.True);
        Assert.That(ReadyMarker.Parse("", "m").Find("anything.fit"), Is.EqualTo(new ReadyEntry("anything.fit", null)));
    }

    [Test]
    public void Sha256sum_and_md5sum_lines_and_bare_names_are_read_and_other_files_are_not_released()
    {
        var sha = new string('a', 64);
        var md5 = "0123456789ABCDEF0123456789abcdef";
        var marker = ReadyMarker.Parse($"{sha}  w1.fit\r\n{md5} *w1_cat.fits\nw1_conf.fit\n", "m");
        Assert.That(marker.ReleasesAll, Is.False);
        Assert.That(marker.Entries, Is.EqualTo(new[]
        {
            new ReadyEntry("w1.fit", sha), new ReadyEntry("w1_cat.fits", md5.ToLowerInvariant()), new ReadyEntry("w1_conf.fit", null),
        }));
        Assert.That(marker.Entries![0].Algorithm, Is.EqualTo("SHA-256"));
        Assert.That(marker.Entries[1].Algorithm, Is.EqualTo("MD5"));
        Assert.That(marker.Find("w2.fit"), Is.Null);
    }

    [TestCase("w1.fit\nnot a checksum  w2.fit\n", "line 2")]
    [TestCase("abc123  w1.fit", "line 1")]
    [TestCase("w1.fit\n../w2.fit", "line 2")]
    [TestCase("w1.fit\nw1.fit", "listed twice")]
    public void A_line_that_is_not_a_name_or_a_checksum_and_name_is_an_error_naming_the_marker_and_the_line(string text, string where)
    {
        var e = Assert.Throws<FormatException>(() => ReadyMarker.Parse(text, "/data/20071011/OK_TO_COPY"))!;
        Assert.That(e.Message, Does.StartWith("/data/20071011/OK_TO_COPY, line"));
        Assert.That(e.Message, Does.Contain(where));
    }

    [TestCase("w20071011_00101_sf.fit", "image")]
    [TestCase("w20071011_00101_sf_st.fits.fz", "image")]
    [TestCase("w20071011_00101_sf_st_conf.fit", "conf")]
    [TestCase("w20071011_00101_sf_cat.fits", "catalogue")]
    [TestCase("night.log", "other")]
    [TestCase("OK_TO_COPY", "other")]
    public void File_kinds_come_from_the_pipeline_names(string name, string kind) => Assert.That(FileKinds.Of(name), Is.EqualTo(kind));

    [TestCase("casu@apm.ast.cam.ac.uk:/data/wfcam", true)]
    [TestCase("apm:/data", true)]
    [TestCase("rsync://apm/wfcam", true)]
    [TestCase("/mnt/casu/wfcam", false)]
    [TestCase("relative/dir", false)]
    public void A_host_and_colon_or_an_rsync_url_names_a_remote_source(string from, bool remote) =>
        Assert.That(TransferSource.IsRemote(from), Is.EqualTo(remote));
}
