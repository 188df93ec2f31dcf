namespace Curation.TablePreparation.Demo;

/// <summary>The observing conditions and calibration of one detector frame.</summary>
/// <param name="Sky">Sky level (ADU).</param>
/// <param name="SkyNoise">Pixel noise at sky level (ADU).</param>
/// <param name="Seeing">FWHM of a star (pixels).</param>
/// <param name="StellarEllipticity">Ellipticity (1 - b/a) of a star.</param>
/// <param name="StellarAngle">Position angle of a star's major axis (degrees from the X axis).</param>
/// <param name="ZeroPoint">MAGZPT.</param>
/// <param name="Extinction">EXTINCT.</param>
/// <param name="Airmass">Mean airmass.</param>
/// <param name="ExpTime">Exposure time (s).</param>
/// <param name="Gain">Electrons per ADU.</param>
/// <param name="ReadNoise">Read noise (ADU).</param>
/// <param name="Saturation">Level at which pixels saturate (ADU).</param>
/// <param name="Exposures">How many exposures were averaged (1, or the components of a stack).</param>
/// <param name="Filter">The passband (FILTER), in which the sources' magnitudes are taken.</param>
internal sealed record FrameConditions(
    double Sky, double SkyNoise, double Seeing, double StellarEllipticity, double StellarAngle, double ZeroPoint, double Extinction,
    double Airmass, double ExpTime, double Gain, double ReadNoise, double Saturation, int Exposures, string Filter)
{
    /// <summary>The Gaussian sigma of a star (pixels).</summary>
    public double Sigma => Seeing / 2.3548;

    /// <summary>Total counts (ADU) of a source of a magnitude.</summary>
    public double Flux(double magnitude) => ExpTime * Math.Pow(10, 0.4 * (ZeroPoint - magnitude - Extinction * (Airmass - 1)));

    /// <summary>The faintest magnitude whose peak is 3 sigma above the sky.</summary>
    public double Limit => ZeroPoint - Extinction * (Airmass - 1) - 2.5 * Math.Log10(3 * SkyNoise / Profile.PeakPerFlux(Sigma * Sigma) / ExpTime);

    /// <summary>The isophotal analysis threshold (THRESHOL): 1.5 sigma of the sky.</summary>
    public double Threshold => 1.5 * SkyNoise;

    /// <summary>The uncertainty (pixels, each axis) of the centroid of a source of the given counts and core variance
    /// (product of the axes' sigmas): its size over its signal-to-noise ratio in an aperture of twice its sigma.</summary>
    public double CentroidError(double flux, double sigma2) =>
        Math.Sqrt(sigma2) / Math.Max(flux / FluxError(flux, 2 * Math.Sqrt(sigma2)), 1);

    /// <summary>The error (ADU) of counts measured in an aperture of the given radius (pixels): Poisson and sky noise.</summary>
    public double FluxError(double flux, double radius) => Math.Sqrt(Math.Max(flux, 0) / Gain / Exposures + Math.PI * radius * radius * (SkyNoise * SkyNoise));
}

/// <summary>
/// The light profile of every source: a Gaussian core with 88% of the flux and a Gaussian wing 2.5 times wider, so that
/// aperture corrections fall off with radius as a real PSF's do (a single Gaussian has none beyond two core radii).
/// </summary>
internal static class Profile
{
    /// <summary>The fraction of the flux in the core.</summary>
    public const double CoreWeight = 0.88;

    /// <summary>The wing's sigma over the core's.</summary>
    public const double WingScale = 2.5;

    /// <summary>Peak height per unit flux for a core of variance sigma2 (product of the axes' sigmas).</summary>
    public static double PeakPerFlux(double sigma2) => (CoreWeight + (1 - CoreWeight) / (WingScale * WingScale)) / (2 * Math.PI * sigma2);

    /// <summary>The fraction of the flux within a radius.</summary>
    public static double Enclosed(double radius, double sigma2) =>
        CoreWeight * (1 - Math.Exp(-radius * radius / (2 * sigma2)))
        + (1 - CoreWeight) * (1 - Math.Exp(-radius * radius / (2 * sigma2 * WingScale * WingScale)));
}

