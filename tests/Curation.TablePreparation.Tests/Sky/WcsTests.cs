using Curation.Fits;
using Curation.Fits.Headers;
using Curation.Fits.Writing;
using Curation.TablePreparation.Sky;
using NUnit.Framework;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Curation.TablePreparation.Tests.Sky;

public class WcsTests
{
    /// <summary>
    /// astropy's pixel -> sky for the pixels in pixels.csv (FITS convention, origin 1), with the header of an HDU of a
    /// file ("file PATH HDU") or of card images in text files ("cards PATH", any number, answered as "cards:NAME");
    /// with "extent NX NY" after "file", also
    /// the centre of the frame, the pixel scales and the position angle of +Y at the reference pixel. Prints JSON.
    /// Lookup-table distortions (CPDIS, D2IM), which astropy reads only with the whole file and this code does not
    /// read, are left out of the header.
    /// </summary>
    private const string AstropyWcsScript = """
        import os, sys, json, warnings, numpy as np
        from astropy.io import fits
        from astropy.wcs import WCS
        from astropy.wcs.utils import proj_plane_pixel_scales
        from astropy.coordinates import SkyCoord
        import astropy.units as u
        warnings.simplefilter('ignore')
        args = sys.argv[1:]
        out = {}
        pix = np.loadtxt('pixels.csv', delimiter=',', skiprows=1, ndmin=2)
        while args:
            kind = args.pop(0)
            if kind == 'file':
                source = args.pop(0)
                with fits.open(source) as f:
                    h = f[int(args.pop(0))].header.copy()
            elif kind == 'cards':
                source = args.pop(0)
                h = fits.Header.fromstring(open(source).read(), sep='\n')
            if kind in ('file', 'cards'):
                for k in list(h.keys()):
                    if k.startswith(('CPDIS', 'CPERR', 'D2IM', 'DP1', 'DP2', 'DQ1', 'DQ2', 'NPOL')):
                        del h[k]
                w = WCS(h, naxis=2)
                out[kind if kind == 'file' else 'cards:' + os.path.basename(source)] = w.all_pix2world(pix, 1).tolist()
            elif kind == 'extent':
                nx, ny = int(args.pop(0)), int(args.pop(0))
                ra, dec = w.all_pix2world([(nx + 1) / 2], [(ny + 1) / 2], 1)
                sx, sy = proj_plane_pixel_scales(w) * 3600
                # The direction of +Y at the reference pixel: towards the pixel one above it (a zenithal projection
                # maps straight lines through the reference point to great circles, so the bearing is exact), without
                # SIP (wcs_pix2world), whose first derivatives vanish there anyway.
                r0 = w.wcs_pix2world([[w.wcs.crpix[0], w.wcs.crpix[1]]], 1)[0]
                r1 = w.wcs_pix2world([[w.wcs.crpix[0], w.wcs.crpix[1] + 1]], 1)[0]
                pa = SkyCoord(r0[0] * u.deg, r0[1] * u.deg).position_angle(SkyCoord(r1[0] * u.deg, r1[1] * u.deg)).wrap_at(180 * u.deg).deg
                out['extent'] = [[ra[0], dec[0], sx, sy, pa]]
        print(json.dumps(out))
        """;

    // LCO (Las Cumbres 1 m and 0.4 m, TAN, plain and tile-compressed), HST (STIS, COS, ACS with SIP, WFC3 with SIP,
    // the stwcs headerlet, PC-matrix drizzled frames), DECam and Bok/90Prime (TPV), JWST FGS (PC + CDELT), Swope
    // (PC + CDELT + LONPOLE), unWISE, CADC's MegaCam cutout, FIRST (SIN), ASCA and the m13 image (CDELT + CROTA),
    // and WFCAM (ZPN).
    private static readonly (string File, int Hdu)[] FixtureHeaders =
    [
        ("astroquery/ukidss_wsa_image.fits", 1),
        ("lco-ingester/lsc1m005-kb78-20151109-0179-e90.fits", 0),
        ("lco-ingester/cpt1m012-fl10-20151216-0073-e00.fits.fz", 1),
        ("lco-ingester/coj1m011-kb05-20150219-0125-e90.fits.fz", 1),
        ("lco-ingester/sqa0m801-kb35-20151216-0966-g00.fits", 0),
        ("stistools/o4er06llq_raw.fits", 1),
        ("crds/cos_N8XTZCAWQ.fits", 0),
        ("drizzle/j8bt06nyq_sip_flt.fits", 1),
        ("drizzlepac/sample_svm_flt.fits", 1),
        ("drizzlepac/sample_ipppssoot_flc.fits", 4),
        ("drizzlepac/sample_ipppssoot_flc.fits", 2),
        ("stwcs/ia1d23dmq_flt_hlet.fits", 1),
        ("astropy/j94f05bgq_flt.fits", 1),
        ("astropy/dist_lookup.fits.gz", 1),
        ("astropy/ie6d07ujq_wcs.fits", 0),
        ("astropy/test0.fits", 2),
        ("legacypipe/c4d_150329_083320_ooi_r_ls9.N11.fits", 1),
        ("legacypipe/ksb_170430_055945_ooi_r_ls9.CCD4.fits", 1),
        ("legacypipe/unwise-3460p121-w1-img-m.fits", 0),
        ("jwst/fgs_id-image_guider1.fits", 1),
        ("neoexchange/swope_test_frame.fits", 0),
        ("astroquery/cadc_query_images.fits", 0),
        ("astroquery/first_cutout_image.fits", 0),
        ("nom-tam-fits/m13.fits", 0),
        ("nom-tam-fits/ad43021000gis25670_lo.totsky.gz", 0),
    ];

