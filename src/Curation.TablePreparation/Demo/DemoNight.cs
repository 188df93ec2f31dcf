using System.Globalization;
using Curation.Fits.Writing;

namespace Curation.TablePreparation.Demo;

/// <summary>
/// Writes a small, realistic WFCAM night as the CASU pipeline delivers it to the archive: reduced images (an empty
/// primary HDU and four detector images with a ZPN WCS), a stack naming its components, a confidence map, and an imcore
/// catalogue of every image, for several programmes (LAS, GPS, GCS, DXS, UDS, calibration, one open-time programme, and
/// one frame whose PROJECT matches no programme). Everything is drawn from a seed: the same options give byte-identical
/// files. See docs/demo-night.md.
/// </summary>
public static class DemoNight
{
    private const int Cameras = 4;
    private const string FileComment = "Demonstration data made by Curation (DemoNight): not an observation";

    private static readonly double[] CameraGain = [4.6, 4.5, 4.4, 4.5];
    private static readonly string[] CameraDevice = ["RSC:H2:30", "RSC:H2:34", "RSC:H2:39", "RSC:H2:41"];
    private static readonly double[] CameraSaturation = [39500, 41000, 38800, 40200];

    /// <summary>Writes the night into <c>&lt;directory&gt;/&lt;yyyymmdd&gt;/</c> (created; files of the same names replaced)
    /// and returns what was written.</summary>
    /// <exception cref="ArgumentOutOfRangeException">DetectorPixels is below 64.</exception>
    public static DemoNightManifest Write(string directory, DemoNightOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        options ??= new DemoNightOptions();
        if (options.DetectorPixels < 64)
            throw new ArgumentOutOfRangeException(nameof(options), options.DetectorPixels, "DetectorPixels must be at least 64");

        var night = new Night(options, Path.Combine(directory, options.UtDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture)));
        Directory.CreateDirectory(night.Directory);
        var files = new List<DemoFile>();
        var rendered = new Dictionary<int, Exposure>();
        foreach (var plan in NightPlan.Exposures)
        {
            var exposure = night.Observe(plan);
            rendered[plan.ObsNum] = exposure;
            files.Add(night.WriteImage(exposure));
            files.Add(night.WriteCatalogue(exposure, files[^1].Path));
        }

        foreach (var members in NightPlan.Stacks)
        {
            var stack = night.Stack([.. members.Select(m => rendered[m])]);
            files.Add(night.WriteImage(stack));
            var imagePath = files[^1].Path;
            files.Add(night.WriteConfidence(stack, imagePath));
            files.Add(night.WriteCatalogue(stack, imagePath));
        }