/// <summary>A source found on a detector frame: what imcore would have measured, before its catalogue row is filled.</summary>
/// <param name="Source">The source.</param>
/// <param name="RaRadians">The measured right ascension, as stored in the catalogue: the source's, off by the centroid's error.</param>
/// <param name="DecRadians">The measured declination, likewise.</param>
/// <param name="X">X pixel co-ordinate (FITS, 1-based) of the measured position through the WCS, as stored in the catalogue.</param>
/// <param name="Y">Y pixel co-ordinate, as stored.</param>
/// <param name="Flux">Total counts (ADU).</param>
/// <param name="SigmaMajor">Gaussian sigma along the major axis (pixels).</param>
/// <param name="SigmaMinor">Gaussian sigma along the minor axis (pixels).</param>
/// <param name="Angle">Position angle of the major axis (degrees from X).</param>
/// <param name="Peak">Peak height above sky (ADU), as recorded (clipped for a saturated source).</param>
/// <param name="Saturated">True when the source's pixels reached saturation.</param>
/// <param name="BadPixels">Pixels within the core radius that lie off the detector (Error_bit_flag).</param>
/// <param name="Confidence">Average confidence (Av_conf; 100 nominal).</param>
internal sealed record Detection(
    SkySource Source, float RaRadians, float DecRadians, float X, float Y, double Flux, double SigmaMajor, double SigmaMinor, double Angle, double Peak, bool Saturated,
    int BadPixels, double Confidence);

/// <summary>One detector frame: its pixels (physical values) and the detections imcore would list for it.</summary>
internal sealed class DetectorFrame
{
    /// <summary>The error (arcsec, each axis) of a position through the plate solution, whatever the source's brightness:
    /// a WFCAM frame's WCS fits its reference stars to about 0.05-0.1 arcsec (STDCRMS), part of it theirs.</summary>
    public const double AstrometricError = 0.04;

    private DetectorFrame(int pixels, double[] values, List<Detection> detections)
    {
        Pixels = pixels;
        Values = values;
        Detections = detections;
    }

    /// <summary>Width and height.</summary>
    public int Pixels { get; }

    /// <summary>Physical pixel values, NAXIS1 fastest.</summary>
    public double[] Values { get; }

    /// <summary>The detections, in imcore's order (by Y, then X).</summary>
    public List<Detection> Detections { get; }

    /// <summary>Draws the sources that fall on the detector onto sky and noise, and lists those bright enough to detect
    /// (noise peaks are listed, never drawn).</summary>
    /// <param name="pixels">Width and height.</param>
    /// <param name="wcs">The frame's WCS.</param>
    /// <param name="conditions">Sky, seeing and calibration.</param>
    /// <param name="sources">Stars and galaxies about the pointing.</param>
    /// <param name="noise">Noise peaks about the pointing.</param>
    /// <param name="confidence">Confidence (100 nominal) at a pixel (1-based X, Y).</param>
    /// <param name="rng">The frame's random numbers.</param>
    /// <param name="centroids">The random numbers of the measured positions.</param>
    /// <param name="rcore">The core radius (RCORE) for the bad-pixel count.</param>
    public static DetectorFrame Render(
        int pixels, DetectorWcs wcs, FrameConditions conditions, IEnumerable<SkySource> sources, IEnumerable<SkySource> noise,
        Func<int, int, double> confidence, Random rng, Random centroids, double rcore)
    {
        // Degrees on the sky per pixel, for the centroid's error.
        var scale = Math.Sqrt(Math.Abs(wcs.Cd11 * wcs.Cd22 - wcs.Cd12 * wcs.Cd21));
        var signal = new double[pixels * pixels];
        var detections = new List<Detection>();
        foreach (var source in sources.Concat(noise))
        {
            var (x, y) = wcs.SkyToPixel(source.RaDeg, source.DecDeg);
            var (fx, fy) = ((float)x, (float)y);
            if (fx < 0.5f || fy < 0.5f || fx > pixels + 0.5f || fy > pixels + 0.5f)
                continue;

            var flux = conditions.Flux(source.MagnitudeIn(conditions.Filter));
            var (major, minor, angle) = Shape(source, conditions);
            var peak = flux * Profile.PeakPerFlux(major * minor);
            if (source.Kind != SourceKind.Noise)
            {
                Draw(signal, pixels, fx, fy, flux * Profile.CoreWeight, major, minor, angle);
                Draw(signal, pixels, fx, fy, flux * (1 - Profile.CoreWeight), major * Profile.WingScale, minor * Profile.WingScale, angle);
                if (peak < 3 * conditions.SkyNoise)
                    continue;
            }

            // What imcore measures is off by the centroid's error, and the plate solution by its own: the same source has a
            // slightly different RA and DEC in each catalogue. Its X/Y are those of the measured RA/DEC, so the catalogue
            // agrees with its header WCS.
            var error = Math.Sqrt(Math.Pow(conditions.CentroidError(flux, major * minor) * scale, 2) + Math.Pow(AstrometricError / 3600, 2));
            var dec = source.DecDeg + error * Gaussian(centroids);
            var ra = source.RaDeg + error * Gaussian(centroids) / Math.Cos(source.DecDeg * Math.PI / 180);
            var (raRadians, decRadians) = ((float)(ra * Math.PI / 180), (float)(dec * Math.PI / 180));
            (x, y) = wcs.SkyToPixel(raRadians * (180 / Math.PI), decRadians * (180 / Math.PI));
            var saturated = conditions.Sky + peak >= conditions.Saturation;
            detections.Add(new Detection(source, raRadians, decRadians, (float)x, (float)y, flux, major, minor, angle, saturated ? conditions.Saturation - conditions.Sky : peak,
                saturated, OffDetector(x, y, pixels, rcore), confidence((int)Math.Round(x), (int)Math.Round(y))));
        }

        var values = new double[signal.Length];
        var readVariance = conditions.ReadNoise * conditions.ReadNoise / conditions.Exposures;
        for (var i = 0; i < values.Length; i++)
        {
            var mean = conditions.Sky + signal[i];
            var sigma = Math.Sqrt(mean / conditions.Gain / conditions.Exposures + readVariance);
            values[i] = Math.Min(mean + sigma * Gaussian(rng), conditions.Saturation);
        }

        detections.Sort((a, b) => a.Y != b.Y ? a.Y.CompareTo(b.Y) : a.X.CompareTo(b.X));
        return new DetectorFrame(pixels, values, detections);
    }

