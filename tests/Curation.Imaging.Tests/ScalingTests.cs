using Curation.Fits;
using Curation.Fits.Writing;
using NUnit.Framework;

namespace Curation.Imaging.Tests;

/// <summary>zscale and percentile limits on generated skies with undefined pixels (a bad column, scattered bad pixels,
/// whole bad rows), against astropy and numpy on the same file.</summary>
public sealed class ScalingTests
{
    /// <summary>A sky with noise, a gradient and stars; NaN in the column a third of the way across, in a tenth of the
    /// rows from a third of the way up, and in 1 pixel of 50.</summary>
    private static float[] Sky(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                pixels[y * width + x] = (float)(1000 + 0.01 * x + 10 * noise);
            }
        }

        for (var s = 0; s < 300; s++)
        {
            int cx = random.Next(width), cy = random.Next(height);
            var flux = Math.Exp(6 + 3 * random.NextDouble());
            for (var y = Math.Max(0, cy - 6); y < Math.Min(height, cy + 7); y++)
            {
                for (var x = Math.Max(0, cx - 6); x < Math.Min(width, cx + 7); x++)
                    pixels[y * width + x] += (float)(flux * Math.Exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 4.5));
            }
        }

        for (var y = 0; y < height; y++)
            pixels[y * width + width / 3] = float.NaN;
        for (var y = height / 3; y < height / 3 + Math.Max(1, height / 10); y++)
            Array.Fill(pixels, float.NaN, y * width, width);
        for (var i = 0; i < pixels.Length / 50; i++)
            pixels[random.Next(pixels.Length)] = float.NaN;
        return pixels;
    }

    [TestCase(1500, 1000, 1)]
    [TestCase(997, 13, 2)]
    [TestCase(40, 30, 3)]
    public void Limits_of_a_sky_with_undefined_pixels_are_astropys_and_numpys(int width, int height, int seed)
    {
        using var dir = new TempDirectory("curation-imaging-tests");
        var path = dir.File("sky.fits");
        using (var writer = FitsWriter.Create(path))
            writer.AddImage(-32, [width, height], Sky(width, height, seed));
        var results = Reference.Run(dir, new ReferenceJob(path), new ReferenceJob(path, Scale: "percentile", Clip: 0.5), new ReferenceJob(path, Scale: "percentile", Clip: 5));

        using var fits = FitsFile.Open(path);
        var image = FrameReader.Read(fits.Hdus[0], threads: 2);
        var zscale = results[0];
        Assert.That(image.Finite, Is.EqualTo(zscale.Integer("finite")));
        var samples = ZScale.Sample(image, 1000);
        Assert.That(samples, Has.Length.EqualTo(zscale.Integer("nsamples")));
        Assert.That(samples.Sum(s => (double)s), Is.EqualTo(zscale.Number("samples_sum")).Within(1e-9 * samples.Sum(s => Math.Abs((double)s))));

        var ours = new ZScale().Limits(image)!.Value;
        Assert.That(ours.Low, Is.EqualTo(zscale.Number("vmin")).Within(1e-6 * Math.Abs(zscale.Number("vmin"))), "zscale low");
        Assert.That(ours.High, Is.EqualTo(zscale.Number("vmax")).Within(1e-6 * Math.Abs(zscale.Number("vmax"))), "zscale high");

        foreach (var (clip, theirs) in new[] { (0.5, results[1]), (5.0, results[2]) })
        {
            var limits = new PercentileClip(clip).Limits(image, threads: 3)!.Value;
            Assert.That(limits.Low, Is.EqualTo(theirs.Number("vmin")).Within(1e-9 * Math.Abs(theirs.Number("vmin"))), $"{clip} percentile");
            Assert.That(limits.High, Is.EqualTo(theirs.Number("vmax")).Within(1e-9 * Math.Abs(theirs.Number("vmax"))), $"{100 - clip} percentile");
        }
    }

    [Test]
    public void Fewer_samples_than_min_pixels_give_the_samples_extremes() =>
        Assert.That(new ZScale().FromSamples([3, 1, 2]), Is.EqualTo(new DisplayLimits(1, 3)));

    [Test]
    public void An_image_without_a_finite_pixel_has_no_limits()
    {
        var image = FrameImage.FromPixels(3, 2, [float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN]);
        Assert.That(new ZScale().Limits(image), Is.Null);
        Assert.That(new PercentileClip(1).Limits(image), Is.Null);
    }
}