        return new DemoNightManifest(night.Directory, options.UtDate, options.Seed, files);
    }

    /// <summary>One exposure or stack, drawn: its plan, time, conditions, WCS and detector frames.</summary>
    private sealed record Exposure(
        PlannedExposure Plan, string FileName, DateTime Start, DateTime End, double AirmassStart, double AirmassEnd,
        DetectorWcs[] Wcs, FrameConditions[] Conditions, DetectorFrame[] Frames, double[] CoreRadius, Weather Weather,
        string MsbId, string MsbTid, IReadOnlyList<Exposure> Components, int[]? Confidence)
    {
        public bool IsStack => Components.Count > 0;

        public string BaseName => Path.GetFileNameWithoutExtension(FileName);
    }

    /// <summary>The conditions at the telescope during an exposure.</summary>
    private sealed record Weather(double AirTemp, double Pressure, double DewPoint, double Humidity, double WindDir, double WindSpeed, double Tau);

    /// <summary>The night being written: the options, the focal plane and the sky of each field (OBJECT).</summary>
    private sealed class Night(DemoNightOptions options, string directory)
    {
        private readonly WfcamFocalPlane plane = new(options.DetectorPixels);
        private readonly Dictionary<string, List<SkySource>> fields = new(StringComparer.Ordinal);

        public string Directory { get; } = directory;

        private string Date => options.UtDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        private Random Rng(int obsNum, int purpose) => new(unchecked(options.Seed * 7919 + obsNum * 104729 + purpose * 15485863));

        public Exposure Observe(PlannedExposure plan)
        {
            var rng = Rng(plan.ObsNum, 1);
            var start = options.UtDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddMilliseconds(Math.Round(plan.UtStart * 3_600_000));
            var end = start.AddSeconds(plan.ExpTime + 1.152);
            var (ra, dec) = Pointing(plan);
            var airmass = (Observatory.Airmass(start, ra, dec), Observatory.Airmass(end, ra, dec));
            // The plate solution is centred where the telescope pointed, not quite where it was asked to.
            (ra, dec) = (ra + plan.PointingError.East / 3600 / Math.Cos(dec * Math.PI / 180), dec + plan.PointingError.North / 3600);
            var band = plan.Band;
            var seeing = 2.0 + rng.NextDouble();
            var (ellipticity, angle) = (0.03 + 0.06 * rng.NextDouble(), 180 * rng.NextDouble());
            var zeroPoint = Math.Round(band.ZeroPoint + 0.02 * DetectorFrame.Gaussian(rng), 3);
            var rotation = 0.003 * DetectorFrame.Gaussian(rng);

            var wcs = new DetectorWcs[Cameras];
            var conditions = new FrameConditions[Cameras];
            var cores = new double[Cameras];
            for (var c = 0; c < Cameras; c++)
            {
                wcs[c] = plane.Wcs(c + 1, ra, dec, rotation, 2e-4 * DetectorFrame.Gaussian(rng), 0.3 * DetectorFrame.Gaussian(rng));
                var sky = Math.Round(band.SkyPer10s * plan.ExpTime / 10 * (1 + 0.03 * DetectorFrame.Gaussian(rng)), 1);
                conditions[c] = Conditions(sky, seeing * (1 + 0.03 * DetectorFrame.Gaussian(rng)), ellipticity, angle, zeroPoint, band,
                    (airmass.Item1 + airmass.Item2) / 2, plan.ExpTime, c, 1);
                cores[c] = ImcoreCatalogue.CoreRadius(conditions[c].Seeing);
            }

            var field = Field(plan, conditions[0], wcs);
            var noise = SkyField.Noise(Rng(plan.ObsNum, 2), plan.Filter, ra, dec, plane.HalfFieldDegrees, 9 * Cameras / 2, conditions[0].Limit);
            var frames = new DetectorFrame[Cameras];
            for (var c = 0; c < Cameras; c++)
            {
                frames[c] = DetectorFrame.Render(plane.Pixels, wcs[c], conditions[c], field, noise, (_, _) => 100 + rng.Next(-2, 3), Rng(plan.ObsNum, 10 + c),
                    Rng(plan.ObsNum, 50 + c), cores[c]);
            }

            var msb = Rng(plan.GroupNum, 3);
            return new Exposure(plan, $"w{Date}_{plan.ObsNum:00000}_sf.fit", start, end, airmass.Item1, airmass.Item2, wcs, conditions, frames, cores,
                Weather(plan.UtStart, rng), Hex(msb, 32), $"UKIRT_{new DateTimeOffset(start).ToUnixTimeSeconds() - 40}_{msb.Next(100000, 999999)}", [], null);
        }

        public Exposure Stack(IReadOnlyList<Exposure> components)
        {
            var first = components[0];
            var n = components.Count;
            var rng = Rng(first.Plan.ObsNum, 4);
            var conditions = new FrameConditions[Cameras];
            var frames = new DetectorFrame[Cameras];
            var confidence = new int[Cameras * plane.Pixels * plane.Pixels];
            var field = fields[first.Plan.Object];
            var noise = SkyField.Noise(Rng(first.Plan.ObsNum, 5), first.Plan.Filter, first.Wcs[0].CrVal1, first.Wcs[0].CrVal2, plane.HalfFieldDegrees, 9 * Cameras / 2,
                first.Conditions[0].Limit + 0.38);
            for (var c = 0; c < Cameras; c++)
            {
                var one = first.Conditions[c];
                var seeing = components.Average(e => e.Conditions[c].Seeing);
                conditions[c] = Conditions(one.Sky, seeing, one.StellarEllipticity, one.StellarAngle, one.ZeroPoint, first.Plan.Band, one.Airmass, one.ExpTime, c, n);
                var cover = Coverage(first.Wcs[c], components.Select(e => e.Wcs[c]).ToList());
                var offset = c * plane.Pixels * plane.Pixels;
                var badColumn = c == 1 ? plane.Pixels / 3 : -1;
                for (var j = 1; j <= plane.Pixels; j++)
                {
                    for (var i = 1; i <= plane.Pixels; i++)
                        confidence[offset + (j - 1) * plane.Pixels + i - 1] = i == badColumn ? 0 : (int)Math.Round(100.0 * cover(i, j) / n) + rng.Next(-2, 3);
                }

                frames[c] = DetectorFrame.Render(plane.Pixels, first.Wcs[c], conditions[c], field, noise, BoxMean(confidence, offset),
                    Rng(first.Plan.ObsNum, 20 + c), Rng(first.Plan.ObsNum, 60 + c), first.CoreRadius[c]);
            }

            var last = components[^1];
            return first with
            {
                FileName = $"w{Date}_{first.Plan.ObsNum:00000}_sf_st.fit",
                End = last.End,
                AirmassEnd = last.AirmassEnd,
                Conditions = conditions,
                Frames = frames,
                Components = components,
                Confidence = confidence,
            };
        }

        /// <summary>The mean confidence in the 3 x 3 pixels about a pixel (1-based X, Y) of the camera starting at <paramref name="offset"/>.</summary>
        private Func<int, int, double> BoxMean(int[] confidence, int offset) => (x, y) =>
        {
            var (sum, count) = (0.0, 0);
            for (var j = Math.Max(1, y - 1); j <= Math.Min(plane.Pixels, y + 1); j++)
            {
                for (var i = Math.Max(1, x - 1); i <= Math.Min(plane.Pixels, x + 1); i++)
                    (sum, count) = (sum + confidence[offset + (j - 1) * plane.Pixels + i - 1], count + 1);
            }

            return count > 0 ? sum / count : 0;
        };

        public DemoFile WriteImage(Exposure e)
        {
            var path = Path.Combine(Directory, e.FileName);
            using (var writer = FitsWriter.Create(path))
            {
                writer.AddEmptyPrimary(Primary(e));
                for (var c = 0; c < Cameras; c++)
                {
                    var values = e.Frames[c].Values;
                    if (e.IsStack)
                    {
                        // A mean of two integer frames comes in steps of 1/2: stored as integers with BSCALE 0.5, exactly.
                        var stored = values.Select(v => (int)Math.Round(v * 2)).ToArray();
                        writer.AddImage(32, [plane.Pixels, plane.Pixels], stored, null,
                            [FitsWriter.Card("BSCALE", "0.5", "PHYSICAL = BZERO + BSCALE * ARRAY"), FitsWriter.Card("BZERO", "0.", null), .. ImageExtension(e, c)]);
                    }
                    else
                    {
                        writer.AddImage(32, [plane.Pixels, plane.Pixels], values.Select(v => (int)Math.Round(v)).ToArray(), null, ImageExtension(e, c));
                    }
                }
            }

            return new DemoFile(path, e.IsStack ? DemoFileKind.Stack : DemoFileKind.Image, e.Plan.Project, e.Plan.ExpectedAcronym, e.Plan.Filter,
                e.Plan.Object, e.Plan.ObsNum, null, [.. e.Components.Select(m => m.FileName)], []);
        }

        public DemoFile WriteConfidence(Exposure e, string imagePath)
        {
            var path = Path.Combine(Directory, e.BaseName + "_conf.fit");
            var size = plane.Pixels * plane.Pixels;
            using (var writer = FitsWriter.Create(path))
            {
                writer.AddEmptyPrimary(Primary(e));
                for (var c = 0; c < Cameras; c++)
                {
                    var pixels = e.Confidence!.Skip(c * size).Take(size).Select(v => (short)Math.Max(v, 0)).ToArray();
                    writer.AddImage(16, [plane.Pixels, plane.Pixels], pixels, null, [FitsWriter.Card("EXTNAME", $"'CAMERA{c + 1}'", "Name of this extension"),
                        .. Identity(e, c), .. e.Wcs[c].Cards(),
                        .. new HeaderCards().Text("CONFNAME", Path.GetFileName(path) + $"[{c + 1}]", "Confidence map").ToArray()]);
                }
            }

            return new DemoFile(path, DemoFileKind.Confidence, e.Plan.Project, e.Plan.ExpectedAcronym, e.Plan.Filter, e.Plan.Object, e.Plan.ObsNum, imagePath, [], []);
        }

        public DemoFile WriteCatalogue(Exposure e, string imagePath)
        {
            var path = Path.Combine(Directory, e.BaseName + "_cat.fits");
            var rows = new int[Cameras];
            using (var writer = FitsWriter.Create(path))
            {
                writer.AddEmptyPrimary(Primary(e));
                for (var c = 0; c < Cameras; c++)
                {
                    var frame = e.Frames[c];
                    var conditions = e.Conditions[c];
                    var columns = ImcoreCatalogue.Table(frame.Detections, conditions, e.CoreRadius[c], Rng(e.Plan.ObsNum, e.IsStack ? 40 + c : 30 + c));
                    rows[c] = frame.Detections.Count;
                    writer.AddBinaryTable($"CAMERA{c + 1}", rows[c], columns,
                        [.. Identity(e, c), .. e.Wcs[c].Cards(), .. TableWcs(e.Wcs[c]), .. ImcoreCatalogue.Keywords(conditions, e.CoreRadius[c], plane.Pixels),
                            .. Astrometry(e, c)]);
                }
            }

            return new DemoFile(path, DemoFileKind.Catalogue, e.Plan.Project, e.Plan.ExpectedAcronym, e.Plan.Filter, e.Plan.Object, e.Plan.ObsNum, imagePath, [], rows);
        }

        private (double Ra, double Dec) Pointing(PlannedExposure plan)
        {
            var offset = plan.JitterOffset / 3600;
            return (plan.RaDeg + offset / Math.Cos(plan.DecDeg * Math.PI / 180), plan.DecDeg + offset);
        }

        private FrameConditions Conditions(double sky, double seeing, double ellipticity, double angle, double zeroPoint, Passband band, double airmass, double expTime, int camera, int exposures)
        {
            const double readNoise = 5.6;
            var gain = CameraGain[camera];
            var noise = Math.Sqrt(sky / gain / exposures + readNoise * readNoise / exposures);
            return new FrameConditions(sky, noise, seeing, ellipticity, angle, zeroPoint, band.Extinction, airmass, expTime, gain, readNoise,
                CameraSaturation[camera], exposures, band.Name);
        }

        /// <summary>
        /// The sources of a field (an OBJECT), drawn once, with the first exposure of it, and shared by every exposure of it:
        /// in whatever band, a field shows the same stars and galaxies at the same places. They are drawn 0.7 mag below
        /// the first exposure's limit, and deeper when another band of the plan may see fainter ones (a darker sky, or
        /// sources brighter there than in the first band); the number per magnitude is the same however deep.
        /// </summary>
        private List<SkySource> Field(PlannedExposure plan, FrameConditions first, DetectorWcs[] wcs)
        {
            if (fields.TryGetValue(plan.Object, out var field))
                return field;
            var depth = first.Limit + 0.7;
            var deeper = NightPlan.Exposures.Where(e => e.Object == plan.Object)
                .Max(e => NominalLimit(e) - NominalLimit(plan) + SkyField.MostBrighterIn(e.Filter, plan.Filter));
            var faintest = depth + deeper;
            var half = plane.HalfFieldDegrees + NightPlan.LasJitter / 3600;
            var detectorArea = Math.Pow(plane.Pixels * WfcamFocalPlane.PixelScale / 3600, 2);
            var brightEnd = Math.Pow(10, 0.3 * SkyField.BrightestMagnitude); // N(<m) ∝ 10^(0.3 m), here at the bright end
            var count = (int)Math.Round(plan.Crowding * 85 * 4 * half * half / detectorArea
                * (Math.Pow(10, 0.3 * faintest) - brightEnd) / (Math.Pow(10, 0.3 * depth) - brightEnd));
            var rng = Rng(plan.GroupNum, 6);
            var colours = Rng(plan.GroupNum, 7);
            field = SkyField.Sources(rng, colours, plan.Filter, plan.RaDeg, plan.DecDeg, half, count, plan.GalaxyFraction, faintest);
            const int margin = 12;
            field.AddRange(SkyField.BrightStars(rng, colours, plan.Filter, plan.RaDeg, plan.DecDeg, half, Cameras, (ra, dec) => wcs.Any(w =>
            {
                var (x, y) = w.SkyToPixel(ra, dec);
                return x > margin && y > margin && x < plane.Pixels - margin && y < plane.Pixels - margin;
            })));
            fields[plan.Object] = field;
            return field;
        }

        /// <summary>The detection limit of an exposure in typical conditions (seeing 2.5 pixels, at the zenith).</summary>
        private double NominalLimit(PlannedExposure plan) =>
            Conditions(plan.Band.SkyPer10s * plan.ExpTime / 10, 2.5, 0, 0, plan.Band.ZeroPoint, plan.Band, 1, plan.ExpTime, 0, 1).Limit;

        /// <summary>How many of the components cover each pixel of the stack (which has the first component's WCS).</summary>
        private Func<int, int, int> Coverage(DetectorWcs stack, IReadOnlyList<DetectorWcs> components)
        {
            var shifts = components.Select(w =>
            {
                var (x, y) = stack.SkyToPixel(w.CrVal1, w.CrVal2);
                return (x - stack.CrPix1, y - stack.CrPix2);
            }).ToList();
            return (i, j) => shifts.Count(s => i - s.Item1 >= 0.5 && j - s.Item2 >= 0.5 && i - s.Item1 <= plane.Pixels + 0.5 && j - s.Item2 <= plane.Pixels + 0.5);
        }

        private static Weather Weather(double hour, Random rng) => new(
            3.4 - 0.12 * (hour - 6) + 0.05 * DetectorFrame.Gaussian(rng),
            616.9 + 0.05 * DetectorFrame.Gaussian(rng),
            -11.8 - 0.05 * (hour - 6) + 0.1 * DetectorFrame.Gaussian(rng),
            31 + 0.4 * (hour - 6) + DetectorFrame.Gaussian(rng),
            (35 + 6 * (hour - 6) + 5 * DetectorFrame.Gaussian(rng) + 360) % 360,
            12 + 1.5 * DetectorFrame.Gaussian(rng),
            0.105 + 0.004 * (hour - 6) + 0.003 * DetectorFrame.Gaussian(rng));

        private static string Hex(Random rng, int digits) =>
            string.Concat(Enumerable.Range(0, digits).Select(_ => "0123456789abcdef"[rng.Next(16)]));

        /// <summary>The primary header: every keyword Multiframe reads, as the UKIRT data handling system writes them.</summary>
        private string[] Primary(Exposure e)
        {
            var p = e.Plan;
            var (telRa, telDec) = Pointing(p);
            var w = e.Weather;
            var cards = new HeaderCards()
                .Text("TELESCOP", "UKIRT", "Telescope name")
                .Text("INSTRUME", "WFCAM", "Instrument")
                .Text("DHSVER", "UKDHS 2002 Oct 31", "Data handling version")
                .Text("HDTFILE", "wfcam.hdt", "Name of global hdt file")
                .Text("OBSERVER", "", "Observers names")
                .Text("PROJECT", p.Project, "Time-allocation code")
                .Text("MSBID", e.MsbId, "Id min.-schedulable block")
                .Text("OBJECT", p.Object, "Object name from telescope")
                .Text("RECIPE", p.Recipe, "Data reduction recipe to be used")
                .Text("OBSTYPE", "OBJECT", "BIAS|DARK|SKYFLAT|DOMEFLAT|OBJECT|SKY|FOCUS")
                .Int("OBSNUM", p.ObsNum, "Observation number")
                .Int("GRPNUM", p.GroupNum, "Group number applied to all members")
                .Bool("GRPMEM", true, "Group membership")
                .Int("TILENUM", p.GroupNum, "Tile number applied to all members")
                .Bool("STANDARD", p.Standard, "Is the target a standard star observation?")
                .Int("NJITTER", p.JitterCount, "Number of positions in tel jitter pattern")
                .Int("JITTER_I", p.JitterIndex, "Serial number in this tel jitter pattern")
                .Real("JITTER_X", p.JitterOffset, "0.00", "[arcsec] X (RA) offset in tel jitter pattern")
                .Real("JITTER_Y", p.JitterOffset, "0.00", "[arcsec] Y (Dec) offset in tel jitter pattern")
                .Int("NUSTEP", 1, "Number of positions in microstep pattern")
                .Int("USTEP_I", 1, "Serial number in this microstep pattern")
                .Real("USTEP_X", 0, "0.00", "[arcsec] X (RA) offset in microstep pattern")
                .Real("USTEP_Y", 0, "0.00", "[arcsec] Y (Dec) offset in microstep pattern")
                .Text("UTDATE", Date, "UT date as integer in yyyymmdd format")
                .Text("DATE-OBS", e.Start.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture), "Date time (UTC) of start of observation")
                .Text("DATE-END", e.End.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture), "Date time (UTC) of end of observation")
                .Real("MJD-OBS", Observatory.Mjd(e.Start), "0.00000", "DATE-OBS as Modified Julian Date")
                .Text("RADESYS", "FK5", "Mean IAU 1984 equatorial co-ordinates")
                .Real("EQUINOX", 2000, "0.000", "[yr] Equinox of object position")
                .Real("RABASE", p.RaDeg / 15, "0.0000000", "[h] Right ascension of base position")
                .Real("DECBASE", p.DecDeg, "0.0000000", "[deg] Declination of base position")
                .Real("TELRA", telRa / 15, "0.0000000", "[h] Current telescope right ascension")
                .Real("TELDEC", telDec, "0.0000000", "[deg] Current telescope declination")
                .Real("AMSTART", e.AirmassStart, "0.000", "Airmass at start of observation")
                .Real("AMEND", e.AirmassEnd, "0.000", "Airmass at end of observation")
                .Int("NINT", 1, "Number of integrations in observation")
                .Text("READMODE", "CDS", "Name of camera readmode")
                .Real("EXP_TIME", p.ExpTime, "0.000000", "[s] Integration time per exposure")
                .Int("NEXP", 1, "Number of exposures in integration")
                .Real("READINT", 0, "0.000000", "[s] Interval between reads")
                .Int("NREADS", 2, "Number of reads per exposure")
                .Real("AIRTEMP", w.AirTemp, "0.000", "[degC] Air temperature")
                .Real("BARPRESS", w.Pressure, "0.000", "[mbar] Ambient pressure")
                .Real("DEWPOINT", w.DewPoint, "0.000", "[degC] Dewpoint")
                .Real("HUMIDITY", w.Humidity, "0.000", "Relative Humidity")
                .Real("WIND_DIR", w.WindDir, "0.000", "[deg] Wind direction, azimuth")
                .Real("WIND_SPD", w.WindSpeed, "0.000", "[km/h] Wind speed")
                .Real("CSOTAU", w.Tau, "0.000", "Tau at 225 GHz from CSO")
                .Text("TAUSRC", "CSO225GHZ", "Source of opacity data")
                .Text("FILTER", p.Filter, "Filter name")
                .Real("UTSTART", e.Start.TimeOfDay.TotalHours, "0.000000", "[h] Start time of integration")
                .Real("UTEND", e.End.TimeOfDay.TotalHours, "0.000000", "[h] End time of integration")
                .Text("MSBTID", e.MsbTid, "MSB Transaction ID")
                .Real("HABASE", Observatory.HourAngle(e.Start, p.RaDeg), "0.0000000", "[deg] Hour angle")
                .Text("GUIDING", "ON", "Guider status: OFF|ON|PAUSED")
                .ToArray();
            return [.. cards, ("COMMENT " + FileComment).PadRight(80)];
        }

        /// <summary>The keywords that name the detector (in images, confidence maps and catalogues).</summary>
        private static string[] Identity(Exposure e, int c) => new HeaderCards()
            .Int("CAMNUM", c + 1, "Number of WFCAM camera (1, 2, 3 or 4)")
            .Text("DETECTOR", "RSC Hawaii 2", "Type of detector array used")
            .Text("DETECTID", CameraDevice[c], "Serial number of detector array")
            .ToArray();

        /// <summary>An image extension's header: the detector, its calibration, its WCS and, for a stack, its provenance.</summary>
        private string[] ImageExtension(Exposure e, int c)
        {
            var p = e.Plan;
            var k = c + 1;
            var conditions = e.Conditions[c];
            // Single frames name the month's library flat and confidence map, which (like the dark and sky frames) are not
            // part of the night's delivery; a stack names its own confidence map, which is.
            var month = e.Start.ToString("MMMyyyy", CultureInfo.InvariantCulture).ToLowerInvariant();
            var flat = $"p{p.Filter}_flat_{month}";
            var confName = e.IsStack ? $"{e.BaseName}_conf.fit[{k}]" : $"p{p.Filter}_conf_{month}.fit[{k}]";
            var cards = new HeaderCards()
                .Text("EXTNAME", $"CAMERA{k}", "Name of this extension")
                .AddRange(Identity(e, c))
                .Int("DROWS", plane.Pixels, "[pixel] Number of detector rows")
                .Int("DCOLUMNS", plane.Pixels, "[pixel] Number of detector columns")
                .Real("PIXLSIZE", WfcamFocalPlane.PixelScale, "0.0000", "[arcsec] Pixel size")
                .Text("RUNID", $"/home/wfcam/ucam-wfcam/data//run{p.ObsNum + 40:00000000}", "Name of raw data file")
                .Text("READOUT", "CDS", "Camera readout (CDS|NDR|SAR|RRR)")
                .Real("GAIN", conditions.Gain, "0.000", "[electrons/ADU] Detector gain")
                .Real("DET_TEMP", 74.6 + 0.1 * c, "0.0", "[K] Detector array temperature")
                .Int("CNFINDEX", 158052413 + p.ObsNum, "Configuration index")
                .Real("READNOIS", conditions.ReadNoise, "0.0", "Readnoise estimate")
                .Text("DARKCOR", $"Done with: dark_{Date}_{p.ExpTime:0}_CDS_1.fit[{k}] and scale 1")
                .Text("FLATCOR", $"Done with: {flat}.fit[{k}]")
                .Text("CIR_CPM", confName, "Confidence Map")
                .Text("SKYSUB", $"Done with sky_{Date}_{p.GroupNum}_{p.Filter}.fit[{k}] and scale factor 1")
                .Real("SKYLEVEL", conditions.Sky, "0.0", "Sky level estimate from IMCORE")
                .Real("SKYNOISE", conditions.SkyNoise, "0.00", "Sky noise estimate from IMCORE")
                .Real("SEEING", conditions.Seeing, "0.000000", "Average FWHM (pixels)")
                .Real("ELLIPTIC", conditions.StellarEllipticity, "0.0000000", "Ellipticity estimate from IMCORE")
                .AddRange(e.Wcs[c].Cards())
                .AddRange(Astrometry(e, c))
                .Real("MAGZPT", conditions.ZeroPoint, "0.000", "Photometric ZP (mags) for default extinction")
                .Real("MAGZRR", 0.012, "0.000", "Photometric ZP error (mags)")
                .Real("EXTINCT", conditions.Extinction, "0.00", "Extinction coefficient (mags)")
                .Int("NUMZPT", 9 + p.ObsNum % 23, "Number of standards used")
                .Real("NIGHTZPT", p.Band.ZeroPoint, "0.000", "Average photometric ZP (mags) for night")
                .Real("NIGHTZRR", 0.015, "0.000", "Photometric ZP sigma for night (mags)")
                .Int("NIGHTNUM", 6 + "ZYJHK".IndexOf(p.Filter, StringComparison.Ordinal) * 3, "Number of ZP used in band for night");
            if (e.IsStack)
            {
                cards.Text("PROV0000", $"{e.FileName}[{k}]: formed from imdither of:", "Output file");
                for (var m = 0; m < e.Components.Count; m++)
                    cards.Text($"PROV{m + 1:0000}", $"{e.Components[m].FileName}[{k}]", $"Card # {m + 1}");
            }

            return [.. cards.History($"{Date} demonstration data made by Curation's DemoNight").ToArray()];
        }

        /// <summary>The astrometric-fit keywords (CurrentAstrometry's numRMS, stdCRms, wcsPass).</summary>
        private static string[] Astrometry(Exposure e, int c) => new HeaderCards()
            .Int("NUMBRMS", Math.Max(e.Frames[c].Detections.Count(d => d.Source.Kind == SourceKind.Star && !d.Saturated) - 3, 5))
            .Real("STDCRMS", 0.07 + 0.01 * c + 0.002 * (e.Plan.ObsNum % 7), "0.0000000")
            .Int("WCSPASS", 2)
            .ToArray();

        /// <summary>imcore's statement of the WCS on the X_coordinate (3) and Y_coordinate (5) columns.</summary>
        private static string[] TableWcs(DetectorWcs w) => new HeaderCards()
            .Text("TCTYP3", "RA---ZPN", "WCS projection")
            .Text("TCTYP5", "DEC--ZPN", "WCS projection")
            .Exact("TCRVL3", w.CrVal1, "RA at reference pixel")
            .Exact("TCRVL5", w.CrVal2, "Dec at reference pixel")
            .Exact("TCRPX3", w.CrPix1, "X-axis reference pixel")
            .Exact("TCRPX5", w.CrPix2, "Y-axis reference pixel")
            .Exact("TC3_3", w.Cd11)
            .Exact("TC3_5", w.Cd12)
            .Exact("TC5_3", w.Cd21)
            .Exact("TC5_5", w.Cd22)
            .Exact("TV5_1", w.Pv21)
            .Exact("TV5_3", w.Pv23)
            .ToArray();
    }
}