    /// <summary>A standard normal deviate (Box-Muller; one of the pair, for simplicity).</summary>
    public static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static (double Major, double Minor, double Angle) Shape(SkySource source, FrameConditions c)
    {
        var (ellipticity, angle, size) = source.Kind == SourceKind.Star
            ? (c.StellarEllipticity, c.StellarAngle, 1.0)
            : (source.Ellipticity, source.PositionAngle, source.Size);
        var sigma = c.Sigma * size;
        var axisRatio = 1 - ellipticity;
        return (sigma / Math.Sqrt(axisRatio), sigma * Math.Sqrt(axisRatio), angle);
    }

    /// <summary>Adds an elliptical Gaussian of the given total counts, sampled at pixel centres.</summary>
    private static void Draw(double[] image, int pixels, double x, double y, double flux, double major, double minor, double angleDeg)
    {
        var (cos, sin) = (Math.Cos(angleDeg * Math.PI / 180), Math.Sin(angleDeg * Math.PI / 180));
        var (a2, b2) = (major * major, minor * minor);
        var norm = flux / (2 * Math.PI * major * minor);
        var reach = (int)Math.Ceiling(6 * major);
        var (x0, x1) = (Math.Max(1, (int)x - reach), Math.Min(pixels, (int)x + reach + 1));
        var (y0, y1) = (Math.Max(1, (int)y - reach), Math.Min(pixels, (int)y + reach + 1));
        for (var j = y0; j <= y1; j++)
        {
            for (var i = x0; i <= x1; i++)
            {
                var (dx, dy) = (i - x, j - y);
                var (u, v) = (dx * cos + dy * sin, -dx * sin + dy * cos);
                image[(j - 1) * pixels + (i - 1)] += norm * Math.Exp(-0.5 * (u * u / a2 + v * v / b2));
            }
        }
    }

    /// <summary>Pixels within the core radius of (x, y) that lie off the detector.</summary>
    private static int OffDetector(double x, double y, int pixels, double rcore)
    {
        var count = 0;
        var reach = (int)Math.Ceiling(rcore);
        for (var j = (int)Math.Round(y) - reach; j <= (int)Math.Round(y) + reach; j++)
        {
            for (var i = (int)Math.Round(x) - reach; i <= (int)Math.Round(x) + reach; i++)
            {
                if ((i - x) * (i - x) + (j - y) * (j - y) <= rcore * rcore && (i < 1 || j < 1 || i > pixels || j > pixels))
                    count++;
            }
        }

        return count;
    }
}
