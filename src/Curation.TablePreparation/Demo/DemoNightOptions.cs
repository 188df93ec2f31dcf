namespace Curation.TablePreparation.Demo;

/// <summary>Settings of a generated demonstration night (<see cref="DemoNight.Write"/>).</summary>
public sealed record DemoNightOptions
{
    /// <summary>The UT date of the night (default 2007-10-11); it names the night's directory and files.</summary>
    public DateOnly UtDate { get; init; } = new(2007, 10, 11);

    /// <summary>The seed of every random choice: the same seed (and other settings) gives byte-identical files.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The width and height of each detector image in pixels (default 256; at least 64). The four detectors are
    /// laid out like WFCAM's, scaled to this size.</summary>
    public int DetectorPixels { get; init; } = 256;
}
