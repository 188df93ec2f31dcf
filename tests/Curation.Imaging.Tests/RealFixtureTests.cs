using Curation.Fits;
using NUnit.Framework;

namespace Curation.Imaging.Tests;

/// <summary>
/// Previews of real files from ../shared/fixtures/fits (RICE-compressed LCO, Mosaic II and Bok frames, DECam, HST/STIS
/// raw and HST/ACS/WFC3 flt/flc files, a WFCAM cutout, integer images with BSCALE/BZERO), read in place, against
/// astropy's and numpy's reading and scaling of the same HDUs (tests/Curation.Imaging.Tests/astropy-preview.py): the
/// zscale sample and limits, the percentile limits, every grey level before JPEG encoding, and the decoded JPEG's
/// statistics.
/// </summary>
public sealed class RealFixtureTests
{
    /// <summary>The HDUs compared (file, 0-based HDU): every kind of frame CU2 meets among the fixtures.</summary>
    public static readonly (string File, int Hdu)[] Frames =
    [
        ("astroquery/ukidss_wsa_image.fits", 1),                          // WFCAM stack cutout, int32 with BSCALE/BZERO
        ("nom-tam-fits/m13.fits", 0),                                      // DSS, int16
        ("nom-tam-fits/m13real_rice.fits", 1),                             // float, RICE_1 quantised
        ("lco-ingester/cpt1m012-fl10-20151216-0073-e00.fits.fz", 1),       // LCO Sinistro raw, RICE_1, 1040 x 1024 x 1
        ("lco-ingester/coj1m011-kb05-20150219-0125-e90.fits.fz", 1),       // LCO SBIG reduced, RICE_1, 2027 x 5
        ("blackbox/c4s_060126_182642_zri.fits.fz", 1),                     // CTIO-4m Mosaic II bias, RICE_1 int16, 2136 x 2048
        ("legacypipe/c4d_150329_083320_ooi_r_ls9.N11.fits", 1),            // DECam CP image
        ("legacypipe/ksb_170430_055945_ooi_r_ls9.CCD4.fits", 1),           // Bok 90Prime CP image, RICE_1
        ("astropy/o4sp040b0_raw.fits", 1),                                 // HST/STIS raw, first SCI
        ("astropy/o4sp040b0_raw.fits", 4),                                 // HST/STIS raw, second SCI
        ("stistools/o4er06llq_raw.fits", 1),                               // HST/STIS acquisition raw
        ("drizzlepac/sample_svm_flt.fits", 1),                             // HST/WFC3 IR flt SCI
        ("drizzlepac/sample_svm_flt.fits", 3),                             // its DQ (int16 flags)
        ("drizzlepac/sample_ipppssoot_flc.fits", 1),                       // HST/WFC3 UVIS flc SCI
        ("neoexchange/mro_test_frame.fits", 0),                            // MRO 2.4m, 512 x 512 float
        ("nom-tam-fits/ad43021000gis25670_lo.totsky.gz", 0),               // ASCA sky image, int32, gzip
    ];

    private TempDirectory dir = null!;
    private readonly Dictionary<(string, int, string), (ReferenceResult Result, string Grey)> reference = [];

    [OneTimeSetUp]
    public void ComputeReference()
    {
        dir = new TempDirectory("curation-imaging-tests");
        var jobs = new List<ReferenceJob>();
        var keys = new List<(string, int, string)>();
        foreach (var (file, hdu) in Frames)
        {
            var path = Fixtures.Require(file);
            foreach (var kind in new[] { "zscale", "percentile", "asinh" })
            {
                var grey = dir.File($"{jobs.Count}.u8");
                jobs.Add(new ReferenceJob(path, hdu, kind == "percentile" ? "percentile" : "zscale", 1, kind == "asinh" ? "asinh" : "linear", grey));
                keys.Add((file, hdu, kind));
            }
        }

        var results = Reference.Run(dir, [.. jobs]);
        for (var i = 0; i < keys.Count; i++)
            reference[keys[i]] = (results[i], jobs[i].Out!);
    }

    [OneTimeTearDown]
    public void RemoveReference() => dir?.Dispose();

    private static IEnumerable<TestCaseData> Cases() => Frames.Select(f => new TestCaseData(f.File, f.Hdu).SetArgDisplayNames(f.File, $"HDU {f.Hdu}"));

    private static FrameImage Read(string file, int hdu)
    {
        using var fits = FitsFile.Open(Fixtures.Require(file));
        return FrameReader.Read(fits.Hdus[hdu], threads: 2);
    }

    [TestCaseSource(nameof(Cases))]
    public void The_zscale_sample_and_limits_are_astropys(string file, int hdu)
    {
        var image = Read(file, hdu);
        var (theirs, _) = reference[(file, hdu, "zscale")];
        Assert.That((image.Width, image.Height, image.Finite), Is.EqualTo((theirs.Integer("width"), theirs.Integer("height"), (long)theirs.Integer("finite"))));
        var samples = ZScale.Sample(image, 1000);
        Assert.That(samples, Has.Length.EqualTo(theirs.Integer("nsamples")));
        var sum = samples.Sum(s => (double)s);
        Assert.That(sum, Is.EqualTo(theirs.Number("samples_sum")).Within(1e-6 * Math.Max(1, Math.Abs(sum)) + 1e-6 * samples.Sum(s => Math.Abs((double)s))), "the same pixels sampled");

        var limits = new ZScale().Limits(image)!.Value;
        var range = Math.Max(theirs.Number("vmax") - theirs.Number("vmin"), 1e-30);
        Assert.That(limits.Low, Is.EqualTo(theirs.Number("vmin")).Within(1e-5 * range + 1e-6 * Math.Abs(theirs.Number("vmin"))), "vmin");
        Assert.That(limits.High, Is.EqualTo(theirs.Number("vmax")).Within(1e-5 * range + 1e-6 * Math.Abs(theirs.Number("vmax"))), "vmax");
    }