    private static IEnumerable<TestCaseData> FixtureCases() =>
        FixtureHeaders.Select(f => new TestCaseData(f.File, f.Hdu).SetArgDisplayNames($"{f.File}[{f.Hdu}]"));

    [TestCaseSource(nameof(FixtureCases))]
    public void Image_wcs_of_real_headers_matches_astropy_both_ways(string file, int hdu)
    {
        var reference = ReferenceOf(file, hdu);
        AssertMatches(reference.Wcs, reference.Pixels, reference.FromHeader, reference.Nx, reference.Ny);
    }

    [Test]
    public void Wfcam_zpn_from_the_header_and_from_the_factory_agree_and_carry_the_pv_terms()
    {
        var (wcs, _, _) = ReadFixture("astroquery/ukidss_wsa_image.fits", 1);
        var factory = Wcs.Zpn(83.904106, 21.790207, 4655.3105, -3864.6415, 5.5710487E-05, 5.3170716E-08, -8.2206846E-08, 5.5711742E-05, [0, 1, 0, -60]);
        Assert.Multiple(() =>
        {
            Assert.That(wcs.ProjectionCode, Is.EqualTo("ZPN"));
            Assert.That(wcs.ZpnCoefficients, Is.EqualTo(new[] { 0.0, 1, 0, -60 }));
            foreach (var (x, y) in PixelGrid(300, 300, wcs))
                Assert.That(factory.PixelToSky(x, y), Is.EqualTo(wcs.PixelToSky(x, y)));
        });
    }

    [Test]
    public void Ngts_catalogue_table_wcs_matches_astropy_reading_the_table_keywords()
    {
        var path = Fixtures.Require("ngts-casu/procIMAGE80220150514002449.cat");
        using var file = FitsFile.Open(path);
        var table = file.Hdus[1];
        var x = table.Columns.Single(c => c.Name == "X_coordinate");
        var y = table.Columns.Single(c => c.Name == "Y_coordinate");
        var wcs = Wcs.FromTableHeader(table.Header, x.Index + 1, y.Index + 1, out var problem);
        Assert.That(wcs, Is.Not.Null, problem);
        Assert.That(wcs!.ZpnCoefficients, Has.Count.EqualTo(8), "TV5_1, TV5_3, TV5_5 and the plain PV2_7");

        // astropy reads the column keywords itself (wcslib's binary-table parser, keysel=['pixel']), which leaves out
        // the plain PV2_7 the NGTS pipeline put beside TV5_1..TV5_5; the script adds it, and also prints where astropy
        // puts the sources without it.
        using var dir = Fixtures.NewTempDir();
        var output = ReferenceTools.RunAstropy(dir, """
            import sys, warnings
            from astropy.io import fits
            from astropy.wcs import WCS
            warnings.simplefilter('ignore')
            with fits.open(sys.argv[1]) as f:
                h = f[1].header
                d = f[1].data
                xs, ys = d['X_coordinate'], d['Y_coordinate']
                cx = f[1].columns.names.index('X_coordinate') + 1
                cy = f[1].columns.names.index('Y_coordinate') + 1
                plain = WCS(h, keysel=['pixel'], colsel=[cx, cy])
                w = WCS(h, keysel=['pixel'], colsel=[cx, cy])
                w.wcs.set_pv(list(w.wcs.get_pv()) + [(2, 7, h['PV2_7'])])
                w.wcs.set()
                sky = w.all_pix2world(xs, ys, 1)
                sky0 = plain.all_pix2world(xs, ys, 1)
                for i in range(len(xs)):
                    print('%.17g %.17g %.17g %.17g %.17g %.17g' % (xs[i], ys[i], sky[0][i], sky[1][i], sky0[0][i], sky0[1][i]))
            """, path);
        var rows = ReferenceTools.ParseNumbers(output);
        Assert.That(rows, Has.Count.EqualTo(table.Rows));
        double worst = 0, withoutPv27 = 0;
        var failures = new List<string>();
        foreach (var r in rows)
        {
            var (ra, dec) = wcs.PixelToSky(r[0], r[1]);
            var mas = ReferenceTools.MasBetween(ra, dec, r[2], r[3]);
            worst = Math.Max(worst, mas);
            withoutPv27 = Math.Max(withoutPv27, ReferenceTools.MasBetween(ra, dec, r[4], r[5]));
            if (!(mas <= 1))
                failures.Add($"({r[0]}, {r[1]}): ({ra:R}, {dec:R}), astropy ({r[2]:R}, {r[3]:R}): {mas:F3} mas");
            var (px, py) = wcs.SkyToPixel(r[2], r[3]);
            if (!(Math.Abs(px - r[0]) < 1e-6 && Math.Abs(py - r[1]) < 1e-6))
                failures.Add($"({r[2]}, {r[3]}) -> pixel ({px:R}, {py:R}), expected ({r[0]}, {r[1]})");
        }

        Assert.That(failures, Is.Empty);
        TestContext.Out.WriteLine($"{rows.Count} NGTS sources: worst {worst:F4} mas from astropy; PV2_7 moves them by up to {withoutPv27 / 1000:F1} arcsec");
    }

