using System.Buffers;
using System.Diagnostics;
using Curation.Fits;

namespace Curation.Imaging;

/// <summary>How previews are made (CU2's options).</summary>
public sealed record PreviewOptions
{
    /// <summary>How the display limits are chosen.</summary>
    public ScaleMethod Scale { get; init; } = ScaleMethod.ZScale;

    /// <summary>The percentage of finite pixels clipped at each end with <see cref="ScaleMethod.Percentile"/>.</summary>
    public double Clip { get; init; } = 1.0;

    /// <summary>How values between the limits become grey levels.</summary>
    public Stretch Stretch { get; init; } = Stretch.Linear;

    /// <summary>The longest side a preview may have, in pixels: a larger image is binned by the smallest integer
    /// factor that brings it within this. 0: no limit but JPEG's own (65,535).</summary>
    public int MaxSize { get; init; }

    /// <summary>JPEG quality, 1-100.</summary>
    public int Quality { get; init; } = 85;

    /// <summary>The longer side of the thumbnail, in pixels (0: no thumbnail).</summary>
    public int ThumbnailSize { get; init; } = 128;

    /// <summary>Threads one preview may use (reading, scaling, encoding).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The zscale parameters (astropy's defaults).</summary>
    public ZScale ZScale { get; init; } = new();

    /// <summary>Checks the values; the message names the option at fault.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (Clip is < 0 or >= 50 || double.IsNaN(Clip))
            throw new ArgumentException($"--clip must be a percentage from 0 up to (not including) 50, not {Clip}");
        if (MaxSize < 0)
            throw new ArgumentException($"--max-size must be 0 (no limit) or a number of pixels, not {MaxSize}");
        if (Quality is < 1 or > 100)
            throw new ArgumentException($"--quality must be from 1 to 100, not {Quality}");
        if (ThumbnailSize < 0)
            throw new ArgumentException($"the thumbnail size must be 0 (none) or a number of pixels, not {ThumbnailSize}");
        if (Threads < 1)
            throw new ArgumentException($"--threads must be at least 1, not {Threads}");
    }
}

/// <summary>A preview of one image HDU: its JPEG and its thumbnail's, and how they were made.</summary>
/// <param name="Jpeg">The preview, a greyscale JPEG.</param>
/// <param name="Width">The preview's width (the image's, divided by <paramref name="Binning"/>).</param>
/// <param name="Height">The preview's height.</param>
/// <param name="Thumbnail">The thumbnail, a greyscale JPEG (empty when none was asked for).</param>
/// <param name="ThumbnailWidth">Its width.</param>
/// <param name="ThumbnailHeight">Its height.</param>
/// <param name="Limits">The values shown black and white (null when the image has no finite pixel: all black).</param>
/// <param name="Binning">The factor the image was binned by (1: not binned).</param>
/// <param name="Mirrored">True when the frame was also flipped left to right (see <see cref="Orientation"/>).</param>
/// <param name="Planes">The planes of the HDU (the product of the axes after the second); only the first is shown.</param>
/// <param name="Timing">Where the time went.</param>
public sealed record Preview(byte[] Jpeg, int Width, int Height, byte[] Thumbnail, int ThumbnailWidth, int ThumbnailHeight,
    DisplayLimits? Limits, int Binning, bool Mirrored, long Planes, PreviewTiming Timing)
{
    /// <summary>
    /// Makes the preview and thumbnail of an image HDU: reads its first plane (<see cref="FrameReader"/>), finds the
    /// display limits over the full-resolution pixels, bins the image when it exceeds
    /// <see cref="PreviewOptions.MaxSize"/>, maps it to grey levels the right way up (<see cref="DisplayMapping"/>,
    /// <see cref="Orientation"/>) strip by strip as it encodes it, resamples it for the thumbnail, and encodes that.
    /// </summary>
    /// <exception cref="FitsException">The HDU holds no image, or its pixels cannot be read.</exception>
    /// <exception cref="JpegException">libjpeg-turbo failed.</exception>
    public static Preview Make(FitsHdu hdu, PreviewOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(hdu);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        // The pixels go to a pooled buffer: a new 32 MB array for every frame costs the page faults of fresh memory
        // (several milliseconds for a 4096 x 2048 frame) as well as the garbage collector's work.
        var pixels = FrameReader.PixelsOf(hdu);
        var buffer = pixels is > 0 and <= int.MaxValue ? ArrayPool<float>.Shared.Rent((int)pixels) : null;
        try
        {
            var image = FrameReader.Read(hdu, options.Threads, buffer, cancellation);
            var read = clock.Elapsed;
            var planes = hdu.Axes.Skip(2).Aggregate(1L, (a, b) => a * b);
            return Make(image, Orientation.IsMirrored(hdu.Header), options, planes, read, cancellation);
        }
        finally
        {
            if (buffer is not null)
                ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>Makes the preview and thumbnail of an image already read (see <see cref="Make(FitsHdu, PreviewOptions, CancellationToken)"/>).</summary>
    public static Preview Make(FrameImage image, bool mirrored, PreviewOptions options, long planes = 1, TimeSpan read = default, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var limits = options.Scale == ScaleMethod.ZScale ? options.ZScale.Limits(image) : new PercentileClip(options.Clip).Limits(image, options.Threads);
        var mapping = new DisplayMapping(limits ?? new DisplayLimits(0, 1), options.Stretch);
        var scaled = clock.Elapsed;
        cancellation.ThrowIfCancellationRequested();

        var maxSize = options.MaxSize == 0 ? JpegCodec.MaxDimension : Math.Min(options.MaxSize, JpegCodec.MaxDimension);
        var longSide = Math.Max(image.Width, image.Height);
        var binning = longSide <= maxSize ? 1 : (longSide + maxSize - 1) / maxSize;
        var shown = Resampling.Bin(image, binning, options.Threads);
        var binned = clock.Elapsed;
        cancellation.ThrowIfCancellationRequested();
        // Each strip of JPEG rows is mapped to grey levels just before it is encoded, on the encoding's threads.
        var jpeg = JpegCodec.EncodeGrey(shown.Width, shown.Height, options.Quality, options.Threads,
            (first, rows, destination) => mapping.RenderRows(shown, mirrored, first, rows, destination));
        var encoded = clock.Elapsed;
        cancellation.ThrowIfCancellationRequested();

        byte[] thumbnail = [];
        var (tw, th) = (0, 0);
        if (options.ThumbnailSize > 0)
        {
            var small = Resampling.Thumbnail(shown, options.ThumbnailSize, options.Threads);
            (tw, th) = (small.Width, small.Height);
            thumbnail = JpegCodec.EncodeGrey(mapping.Render(small, mirrored), tw, th, options.Quality);
        }

        var thumbnailed = clock.Elapsed;

        var timing = new PreviewTiming(read, scaled, binned - scaled, encoded - binned, thumbnailed - encoded);
        return new Preview(jpeg, shown.Width, shown.Height, thumbnail, tw, th, limits, binning, mirrored, planes, timing);
    }
}

/// <summary>Where the time of one preview went.</summary>
/// <param name="Read">Reading the pixels (and counting the finite ones).</param>
/// <param name="Limits">Finding the display limits.</param>
/// <param name="Render">Binning, when the frame is binned.</param>
/// <param name="Encode">Mapping to grey levels and encoding the preview (done together, strip by strip).</param>
/// <param name="Thumbnail">Resampling and encoding the thumbnail.</param>
public sealed record PreviewTiming(TimeSpan Read, TimeSpan Limits, TimeSpan Render, TimeSpan Encode, TimeSpan Thumbnail);