    [TestCaseSource(nameof(Cases))]
    public void A_frame_is_mirrored_when_astropys_wcs_puts_east_clockwise_from_north(string file, int hdu)
    {
        using var fits = FitsFile.Open(Fixtures.Require(file));
        var theirs = reference[(file, hdu, "zscale")].Result.Json.GetProperty("mirrored").GetBoolean();
        Assert.That(Orientation.IsMirrored(fits.Hdus[hdu].Header), Is.EqualTo(theirs));
    }

    [Test]
    public void Among_the_fixtures_are_frames_of_both_parities()
    {
        var mirrored = Frames.Count(f => reference[(f.File, f.Hdu, "zscale")].Result.Json.GetProperty("mirrored").GetBoolean());
        Assert.That(mirrored, Is.InRange(1, Frames.Length - 1), "the parity test compares both cases");
    }

    [TestCaseSource(nameof(Cases))]
    public void The_percentile_limits_are_numpys(string file, int hdu)
    {
        var limits = new PercentileClip(1).Limits(Read(file, hdu), threads: 2)!.Value;
        var (theirs, _) = reference[(file, hdu, "percentile")];
        var range = Math.Max(theirs.Number("vmax") - theirs.Number("vmin"), 1e-30);
        Assert.That(limits.Low, Is.EqualTo(theirs.Number("vmin")).Within(1e-6 * range + 1e-6 * Math.Abs(theirs.Number("vmin"))), "1st percentile");
        Assert.That(limits.High, Is.EqualTo(theirs.Number("vmax")).Within(1e-6 * range + 1e-6 * Math.Abs(theirs.Number("vmax"))), "99th percentile");
    }

    [TestCaseSource(nameof(Cases))]
    public void Every_grey_level_before_encoding_is_numpys_flipped_image(string file, int hdu)
    {
        var image = Read(file, hdu);
        var mirrored = reference[(file, hdu, "zscale")].Result.Json.GetProperty("mirrored").GetBoolean();
        Assert.Multiple(() =>
        {
            foreach (var kind in new[] { "zscale", "percentile", "asinh" })
            {
                var (theirs, greyFile) = reference[(file, hdu, kind)];
                var limits = new DisplayLimits(theirs.Number("vmin"), theirs.Number("vmax"));
                var grey = new DisplayMapping(limits, kind == "asinh" ? Stretch.Asinh : Stretch.Linear).Render(image, mirrored, threads: 2);
                var expected = File.ReadAllBytes(greyFile);
                Assert.That(grey, Has.Length.EqualTo(expected.Length), kind);
                var differences = grey.Zip(expected, (a, b) => Math.Abs(a - b)).ToList();
                // Single- against double-precision arithmetic may round a value at a half level either way (many pixels
                // at once in a quantised image, whose pixels share few values).
                Assert.That(differences.Max(), Is.LessThanOrEqualTo(1), $"{kind}: the largest difference from numpy");
                Assert.That(differences.Count(d => d > 0), Is.LessThanOrEqualTo(Math.Max(2, expected.Length / 100)), $"{kind}: levels off by one");
            }
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void The_decoded_preview_has_numpys_statistics_within_the_jpeg_error(string file, int hdu)
    {
        using var fits = FitsFile.Open(Fixtures.Require(file));
        var preview = Preview.Make(fits.Hdus[hdu], new PreviewOptions { Threads = 2 });
        var (theirs, _) = reference[(file, hdu, "zscale")];
        var decoded = JpegCodec.DecodeGrey(preview.Jpeg);
        Assert.That((decoded.Width, decoded.Height), Is.EqualTo((theirs.Integer("width"), theirs.Integer("height"))));
        var sorted = decoded.Pixels.Select(p => (double)p).Order().ToArray();
        double Percentile(double p)
        {
            var index = p / 100 * (sorted.Length - 1);
            var below = (int)Math.Floor(index);
            return below + 1 < sorted.Length ? sorted[below] + (sorted[below + 1] - sorted[below]) * (index - below) : sorted[below];
        }

        // Against numpy's image as Pillow's JPEG encoder and decoder leave it at the same quality (JPEG's own effect on
        // the statistics, large on small noisy frames), and against numpy's image itself for the mean.
        Assert.Multiple(() =>
        {
            Assert.That(sorted.Average(), Is.EqualTo(theirs.Number("pillow_mean")).Within(1), "mean grey level");
            Assert.That(Percentile(10), Is.EqualTo(theirs.Number("pillow_p10")).Within(3), "10th percentile");
            Assert.That(Percentile(50), Is.EqualTo(theirs.Number("pillow_p50")).Within(3), "median");
            Assert.That(Percentile(90), Is.EqualTo(theirs.Number("pillow_p90")).Within(3), "90th percentile");
            Assert.That(sorted.Average(), Is.EqualTo(theirs.Number("grey_mean")).Within(3), "mean grey level before JPEG");
        });

        var (tw, th) = (preview.ThumbnailWidth, preview.ThumbnailHeight);
        var longSide = Math.Max(theirs.Integer("width"), theirs.Integer("height"));
        Assert.That(Math.Max(tw, th), Is.EqualTo(Math.Min(128, longSide)), "the thumbnail's longer side");
        var thumbnail = JpegCodec.DecodeGrey(preview.Thumbnail);
        Assert.That((thumbnail.Width, thumbnail.Height), Is.EqualTo((tw, th)));
    }
}
