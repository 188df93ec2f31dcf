using Curation.Fits.Writing;

namespace Curation.TablePreparation.Demo;

/// <summary>
/// The 80-column binary table of CASU's imcore (catalogue type 6), every column 1E, as in the fixture
/// ngts-casu/procIMAGE80220150514002449.cat; and its header keywords (THRESHOL, RCORE, APCORn, ...).
/// </summary>
internal static class ImcoreCatalogue
{
    /// <summary>The aperture radii in units of the core radius: apertures 1-7 as MultiframeDetector documents them,
    /// 8-13 as imcore's larger ones.</summary>
    private static readonly double[] ApertureRadii = [0.5, 1 / Math.Sqrt(2), 1, Math.Sqrt(2), 2, 2 * Math.Sqrt(2), 4, 5, 6, 7, 8, 10, 12];

    /// <summary>The columns, in order: name and TUNIT.</summary>
    public static IReadOnlyList<(string Name, string Unit)> Columns { get; } = BuildColumns();

    /// <summary>The core radius (pixels) for a seeing FWHM: imcore's RCORE is about the FWHM.</summary>
    public static double CoreRadius(double seeing) => Math.Round(Math.Max(2.0, seeing), 1);

    /// <summary>The aperture correction (mag) of aperture <paramref name="n"/> (1-7) for a star.</summary>
    public static double ApertureCorrection(int n, double rcore, double sigma) =>
        -2.5 * Math.Log10(Enclosed(ApertureRadii[n - 1] * rcore, sigma * sigma));

    /// <summary>The peak-height correction (mag) for a star: total over peak.</summary>
    public static double PeakCorrection(double sigma) => -2.5 * Math.Log10(Profile.PeakPerFlux(sigma * sigma));

    /// <summary>The table's columns for the detections of one detector frame.</summary>
    public static ColumnSpec[] Table(IReadOnlyList<Detection> detections, FrameConditions c, double rcore, Random rng)
    {
        var n = detections.Count;
        var values = new float[Columns.Count][];
        for (var k = 0; k < values.Length; k++)
            values[k] = new float[n];

        for (var r = 0; r < n; r++)
        {
            var d = detections[r];
            var sigma2 = d.SigmaMajor * d.SigmaMinor;
            double ErrorOf(double flux, double radius) => c.FluxError(flux, radius);
            var positionError = c.CentroidError(d.Flux, sigma2) * (1 + 0.1 * rng.NextDouble());

            var row = new double[Columns.Count];
            row[0] = r + 1;
            row[1] = d.Flux * Enclosed(IsophotalRadius(d, c), sigma2);
            row[2] = d.X;
            row[3] = positionError;
            row[4] = d.Y;
            row[5] = positionError;
            row[6] = Math.Sqrt(sigma2);
            row[7] = 1 - d.SigmaMinor / d.SigmaMajor;
            row[8] = d.Angle;
            for (var k = 0; k < 8; k++)
                row[9 + k] = Math.Round(Area(d.Peak, c.Threshold * Math.Pow(2, k), sigma2));
            row[17] = d.Peak;
            row[18] = c.SkyNoise;
            for (var a = 0; a < ApertureRadii.Length; a++)
            {
                var radius = ApertureRadii[a] * rcore;
                var flux = d.Flux * Enclosed(radius, sigma2) + Math.Sqrt(Math.PI) * radius * c.SkyNoise * DetectorFrame.Gaussian(rng);
                row[19 + 2 * a] = flux;
                row[20 + 2 * a] = ErrorOf(flux, radius);
            }

            var half = 1.1774 * Math.Sqrt(sigma2);
            var (petrosian, kron) = (2.5 * half, 2.0 * half);
            row[45] = petrosian;
            row[46] = kron;
            row[47] = half;
            row[48] = d.Flux * Enclosed(2 * petrosian, sigma2);
            row[49] = ErrorOf(row[48], 2 * petrosian);
            row[50] = d.Flux * Enclosed(2 * kron, sigma2);
            row[51] = ErrorOf(row[50], 2 * kron);
            row[52] = d.Flux * Enclosed(half, sigma2);
            row[53] = ErrorOf(row[52], half);
            row[54] = d.BadPixels;
            row[55] = c.Sky + c.SkyNoise * 0.05 * DetectorFrame.Gaussian(rng);
            row[56] = c.SkyNoise * (1 + 0.03 * DetectorFrame.Gaussian(rng));
            row[57] = d.Confidence;
            row[58] = d.RaRadians;
            row[59] = d.DecRadians;
            (row[60], row[61]) = Classify(d, rng);
            for (var k = 0; k < row.Length; k++)
                values[k][r] = (float)row[k]; // RA and DEC were floats already: exact
        }

        return [.. Columns.Select((col, k) => new ColumnSpec(col.Name, "1E", col.Unit, values[k]))];
    }

