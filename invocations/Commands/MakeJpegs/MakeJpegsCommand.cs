using System.CommandLine;
using Curation.Imaging;

namespace Curation.Invocations.Commands.MakeJpegs;

/// <summary><c>curate make-jpegs</c> (<c>cu2</c>): makes JPEG previews and thumbnails of the detector frames.</summary>
internal static class MakeJpegsCommand
{
    /// <summary><c>--scale</c>.</summary>
    public static readonly Option<string> Scale = OneOf(new Option<string>("--scale")
    {
        Description = "How the grey range is chosen: zscale (IRAF's, as astropy's ZScaleInterval) or percentile (--clip percent of the pixels clipped at each end).",
        DefaultValueFactory = _ => "zscale",
    }, "zscale", "percentile");

    /// <summary><c>--clip</c>.</summary>
    public static readonly Option<double?> Clip = new("--clip")
    {
        Description = "With --scale percentile: the percentage of pixels shown black, and of pixels shown white (default 1).",
        HelpName = "P",
    };

    /// <summary><c>--stretch</c>.</summary>
    public static readonly Option<string> Stretch = OneOf(new Option<string>("--stretch")
    {
        Description = "How values between the limits become grey: linear, or asinh (astropy's AsinhStretch, a = 0.1: faint detail brighter).",
        DefaultValueFactory = _ => "linear",
    }, "linear", "asinh");

    /// <summary><c>--max-size</c>.</summary>
    public static readonly Option<int> MaxSize = new("--max-size")
    {
        Description = "Bin a frame larger than N pixels on its longer side by the smallest integer factor that fits it (mean of the finite pixels); 0: full resolution.",
        HelpName = "N",
        DefaultValueFactory = _ => 0,
    };

    /// <summary><c>--quality</c>.</summary>
    public static readonly Option<int> Quality = new("--quality")
    {
        Description = "JPEG quality, 1-100.",
        HelpName = "Q",
        DefaultValueFactory = _ => 85,
    };

    /// <summary><c>--threads</c>.</summary>
    public static readonly Option<int?> Threads = new("--threads")
    {
        Description = "Frames previewed at once, and threads each may use (default: the number of processors).",
        HelpName = "N",
    };

    /// <summary><c>--force</c>.</summary>
    public static readonly Option<bool> Force = new("--force")
    {
        Description = "Make the previews of every frame again, even those already made (files overwritten).",
    };

    /// <summary><c>--programme</c>, optional here.</summary>
    public static readonly Option<string?> Programme = new("--programme", "-p")
    {
        Description = "Only the frames of this programme: its ID, acronym or table prefix (default: every programme).",
        HelpName = "P",
    };

    private static Option<string> OneOf(Option<string> option, params string[] values)
    {
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var archiveDir = CommonOptions.ArchiveDir();
        return CuCommand.Create(context, 2, "make-jpegs", "CU2: make a JPEG preview and a thumbnail of every new detector frame.",
            "CU2: make a greyscale JPEG preview of every detector frame (image extension) of the image files that has\n"
            + "none yet (MultiframeDetector.compFile NONE), and a thumbnail 128 pixels on its longer side; record their\n"
            + "paths in compFile and thumbFile. Confidence maps and catalogues are not previewed. Files go to\n"
            + "DIR/jpegs/YYYYMMDD/<file>_<extNum>.jpg and DIR/thumbs/YYYYMMDD/<file>_<extNum>.jpg (YYYYMMDD the night),\n"
            + "each written to a temporary name and renamed. Frames are shown the right way up (FITS row 1 at the\n"
            + "bottom; a mirrored WCS flipped so east is left of north), NaN and BLANK pixels black. Several frames are\n"
            + "made at once; each multiframe is recorded in one unit. A frame that cannot be read is reported with its\n"
            + "file and HDU, the rest go on, and the exit code is then 1. A preview already on disk and newer than its\n"
            + "file is recorded without being made again, unless --force. See docs/imaging.md.\n\n"
            + "Examples:\n"
            + "  curate make-jpegs --archive-dir /data/wsa\n"
            + "  curate cu2 --programme LAS --scale percentile --clip 0.5 --stretch asinh --max-size 2048",
            perProgramme: false, [archiveDir, Scale, Clip, Stretch, MaxSize, Quality, Threads, Force, Programme],
            (parseResult, options) =>
            {
                var threads = parseResult.GetValue(Threads) ?? Environment.ProcessorCount;
                var scale = parseResult.GetValue(Scale) == "percentile" ? ScaleMethod.Percentile : ScaleMethod.ZScale;
                var clip = parseResult.GetValue(Clip);
                if (clip is not null && scale != ScaleMethod.Percentile)
                    throw new CurationUsageException("--clip is the clipping of --scale percentile; add --scale percentile (zscale has no clip)");
                var preview = new PreviewOptions
                {
                    Scale = scale,
                    Clip = clip ?? 1.0,
                    Stretch = parseResult.GetValue(Stretch) == "asinh" ? Curation.Imaging.Stretch.Asinh : Curation.Imaging.Stretch.Linear,
                    MaxSize = parseResult.GetValue(MaxSize),
                    Quality = parseResult.GetValue(Quality),
                    Threads = threads,
                };
                try
                {
                    preview.Validate();
                }
                catch (ArgumentException e)
                {
                    throw new CurationUsageException(e.Message);
                }

                var request = new MakeJpegsRequest
                {
                    ArchiveDirectory = CommonOptions.ArchiveDirOf(parseResult, archiveDir),
                    Preview = preview,
                    Workers = threads,
                    Force = parseResult.GetValue(Force),
                    Programme = parseResult.GetValue(Programme),
                };
                return new MakeJpegsSession(options, request, context.Out);
            });
    }
}