    [Test]
    public void A_table_header_with_only_plain_image_keywords_is_read_as_an_image_header()
    {
        var (image, _, _) = ReadFixture("astroquery/ukidss_wsa_image.fits", 1);
        var header = Header.Parse([FitsWriter.Card("XTENSION", "'BINTABLE'"), .. image.Cards()]);
        var table = Wcs.FromTableHeader(header, 3, 5, out var problem);
        Assert.That(table, Is.Not.Null, problem);
        Assert.That(table!.PixelToSky(1000, 1000), Is.EqualTo(image.PixelToSky(1000, 1000)));
    }

    [Test]
    public void Column_keywords_win_over_plain_ones_in_a_table_header()
    {
        string[] cards =
        [
            FitsWriter.Card("TCTYP3", "'RA---TAN'"), FitsWriter.Card("TCTYP5", "'DEC--TAN'"),
            FitsWriter.Card("TCRVL3", 150.0), FitsWriter.Card("TCRVL5", 2.0), FitsWriter.Card("TCRPX3", 1000.0), FitsWriter.Card("TCRPX5", 1000.0),
            FitsWriter.Card("TCDLT3", -1e-4), FitsWriter.Card("TCDLT5", 1e-4), FitsWriter.Card("TP3_5", 0.0),
            // An unrelated image WCS in the same header (different reference point): the columns' own keywords count.
            FitsWriter.Card("CTYPE1", "'RA---ZPN'"), FitsWriter.Card("CTYPE2", "'DEC--ZPN'"), FitsWriter.Card("CRVAL1", 10.0), FitsWriter.Card("CRVAL2", 20.0),
            FitsWriter.Card("CRPIX1", 1.0), FitsWriter.Card("CRPIX2", 1.0), FitsWriter.Card("CD1_1", 1e-4), FitsWriter.Card("CD2_2", 1e-4), FitsWriter.Card("PV2_1", 1.0),
        ];
        var wcs = Wcs.FromTableHeader(Header.Parse(cards), 3, 5, out var problem);
        Assert.That(wcs, Is.Not.Null, problem);
        Assert.Multiple(() =>
        {
            Assert.That(wcs!.ProjectionCode, Is.EqualTo("TAN"));
            var (ra, dec) = wcs.PixelToSky(1000, 1000);
            Assert.That(ra, Is.EqualTo(150.0).Within(1e-12));
            Assert.That(dec, Is.EqualTo(2.0).Within(1e-12));
            Assert.That(wcs.Cd11, Is.EqualTo(-1e-4));
        });
    }

