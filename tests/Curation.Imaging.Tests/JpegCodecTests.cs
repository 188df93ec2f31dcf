using NUnit.Framework;

namespace Curation.Imaging.Tests;

/// <summary>The TurboJPEG wrapper: round trips, the strip-parallel encoding, and errors.</summary>
public sealed class JpegCodecTests
{
    /// <summary>A smooth image with some structure (a gradient, a disc, a bright square): JPEG keeps it well.</summary>
    private static byte[] Smooth(int width, int height)
    {
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var dx = x - width / 2.0;
                var dy = y - height / 3.0;
                var v = 40 + 120.0 * x / width + (dx * dx + dy * dy < width * width / 16.0 ? 60 : 0);
                pixels[y * width + x] = (byte)Math.Min(255, v);
            }
        }

        return pixels;
    }

    /// <summary>Noise: the worst case for JPEG, and a different encoding in every block.</summary>
    private static byte[] Noise(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height];
        random.NextBytes(pixels);
        return pixels;
    }

    [TestCase(1, 1)]
    [TestCase(7, 3)]
    [TestCase(256, 256)]
    [TestCase(1000, 37)]
    public void A_grey_image_decodes_to_its_size_and_nearly_its_pixels(int width, int height)
    {
        var pixels = Smooth(width, height);
        var jpeg = JpegCodec.EncodeGrey(pixels, width, height, quality: 95);
        Assert.That(jpeg[..2], Is.EqualTo(new byte[] { 0xFF, 0xD8 }), "starts with SOI");
        var decoded = JpegCodec.DecodeGrey(jpeg);
        Assert.That((decoded.Width, decoded.Height), Is.EqualTo((width, height)));
        var errors = pixels.Zip(decoded.Pixels, (a, b) => Math.Abs(a - b)).ToList();
        Assert.That(errors.Average(), Is.LessThan(1.5), "mean absolute error at quality 95");
    }

    [TestCase(4096, 2048, 2)]
    [TestCase(2001, 1203, 3)]
    [TestCase(1030, 1024, 8)]
    [TestCase(8192, 600, 2)]
    public void An_image_encoded_in_strips_decodes_to_exactly_the_pixels_of_one_encoded_whole(int width, int height, int threads)
    {
        var pixels = Noise(width, height, width + height);
        var whole = JpegCodec.EncodeGrey(pixels, width, height, 85, threads: 1);
        var strips = JpegCodec.EncodeGrey(pixels, width, height, 85, threads);
        var rows = JpegCodec.StripRows(width, height, threads);
        Assert.That(rows, Is.LessThan(height).And.Matches<int>(r => r % 8 == 0), "cut into strips of whole 8-row block rows");
        Assert.That(ContainsMarker(strips, 0xDD), Is.True, "a restart interval (DRI) is defined");
        Assert.That(ContainsMarker(whole, 0xDD), Is.False);
        for (var i = 0; i < Math.Min(8, (height + rows - 1) / rows - 1); i++)
            Assert.That(ContainsMarker(strips, (byte)(0xD0 + i)), Is.True, $"RST{i} between strips");
        Assert.That(JpegCodec.DecodeGrey(strips).Pixels, Is.EqualTo(JpegCodec.DecodeGrey(whole).Pixels));
    }

    [Test]
    public void A_jpeg_encoded_in_strips_is_read_by_Pillow_as_libjpeg_turbo_reads_it()
    {
        using var dir = new TempDirectory("curation-imaging-tests");
        const int width = 3000, height = 1100;
        var jpeg = JpegCodec.EncodeGrey(Noise(width, height, 7), width, height, 85, threads: 4);
        var path = dir.File("strips.jpg");
        File.WriteAllBytes(path, jpeg);
        var pillow = Reference.Run(dir, new ReferenceJob(null, Jpeg: path)).Single();
        Assert.That((pillow.Integer("jpeg_width"), pillow.Integer("jpeg_height"), pillow.Text("jpeg_mode")), Is.EqualTo((width, height, "L")));
        Assert.That(File.ReadAllBytes(pillow.Text("jpeg_pixels")), Is.EqualTo(JpegCodec.DecodeGrey(jpeg).Pixels));
    }

    [Test]
    public void Data_that_are_not_a_jpeg_are_reported_with_libjpeg_turbos_reason()
    {
        var e = Assert.Throws<JpegException>(() => JpegCodec.DecodeGrey("SIMPLE  =                    T"u8.ToArray()));
        Assert.That(e!.Message, Does.StartWith("not a readable JPEG: ").And.Length.GreaterThan("not a readable JPEG: ".Length));
        Assert.Throws<JpegException>(() => JpegCodec.DecodeGrey([]));
    }

    [TestCase(0, 10)]
    [TestCase(10, 0)]
    [TestCase(70000, 1)]
    public void A_size_a_jpeg_cannot_have_is_refused(int width, int height) =>
        Assert.Throws<ArgumentException>(() => JpegCodec.EncodeGrey(new byte[Math.Max(1, width * height)], width, height, 85));

    [Test]
    public void Too_few_pixels_for_the_size_are_refused() =>
        Assert.That(() => JpegCodec.EncodeGrey(new byte[99], 10, 10, 85), Throws.ArgumentException.With.Message.Contains("10 x 10"));

    private static bool ContainsMarker(byte[] jpeg, byte marker)
    {
        for (var i = 2; i + 1 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == marker)
                return true;
        }

        return false;
    }
}
