using System.Diagnostics;
using System.Text;
using Curation.Fits.Tables;
using Curation.Fits.Writing;
using NUnit.Framework;

namespace Curation.Fits.Tests;

/// <summary>
/// Files written with <see cref="FitsWriter"/> (through CFITSIO) into a temporary directory, read back with
/// <see cref="FitsFile"/> and compared value by value with what was written: images of every BITPIX, scaled,
/// unsigned, with nulls, four-dimensional and tile-compressed; whole-file gzip and Unix compress; binary tables of
/// every TFORM type, scaled, with nulls and variable-length arrays, read in chunks; ASCII tables.
/// </summary>
[TestFixture]
public sealed class WrittenFileTests : TestFiles
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = NewTempDir();

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static double[] ReadAll(FitsHdu hdu)
    {
        var values = new double[hdu.PixelCount];
        hdu.ReadPixels(0, values);
        return values;
    }

    private static double[] AsDoubles(Array values)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
            result[i] = Convert.ToDouble(values.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }

    // ---- Images ------------------------------------------------------------------------------------------------

    private static IEnumerable<TestCaseData> EveryBitpix()
    {
        yield return new TestCaseData(8, new byte[] { 0, 1, 127, 128, 200, 255 }).SetName("Bitpix_8");
        yield return new TestCaseData(16, new short[] { short.MinValue, -1, 0, 1, 12345, short.MaxValue }).SetName("Bitpix_16");
        yield return new TestCaseData(32, new[] { int.MinValue, -70000, 0, 1, 123456789, int.MaxValue }).SetName("Bitpix_32");
        // 64-bit values are compared as doubles: kept within 2^53 so that the double is exact.
        yield return new TestCaseData(64, new[] { -(1L << 53), -(1L << 40) - 3, 0, 1, (1L << 33) + 7, 1L << 53 }).SetName("Bitpix_64");
        yield return new TestCaseData(-32, new[] { -3.25e30f, -1.5f, 0f, 1.17549435e-38f, 0.1f, float.MaxValue }).SetName("Bitpix_minus_32");
        yield return new TestCaseData(-64, new[] { -2.5e300, -1e-300, 0, Math.PI, 0.1, double.MaxValue }).SetName("Bitpix_minus_64");
    }

    [TestCaseSource(nameof(EveryBitpix))]
    public void Image_of_every_bitpix_reads_back_its_pixels(int bitpix, Array pixels)
    {
        var path = PathOf("image.fits");
        using (var w = FitsWriter.Create(path))
            w.AddImage(bitpix, [3, 2], pixels, cards: ["OBJECT  = 'test'"]);

        using var file = FitsFile.Open(path);
        Assert.That(file.Hdus, Has.Count.EqualTo(1));
        var hdu = file.Hdus[0];
        Assert.That(hdu.Kind, Is.EqualTo(HduKind.Image));
        Assert.That(hdu.Bitpix, Is.EqualTo(bitpix));
        Assert.That(hdu.Header.GetInt64("BITPIX"), Is.EqualTo(bitpix));
        Assert.That(hdu.Axes, Is.EqualTo(new long[] { 3, 2 }));
        Assert.That(hdu.PixelCount, Is.EqualTo(6));
        Assert.That(hdu.Header.GetString("OBJECT"), Is.EqualTo("test"));
        Assert.That(ReadAll(hdu), Is.EqualTo(AsDoubles(pixels)));

        // A part from the middle, and single precision.
        var part = new double[3];
        hdu.ReadPixels(2, part);
        Assert.That(part, Is.EqualTo(AsDoubles(pixels)[2..5]));
        if (pixels is float[] floats)
            Assert.That(hdu.ReadImage(), Is.EqualTo(floats));
    }

    [Test]
    public void Scaled_int16_image_reads_as_raw_times_bscale_plus_bzero()
    {
        var raw = new short[] { short.MinValue, -3, -1, 0, 1, 7, 1234, short.MaxValue };
        var path = PathOf("scaled.fits");
        using (var w = FitsWriter.Create(path))
            w.AddImage(16, [4, 2], raw, cards: [FitsWriter.Card("BSCALE", 0.5), FitsWriter.Card("BZERO", 100)]);

        using var file = FitsFile.Open(path);
        var hdu = file.Hdus[0];
        Assert.That(hdu.Bitpix, Is.EqualTo(16));
        Assert.That(hdu.Header.GetDouble("BSCALE"), Is.EqualTo(0.5));
        Assert.That(hdu.Header.GetDouble("BZERO"), Is.EqualTo(100.0));
        var expected = raw.Select(r => r * 0.5 + 100).ToArray();
        Assert.That(ReadAll(hdu), Is.EqualTo(expected));
        Assert.That(hdu.ReadImage(), Is.EqualTo(expected.Select(v => (float)v).ToArray()));
        Assert.That(StoredBigEndian(path, hdu.DataStart, 2, 0), Is.EqualTo((long)short.MinValue), "the raw values are stored unscaled");

        var stats = hdu.ComputeImageStatistics();
        Assert.That(stats.Finite, Is.EqualTo(8));
        Assert.That(stats.Min, Is.EqualTo(expected.Min()));
        Assert.That(stats.Max, Is.EqualTo(expected.Max()));
        Assert.That(stats.Mean, Is.EqualTo(expected.Average()).Within(1e-9));
    }

    // CFITSIO's unsigned image types: BITPIX code USHORT_IMG (20) makes a BITPIX = 16 image with BZERO = 32768 and
    // ULONG_IMG (40) a BITPIX = 32 image with BZERO = 2147483648; CFITSIO writes those cards itself and subtracts the
    // offset from the ushort[] / uint[] values it is given.
    [Test]
    public void Unsigned_16_bit_image_is_stored_with_bzero_32768_and_reads_back_unsigned()
    {
        var pixels = new ushort[] { 0, 1, 32767, 32768, 40000, 65535 };
        var path = PathOf("u16.fits");
        using (var w = FitsWriter.Create(path))
            w.AddImage(20, [6], pixels);

        using var file = FitsFile.Open(path);
        var hdu = file.Hdus[0];
        Assert.That(hdu.Bitpix, Is.EqualTo(16));
        Assert.That(hdu.Header.GetDouble("BZERO"), Is.EqualTo(32768.0));
        Assert.That(hdu.Header.GetDouble("BSCALE", 1), Is.EqualTo(1.0));
        Assert.That(ReadAll(hdu), Is.EqualTo(AsDoubles(pixels)));
        Assert.That(StoredBigEndian(path, hdu.DataStart, 2, 0), Is.EqualTo(-32768L), "0 is stored as -32768");
        Assert.That(StoredBigEndian(path, hdu.DataStart, 2, 5), Is.EqualTo(32767L), "65535 is stored as 32767");
    }

    [Test]
    public void Unsigned_32_bit_image_is_stored_with_bzero_2147483648_and_reads_back_unsigned()
    {
        var pixels = new uint[] { 0, 1, 123456789, 2147483647, 2147483648, 4294967295 };
        var path = PathOf("u32.fits");
        using (var w = FitsWriter.Create(path))
            w.AddImage(40, [3, 2], pixels);

        using var file = FitsFile.Open(path);
        var hdu = file.Hdus[0];
        Assert.That(hdu.Bitpix, Is.EqualTo(32));
        Assert.That(hdu.Header.GetDouble("BZERO"), Is.EqualTo(2147483648.0));
        Assert.That(ReadAll(hdu), Is.EqualTo(AsDoubles(pixels)));
        Assert.That(StoredBigEndian(path, hdu.DataStart, 4, 0), Is.EqualTo((long)int.MinValue));
        Assert.That(StoredBigEndian(path, hdu.DataStart, 4, 5), Is.EqualTo((long)int.MaxValue));
    }

    [Test]
    public void Blank_pixels_of_an_integer_image_read_as_NaN_and_are_left_out_of_the_statistics()
    {
        var raw = new short[] { 10, -999, 30, 40, -999, -20 };
        var path = PathOf("blank.fits");
        using (var w = FitsWriter.Create(path))
            w.AddImage(16, [3, 2], raw, cards: [FitsWriter.Card("BLANK", -999)]);

        using var file = FitsFile.Open(path);
        var hdu = file.Hdus[0];
        Assert.That(hdu.Header.GetInt64("BLANK"), Is.EqualTo(-999));
        var values = ReadAll(hdu);
        Assert.That(values[1], Is.NaN);
        Assert.That(values[4], Is.NaN);
        Assert.That(new[] { values[0], values[2], values[3], values[5] }, Is.EqualTo(new double[] { 10, 30, 40, -20 }));
        var floats = hdu.ReadImage();
        Assert.That(float.IsNaN(floats[1]) && float.IsNaN(floats[4]), Is.True);

        var stats = hdu.ComputeImageStatistics();
        Assert.That(stats, Is.EqualTo(new Images.ImageStatistics(4, -20, 40, 15)));
    }

    [TestCase(-32, "")]
    [TestCase(-32, "BSCALE  = 2.0")]
    [TestCase(-64, "")]
    public void Infinite_and_NaN_pixels_of_a_floating_point_image_read_as_NaN_in_single_and_double_precision(int bitpix, string card)
    {
        // CFITSIO's check for undefined values takes any all-ones exponent (NaN, +infinity, -infinity) as undefined;
        // unscaled BITPIX -32 images are read without that check and the same values made NaN afterwards.
        double[] stored = [1.5, double.NaN, double.PositiveInfinity, -2, double.NegativeInfinity, 3e30, 0, -0.25, 7, double.NaN, 8];
        var path = PathOf("undefined.fits");
        using (var w = FitsWriter.Create(path))
        {
            Array pixels = bitpix == -32 ? stored.Select(v => (float)v).ToArray() : stored;
            w.AddImage(bitpix, [11], pixels, cards: card.Length > 0 ? [card] : []);
        }

        var scale = card.Length > 0 ? 2.0 : 1.0;
        using var file = FitsFile.Open(path);
        var floats = file.Hdus[0].ReadImage();
        var doubles = ReadAll(file.Hdus[0]);
        for (var i = 0; i < stored.Length; i++)
        {
            if (double.IsFinite(stored[i]))
            {
                Assert.That(floats[i], Is.EqualTo((float)(stored[i] * scale)), $"pixel {i} in single precision");
                Assert.That(doubles[i], Is.EqualTo(bitpix == -32 ? (float)stored[i] * scale : stored[i] * scale), $"pixel {i} in double precision");
            }
            else
            {
                Assert.That(floats[i], Is.NaN, $"pixel {i} ({stored[i]}) in single precision");
                Assert.That(doubles[i], Is.NaN, $"pixel {i} ({stored[i]}) in double precision");
            }
        }

        // Read in parts from other starting pixels, each part made NaN where it should be.
        var part = new float[4];
        file.Hdus[0].ReadPixels(1, part);
        Assert.That(part.Select(float.IsNaN), Is.EqualTo(new[] { true, true, false, true }));
    }

    [Test]
    public void NaN_pixels_of_a_float_image_read_as_NaN_and_are_left_out_of_the_statistics()
    {
        var pixels = new[] { 1f, float.NaN, 3f, -2f, float.NaN, 10f, 0.5f };
        var path = PathOf("nan.fits");
        using (var w = FitsWriter.Create(path))
            w.AddImage(-32, [7], pixels);

        using var file = FitsFile.Open(path);
        var hdu = file.Hdus[0];
        var values = ReadAll(hdu);
        for (var i = 0; i < pixels.Length; i++)
        {
            if (float.IsNaN(pixels[i]))
                Assert.That(values[i], Is.NaN, $"pixel {i}");
            else
                Assert.That(values[i], Is.EqualTo((double)pixels[i]), $"pixel {i}");
        }

        // Whole image at once, and in chunks of 2 pixels (the chunks split the NaNs differently).
        foreach (var stats in new[] { hdu.ComputeImageStatistics(), hdu.ComputeImageStatistics(chunkPixels: 2) })
        {
            Assert.That(stats.Finite, Is.EqualTo(5));
            Assert.That(stats.Min, Is.EqualTo(-2.0));
            Assert.That(stats.Max, Is.EqualTo(10.0));
            Assert.That(stats.Mean, Is.EqualTo(12.5 / 5).Within(1e-12));
        }
    }

    // CFITSIO's null test for floating-point pixels (its dnan/fnan macros) looks only at the exponent bits, so it
    // reads infinities as null, that is as NaN here: they are not finite either way and stay out of the statistics.
    [Test]
    public void Infinities_and_NaN_of_a_double_image_read_as_NaN_and_are_left_out_of_the_statistics()
    {
        var pixels = new[] { double.PositiveInfinity, 2.0, double.NaN, -4.0, double.NegativeInfinity };
        var path = PathOf("inf.fits");
        using (var w = FitsWriter.Create(path))
            w.AddImage(-64, [5], pixels);

        using var file = FitsFile.Open(path);
        var values = ReadAll(file.Hdus[0]);
        Assert.That(values[0], Is.NaN);
        Assert.That(values[1], Is.EqualTo(2.0));
        Assert.That(values[2], Is.NaN);
        Assert.That(values[3], Is.EqualTo(-4.0));
        Assert.That(values[4], Is.NaN);
        Assert.That(file.Hdus[0].ComputeImageStatistics(), Is.EqualTo(new Images.ImageStatistics(2, -4, 2, -1)));
    }

    [Test]
    public void Empty_image_has_no_pixels_and_no_statistics()
    {
        var path = PathOf("empty.fits");
        using (var w = FitsWriter.Create(path))
            w.AddEmptyPrimary("OBJECT  = 'none'");

        using var file = FitsFile.Open(path);
        var hdu = file.Hdus[0];
        Assert.That(hdu.Axes, Is.Empty);
        Assert.That(hdu.PixelCount, Is.Zero);
        Assert.That(hdu.ComputeImageStatistics(), Is.EqualTo(new Images.ImageStatistics(0, null, null, null)));
    }

    [Test]
    public void Four_dimensional_image_has_naxis1_varying_fastest()
    {
        // Pixel (x, y, z, w) holds x + 10 y + 100 z + 1000 w, written with x in the innermost loop.
        var pixels = new List<int>();
        for (var w = 0; w < 2; w++)
            for (var z = 0; z < 3; z++)
                for (var y = 0; y < 4; y++)
                    for (var x = 0; x < 5; x++)
                        pixels.Add(x + 10 * y + 100 * z + 1000 * w);
        var path = PathOf("4d.fits");
        using (var writer = FitsWriter.Create(path))
            writer.AddImage(32, [5, 4, 3, 2], pixels.ToArray());

        using var file = FitsFile.Open(path);
        var hdu = file.Hdus[0];
        Assert.That(hdu.Axes, Is.EqualTo(new long[] { 5, 4, 3, 2 }));
        Assert.That(hdu.Header.GetInt64("NAXIS"), Is.EqualTo(4));
        Assert.That(hdu.Header.GetInt64("NAXIS4"), Is.EqualTo(2));
        Assert.That(hdu.PixelCount, Is.EqualTo(120));
        var values = ReadAll(hdu);
        Assert.That(values, Is.EqualTo(pixels.Select(p => (double)p)));
        Assert.That(values[1], Is.EqualTo(1.0), "(1,0,0,0)");
        Assert.That(values[5], Is.EqualTo(10.0), "(0,1,0,0)");
        Assert.That(values[20], Is.EqualTo(100.0), "(0,0,1,0)");
        Assert.That(values[60], Is.EqualTo(1000.0), "(0,0,0,1)");
        Assert.That(values[119], Is.EqualTo(1234.0), "(4,3,2,1)");

        // The row y = 2 of plane (z = 1, w = 1), read on its own.
        var row = new double[5];
        hdu.ReadPixels(5 * (2 + 4 * (1 + 3 * 1)), row);
        Assert.That(row, Is.EqualTo(new double[] { 1120, 1121, 1122, 1123, 1124 }));
    }

    // ---- Tile-compressed images --------------------------------------------------------------------------------

    private static int[] IntImage(int width, int height, int max)
    {
        var random = new Random(20240607);
        var pixels = new int[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
                pixels[y * width + x] = Math.Min(max, (x * 37 + y * 101) % (max / 2) + random.Next(0, 50));
        }

        return pixels;
    }

    private static IEnumerable<TestCaseData> LosslessCompressions()
    {
        var ints = IntImage(64, 32, 1 << 20);
        var shorts = ints.Select(v => (short)(v % 60000 - 30000)).ToArray();
        // Last argument: written after an empty primary HDU (an IMAGE extension) rather than as the first HDU.
        yield return new TestCaseData(ImageCompression.Rice, 32, ints, "RICE_1", null, false).SetName("Rice_int32");
        yield return new TestCaseData(ImageCompression.Rice, 16, shorts, "RICE_1", null, true).SetName("Rice_int16_extension");
        yield return new TestCaseData(ImageCompression.Gzip1, 32, ints, "GZIP_1", null, true).SetName("Gzip1_int32_extension");
        yield return new TestCaseData(ImageCompression.Gzip1, 8, ints.Select(v => (byte)v).ToArray(), "GZIP_1", null, false).SetName("Gzip1_uint8");
        yield return new TestCaseData(ImageCompression.Gzip2, 32, ints, "GZIP_2", null, false).SetName("Gzip2_int32");
        yield return new TestCaseData(ImageCompression.Gzip2, 16, shorts, "GZIP_2", null, true).SetName("Gzip2_int16_extension");
        yield return new TestCaseData(ImageCompression.Plio, 32, ints, "PLIO_1", null, false).SetName("Plio_int32");
        yield return new TestCaseData(ImageCompression.Hcompress, 32, ints, "HCOMPRESS_1", new[] { 64, 16 }, false).SetName("Hcompress_int32_lossless");
        yield return new TestCaseData(ImageCompression.Hcompress, 16, shorts, "HCOMPRESS_1", new[] { 64, 16 }, true).SetName("Hcompress_int16_lossless_extension");
    }

    [TestCaseSource(nameof(LosslessCompressions))]
    public void Tile_compressed_integer_image_reads_back_exactly(ImageCompression compression, int bitpix, Array pixels, string algorithm, int[]? tiles, bool extension)
    {
        var path = PathOf("compressed.fits");
        using (var w = FitsWriter.Create(path))
        {
            if (extension)
                w.AddEmptyPrimary("ORIGIN  = 'test'");
            w.AddImage(bitpix, [64, 32], pixels, new ImageOptions { Compression = compression, Tiles = tiles, HcompressScale = 0 },
                "OBJECT  = 'squeezed'", "EXTNAME = 'SCI'");
        }

        using var file = FitsFile.Open(path);
        // A compressed image cannot be the primary HDU: written first, CFITSIO puts an empty primary before it and
        // records that the image was the primary one (ZSIMPLE).
        Assert.That(file.Hdus, Has.Count.EqualTo(2));
        Assert.That(file.Hdus[0].Kind, Is.EqualTo(HduKind.Image));
        Assert.That(file.Hdus[0].Axes, Is.Empty);
        Assert.That(file.Hdus[0].Header.Contains("ORIGIN"), Is.EqualTo(extension));
        var hdu = file.Hdus[1];
        AssertCompressedImageHeaders(hdu, bitpix, [64, 32], algorithm, primary: !extension);
        Assert.That(hdu.ExtName, Is.EqualTo("SCI"));
        var tile = tiles ?? [64, 1];
        Assert.That((hdu.StoredHeader.GetInt64("ZTILE1"), hdu.StoredHeader.GetInt64("ZTILE2")), Is.EqualTo(((long)tile[0], (long)tile[1])), "tile size");
        Assert.That(hdu.Header.GetString("OBJECT"), Is.EqualTo("squeezed"));
        Assert.That(ReadAll(hdu), Is.EqualTo(AsDoubles(pixels)));

        var part = new double[100];
        hdu.ReadPixels(1000, part);
        Assert.That(part, Is.EqualTo(AsDoubles(pixels)[1000..1100]), "a part spanning tiles");
    }

    private static void AssertCompressedImageHeaders(FitsHdu hdu, int bitpix, long[] axes, string algorithm, bool primary)
    {
        Assert.That(hdu.Kind, Is.EqualTo(HduKind.CompressedImage));
        Assert.That(hdu.Bitpix, Is.EqualTo(bitpix));
        Assert.That(hdu.Axes, Is.EqualTo(axes));

        var header = hdu.Header;
        if (primary)
        {
            Assert.That(header.GetBool("SIMPLE", false), Is.True);
            Assert.That(header.Contains("XTENSION"), Is.False);
            Assert.That(hdu.StoredHeader.GetBool("ZSIMPLE", false), Is.True);
        }
        else
        {
            Assert.That(header.GetString("XTENSION"), Is.EqualTo("IMAGE"));
            Assert.That(header.Contains("SIMPLE"), Is.False);
            Assert.That(header.GetInt64("PCOUNT"), Is.EqualTo(0));
            Assert.That(header.GetInt64("GCOUNT"), Is.EqualTo(1));
        }

        Assert.That(header.GetInt64("BITPIX"), Is.EqualTo(bitpix));
        Assert.That(header.GetInt64("NAXIS"), Is.EqualTo(axes.Length));
        for (var i = 0; i < axes.Length; i++)
            Assert.That(header.GetInt64($"NAXIS{i + 1}"), Is.EqualTo(axes[i]), $"NAXIS{i + 1}");
        Assert.That(header.Take(3).Select(c => c.Keyword), Is.EqualTo(new[] { primary ? "SIMPLE" : "XTENSION", "BITPIX", "NAXIS" }));
        foreach (var reserved in new[] { "ZIMAGE", "ZCMPTYPE", "ZBITPIX", "ZNAXIS", "ZNAXIS1", "ZTILE1", "TTYPE1", "TFORM1", "TFIELDS", "ZQUANTIZ" })
            Assert.That(header.Contains(reserved), Is.False, $"{reserved} in the image header");

        var stored = hdu.StoredHeader;
        Assert.That(stored.GetString("XTENSION"), Is.EqualTo("BINTABLE"));
        Assert.That(stored.GetBool("ZIMAGE", false), Is.True);
        Assert.That(stored.GetString("ZCMPTYPE"), Is.EqualTo(algorithm));
        Assert.That(stored.GetInt64("ZBITPIX"), Is.EqualTo(bitpix));
        Assert.That(stored.GetInt64("BITPIX"), Is.EqualTo(8));
        Assert.That(stored.GetString("TTYPE1"), Is.EqualTo("COMPRESSED_DATA"));
    }

    // CFITSIO names RICE_1 'RICE_ONE' when it uses SUBTRACTIVE_DITHER_2, so that readers that predate that dithering
    // refuse the image rather than misread its zeros.
    [TestCase(QuantizeMethod.SubtractiveDither1, "SUBTRACTIVE_DITHER_1", "RICE_1")]
    [TestCase(QuantizeMethod.SubtractiveDither2, "SUBTRACTIVE_DITHER_2", "RICE_ONE")]
    public void Rice_compressed_float_image_reads_back_within_the_quantisation_step(QuantizeMethod method, string quantiz, string algorithm)
    {
        const float step = 0.01f;
        var random = new Random(7);
        var pixels = new float[64 * 32];
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = (float)(50 * Math.Sin(i / 100.0) + random.NextDouble());
        foreach (var i in new[] { 3, 100, 2047 })
            pixels[i] = float.NaN;
        foreach (var i in new[] { 5, 64, 1500 })
            pixels[i] = 0f;

        var path = PathOf("float-rice.fits");
        using (var w = FitsWriter.Create(path))
        {
            w.AddEmptyPrimary();
            // A negative level is an absolute quantisation step.
            w.AddImage(-32, [64, 32], pixels, new ImageOptions { Compression = ImageCompression.Rice, QuantizeLevel = -step, Quantize = method });
        }

        using var file = FitsFile.Open(path);
        var hdu = file.Hdus[1];
        AssertCompressedImageHeaders(hdu, -32, [64, 32], algorithm, primary: false);
        Assert.That(hdu.StoredHeader.GetString("ZQUANTIZ"), Is.EqualTo(quantiz));
        Assert.That(hdu.StoredHeader.GetInt64("ZBLANK"), Is.EqualTo(-2147483647), "the NaNs are stored as nulls");

        var values = ReadAll(hdu);
        var worst = 0.0;
        var inexact = 0;
        for (var i = 0; i < pixels.Length; i++)
        {
            if (float.IsNaN(pixels[i]))
            {
                Assert.That(values[i], Is.NaN, $"pixel {i}");
                continue;
            }

            var error = Math.Abs(values[i] - pixels[i]);
            worst = Math.Max(worst, error);
            if (error > 1e-6)
                inexact++;
        }

        // Quantised values are within half a step of the original (plus float rounding of values up to ~50).
        Assert.That(worst, Is.LessThanOrEqualTo(step / 2 + 1e-5));
        Assert.That(inexact, Is.GreaterThan(pixels.Length / 2), "the float image was quantised, not stored losslessly");
        if (method == QuantizeMethod.SubtractiveDither2)
        {
            foreach (var i in new[] { 5, 64, 1500 })
                Assert.That(values[i], Is.EqualTo(0.0), $"SUBTRACTIVE_DITHER_2 keeps zero pixel {i} exact");
        }

        var stats = hdu.ComputeImageStatistics();
        Assert.That(stats.Finite, Is.EqualTo(pixels.Length - 3));
        Assert.That(stats.Mean, Is.EqualTo(pixels.Where(float.IsFinite).Average(p => (double)p)).Within(step));
    }

    // ---- Whole-file compression --------------------------------------------------------------------------------

    [TestCase("gzip")]
    [TestCase("compress")]
    public void Whole_file_compressed_file_reads_the_same_as_the_plain_file(string tool)
    {
        var plain = PathOf("plain.fits");
        var pixels = Enumerable.Range(0, 300).Select(i => (short)(i * 7 - 1000)).ToArray();
        var ids = Enumerable.Range(0, 50).Select(i => i * 3 + 1).ToArray();
        var names = Enumerable.Range(0, 50).Select(i => $"star{i}").ToArray();
        using (var w = FitsWriter.Create(plain))
        {
            w.AddImage(16, [20, 15], pixels, cards: "OBJECT  = 'packed'");
            w.AddBinaryTable("CAT", 50, [new ColumnSpec("ID", "1J", null, ids), new ColumnSpec("NAME", "8A", null, names)]);
        }

        string packed;
        if (tool == "gzip")
        {
            Run("gzip", "-k", plain);
            packed = plain + ".gz";
        }
        else
        {
            if (!OnPath("compress"))
                Assert.Ignore("'compress' is not on PATH: install the Debian package ncompress to test Unix-compress (.Z) files");
            packed = plain + ".Z";
            File.WriteAllBytes(packed, Run("compress", "-c", plain));
        }

        Assert.That(File.ReadAllBytes(packed)[..2], Is.EqualTo(tool == "gzip" ? new byte[] { 0x1f, 0x8b } : new byte[] { 0x1f, 0x9d }));
        foreach (var path in new[] { plain, packed })
        {
            using var file = FitsFile.Open(path);
            Assert.That(file.Hdus, Has.Count.EqualTo(2), path);
            Assert.That(file.Hdus[0].Header.GetString("OBJECT"), Is.EqualTo("packed"), path);
            Assert.That(file.Hdus[0].Axes, Is.EqualTo(new long[] { 20, 15 }), path);
            Assert.That(ReadAll(file.Hdus[0]), Is.EqualTo(pixels.Select(p => (double)p)), path);
            Assert.That(file.Hdus[1].Kind, Is.EqualTo(HduKind.BinaryTable), path);
            Assert.That(file.Hdus[1].ExtName, Is.EqualTo("CAT"), path);
            Assert.That(file.Truncation, Is.Null, path);
            var chunk = file.Hdus[1].OpenTable().Read(0, 50);
            Assert.That(chunk["ID"]!.Values, Is.EqualTo(ids), path);
            Assert.That(chunk["NAME"]!.Strings, Is.EqualTo(names), path);
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));

    private static byte[] Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{program} {string.Join(' ', arguments)}: {error.Result}");
        return output.ToArray();
    }

    // ---- Binary tables -----------------------------------------------------------------------------------------

    [Test]
    public void Binary_table_with_every_fixed_width_type_reads_back_its_values()
    {
        const int rows = 4;
        var logicals = new[] { true, false, true, true };
        // 12X: two bytes per row, bits packed most significant first.
        var bits = new byte[] { 0b1011_0010, 0b1111_0000, 0b0000_0000, 0b0001_0000, 0b1111_1111, 0b1111_0000, 0b1000_0001, 0b1010_0000 };
        var bytes = new byte[] { 0, 1, 200, 255 };
        var shorts = new short[] { short.MinValue, -1, 0, short.MaxValue };
        var ints3 = new[] { int.MinValue, -1, 0, 1, 2, 3, 100000, -100000, 7, int.MaxValue, 42, -42 };
        var longs = new[] { long.MinValue, -1L, 1L << 62, long.MaxValue };
        var floats = new[] { 1.5f, -0.25f, float.MaxValue, float.NaN };
        var doubles2 = new[] { Math.PI, -Math.E, 1e-300, 1e300, 0, -0.5, double.NaN, 2.0 };
        var complex = new[] { 1f, 2f, -3.5f, 4.25f, 0f, -1f, 1e20f, -1e-20f };
        var dcomplex = new[] { 1.0, -2.0, Math.PI, Math.E, 0, 0, -1e200, 1e-200 };
        var strings = new[] { "alpha", "", " lead", "12345678" };
        var unsignedRaw = new short[] { short.MinValue, 0, short.MaxValue, 1 };
        var scaledRaw = new[] { 0, -2, 7, 2_000_000_000 };
        var withNulls = new[] { 5, -999, 7, -999 };
        var cube = Enumerable.Range(0, rows * 6).Select(i => i * 11 - 50).ToArray();

        var path = PathOf("types.fits");
        using (var w = FitsWriter.Create(path))
        {
            w.AddEmptyPrimary();
            w.AddBinaryTable("TYPES", rows, [
                new ColumnSpec("FLAG", "1L", null, logicals),
                new ColumnSpec("BITS", "12X", null, bits),
                new ColumnSpec("BYTE", "1B", "adu", bytes),
                new ColumnSpec("SHORT", "1I", null, shorts),
                new ColumnSpec("INT3", "3J", null, ints3),
                new ColumnSpec("LONG", "1K", null, longs),
                new ColumnSpec("FLOAT", "1E", "mag", floats),
                new ColumnSpec("DOUBLE2", "2D", null, doubles2),
                new ColumnSpec("CPLX", "1C", null, complex),
                new ColumnSpec("DCPLX", "1M", null, dcomplex),
                new ColumnSpec("NAME", "8A", null, strings),
                new ColumnSpec("USHORT", "1I", null, unsignedRaw),
                new ColumnSpec("SCALED", "1J", null, scaledRaw),
                new ColumnSpec("NULLJ", "1J", null, withNulls),
                new ColumnSpec("CUBE", "6J", null, cube),
            ],
            "TZERO12 =                32768",
            "TSCAL13 =                  0.5",
            "TZERO13 =                  100",
            "TNULL14 =                 -999",
            "TDIM15  = '(3,2)'");
        }

        using var file = FitsFile.Open(path);
        var hdu = file.Hdus[1];
        Assert.That(hdu.Kind, Is.EqualTo(HduKind.BinaryTable));
        Assert.That(hdu.ExtName, Is.EqualTo("TYPES"));
        Assert.That(hdu.Rows, Is.EqualTo(rows));
        var c = hdu.Columns;
        Assert.That(c.Select(x => x.Name), Is.EqualTo(new[] { "FLAG", "BITS", "BYTE", "SHORT", "INT3", "LONG", "FLOAT", "DOUBLE2", "CPLX", "DCPLX", "NAME", "USHORT", "SCALED", "NULLJ", "CUBE" }));
        Assert.That(c.Select(x => x.Type), Is.EqualTo(new[] {
            ColumnType.Logical, ColumnType.Bit, ColumnType.Byte, ColumnType.Int16, ColumnType.Int32, ColumnType.Int64, ColumnType.Float32,
            ColumnType.Float64, ColumnType.Complex64, ColumnType.Complex128, ColumnType.String, ColumnType.Int16, ColumnType.Int32,
            ColumnType.Int32, ColumnType.Int32 }));
        Assert.That(c.Select(x => x.Repeat), Is.EqualTo(new long[] { 1, 12, 1, 1, 3, 1, 1, 2, 1, 1, 8, 1, 1, 1, 6 }));
        Assert.That(c.Select(x => x.FieldBytes), Is.EqualTo(new long[] { 1, 2, 1, 2, 12, 8, 4, 16, 8, 16, 8, 2, 4, 4, 24 }));
        Assert.That(hdu.Axes[0], Is.EqualTo(c.Sum(x => x.FieldBytes)), "NAXIS1 is the sum of the field widths");
        Assert.That(c[2].Unit, Is.EqualTo("adu"));
        Assert.That(c[6].Unit, Is.EqualTo("mag"));
        Assert.That(c[0].Unit, Is.Null);
        Assert.That((c[11].Scale, c[11].Zero), Is.EqualTo((1.0, 32768.0)));
        Assert.That((c[12].Scale, c[12].Zero, c[12].IsScaled), Is.EqualTo((0.5, 100.0, true)));
        Assert.That(c[13].Null, Is.EqualTo(-999));
        Assert.That(c[3].Null, Is.Null);
        Assert.That(c[14].Dimensions, Is.EqualTo(new long[] { 3, 2 }));
        Assert.That(c[4].Dimensions, Is.Null);

        var chunk = hdu.OpenTable().Read(0, rows);
        Assert.That((chunk.FirstRow, chunk.RowCount), Is.EqualTo((0L, rows)));
        var d = chunk.Columns;

        // L
        Assert.That(Enumerable.Range(0, rows).Select(r => d[0].GetLogical(r, 0)), Is.EqualTo(logicals.Select(b => (bool?)b)));
        Assert.That(d[0].Values, Is.EqualTo(logicals.Select(b => (byte)(b ? 'T' : 'F'))));
        // X
        Assert.That(d[1].Values, Is.EqualTo(bits));
        Assert.That(d[1].ElementCount(0), Is.EqualTo(12));
        for (var r = 0; r < rows; r++)
        {
            for (var e = 0; e < 12; e++)
                Assert.That(d[1].GetPhysical(r, e), Is.EqualTo((bits[r * 2 + e / 8] >> (7 - e % 8)) & 1), $"bit {e} of row {r}");
        }

        Assert.That(Enumerable.Range(0, 12).Select(e => d[1].GetPhysical(0, e)), Is.EqualTo(new double[] { 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 1 }));
        // B, I, J (3), K
        Assert.That(d[2].Values, Is.EqualTo(bytes));
        Assert.That(Enumerable.Range(0, rows).Select(r => d[2].GetPhysical(r, 0)), Is.EqualTo(new double[] { 0, 1, 200, 255 }));
        Assert.That(d[3].Values, Is.EqualTo(shorts));
        Assert.That(d[4].Values, Is.EqualTo(ints3));
        Assert.That(d[4].Stride, Is.EqualTo(3));
        Assert.That(d[4].ElementCount(1), Is.EqualTo(3));
        Assert.That(Enumerable.Range(0, 3).Select(e => d[4].GetPhysical(3, e)), Is.EqualTo(new[] { int.MaxValue, 42.0, -42.0 }));
        Assert.That(d[5].Values, Is.EqualTo(longs));
        Assert.That(d[5].GetPhysical(1, 0), Is.EqualTo(-1.0));
        // E, D (2)
        Assert.That(d[6].Values, Is.EqualTo(floats));
        Assert.That(d[6].GetPhysical(0, 0), Is.EqualTo(1.5));
        Assert.That(d[6].IsNull(3, 0), Is.True);
        Assert.That(d[7].Values, Is.EqualTo(doubles2));
        Assert.That(d[7].GetPhysical(1, 1), Is.EqualTo(1e300));
        Assert.That(d[7].IsNull(3, 0), Is.True);
        // C, M: (re, im) pairs; GetPhysical gives the real part.
        Assert.That(d[8].Values, Is.EqualTo(complex));
        Assert.That(d[8].ElementCount(0), Is.EqualTo(1));
        Assert.That(Enumerable.Range(0, rows).Select(r => d[8].GetPhysical(r, 0)), Is.EqualTo(new double[] { 1, -3.5, 0, 1e20f }));
        Assert.That(d[9].Values, Is.EqualTo(dcomplex));
        Assert.That(Enumerable.Range(0, rows).Select(r => d[9].GetPhysical(r, 0)), Is.EqualTo(new[] { 1.0, Math.PI, 0, -1e200 }));
        // A: trailing blanks removed, leading kept.
        Assert.That(d[10].Strings, Is.EqualTo(strings));
        Assert.That(d[10].GetString(2), Is.EqualTo(" lead"));
        // I with TZERO 32768 (unsigned), J with TSCAL 0.5 TZERO 100: stored values as written, physical scaled.
        Assert.That(d[11].Values, Is.EqualTo(unsignedRaw));
        Assert.That(Enumerable.Range(0, rows).Select(r => d[11].GetPhysical(r, 0)), Is.EqualTo(new double[] { 0, 32768, 65535, 32769 }));
        Assert.That(d[12].Values, Is.EqualTo(scaledRaw));
        Assert.That(Enumerable.Range(0, rows).Select(r => d[12].GetPhysical(r, 0)), Is.EqualTo(new[] { 100, 99, 103.5, 1_000_000_100 }));
        // J with TNULL -999
        Assert.That(d[13].Values, Is.EqualTo(withNulls));
        Assert.That(d[13].GetPhysical(0, 0), Is.EqualTo(5.0));
        Assert.That(d[13].GetPhysical(1, 0), Is.NaN);
        Assert.That(d[13].IsNull(3, 0), Is.True);
        Assert.That(d[13].IsNull(2, 0), Is.False);
        // 6J with TDIM (3,2)
        Assert.That(d[14].Values, Is.EqualTo(cube));
        Assert.That(d[14].GetPhysical(2, 5), Is.EqualTo(cube[2 * 6 + 5]));

        // Sums: nulls excluded, scaling applied.
        Assert.That(Sum(d[13]), Is.EqualTo((12.0, 2L)));
        Assert.That(Sum(d[11]), Is.EqualTo((0.0 + 32768 + 65535 + 32769, 4L)));
        Assert.That(Sum(d[12]), Is.EqualTo((100 + 99 + 103.5 + 1_000_000_100, 4L)));
        Assert.That(Sum(d[4]), Is.EqualTo(((double)ints3.Sum(v => (long)v), 12L)));
        Assert.That(Sum(d[6]), Is.EqualTo((1.5 - 0.25 + float.MaxValue, 3L)));
        Assert.That(Sum(d[2]), Is.EqualTo((456.0, 4L)));
        Assert.That(Sum(d[10]), Is.EqualTo((0.0, 0L)), "strings are not summed");
    }

    private static (double Sum, long Count) Sum(ColumnData data)
    {
        double sum = 0;
        long count = 0;
        data.AccumulateSum(ref sum, ref count);
        return (sum, count);
    }

    [Test]
    public void Null_logical_reads_as_null()
    {
        var path = PathOf("null-logical.fits");
        using (var w = FitsWriter.Create(path))
        {
            w.AddEmptyPrimary();
            w.AddBinaryTable("FLAGS", 3, [new ColumnSpec("FLAG", "1L", null, new[] { true, true, false }), new ColumnSpec("N", "1J", null, new[] { 1, 2, 3 })]);
        }

        // FitsWriter has no way to write a null logical (CFITSIO's ffpclu): the middle row's byte is set to 0 by hand.
        long dataStart, rowBytes;
        using (var file = FitsFile.Open(path))
            (dataStart, rowBytes) = (file.Hdus[1].DataStart, file.Hdus[1].Axes[0]);
        Assert.That(PatchByte(path, dataStart + rowBytes, 0), Is.EqualTo((byte)'T'), "the byte patched is the middle row's logical");

        using (var file = FitsFile.Open(path))
        {
            var data = file.Hdus[1].OpenTable().Read(0, 3).Columns;
            Assert.That(Enumerable.Range(0, 3).Select(r => data[0].GetLogical(r, 0)), Is.EqualTo(new bool?[] { true, null, false }));
            Assert.That(data[0].IsNull(1, 0), Is.True);
            Assert.That(data[1].Values, Is.EqualTo(new[] { 1, 2, 3 }));
        }
    }

    [Test]
    public void Variable_length_arrays_read_back_row_by_row_including_empty_rows()
    {
        Array[] pe = [new[] { 1f, 2f, 3f }, Array.Empty<float>(), new[] { -1.5f }, new[] { float.NaN, 4f }];
        Array[] qd = [new[] { 1e300 }, Array.Empty<double>(), new[] { 1.0, 2, 3, 4, 5 }, new[] { -0.25 }];
        Array[] pj = [new[] { 1, 2 }, Array.Empty<int>(), new[] { int.MaxValue, int.MinValue, 0 }, new[] { 42 }];
        var pa = new[] { "hello", "", "a longer string", "x" };
        var path = PathOf("varlen.fits");
        using (var w = FitsWriter.Create(path))
        {
            w.AddEmptyPrimary();
            w.AddBinaryTable("VAR", 4, [
                new ColumnSpec("PE", "1PE", null, pe),
                new ColumnSpec("QD", "1QD", "s", qd),
                new ColumnSpec("PJ", "1PJ", null, pj),
                new ColumnSpec("PA", "1PA", null, pa),
                new ColumnSpec("ID", "1J", null, new[] { 10, 20, 30, 40 }),
            ]);
        }

        using var file = FitsFile.Open(path);
        var hdu = file.Hdus[1];
        var c = hdu.Columns;
        Assert.That(c.Select(x => x.IsVariableLength), Is.EqualTo(new[] { true, true, true, true, false }));
        Assert.That(c.Select(x => x.Descriptor), Is.EqualTo(new char?[] { 'P', 'Q', 'P', 'P', null }));
        Assert.That(c.Select(x => x.Type), Is.EqualTo(new[] { ColumnType.Float32, ColumnType.Float64, ColumnType.Int32, ColumnType.String, ColumnType.Int32 }));
        Assert.That(c.Select(x => x.FieldBytes), Is.EqualTo(new long[] { 8, 16, 8, 8, 4 }));
        Assert.That(c[1].Unit, Is.EqualTo("s"));

        var d = hdu.OpenTable().Read(0, 4).Columns;
        foreach (var (data, written) in new[] { (d[0], pe), (d[1], qd), (d[2], pj) })
        {
            Assert.That(data.Values, Is.Null);
            for (var r = 0; r < 4; r++)
            {
                Assert.That(data.ElementCount(r), Is.EqualTo(written[r].Length), $"{data.Column.Name} row {r} length");
                Assert.That(data.Variable![r], Is.EqualTo(AsDoubles(written[r])), $"{data.Column.Name} row {r}");
            }
        }

        Assert.That(d[0].Variable![3]![0], Is.NaN);
        Assert.That(d[0].GetPhysical(2, 0), Is.EqualTo(-1.5));
        Assert.That(d[0].GetPhysical(1, 0), Is.NaN, "an element past the end of an empty row");
        Assert.That(Enumerable.Range(0, 4).Select(d[3].GetString), Is.EqualTo(pa));
        Assert.That(d[4].Values, Is.EqualTo(new[] { 10, 20, 30, 40 }));
        Assert.That(Sum(d[2]), Is.EqualTo((1.0 + 2 + int.MaxValue + int.MinValue + 0 + 42, 6L)));
        Assert.That(Sum(d[0]), Is.EqualTo((1.0 + 2 + 3 - 1.5 + 4, 5L)), "NaN is left out");

        // Rows from the middle.
        var middle = hdu.OpenTable([1]).Read(2, 2).Columns[0];
        Assert.That(middle.Variable, Is.EqualTo(new[] { new[] { 1.0, 2, 3, 4, 5 }, new[] { -0.25 } }));
    }

    [Test]
    public void Table_with_zero_rows_has_its_columns_and_no_chunks()
    {
        var path = PathOf("zero.fits");
        using (var w = FitsWriter.Create(path))
        {
            w.AddEmptyPrimary();
            w.AddBinaryTable("NONE", 0, [
                new ColumnSpec("ID", "1J", null, Array.Empty<int>()),
                new ColumnSpec("NAME", "8A", null, Array.Empty<string>()),
                new ColumnSpec("V", "1PE", null, Array.Empty<Array>()),
            ]);
        }

        using var file = FitsFile.Open(path);
        var hdu = file.Hdus[1];
        Assert.That(hdu.Rows, Is.Zero);
        Assert.That(hdu.Columns.Select(c => c.Name), Is.EqualTo(new[] { "ID", "NAME", "V" }));
        var reader = hdu.OpenTable();
        Assert.That(reader.Rows, Is.Zero);
        Assert.That(reader.ReadChunks(), Is.Empty);
        var chunk = reader.Read(0, 0);
        Assert.That(chunk.RowCount, Is.Zero);
        Assert.That(chunk.Columns, Has.Count.EqualTo(3));
        Assert.That(chunk.Columns[0].Values, Is.Empty);
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Read(0, 1));
    }

    // ---- Chunked reading ---------------------------------------------------------------------------------------

    [Test]
    public void Table_read_in_chunks_tiles_the_rows_and_gives_back_every_value()
    {
        const int rows = 100_003;
        const int perChunk = 7_000;
        var ints = Enumerable.Range(0, rows).Select(r => r * 7 - 350_000).ToArray();
        var longs = Enumerable.Range(0, rows).Select(r => (long)r * 1_000_000_007L).ToArray();
        var floats = Enumerable.Range(0, rows).Select(r => r * 0.5f).ToArray();
        var doubles = Enumerable.Range(0, rows).Select(r => r / 3.0).ToArray();
        var shorts = Enumerable.Range(0, rows).Select(r => (short)(r % 65536 - 32768)).ToArray();
        var bytes = Enumerable.Range(0, rows).Select(r => (byte)(r % 256)).ToArray();
        var pairs = Enumerable.Range(0, rows * 2).Select(i => i % 2 == 0 ? i / 2 : -(i / 2)).ToArray();
        var logicals = Enumerable.Range(0, rows).Select(r => r % 3 == 0).ToArray();
        var names = Enumerable.Range(0, rows).Select(r => $"row{r}").ToArray();
        var scaled = Enumerable.Range(0, rows).Select(r => r % 1000).ToArray();
        ColumnSpec[] columns = [
            new("INT", "1J", null, ints),
            new("LONG", "1K", null, longs),
            new("FLOAT", "1E", null, floats),
            new("DOUBLE", "1D", null, doubles),
            new("SHORT", "1I", null, shorts),
            new("BYTE", "1B", null, bytes),
            new("PAIR", "2J", null, pairs),
            new("FLAG", "1L", null, logicals),
            new("NAME", "10A", null, names),
            new("SCALED", "1J", null, scaled),
        ];
        var path = PathOf("big.fits");
        using (var w = FitsWriter.Create(path))
        {
            w.AddEmptyPrimary();
            w.AddBinaryTable("BIG", rows, columns, "TSCAL10 =                 0.25", "TZERO10 =                   -5");
        }

        using var file = FitsFile.Open(path);
        var reader = file.Hdus[1].OpenTable();
        Assert.That(reader.Rows, Is.EqualTo(rows));
        // Full chunks decode the 10 columns in parallel (rows x columns >= 65536); the short last chunk one by one.
        Assert.That(perChunk * columns.Length, Is.GreaterThanOrEqualTo(1 << 16));
        Assert.That((rows % perChunk) * columns.Length, Is.LessThan(1 << 16));

        var chunks = reader.ReadChunks(perChunk).ToList();
        Assert.That(chunks, Has.Count.EqualTo((rows + perChunk - 1) / perChunk));
        long next = 0;
        foreach (var chunk in chunks)
        {
            Assert.That(chunk.FirstRow, Is.EqualTo(next));
            Assert.That(chunk.RowCount, Is.EqualTo(Math.Min(perChunk, rows - next)));
            next += chunk.RowCount;
        }

        Assert.That(next, Is.EqualTo(rows));

        T[] Concat<T>(int column) => chunks.SelectMany(ch => (T[])ch.Columns[column].Values!).ToArray();
        Assert.That(Concat<int>(0), Is.EqualTo(ints));
        Assert.That(Concat<long>(1), Is.EqualTo(longs));
        Assert.That(Concat<float>(2), Is.EqualTo(floats));
        Assert.That(Concat<double>(3), Is.EqualTo(doubles));
        Assert.That(Concat<short>(4), Is.EqualTo(shorts));
        Assert.That(Concat<byte>(5), Is.EqualTo(bytes));
        Assert.That(Concat<int>(6), Is.EqualTo(pairs));
        Assert.That(chunks.SelectMany(ch => Enumerable.Range(0, ch.RowCount).Select(r => ch.Columns[7].GetLogical(r, 0))), Is.EqualTo(logicals.Select(b => (bool?)b)));
        Assert.That(chunks.SelectMany(ch => ch.Columns[8].Strings!), Is.EqualTo(names));
        Assert.That(chunks.SelectMany(ch => Enumerable.Range(0, ch.RowCount).Select(r => ch.Columns[9].GetPhysical(r, 0))),
            Is.EqualTo(scaled.Select(v => v * 0.25 - 5)));

        double sum = 0;
        long count = 0;
        foreach (var chunk in chunks)
            chunk.Columns[9].AccumulateSum(ref sum, ref count);
        Assert.That((sum, count), Is.EqualTo((scaled.Sum(v => v * 0.25 - 5), (long)rows)));

        // The default chunk size, and a window from the middle.
        Assert.That(reader.ReadChunks().SelectMany(ch => (int[])ch.Columns[0].Values!), Is.EqualTo(ints));
        var window = reader.Read(50_000, 3);
        Assert.That(window.FirstRow, Is.EqualTo(50_000));
        Assert.That(window.Columns[1].Values, Is.EqualTo(longs[50_000..50_003]));
        Assert.That(window["name"]!.Strings, Is.EqualTo(names[50_000..50_003]));
    }

    // ---- ASCII tables ------------------------------------------------------------------------------------------

    [Test]
    public void Ascii_table_reads_back_strings_and_numbers_with_null_fields_as_NaN()
    {
        var names = new[] { "vega", "", "  sirius", "altair" };
        var counts = new[] { 1, -42, 99999, 0 };
        var fixedPoint = new[] { 1.25, -3.5, 0, 1234.5 };
        var exponent = new[] { 1.5e10, -2.25e-3, 0, 1e-20 };
        var dexponent = new[] { 1.2345678901e100, -1, 0.5, 3.0 };
        var path = PathOf("ascii.fits");
        using (var w = FitsWriter.Create(path))
        {
            w.AddEmptyPrimary();
            w.AddAsciiTable("ASC", 4, [
                new ColumnSpec("NAME", "A8", null, names),
                new ColumnSpec("COUNT", "I6", "ct", counts),
                new ColumnSpec("FIX", "F8.3", null, fixedPoint),
                new ColumnSpec("EXP", "E12.4", null, exponent),
                new ColumnSpec("DEXP", "D20.10", null, dexponent),
            ], "TNULL2  = 'NULL'", "TNULL4  = '*'");
        }

        // Null fields cannot be written through FitsWriter: row 2 of COUNT and row 4 of EXP are overwritten with TNULL.
        long dataStart, rowBytes, countColumn, expColumn;
        using (var file = FitsFile.Open(path))
        {
            var hdu = file.Hdus[1];
            (dataStart, rowBytes) = (hdu.DataStart, hdu.Axes[0]);
            (countColumn, expColumn) = (hdu.Header.GetInt64("TBCOL2") - 1, hdu.Header.GetInt64("TBCOL4") - 1);
        }

        PatchText(path, dataStart + rowBytes * 1 + countColumn, "   -42", "NULL  ");
        PatchText(path, dataStart + rowBytes * 3 + expColumn, "  1.0000E-20", "*           ");

        using (var file = FitsFile.Open(path))
        {
            var hdu = file.Hdus[1];
            Assert.That(hdu.Kind, Is.EqualTo(HduKind.AsciiTable));
            var c = hdu.Columns;
            Assert.That(c.Select(x => x.Type), Is.EqualTo(new[] { ColumnType.String, ColumnType.Int64, ColumnType.Float64, ColumnType.Float64, ColumnType.Float64 }));
            Assert.That(c.All(x => x.IsAscii), Is.True);
            Assert.That(c[1].AsciiNull, Is.EqualTo("NULL"));
            Assert.That(c[1].Unit, Is.EqualTo("ct"));
            Assert.That(c.Select(x => x.FieldBytes), Is.EqualTo(new long[] { 8, 6, 8, 12, 20 }));

            var d = hdu.OpenTable().Read(0, 4).Columns;
            Assert.That(d[0].Strings, Is.EqualTo(names));
            Assert.That(Physical(d[1]), Is.EqualTo(new[] { 1, double.NaN, 99999, 0 }));
            Assert.That(d[1].IsNull(1, 0), Is.True);
            Assert.That(d[1].IsNull(0, 0), Is.False);
            Assert.That(Physical(d[2]), Is.EqualTo(fixedPoint));
            // CFITSIO converts ASCII-table numbers itself (digits times a power of ten), which can be an ulp or two off
            // the correctly rounded double: exponent fields are compared to 1e-15 relative.
            for (var r = 0; r < 3; r++)
                Assert.That(d[3].GetPhysical(r, 0), Is.EqualTo(exponent[r]).Within(Math.Abs(exponent[r]) * 1e-15), $"EXP row {r}");
            Assert.That(d[3].GetPhysical(3, 0), Is.NaN);
            for (var r = 0; r < 4; r++)
                Assert.That(d[4].GetPhysical(r, 0), Is.EqualTo(dexponent[r]).Within(Math.Abs(dexponent[r]) * 1e-15), $"DEXP row {r}");
            Assert.That(Sum(d[1]), Is.EqualTo((1.0 + 99999 + 0, 3L)));
        }
    }

    private static double[] Physical(ColumnData data) => Enumerable.Range(0, data.RowCount).Select(r => data.GetPhysical(r, 0)).ToArray();

    // ---- Column selection --------------------------------------------------------------------------------------

    [Test]
    public void Table_opened_with_a_column_selection_reads_those_columns_in_that_order()
    {
        var ids = new[] { 3, 1, 4, 1, 5 };
        var names = new[] { "a", "bb", "ccc", "dddd", "eeeee" };
        var values = new[] { 2.5, -1, 0, 1e10, 7 };
        var path = PathOf("select.fits");
        using (var w = FitsWriter.Create(path))
        {
            w.AddEmptyPrimary();
            w.AddBinaryTable("SEL", 5, [new ColumnSpec("ID", "1J", null, ids), new ColumnSpec("NAME", "5A", null, names), new ColumnSpec("VALUE", "1D", null, values)]);
        }

        using var file = FitsFile.Open(path);
        var reader = file.Hdus[1].OpenTable([2, 0]);
        Assert.That(reader.Columns.Select(c => c.Name), Is.EqualTo(new[] { "VALUE", "ID" }));
        Assert.That(reader.Columns.Select(c => c.Index), Is.EqualTo(new[] { 2, 0 }));
        var chunk = reader.ReadChunks(2).ToList();
        Assert.That(chunk.Select(ch => ch.Columns.Count), Is.All.EqualTo(2));
        Assert.That(chunk.SelectMany(ch => (double[])ch.Columns[0].Values!), Is.EqualTo(values));
        Assert.That(chunk.SelectMany(ch => (int[])ch.Columns[1].Values!), Is.EqualTo(ids));
        Assert.That(chunk[0]["NAME"], Is.Null);
        Assert.That(chunk[0]["id"]!.Values, Is.EqualTo(ids[..2]));

        var e = Assert.Throws<FitsException>(() => file.Hdus[1].OpenTable([0, 3]))!;
        Assert.That(e.Message, Does.Contain("has no column 3"));
        Assert.Throws<FitsException>(() => file.Hdus[0].OpenTable());
    }

    // ---- Helpers -----------------------------------------------------------------------------------------------

    /// <summary>The big-endian integer of <paramref name="size"/> bytes stored for element <paramref name="index"/> of the data.</summary>
    private static long StoredBigEndian(string path, long dataStart, int size, int index)
    {
        var bytes = File.ReadAllBytes(path).AsSpan((int)(dataStart + (long)size * index), size);
        return size switch
        {
            2 => System.Buffers.Binary.BinaryPrimitives.ReadInt16BigEndian(bytes),
            4 => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes),
            _ => System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes),
        };
    }

    /// <summary>Sets one byte of a file; returns the byte it replaced.</summary>
    private static byte PatchByte(string path, long offset, byte value)
    {
        var bytes = File.ReadAllBytes(path);
        var old = bytes[offset];
        bytes[offset] = value;
        File.WriteAllBytes(path, bytes);
        return old;
    }

    /// <summary>Overwrites text at an offset, checking that the text there is what the test expects.</summary>
    private static void PatchText(string path, long offset, string expected, string replacement)
    {
        Assert.That(replacement, Has.Length.EqualTo(expected.Length));
        var bytes = File.ReadAllBytes(path);
        Assert.That(Encoding.ASCII.GetString(bytes, (int)offset, expected.Length), Is.EqualTo(expected), $"bytes at {offset} of {path}");
        Encoding.ASCII.GetBytes(replacement).CopyTo(bytes, offset);
        File.WriteAllBytes(path, bytes);
    }
}