    private static IEnumerable<TestCaseData> GeneratedCases()
    {
        // Every projection, at the awkward places: RA 0, near and at a pole, the equator, south; rotated and flipped
        // axes, the three forms of the linear part, and a LONPOLE.
        (double Ra, double Dec)[] centres = [(0.05, 10), (359.95, -30), (180, 89.9), (45, -89.5), (200, 0), (300, 90)];
        string[] projections = ["TAN", "SIN", "ARC", "STG", "ZEA", "ZPN"];
        var i = 0;
        foreach (var projection in projections)
        {
            foreach (var (ra, dec) in centres)
            {
                var form = (i++ % 4) switch { 0 => "CD", 1 => "PC", 2 => "CROTA", _ => "CD+LONPOLE" };
                yield return new TestCaseData(projection, ra, dec, form).SetArgDisplayNames(projection, $"{ra}", $"{dec}", form);
            }
        }
    }

    [TestCaseSource(nameof(GeneratedCases))]
    public void Generated_headers_of_every_projection_match_astropy(string projection, double ra, double dec, string form)
    {
        var wcs = Wcs.FromHeader(Header.Parse(GeneratedCards(projection, ra, dec, form)), out var problem);
        Assert.That(wcs, Is.Not.Null, problem);
        var pixels = PixelGrid(GeneratedNx, GeneratedNy, wcs!).ToList();
        var expected = GeneratedReference.Value[$"cards:{GeneratedName(projection, ra, dec, form)}"];
        AssertMatches(wcs!, pixels, expected, GeneratedNx, GeneratedNy);
    }

    private const int GeneratedNx = 2048, GeneratedNy = 1800;

    private static string GeneratedName(string projection, double ra, double dec, string form) =>
        string.Create(CultureInfo.InvariantCulture, $"{projection}_{ra}_{dec}_{form}.txt");

    private static List<string> GeneratedCards(string projection, double ra, double dec, string form)
    {
        var rotation = 30.0 + ra / 10;
        var scale = projection == "ZPN" ? 1.0 / 3600 : 0.5 / 3600;
        var (s, c) = Math.SinCos(rotation * Math.PI / 180);
        List<string> cards =
        [
            FitsWriter.Card("CTYPE1", $"'RA---{projection}'"), FitsWriter.Card("CTYPE2", $"'DEC--{projection}'"),
            FitsWriter.Card("CRVAL1", ra), FitsWriter.Card("CRVAL2", dec), FitsWriter.Card("CRPIX1", 1024.5), FitsWriter.Card("CRPIX2", 900.25),
            FitsWriter.Card("RADESYS", "'ICRS'"),
        ];
        switch (form)
        {
            case "PC":
                cards.AddRange([FitsWriter.Card("CDELT1", -scale), FitsWriter.Card("CDELT2", scale), FitsWriter.Card("PC1_1", c), FitsWriter.Card("PC1_2", -s), FitsWriter.Card("PC2_1", s), FitsWriter.Card("PC2_2", c)]);
                break;
            case "CROTA":
                cards.AddRange([FitsWriter.Card("CDELT1", -scale), FitsWriter.Card("CDELT2", scale), FitsWriter.Card("CROTA2", rotation)]);
                break;
            default:
                cards.AddRange([FitsWriter.Card("CD1_1", -scale * c), FitsWriter.Card("CD1_2", scale * s), FitsWriter.Card("CD2_1", -scale * s), FitsWriter.Card("CD2_2", -scale * c)]);
                if (form == "CD+LONPOLE")
                    cards.Add(FitsWriter.Card("LONPOLE", 150.0));
                break;
        }

        if (projection == "ZPN")
            cards.AddRange([FitsWriter.Card("PV2_1", 1.0), FitsWriter.Card("PV2_2", 0.0), FitsWriter.Card("PV2_3", -50.0), FitsWriter.Card("PV2_5", 300.0)]);
        return cards;
    }

    // astropy's answers for every generated header, from one run (they share the pixel grid).
    private static readonly Lazy<Dictionary<string, double[][]>> GeneratedReference = new(() =>
    {
        using var dir = Fixtures.NewTempDir();
        var args = new List<string>();
        foreach (var data in GeneratedCases())
        {
            var (projection, ra, dec, form) = ((string)data.Arguments[0]!, (double)data.Arguments[1]!, (double)data.Arguments[2]!, (string)data.Arguments[3]!);
            var name = GeneratedName(projection, ra, dec, form);
            File.WriteAllText(dir.File(name), string.Join('\n', GeneratedCards(projection, ra, dec, form)));
            args.AddRange(["cards", dir.File(name)]);
        }

        var grid = PixelGrid(GeneratedNx, GeneratedNy, Wcs.Tan(0, 0, 1024.5, 900.25, 1e-4, 0, 0, 1e-4)).ToList();
        return RunAstropyWcs(dir, grid, [.. args]);
    });

