namespace Curation.Imaging;

/// <summary>How the display limits of a preview are chosen.</summary>
public enum ScaleMethod
{
    /// <summary>IRAF's zscale, as astropy's <c>ZScaleInterval</c> computes it (<see cref="ZScale"/>).</summary>
    ZScale,

    /// <summary>Percentile clipping: a given percentage of the finite pixels clipped at each end (<see cref="PercentileClip"/>).</summary>
    Percentile,
}

/// <summary>How a pixel between the limits is mapped to a grey level.</summary>
public enum Stretch
{
    /// <summary>Grey level proportional to the value: 255 (v - low) / (high - low).</summary>
    Linear,

    /// <summary>astropy's <c>AsinhStretch(a = 0.1)</c> of the linear fraction t: asinh(t / a) / asinh(1 / a).</summary>
    Asinh,
}

/// <summary>The values shown as black (<see cref="Low"/>) and white (<see cref="High"/>) in a preview.</summary>
/// <param name="Low">The value shown black; values below it are black too.</param>
/// <param name="High">The value shown white; values above it are white too.</param>
public readonly record struct DisplayLimits(double Low, double High)
{
    /// <summary>
    /// Limits with <see cref="High"/> above <see cref="Low"/>: limits that coincide (a constant image, or a zscale
    /// fit of slope 0) are widened by a millionth of their value (or by 1 at 0) each way, so the value shows mid-grey.
    /// </summary>
    public DisplayLimits Widened()
    {
        if (High > Low)
            return this;
        var half = Low == 0 ? 0.5 : Math.Abs(Low) * 1e-6;
        var middle = (Low + High) / 2;
        return new DisplayLimits(middle - half, middle + half);
    }
}
