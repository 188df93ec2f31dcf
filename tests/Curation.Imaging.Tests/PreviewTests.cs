using Curation.Fits;
using Curation.Fits.Writing;
using NUnit.Framework;

namespace Curation.Imaging.Tests;

/// <summary>Previews of generated images whose answer is known: orientation, NaN and BLANK pixels, binning, thumbnails.</summary>
public sealed class PreviewTests
{
    private TempDirectory dir = null!;

    [SetUp]
    public void SetUp() => dir = new TempDirectory("curation-imaging-tests");

    [TearDown]
    public void TearDown() => dir.Dispose();

    /// <summary>A sky of 100 with a little noise, and a bright 8 x 8 block in the corner at FITS pixel (1, 1).</summary>
    private static float[] CornerImage(int width, int height)
    {
        var random = new Random(3);
        var pixels = new float[width * height];
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = 100 + (float)random.NextDouble();
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
                pixels[y * width + x] = 1000;
        }

        return pixels;
    }

    private string Write(string name, float[] pixels, int width, int height, params string[] cards)
    {
        var path = dir.File(name);
        using var writer = FitsWriter.Create(path);
        writer.AddImage(-32, [width, height], pixels, cards: cards);
        return path;
    }

    private static GreyImage Decode(byte[] jpeg) => JpegCodec.DecodeGrey(jpeg);

    private static Preview Make(string path, PreviewOptions? options = null, int hdu = 0)
    {
        using var fits = FitsFile.Open(path);
        return Preview.Make(fits.Hdus[hdu], options ?? new PreviewOptions { Quality = 100 });
    }

    [Test]
    public void The_pixel_at_fits_1_1_lands_at_the_bottom_left_of_the_jpeg()
    {
        const int width = 64, height = 48;
        var preview = Make(Write("corner.fits", CornerImage(width, height), width, height));
        var image = Decode(preview.Jpeg);
        Assert.Multiple(() =>
        {
            Assert.That(preview.Mirrored, Is.False, "no WCS");
            Assert.That(image[3, height - 4], Is.GreaterThan(250), "bottom left: FITS (1, 1)");
            Assert.That(image[3, 3], Is.LessThan(200), "top left");
            Assert.That(image[width - 4, height - 4], Is.LessThan(200), "bottom right");
        });
    }

    [Test]
    public void A_frame_with_east_right_of_north_is_mirrored_so_fits_1_1_lands_at_the_bottom_right()
    {
        const int width = 64, height = 48;
        // North up (+y) and east towards +x: CD1_1 > 0 (RA grows with x), CD2_2 > 0; the determinant is positive.
        var cards = new[]
        {
            "CTYPE1  = 'RA---TAN'", "CTYPE2  = 'DEC--TAN'", "CRVAL1  = 150.0", "CRVAL2  = 2.0", "CRPIX1  = 32.0", "CRPIX2  = 24.0",
            "CD1_1   = 0.0001", "CD1_2   = 0.0", "CD2_1   = 0.0", "CD2_2   = 0.0001",
        };
        var preview = Make(Write("mirrored.fits", CornerImage(width, height), width, height, cards));
        var image = Decode(preview.Jpeg);
        Assert.Multiple(() =>
        {
            Assert.That(preview.Mirrored, Is.True);
            Assert.That(image[width - 4, height - 4], Is.GreaterThan(250), "bottom right: FITS (1, 1), east now to the left");
            Assert.That(image[3, height - 4], Is.LessThan(200), "bottom left");
        });

        // The same frame with the usual parity (CD1_1 < 0: east towards -x) is not mirrored.
        cards[6] = "CD1_1   = -0.0001";
        Assert.That(Make(Write("usual.fits", CornerImage(width, height), width, height, cards)).Mirrored, Is.False);
    }

    [Test]
    public void Nan_pixels_are_black()
    {
        const int width = 64, height = 64;
        var pixels = CornerImage(width, height);
        for (var y = 32; y < 48; y++)
        {
            for (var x = 16; x < 32; x++)
                pixels[y * width + x] = float.NaN;
        }

        var image = Decode(Make(Write("nan.fits", pixels, width, height)).Jpeg);
        // FITS rows 33-48 are JPEG rows 64 - 48 = 16 to 31.
        var block = Enumerable.Range(16, 16).SelectMany(y => Enumerable.Range(16, 16).Select(x => (int)image[x, y])).ToList();
        Assert.That(block.Max(), Is.LessThanOrEqualTo(2), "the NaN block");
        Assert.That(image[48, 8], Is.GreaterThan(20), "the sky beside it is not black");
    }

    [Test]
    public void Blank_pixels_of_an_integer_image_are_black()
    {
        const int width = 64, height = 64;
        var pixels = new short[width * height];
        var random = new Random(5);
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = (short)(1000 + random.Next(20));
        for (var y = 0; y < 16; y++)
        {
            for (var x = 48; x < 64; x++)
                pixels[y * width + x] = -32768;
        }

        var path = dir.File("blank.fits");
        using (var writer = FitsWriter.Create(path))
            writer.AddImage(16, [width, height], pixels, cards: ["BLANK   = -32768", "BZERO   = 32768", "BSCALE  = 1"]);
        var preview = Make(path);
        var image = Decode(preview.Jpeg);
        // FITS rows 1-16 are the last 16 JPEG rows.
        var block = Enumerable.Range(48, 16).SelectMany(y => Enumerable.Range(48, 16).Select(x => (int)image[x, y])).ToList();
        Assert.That(block.Max(), Is.LessThanOrEqualTo(2), "the BLANK block");
        Assert.That(preview.Limits!.Value.Low, Is.GreaterThan(33000), "BZERO applied, BLANK pixels not among the values");
    }

    [Test]
    public void The_fixture_image_whose_only_pixel_is_blank_is_one_black_pixel()
    {
        var preview = Make(Fixtures.Require("astropy/blank.fits"));
        Assert.That(preview.Limits, Is.Null, "no finite pixel");
        var image = Decode(preview.Jpeg);
        Assert.That((image.Width, image.Height, (int)image[0, 0]), Is.EqualTo((1, 1, 0)));
        Assert.That(Decode(preview.Thumbnail).Pixels, Is.EqualTo(new byte[] { 0 }));
    }

    [Test]
    public void Infinite_pixels_are_read_as_undefined_and_shown_black()
    {
        const int width = 32, height = 32;
        var pixels = CornerImage(width, height);
        for (var y = 16; y < 24; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                pixels[y * width + x] = float.PositiveInfinity;
                pixels[y * width + x + 16] = float.NegativeInfinity;
            }
        }

        var preview = Make(Write("inf.fits", pixels, width, height));
        var image = Decode(preview.Jpeg);
        // CFITSIO's null check takes any value with an all-ones exponent for undefined: infinities become NaN.
        Assert.That(double.IsFinite(preview.Limits!.Value.Low) && double.IsFinite(preview.Limits.Value.High), Is.True);
        Assert.That(image[4, 12], Is.LessThan(5), "+infinity");
        Assert.That(image[20, 12], Is.LessThan(5), "-infinity");
        Assert.That(image[12, 12], Is.GreaterThan(20), "the sky between them");
    }

    [Test]
    public void A_constant_image_is_mid_grey()
    {
        var pixels = Enumerable.Repeat(42f, 16 * 16).ToArray();
        var preview = Make(Write("constant.fits", pixels, 16, 16));
        Assert.That(preview.Limits, Is.EqualTo(new DisplayLimits(42, 42)));
        Assert.That(Decode(preview.Jpeg).Pixels.Distinct(), Is.SubsetOf(new byte[] { 127, 128 }), "half way, 127.5, rounded either way in single precision");
    }

    [Test]
    public void A_frame_larger_than_max_size_is_binned_by_the_smallest_factor_that_fits_it_to_the_mean_of_its_finite_pixels()
    {
        const int width = 1003, height = 500;
        var random = new Random(9);
        var pixels = new float[width * height];
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = random.Next(3) == 0 ? float.NaN : random.Next(1000);
        var image = FrameImage.FromPixels(width, height, pixels);
        var preview = Preview.Make(image, mirrored: false, new PreviewOptions { MaxSize = 300, Quality = 90 });
        Assert.That((preview.Binning, preview.Width, preview.Height), Is.EqualTo((4, 251, 125)), "ceil(1003 / 300) = 4; ceil(1003 / 4) x ceil(500 / 4)");

        var binned = Resampling.Bin(image, 4, threads: 2);
        Assert.Multiple(() =>
        {
            foreach (var (bx, by) in new[] { (0, 0), (17, 33), (250, 124), (250, 0), (100, 124) })
            {
                var values = new List<double>();
                for (var y = by * 4; y < Math.Min(height, by * 4 + 4); y++)
                {
                    for (var x = bx * 4; x < Math.Min(width, bx * 4 + 4); x++)
                    {
                        if (!float.IsNaN(pixels[y * width + x]))
                            values.Add(pixels[y * width + x]);
                    }
                }

                var got = binned.Pixels[by * binned.Width + bx];
                if (values.Count == 0)
                    Assert.That(got, Is.NaN, $"block ({bx}, {by})");
                else
                    Assert.That(got, Is.EqualTo(values.Average()).Within(1e-3), $"block ({bx}, {by})");
            }
        });
    }

    [TestCase(4096, 2048, 128, 64)]
    [TestCase(2136, 2048, 128, 123)]
    [TestCase(256, 256, 128, 128)]
    [TestCase(2027, 5, 128, 1)]
    [TestCase(62, 44, 62, 44)]
    [TestCase(1, 1, 1, 1)]
    [TestCase(300, 1000, 38, 128)]
    public void The_thumbnail_is_128_pixels_on_its_longer_side_unless_the_frame_is_smaller(int width, int height, int thumbWidth, int thumbHeight) =>
        Assert.That(Resampling.ThumbnailSize(width, height, 128), Is.EqualTo((thumbWidth, thumbHeight)));

    [Test]
    public void A_thumbnail_pixel_is_the_area_weighted_mean_of_the_finite_pixels_it_covers()
    {
        // 5 x 3 pixels to 2 x 1: each output pixel covers 2.5 columns and all 3 rows.
        float[] pixels = [1, 2, 3, 4, 5, 6, 7, float.NaN, 9, 10, 11, 12, 13, 14, 15];
        var small = Resampling.Resize(FrameImage.FromPixels(5, 3, pixels), 2, 1);
        // Left: columns 0 and 1 whole and half of column 2, in every row; the NaN (column 2, row 1) weighs nothing.
        var left = ((1 + 2 + 0.5 * 3) + (6 + 7) + (11 + 12 + 0.5 * 13)) / (2.5 + 2 + 2.5);
        // Right: half of column 2 and columns 3 and 4 whole.
        var right = ((0.5 * 3 + 4 + 5) + (9 + 10) + (0.5 * 13 + 14 + 15)) / (2.5 + 2 + 2.5);
        Assert.That(small.Pixels, Is.EqualTo(new[] { (float)left, (float)right }).Within(1e-5));
    }

    [Test]
    public void A_cube_is_previewed_by_its_first_plane()
    {
        const int width = 16, height = 8;
        var pixels = new float[width * height * 3];
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = i < width * height ? i % width : 5000; // a ramp in plane 1, a flat 5000 in planes 2 and 3
        var path = dir.File("cube.fits");
        using (var writer = FitsWriter.Create(path))
            writer.AddImage(-32, [width, height, 3], pixels);
        var preview = Make(path);
        Assert.That((preview.Width, preview.Height, preview.Planes), Is.EqualTo((width, height, 3L)));
        Assert.That(preview.Limits!.Value.High, Is.LessThan(16), "the limits of the first plane's ramp");
    }

    [Test]
    public void An_hdu_without_an_image_is_reported_with_the_file_and_hdu()
    {
        var path = dir.File("table.fits");
        using (var writer = FitsWriter.Create(path))
        {
            writer.AddEmptyPrimary();
            writer.AddBinaryTable("T", 1, [new ColumnSpec("A", "1J", null, new[] { 1 })]);
        }

        using var fits = FitsFile.Open(path);
        var primary = Assert.Throws<FitsException>(() => Preview.Make(fits.Hdus[0], new PreviewOptions()));
        Assert.That(primary!.Message, Does.Contain("table.fits").And.Contain("HDU 0").And.Contain("no image"));
        var table = Assert.Throws<FitsException>(() => Preview.Make(fits.Hdus[1], new PreviewOptions()));
        Assert.That(table!.Message, Does.Contain("HDU 1").And.Contain("not an image"));
    }

    [Test]
    public void A_large_image_read_on_several_threads_is_the_image_read_on_one()
    {
        const int width = 2100, height = 1500;
        var random = new Random(11);
        var pixels = new float[width * height];
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = random.Next(7) == 0 ? float.NaN : (float)random.NextDouble();
        var path = Write("large.fits", pixels, width, height);
        using var fits = FitsFile.Open(path);
        var one = FrameReader.Read(fits.Hdus[0], threads: 1);
        var several = FrameReader.Read(fits.Hdus[0], threads: 3);
        Assert.That(several.Pixels, Is.EqualTo(pixels));
        Assert.That(several.RowFinite, Is.EqualTo(one.RowFinite));
        Assert.That(several.RowFinite, Is.EqualTo(Enumerable.Range(0, height).Select(y => pixels.Skip(y * width).Take(width).Count(float.IsFinite))));
    }
}