    [TestCaseSource(nameof(FixtureCases))]
    public void Cards_describe_the_same_wcs_to_this_reader_and_to_astropy(string file, int hdu)
    {
        var reference = ReferenceOf(file, hdu);
        var wcs = reference.Wcs;
        var cards = wcs.Cards();
        Assert.That(cards, Has.All.Length.EqualTo(80));
        var again = Wcs.FromHeader(Header.Parse([.. cards]), out var problem);
        Assert.That(again, Is.Not.Null, problem);
        Assert.Multiple(() =>
        {
            foreach (var (x, y) in reference.Pixels)
            {
                var (ra, dec) = wcs.PixelToSky(x, y);
                var (ra2, dec2) = again!.PixelToSky(x, y);
                Assert.That(ReferenceTools.MasBetween(ra, dec, ra2, dec2), Is.LessThan(1e-6), $"pixel ({x}, {y})");
            }
        });

        AssertMatches(wcs, reference.Pixels, reference.FromCards, reference.Nx, reference.Ny);
    }

    [TestCaseSource(nameof(FixtureCases))]
    public void Sky_to_pixel_undoes_pixel_to_sky(string file, int hdu)
    {
        var (wcs, nx, ny) = ReadFixture(file, hdu);
        Assert.Multiple(() =>
        {
            foreach (var (x, y) in PixelGrid(nx, ny, wcs))
            {
                var (ra, dec) = wcs.PixelToSky(x, y);
                var (x2, y2) = wcs.SkyToPixel(ra, dec);
                Assert.That(Math.Abs(x2 - x) + Math.Abs(y2 - y), Is.LessThan(1e-7), $"pixel ({x}, {y}) -> ({ra:R}, {dec:R}) -> ({x2:R}, {y2:R})");
            }
        });
    }

    [Test]
    public void Frame_extent_of_a_frame_straddling_ra_0_has_a_negative_minimum_ra()
    {
        // 2048 x 2048 pixels of 0.4 arcsec (0.23 degrees) centred 0.05 degrees east of RA 0, and one just west of it.
        var east = Wcs.Zpn(0.05, -5, 1024.5, 1024.5, -0.4 / 3600, 0, 0, 0.4 / 3600, [0, 1, 0, -50]).Extent(2048, 2048);
        var west = Wcs.Tan(359.95, 60, 1024.5, 1024.5, -0.4 / 3600, 0, 0, 0.4 / 3600).Extent(2048, 2048);
        Assert.Multiple(() =>
        {
            Assert.That(east.CentralRa, Is.EqualTo(0.05).Within(1e-9));
            Assert.That(east.MinRa, Is.EqualTo(0.05 - 1024 * 0.4 / 3600 / Math.Cos(5 * Math.PI / 180)).Within(1e-4));
            Assert.That(east.MinRa, Is.Negative);
            Assert.That(east.MaxRa, Is.EqualTo(0.05 + 1024 * 0.4 / 3600 / Math.Cos(5 * Math.PI / 180)).Within(1e-4));
            Assert.That(east.MinDec, Is.LessThan(-5).And.GreaterThan(-5.2));
            Assert.That(east.MaxDec, Is.GreaterThan(-5).And.LessThan(-4.8));

            Assert.That(west.CentralRa, Is.EqualTo(359.95).Within(1e-9));
            Assert.That(west.MinRa, Is.Negative);
            Assert.That(west.MaxRa, Is.Positive.And.LessThan(360));
            Assert.That(west.MinRa + 360, Is.LessThan(west.CentralRa));
            Assert.That(west.MaxRa - west.MinRa, Is.EqualTo(2 * 1023.5 * 0.4 / 3600 / Math.Cos(60.06 * Math.PI / 180)).Within(0.01));
        });
    }