    /// <summary>The imcore keywords of the table's header (those MultiframeDetector reads as BINTABLE.*, and the rest).</summary>
    public static IEnumerable<string> Keywords(FrameConditions c, double rcore, int pixels) => new HeaderCards()
        .Int("NXOUT", pixels, "X-axis size of image")
        .Int("NYOUT", pixels, "Y-axis size of image")
        .History("IMCORE version: $Date: 2007/06/07 14:06:31 $")
        .Real("SKYLEVEL", c.Sky, "0.00", "Median sky brightness (counts/pixel)")
        .Real("SKYNOISE", c.SkyNoise, "0.00", "Pixel noise at sky level (counts)")
        .Real("THRESHOL", c.Threshold, "0.00", "Isophotal analysis threshold (counts)")
        .Int("MINPIX", 4, "Minimum size for images (pixels)")
        .Int("CROWDED", 1, "Crowded field analysis flag (0 none, 1 active)")
        .Real("RCORE", rcore, "0.00", "[pixels] Core radius for default profile fit")
        .Real("FILTFWHM", 1.5, "0.00", "[pixels] FWHM of smoothing kernel")
        .Real("SEEING", c.Seeing, "0.000000", "Average FWHM (pixels)")
        .Int("NBSIZE", 64, "Smoothing box size for background")
        .Real("ELLIPTIC", c.StellarEllipticity, "0.0000000", "Average stellar ellipticity (1-b/a)")
        .Bool("CLASSIFD", true, "Class flag: -1 stellar, 1 non-stellar, 0 noise")
        .Real("SATURATE", c.Saturation, "0.00", "Average saturation level in frame")
        .Real("APCORPK", PeakCorrection(c.Sigma), "0.000000", "Stellar aperture correction - peak height")
        .Real("APCOR1", ApertureCorrection(1, rcore, c.Sigma), "0.0000000", "Stellar aperture correction - 1/2x core flux")
        .Real("APCOR2", ApertureCorrection(2, rcore, c.Sigma), "0.0000000", "Stellar aperture correction - core/sqrt(2) flux")
        .Real("APCOR3", ApertureCorrection(3, rcore, c.Sigma), "0.0000000", "Stellar aperture correction - core flux")
        .Real("APCOR4", ApertureCorrection(4, rcore, c.Sigma), "0.0000000", "Stellar aperture correction - sqrt(2)x core flux")
        .Real("APCOR5", ApertureCorrection(5, rcore, c.Sigma), "0.0000000", "Stellar aperture correction - 2x core flux")
        .Real("APCOR6", ApertureCorrection(6, rcore, c.Sigma), "0.0000000", "Stellar aperture correction - 2sqrt(2)x core flux")
        .Real("APCOR7", ApertureCorrection(7, rcore, c.Sigma), "0.0000000", "Stellar aperture correction - 4x core flux")
        .Real("MAGZPT", c.ZeroPoint, "0.000", "Photometric ZP (mags) for default extinction")
        .Real("MAGZRR", 0.012, "0.000", "Photometric ZP error (mags)")
        .Real("EXTINCT", c.Extinction, "0.00", "Extinction coefficient (mags)")
        .ToArray();

    private static double Enclosed(double radius, double sigma2) => Profile.Enclosed(radius, sigma2);

    /// <summary>The area (pixels) where a Gaussian of the given peak lies above a level.</summary>
    private static double Area(double peak, double level, double sigma2) => peak > level ? 2 * Math.PI * sigma2 * Math.Log(peak / level) : 0;

    private static double IsophotalRadius(Detection d, FrameConditions c) =>
        d.Peak > c.Threshold ? Math.Sqrt(2 * d.SigmaMajor * d.SigmaMinor * Math.Log(d.Peak / c.Threshold)) : 0.5;

    /// <summary>Classification and Statistic as imcore gives them: -1 star, -2 probable star, 1 galaxy, -3 probable galaxy,
    /// 0 noise, -9 saturated; the statistic is the curve-of-growth distance from a point source in sigma.</summary>
    private static (double Class, double Statistic) Classify(Detection d, Random rng)
    {
        var g = DetectorFrame.Gaussian(rng);
        if (d.Saturated)
            return (-9, 20 + 10 * rng.NextDouble());
        return d.Source.Kind switch
        {
            SourceKind.Noise => (0, -5 + 2 * g),
            SourceKind.Galaxy => d.Peak > 10 * d.Source.Size ? (1, 4 + 3 * Math.Abs(g) + 4 * d.Source.Size) : (-3, 2.5 + Math.Abs(g)),
            _ => Math.Abs(g) < 2 ? (-1, g) : (-2, g),
        };
    }

    private static List<(string, string)> BuildColumns()
    {
        var columns = new List<(string, string)>
        {
            ("Sequence_number", "Number"), ("Isophotal_flux", "ADU"), ("X_coordinate", "Pixels"), ("X_coordinate_err", "Pixels"),
            ("Y_coordinate", "Pixels"), ("Y_coordinate_err", "Pixels"), ("Gaussian_sigma", "Pixels"), ("Ellipticity", "Number"),
            ("Position_angle", "Degrees"),
        };
        for (var k = 1; k <= 8; k++)
            columns.Add(($"Areal_{k}_profile", "Pixels"));
        columns.Add(("Peak_height", "ADU"));
        columns.Add(("Peak_height_err", "ADU"));
        for (var k = 1; k <= 13; k++)
        {
            columns.Add(($"Aper_flux_{k}", "ADU"));
            columns.Add(($"Aper_flux_{k}_err", "ADU"));
        }

        columns.AddRange([
            ("Petr_radius", "Pixels"), ("Kron_radius", "Pixels"), ("Half_radius", "Pixels"), ("Petr_flux", "ADU"), ("Petr_flux_err", "ADU"),
            ("Kron_flux", "ADU"), ("Kron_flux_err", "ADU"), ("Half_flux", "ADU"), ("Half_flux_err", "ADU"), ("Error_bit_flag", "Number"),
            ("Sky_level", "ADU"), ("Sky_rms", "ADU"), ("Av_conf", "Number"), ("RA", "Radians"), ("DEC", "Radians"), ("Classification", "Flag"),
            ("Statistic", "N-sigma"),
        ]);
        for (var k = 63; k <= 80; k++)
            columns.Add(($"Blank{k}", $"Blank{k}"));
        return columns;
    }
}