    [Test]
    public void Frame_extent_near_a_pole_spans_the_corners_and_a_frame_holding_the_pole_spans_every_ra()
    {
        var near = Wcs.Tan(10, 89.7, 1024.5, 1024.5, -0.4 / 3600, 0, 0, 0.4 / 3600);
        var extent = near.Extent(2048, 2048);
        var corners = new[] { (1, 1), (2048, 1), (1, 2048), (2048, 2048) }.Select(p => near.PixelToSky(p.Item1, p.Item2)).ToList();
        var holding = Wcs.Tan(123, -89.95, 1024.5, 1024.5, -0.4 / 3600, 0, 0, 0.4 / 3600).Extent(2048, 2048);
        Assert.Multiple(() =>
        {
            Assert.That(extent.MinDec, Is.EqualTo(corners.Min(c => c.Dec)).Within(1e-12));
            Assert.That(extent.MaxDec, Is.EqualTo(corners.Max(c => c.Dec)).Within(1e-12));
            Assert.That(extent.MaxDec, Is.LessThan(90));
            Assert.That(extent.MinRa, Is.LessThanOrEqualTo(extent.MaxRa));
            Assert.That(extent.MaxRa - extent.MinRa, Is.GreaterThan(40).And.LessThan(180), "a wide span of RA so near the pole");
            foreach (var (ra, _) in corners)
            {
                var inRange = ra >= extent.MinRa && ra <= extent.MaxRa || ra - 360 >= extent.MinRa && ra - 360 <= extent.MaxRa;
                Assert.That(inRange, $"corner RA {ra} in [{extent.MinRa}, {extent.MaxRa}]");
            }

            Assert.That((holding.MinRa, holding.MaxRa, holding.MinDec), Is.EqualTo((0.0, 360.0, -90.0)));
            Assert.That(holding.MaxDec, Is.LessThan(-89.7));
        });
    }

    [TestCaseSource(nameof(FixtureCases))]
    public void Frame_pixel_sizes_and_position_angle_match_astropy(string file, int hdu)
    {
        var reference = ReferenceOf(file, hdu);
        if (reference.Wcs.ProjectionCode == "TPV")
            Assert.Ignore("TPV's linear terms (PV1_1, PV1_2, ...) also scale and turn the axes: the extent reads the CD matrix only");
        var extent = reference.Wcs.Extent(reference.Nx, reference.Ny);
        var e = reference.Extent;
        Assert.Multiple(() =>
        {
            Assert.That(ReferenceTools.MasBetween(extent.CentralRa, extent.CentralDec, e[0], e[1]), Is.LessThan(1), "centre");
            Assert.That(extent.XPixSizeArcsec, Is.EqualTo(e[2]).Within(1e-9 * e[2]), "x pixel size");
            Assert.That(extent.YPixSizeArcsec, Is.EqualTo(e[3]).Within(1e-9 * e[3]), "y pixel size");
            Assert.That(Math.IEEERemainder(extent.PosAngleDeg - e[4], 360), Is.EqualTo(0).Within(1e-6), $"position angle of +Y: {extent.PosAngleDeg:R}, astropy {e[4]:R}");
            Assert.That(extent.PosAngleDeg, Is.GreaterThan(-180).And.LessThanOrEqualTo(180));
            Assert.That(extent.MinRa, Is.LessThanOrEqualTo(extent.MaxRa));
            Assert.That(extent.MinDec, Is.LessThanOrEqualTo(extent.MaxDec));
        });
    }

    [TestCase(null, "CTYPE1 is missing")]
    [TestCase("CTYPE1", "CTYPE1 is missing")]
    [TestCase("CRPIX2", "CRPIX2 is missing")]
    [TestCase("CRVAL1", "CRVAL1 is missing")]
    [TestCase("CD", "CD1_1")]
    public void A_header_without_a_usable_wcs_is_refused_with_the_missing_keyword(string? remove, string expected)
    {
        List<string> cards =
        [
            FitsWriter.Card("CTYPE1", "'RA---TAN'"), FitsWriter.Card("CTYPE2", "'DEC--TAN'"),
            FitsWriter.Card("CRVAL1", 10.0), FitsWriter.Card("CRVAL2", 20.0), FitsWriter.Card("CRPIX1", 1.0), FitsWriter.Card("CRPIX2", 1.0),
            FitsWriter.Card("CD1_1", 1e-4), FitsWriter.Card("CD2_2", 1e-4),
        ];
        if (remove is null)
            cards.Clear();
        else
            cards.RemoveAll(c => c.StartsWith(remove, StringComparison.Ordinal));
        Assert.That(Wcs.FromHeader(Header.Parse(cards), out var problem), Is.Null);
        Assert.That(problem, Does.Contain(expected));
    }

    [TestCase("CTYPE1", "'RA---AIT'", "AIT projection is not supported")]
    [TestCase("CTYPE1", "'RA---TNX'", "TNX projection is not supported")]
    [TestCase("CTYPE1", "'GLON-TAN'", "not an equatorial")]
    [TestCase("CTYPE2", "'DEC--SIN'", "name different projections")]
    [TestCase("CTYPE1", "'RA---TAN-TPD'", "'TPD' is not supported")]
    [TestCase("RADESYS", "'FK4'", "RADESYS = 'FK4'")]
    [TestCase("EQUINOX", "1950.0", "EQUINOX = 1950")]
    [TestCase("CUNIT1", "'rad'", "CUNIT1 = 'rad'")]
    [TestCase("CRVAL1", "'ten'", "CRVAL1")]
    [TestCase("CD2_2", "0", "singular")]
    [TestCase("CRVAL2", "95.0", "CRVAL2 = 95 is not a declination")]
    public void An_unsupported_or_broken_wcs_is_refused_with_the_keyword_named(string keyword, string value, string expected)
    {
        var cards = new Dictionary<string, string>
        {
            ["CTYPE1"] = "'RA---TAN'", ["CTYPE2"] = "'DEC--TAN'", ["CRVAL1"] = "10.0", ["CRVAL2"] = "20.0",
            ["CRPIX1"] = "1.0", ["CRPIX2"] = "1.0", ["CD1_1"] = "1e-4", ["CD2_2"] = "1e-4",
        };
        if (keyword == "CTYPE1" && !value.Contains("GLON", StringComparison.Ordinal))
            cards["CTYPE2"] = value.Replace("'RA--", "'DEC-", StringComparison.Ordinal);
        cards[keyword] = value;
        Assert.That(Wcs.FromHeader(Header.Parse([.. cards.Select(c => FitsWriter.Card(c.Key, c.Value))]), out var problem), Is.Null);
        Assert.That(problem, Does.Contain(expected));
    }

    [Test]
    public void A_table_without_wcs_keywords_is_refused_naming_both_forms()
    {
        var header = Header.Parse([FitsWriter.Card("TTYPE3", "'X_coordinate'"), FitsWriter.Card("TTYPE5", "'Y_coordinate'")]);
        Assert.That(Wcs.FromTableHeader(header, 3, 5, out var problem), Is.Null);
        Assert.That(problem, Does.Contain("TCTYP3 or CTYPE1 is missing"));
    }

    [Test]
    public void Pixel_to_sky_and_back_allocate_nothing()
    {
        var zpn = ReadFixture("astroquery/ukidss_wsa_image.fits", 1).Wcs;
        var sip = ReadFixture("drizzle/j8bt06nyq_sip_flt.fits", 1).Wcs;
        var tpv = ReadFixture("legacypipe/c4d_150329_083320_ooi_r_ls9.N11.fits", 1).Wcs;
        var sum = 0.0;
        foreach (var w in new[] { zpn, sip, tpv, zpn, sip, tpv })
        {
            for (var i = 0; i < 50; i++)
                sum += w.SkyToPixel(w.PixelToSky(i, i).Ra, w.PixelToSky(i, i).Dec).X;
        }

        Wcs[] all = [zpn, sip, tpv];
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var w in all)
        {
            for (var i = 0; i < 10_000; i++)
            {
                var (ra, dec) = w.PixelToSky(i % 1000, i / 10.0);
                sum += w.SkyToPixel(ra, dec).Y;
            }
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero, $"checksum {sum}");
    }

    private static (Wcs Wcs, int Nx, int Ny) ReadFixture(string file, int hdu)
    {
        using var fits = FitsFile.Open(Fixtures.Require(file));
        var header = fits.Hdus[hdu].Header;
        var wcs = Wcs.FromHeader(header, out var problem);
        Assert.That(wcs, Is.Not.Null, $"{file}[{hdu}]: {problem}");
        // Some HDUs carry a WCS without their pixels (HST's placeholder extensions): take a frame around CRPIX then.
        int Size(string naxis, double crpix) =>
            header.GetInt64(naxis, 0) is var n and >= 100 ? (int)n : crpix > 50 && crpix < 5000 ? (int)(2 * crpix) : 200;
        return (wcs!, Size("NAXIS1", wcs!.ReferenceX), Size("NAXIS2", wcs.ReferenceY));
    }

    // An 11 x 11 grid over the frame, its corners and centre, pixels 20% beyond the edges and the reference pixel
    // when it lies within twice the frame.
    private static IEnumerable<(double X, double Y)> PixelGrid(int nx, int ny, Wcs wcs)
    {
        for (var i = 0; i <= 10; i++)
        {
            for (var j = 0; j <= 10; j++)
                yield return (1 + (nx - 1) * i / 10.0, 1 + (ny - 1) * j / 10.0);
        }

        yield return ((nx + 1) / 2.0, (ny + 1) / 2.0);
        yield return (0.5, 0.5);
        yield return (nx + 0.5, ny + 0.5);
        yield return (-0.2 * nx, 0.5 * ny);
        yield return (1.2 * nx, 1.2 * ny);
        yield return (0.37, ny - 0.61);
        if (Math.Abs(wcs.ReferenceX) < 2 * nx && Math.Abs(wcs.ReferenceY) < 2 * ny)
            yield return (wcs.ReferenceX, wcs.ReferenceY);
    }

    private static Dictionary<string, double[][]> RunAstropyWcs(TempDirectory dir, IReadOnlyList<(double X, double Y)> pixels, params string[] args)
    {
        ReferenceTools.WriteCsv(dir.File("pixels.csv"), "x,y", pixels.Select(p => new[] { p.X, p.Y }));
        var json = ReferenceTools.RunAstropy(dir, AstropyWcsScript, args);
        var result = JsonSerializer.Deserialize<Dictionary<string, double[][]>>(json, JsonOptions)!;
        foreach (var (kind, rows) in result.Where(r => r.Key != "extent"))
            Assert.That(rows, Has.Length.EqualTo(pixels.Count), kind);
        return result;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>A fixture's WCS and astropy's answers for it (from its header, from this WCS's cards, its extent), computed once for the tests that share them.</summary>
    private sealed record FixtureReference(Wcs Wcs, int Nx, int Ny, IReadOnlyList<(double X, double Y)> Pixels, double[][] FromHeader, double[][] FromCards, double[] Extent);

    private static readonly Dictionary<(string, int), Lazy<FixtureReference>> References = [];

    private static FixtureReference ReferenceOf(string file, int hdu)
    {
        Lazy<FixtureReference> lazy;
        lock (References)
        {
            if (!References.TryGetValue((file, hdu), out lazy!))
                References[(file, hdu)] = lazy = new Lazy<FixtureReference>(() => ComputeReference(file, hdu));
        }

        return lazy.Value;
    }

    private static FixtureReference ComputeReference(string file, int hdu)
    {
        var (wcs, nx, ny) = ReadFixture(file, hdu);
        var pixels = PixelGrid(nx, ny, wcs).ToList();
        using var dir = Fixtures.NewTempDir();
        File.WriteAllText(dir.File("cards.txt"), string.Join('\n', wcs.Cards()));
        string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        var result = RunAstropyWcs(dir, pixels, "file", Fixtures.Require(file), I(hdu), "extent", I(nx), I(ny), "cards", dir.File("cards.txt"));
        return new FixtureReference(wcs, nx, ny, pixels, result["file"], result["cards:cards.txt"], result["extent"][0]);
    }

    // Pixel -> sky within 1 mas of astropy everywhere; sky -> pixel of astropy's positions back to the pixel within
    // 1 mas (as an angle on the sky, so the pixel size does not matter), for the pixels within the frame.
    private static void AssertMatches(Wcs wcs, IReadOnlyList<(double X, double Y)> pixels, IReadOnlyList<double[]> expected, int nx, int ny)
    {
        var failures = new List<string>();
        var worst = 0.0;
        var pixelSize = Math.Sqrt(Math.Abs(wcs.Cd11 * wcs.Cd22 - wcs.Cd12 * wcs.Cd21)) * 3.6e6;
        for (var i = 0; i < pixels.Count; i++)
        {
            var (x, y) = pixels[i];
            var (ra, dec) = wcs.PixelToSky(x, y);
            var (era, edec) = (expected[i][0], expected[i][1]);
            if (double.IsNaN(era))
            {
                if (!double.IsNaN(ra))
                    failures.Add($"pixel ({x}, {y}): ({ra:R}, {dec:R}), astropy has no sky there");
                continue;
            }

            var mas = ReferenceTools.MasBetween(ra, dec, era, edec);
            worst = Math.Max(worst, mas);
            if (!(mas <= 1) || ra is < 0 or >= 360)
                failures.Add($"pixel ({x}, {y}): ({ra:R}, {dec:R}), astropy ({era:R}, {edec:R}): {mas:F4} mas");
            if (x >= 0.5 && x <= nx + 0.5 && y >= 0.5 && y <= ny + 0.5)
            {
                var (px, py) = wcs.SkyToPixel(era, edec);
                var pixelMas = Math.Sqrt((px - x) * (px - x) + (py - y) * (py - y)) * pixelSize;
                if (!(pixelMas <= 1))
                    failures.Add($"({era:R}, {edec:R}) -> pixel ({px:R}, {py:R}), astropy's pixel ({x}, {y}): {pixelMas:F4} mas");
            }
        }

        Assert.That(failures, Is.Empty, $"{wcs}");
        TestContext.Out.WriteLine($"{wcs}: worst {worst:F6} mas from astropy over {pixels.Count} pixels");
    }
}
