using System.Diagnostics;
using System.Text.Json;
using Curation.Database.Tests;
using Curation.Fits;
using Curation.Fits.Inspection;
using Curation.Schema;
using Curation.Schema.Model;
using Curation.TablePreparation.Demo;
using Curation.TablePreparation.Programmes;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Demo;

/// <summary>The demonstration night: written once per fixture into a temporary directory, then read back with the archive's
/// FITS layer, fitsverify and astropy, and checked against the schema scripts and the manifest.</summary>
public sealed class DemoNightTests
{
    private const string Python = "/usr/bin/python3";
    private const string Fitsverify = "/usr/bin/fitsverify";

    private string root = "";
    private DemoNightManifest night = null!;
    private TimeSpan writing;

    [OneTimeSetUp]
    public void WriteTheNight()
    {
        root = TestPaths.NewTempDir();
        var clock = Stopwatch.StartNew();
        night = DemoNight.Write(root);
        writing = clock.Elapsed;
    }

    [OneTimeTearDown]
    public void RemoveTheNight() => Directory.Delete(root, recursive: true);

    private IEnumerable<DemoFile> ImageFiles => night.Files.Where(f => f.Kind is DemoFileKind.Image or DemoFileKind.Stack);

    private IEnumerable<DemoFile> Catalogues => night.OfKind(DemoFileKind.Catalogue);

    [Test]
    public void The_night_is_written_into_a_directory_named_by_its_UT_date_with_just_the_manifests_files()
    {
        Assert.Multiple(() =>
        {
            Assert.That(night.Directory, Is.EqualTo(Path.Combine(root, "20071011")));
            Assert.That(Directory.GetFiles(night.Directory).Select(Path.GetFileName).Order(), Is.EqualTo(night.Files.Select(f => f.Name).Order()));
            Assert.That(night.Files.Select(f => f.Name), Is.Unique);
        });
    }

    [Test]
    public void The_night_is_small_and_written_well_under_five_seconds()
    {
        TestContext.Out.WriteLine($"{night.Files.Count} files, {night.TotalDetections} detections, written in {writing.TotalMilliseconds:0} ms");
        Assert.Multiple(() =>
        {
            Assert.That(ImageFiles.Count() + night.OfKind(DemoFileKind.Confidence).Count(), Is.InRange(14, 18), "multiframes (images, stack, confidence map)");
            Assert.That(night.TotalDetections, Is.InRange(1500, 5000));
            Assert.That(writing, Is.LessThan(TimeSpan.FromSeconds(5)));
        });
    }

    [Test]
    public void File_names_follow_the_CASU_pattern()
    {
        Assert.Multiple(() =>
        {
            foreach (var f in night.Files)
            {
                var pattern = f.Kind switch
                {
                    DemoFileKind.Image => @"^w20071011_\d{5}_sf\.fit$",
                    DemoFileKind.Stack => @"^w20071011_\d{5}_sf_st\.fit$",
                    DemoFileKind.Confidence => @"^w20071011_\d{5}_sf(_st)?_conf\.fit$",
                    _ => @"^w20071011_\d{5}_sf(_st)?_cat\.fits$",
                };
                Assert.That(f.Name, Does.Match(pattern));
            }
        });
    }

    [Test]
    public void Every_file_opens_cleanly_with_the_archive_FITS_reader()
    {
        Assert.Multiple(() =>
        {
            foreach (var f in night.Files)
            {
                var dump = FitsDump.Read(f.Path, statistics: true, FitsReadOptions.Strict);
                Assert.That(dump.Errors, Is.Empty, f.Name);
                Assert.That(dump.Warnings, Is.Empty, f.Name);
                Assert.That(dump.Hdus.Select(h => h.Kind), Is.EqualTo(
                    new[] { HduKind.Image }.Concat(Enumerable.Repeat(f.Kind == DemoFileKind.Catalogue ? HduKind.BinaryTable : HduKind.Image, 4))), f.Name);
                Assert.That(dump.Hdus[0].Axes, Is.Empty, $"{f.Name}: the primary HDU is empty");
            }
        });
    }

    [Test]
    public void Fitsverify_finds_nothing_wrong_with_any_file()
    {
        if (!File.Exists(Fitsverify))
            Assert.Ignore($"{Fitsverify} is not installed (Debian package fitsverify; tools/test installs it)");
        var start = new ProcessStartInfo(Fitsverify) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-q");
        foreach (var f in night.Files)
            start.ArgumentList.Add(f.Path);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(night.Files.Count), output);
            Assert.That(lines, Has.All.StartsWith("verification OK: "), output);
        });
    }

    [Test]
    public void Every_image_has_four_detector_extensions_of_the_same_size_with_cameras_1_to_4()
    {
        Assert.Multiple(() =>
        {
            foreach (var f in night.Files.Where(f => f.Kind != DemoFileKind.Catalogue))
            {
                using var file = FitsFile.Open(f.Path);
                Assert.That(file.Hdus.Skip(1).Select(h => h.Header.GetInt64("CAMNUM")), Is.EqualTo(new long[] { 1, 2, 3, 4 }), f.Name);
                Assert.That(file.Hdus.Skip(1).Select(h => h.Axes), Has.All.EqualTo(new long[] { 256, 256 }), f.Name);
                Assert.That(file.Hdus.Skip(1).Select(h => h.Bitpix), Has.All.EqualTo(f.Kind == DemoFileKind.Confidence ? 16 : 32), f.Name);
            }
        });
    }

    [Test]
    public void Every_header_keyword_the_schema_reads_for_a_frame_is_in_each_image()
    {
        var model = SchemaScriptParser.ParseFile(Path.Combine(TestPaths.SchemaSql, "MultiframeSchema.sql"));
        var fromPrimary = Keywords(model, "Multiframe", HduRefKind.Default).Concat(KeywordsOfAll(model, HduRefKind.Primary)).ToHashSet();
        // Written only when they apply: scaling for a scaled image, ZPN terms CASU does not fit.
        string[] optional = ["BSCALE", "BZERO", "PV2_4", "PV2_5"];
        var fromImage = Keywords(model, "MultiframeDetector", HduRefKind.Default).Concat(Keywords(model, "CurrentAstrometry", HduRefKind.Default))
            .Except(optional).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(fromPrimary, Does.Contain("PROJECT").And.Contain("MJD-OBS").And.Contain("CSOTAU"), "the schema was read");
            Assert.That(fromImage, Does.Contain("CAMNUM").And.Contain("CD1_1").And.Contain("CIR_CPM"), "the schema was read");
            foreach (var f in ImageFiles)
            {
                using var file = FitsFile.Open(f.Path);
                Assert.That(fromPrimary.Where(k => !file.Hdus[0].Header.Contains(k)), Is.Empty, $"{f.Name} primary header lacks");
                foreach (var hdu in file.Hdus.Skip(1))
                    Assert.That(fromImage.Where(k => !hdu.Header.Contains(k)), Is.Empty, $"{f.Name} HDU {hdu.Index} lacks");
            }
        });
    }

    [Test]
    public void Every_keyword_the_schema_reads_from_a_catalogue_extension_is_in_each_catalogue()
    {
        var model = SchemaScriptParser.ParseFile(Path.Combine(TestPaths.SchemaSql, "MultiframeSchema.sql"));
        var fromTable = KeywordsOfAll(model, HduRefKind.FirstBinaryTable).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(fromTable, Does.Contain("THRESHOL").And.Contain("APCOR7").And.Contain("NAXIS2"), "the schema was read");
            foreach (var f in Catalogues)
            {
                using var file = FitsFile.Open(f.Path);
                foreach (var hdu in file.Hdus.Skip(1))
                    Assert.That(fromTable.Where(k => !hdu.Header.Contains(k)), Is.Empty, $"{f.Name} HDU {hdu.Index} lacks");
            }
        });
    }

    [Test]
    public void Every_catalogue_column_the_detection_table_reads_is_in_each_catalogue()
    {
        var model = SchemaScriptParser.ParseFile(Path.Combine(TestPaths.SchemaSql, "ProgrammeTemplate.sql"));
        var detection = model.Tables.Single(t => t.Name == "{prog}Detection");
        var columns = detection.Columns.Select(c => c.Source).OfType<ColumnSource.TableColumn>()
            .SelectMany(s => s.Alternatives.SelectMany(a => a.Columns).Select(c => c.Column)).ToList();
        Assert.That(columns, Does.Contain("Sequence_number").And.Contain("Statistic"), "the schema was read");
        Assert.Multiple(() =>
        {
            foreach (var f in Catalogues)
            {
                using var file = FitsFile.Open(f.Path);
                foreach (var hdu in file.Hdus.Skip(1))
                    Assert.That(columns.Except(hdu.Columns.Select(c => c.Name)), Is.Empty, $"{f.Name} HDU {hdu.Index} lacks");
            }
        });
    }

    [Test]
    public void Catalogue_columns_are_those_of_the_CASU_imcore_fixture_in_order_with_their_units()
    {
        var fixture = Path.Combine(FixtureDirectory, "ngts-casu", "procIMAGE80220150514002449.cat");
        if (!File.Exists(fixture))
            Assert.Ignore($"the CASU catalogue fixture is not at {fixture} (set CURATION_FIXTURES to the fixtures' parent directory)");
        using var casu = FitsFile.Open(fixture);
        var expected = casu.Hdus[1].Columns.Select(c => (c.Name, c.Unit, c.TForm.Trim())).ToList();
        Assert.That(expected, Has.Count.EqualTo(80));
        Assert.Multiple(() =>
        {
            foreach (var f in Catalogues)
            {
                using var file = FitsFile.Open(f.Path);
                foreach (var hdu in file.Hdus.Skip(1))
                    Assert.That(hdu.Columns.Select(c => (c.Name, c.Unit, c.TForm.Trim())), Is.EqualTo(expected), $"{f.Name} HDU {hdu.Index}");
            }
        });
    }

    [Test]
    public void The_manifest_counts_the_rows_of_every_catalogue_extension()
    {
        Assert.Multiple(() =>
        {
            foreach (var f in Catalogues)
            {
                using var file = FitsFile.Open(f.Path);
                Assert.That(file.Hdus.Skip(1).Select(h => (int)h.Rows!.Value), Is.EqualTo(f.DetectionsPerExtension), f.Name);
                Assert.That(f.DetectionsPerExtension, Has.All.GreaterThan(10), f.Name);
            }

            Assert.That(night.Files.Where(f => f.Kind != DemoFileKind.Catalogue).SelectMany(f => f.DetectionsPerExtension), Is.Empty);
        });
    }

    [Test]
    public void Every_image_and_the_stack_has_a_catalogue_and_every_catalogue_an_image()
    {
        var catalogued = Catalogues.Select(c => c.ImagePath).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(catalogued.Order(), Is.EqualTo(ImageFiles.Select(f => f.Path).Order()));
            foreach (var c in Catalogues)
            {
                var image = night.Files.Single(f => f.Path == c.ImagePath);
                Assert.That(c.Name, Is.EqualTo(Path.GetFileNameWithoutExtension(image.Name) + "_cat.fits"));
                Assert.That((c.Project, c.Filter, c.ObsNum, c.ExpectedAcronym), Is.EqualTo((image.Project, image.Filter, image.ObsNum, image.ExpectedAcronym)));
            }
        });
    }

    [Test]
    public void Astropy_puts_every_detection_at_its_RA_and_DEC_within_a_hundredth_of_an_arcsecond()
    {
        var results = Astropy();
        Assert.Multiple(() =>
        {
            Assert.That(results, Has.Count.EqualTo(Catalogues.Count() * 4));
            foreach (var r in results)
            {
                var where = $"{Path.GetFileName(r.GetProperty("catalogue").GetString())} HDU {r.GetProperty("ext").GetInt32()}";
                Assert.That(r.GetProperty("maxSeparationArcsec").GetDouble(), Is.LessThan(0.01), where);
                Assert.That(r.GetProperty("ctype").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "RA---ZPN", "DEC--ZPN" }), where);
                Assert.That(r.GetProperty("formats").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "1E" }), where);
                Assert.That(r.GetProperty("columns").GetArrayLength(), Is.EqualTo(80), where);
            }
        });
    }

    [Test]
    public void Astropy_counts_the_same_rows_as_the_manifest()
    {
        var rows = Astropy().GroupBy(r => Path.GetFileName(r.GetProperty("catalogue").GetString()!))
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.GetProperty("ext").GetInt32()).Select(r => r.GetProperty("rows").GetInt32()).ToList());
        Assert.Multiple(() =>
        {
            foreach (var f in Catalogues)
                Assert.That(rows[f.Name], Is.EqualTo(f.DetectionsPerExtension), f.Name);
        });
    }

    [Test]
    public void Catalogue_header_WCS_is_the_image_extensions_WCS()
    {
        string[] keys = ["CTYPE1", "CTYPE2", "CRVAL1", "CRVAL2", "CRPIX1", "CRPIX2", "CD1_1", "CD1_2", "CD2_1", "CD2_2", "PV2_1", "PV2_2", "PV2_3"];
        Assert.Multiple(() =>
        {
            foreach (var c in Catalogues)
            {
                using var catalogue = FitsFile.Open(c.Path);
                using var image = FitsFile.Open(c.ImagePath!);
                for (var ext = 1; ext <= 4; ext++)
                {
                    var (cat, img) = (catalogue.Hdus[ext].Header, image.Hdus[ext].Header);
                    Assert.That(keys.Select(k => cat[k]?.Value.ToString()), Is.EqualTo(keys.Select(k => img[k]?.Value.ToString())), $"{c.Name} HDU {ext}");
                    Assert.That(cat.GetDouble("TCRVL3"), Is.EqualTo(img.GetDouble("CRVAL1")), $"{c.Name} HDU {ext}: imcore's column WCS");
                    Assert.That(cat.GetDouble("TC5_5"), Is.EqualTo(img.GetDouble("CD2_2")), $"{c.Name} HDU {ext}: imcore's column WCS");
                }
            }
        });
    }

    [Test]
    public void Detected_stars_are_in_the_image_where_the_catalogue_puts_them()
    {
        var checkedStars = 0;
        Assert.Multiple(() =>
        {
            foreach (var c in Catalogues)
            {
                using var catalogue = FitsFile.Open(c.Path);
                using var image = FitsFile.Open(c.ImagePath!);
                for (var ext = 1; ext <= 4; ext++)
                {
                    var pixels = image.Hdus[ext].ReadImage();
                    var header = image.Hdus[ext].Header;
                    var (sky, noise, size) = (header.GetDouble("SKYLEVEL"), header.GetDouble("SKYNOISE"), (int)image.Hdus[ext].Axes[0]);
                    var chunk = catalogue.Hdus[ext].OpenTable().Read(0, (int)catalogue.Hdus[ext].Rows!.Value);
                    for (var r = 0; r < chunk.RowCount; r++)
                    {
                        if (chunk["Classification"]!.GetPhysical(r, 0) != -1 || chunk["Peak_height"]!.GetPhysical(r, 0) < 10 * noise)
                            continue;
                        var (x, y) = ((int)Math.Round(chunk["X_coordinate"]!.GetPhysical(r, 0)), (int)Math.Round(chunk["Y_coordinate"]!.GetPhysical(r, 0)));
                        if (x < 1 || y < 1 || x > size || y > size)
                            continue;
                        Assert.That(pixels[(y - 1) * size + x - 1], Is.GreaterThan(sky + 5 * noise), $"{c.Name} HDU {ext} row {r + 1} at ({x}, {y})");
                        checkedStars++;
                    }
                }
            }
        });
        Assert.That(checkedStars, Is.GreaterThan(300));
    }

    [Test]
    public void Catalogues_hold_stars_galaxies_saturated_noise_and_flagged_detections()
    {
        var classes = new Dictionary<int, int>();
        var flagged = 0;
        foreach (var c in Catalogues)
        {
            using var catalogue = FitsFile.Open(c.Path);
            foreach (var hdu in catalogue.Hdus.Skip(1))
            {
                var chunk = hdu.OpenTable().Read(0, (int)hdu.Rows!.Value);
                for (var r = 0; r < chunk.RowCount; r++)
                {
                    var k = (int)chunk["Classification"]!.GetPhysical(r, 0);
                    classes[k] = classes.GetValueOrDefault(k) + 1;
                    if (chunk["Error_bit_flag"]!.GetPhysical(r, 0) > 0)
                        flagged++;
                }
            }
        }

        TestContext.Out.WriteLine(string.Join(", ", classes.OrderBy(p => p.Key).Select(p => $"class {p.Key}: {p.Value}")) + $"; flagged {flagged}");
        Assert.Multiple(() =>
        {
            Assert.That(classes.Keys, Is.SubsetOf(new[] { -9, -3, -2, -1, 0, 1 }));
            Assert.That(classes.Keys, Is.SupersetOf(new[] { -9, -1, 0, 1 }));
            Assert.That(classes[-1], Is.GreaterThan(classes.Values.Sum() / 2), "mostly stars");
            Assert.That(flagged, Is.GreaterThan(0));
        });
    }

    [Test]
    public void Magnitudes_computed_as_the_archive_will_are_plausible()
    {
        Assert.Multiple(() =>
        {
            foreach (var c in Catalogues)
            {
                using var catalogue = FitsFile.Open(c.Path);
                using var image = FitsFile.Open(c.ImagePath!);
                var primary = image.Hdus[0].Header;
                var (expTime, airmass) = (primary.GetDouble("EXP_TIME"), (primary.GetDouble("AMSTART") + primary.GetDouble("AMEND")) / 2);
                foreach (var hdu in catalogue.Hdus.Skip(1))
                {
                    var h = hdu.Header;
                    var chunk = hdu.OpenTable().Read(0, (int)hdu.Rows!.Value);
                    for (var r = 0; r < chunk.RowCount; r++)
                    {
                        if (chunk["Classification"]!.GetPhysical(r, 0) != -1)
                            continue;
                        var flux = chunk["Aper_flux_3"]!.GetPhysical(r, 0);
                        var mag = h.GetDouble("MAGZPT") - 2.5 * Math.Log10(flux / expTime) - h.GetDouble("APCOR3") - h.GetDouble("EXTINCT") * (airmass - 1);
                        Assert.That(mag, Is.InRange(8.0, 22.5), $"{c.Name} HDU {hdu.Index} row {r + 1}");
                    }
                }
            }
        });
    }

    [Test]
    public void Each_frames_PROJECT_is_identified_as_the_manifest_expects_and_exactly_one_is_unknown()
    {
        var programmes = ProgrammeEntry.ReadCsv(Path.Combine(TestPaths.SchemaSql, "data", "Programme.csv"));
        var identifier = new ProgrammeIdentifier(programmes);
        Assert.Multiple(() =>
        {
            foreach (var f in night.Files)
            {
                using var file = FitsFile.Open(f.Path);
                var project = file.Hdus[0].Header.GetString("PROJECT");
                Assert.That(project, Is.EqualTo(f.Project), f.Name);
                var match = identifier.Identify(project);
                Assert.That(programmes.SingleOrDefault(p => p.ProgrammeId == match.ProgrammeId)?.Acronym, Is.EqualTo(f.ExpectedAcronym), $"{f.Name}: {match}");
            }

            var unknown = ImageFiles.Where(f => f.ExpectedAcronym is null).ToList();
            Assert.That(unknown, Has.Count.EqualTo(1));
            Assert.That(identifier.Identify(unknown[0].Project).Problem, Is.EqualTo($"PROJECT '{unknown[0].Project}' matches no registered programme"));
        });
    }

    [Test]
    public void The_night_covers_the_surveys_calibration_an_open_time_programme_and_the_five_broad_band_filters()
    {
        var frames = ImageFiles.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(frames.Select(f => f.ExpectedAcronym), Is.SupersetOf(new[] { "LAS", "GPS", "GCS", "DXS", "UDS", "CAL", "U07BH11" }));
            Assert.That(frames.Select(f => f.Filter).Distinct().Order(), Is.EqualTo(new[] { "H", "J", "K", "Y", "Z" }));
            Assert.That(frames.Select(f => f.Project), Does.Contain("U/UKIDSS/GCS21"), "a survey code with appended junk");
            var calibration = frames.Single(f => f.Project == "UKIRTCAL");
            using var file = FitsFile.Open(calibration.Path);
            Assert.That(file.Hdus[0].Header.GetBool("STANDARD", false), Is.True);
            Assert.That(frames.Where(f => f.Project != "UKIRTCAL").Select(f => FitsFile.Open(f.Path)).Select(ff =>
            {
                using (ff)
                    return ff.Hdus[0].Header.GetBool("STANDARD", true);
            }), Has.All.False);
        });
    }

    [Test]
    public void The_stack_names_its_components_in_each_extension_and_they_are_in_the_night()
    {
        var stack = night.OfKind(DemoFileKind.Stack).Single();
        using var file = FitsFile.Open(stack.Path);
        Assert.Multiple(() =>
        {
            Assert.That(stack.Components, Has.Count.EqualTo(2));
            Assert.That(stack.Components, Has.All.Matches<string>(c => night.Files.Any(f => f.Name == c && f.Kind == DemoFileKind.Image)));
            foreach (var hdu in file.Hdus.Skip(1))
            {
                var ext = hdu.Index;
                Assert.That(hdu.Header.GetString("PROV0000"), Is.EqualTo($"{stack.Name}[{ext}]: formed from imdither of:"));
                Assert.That(stack.Components.Select((c, i) => hdu.Header.GetString($"PROV{i + 1:0000}")), Is.EqualTo(stack.Components.Select(c => $"{c}[{ext}]")));
                Assert.That(hdu.Header.Contains($"PROV{stack.Components.Count + 1:0000}"), Is.False);
                Assert.That(hdu.Header.GetDouble("BSCALE"), Is.EqualTo(0.5), "the mean of two integer frames, stored exactly");
            }

            var components = stack.Components.Select(c => night.Files.Single(f => f.Name == c)).ToList();
            Assert.That(components.Select(c => (c.Project, c.Filter)), Has.All.EqualTo((stack.Project, stack.Filter)));
        });
    }

    [Test]
    public void The_stack_has_its_confidence_map_named_in_CIR_CPM()
    {
        var stack = night.OfKind(DemoFileKind.Stack).Single();
        var confidence = night.OfKind(DemoFileKind.Confidence).Single();
        using var image = FitsFile.Open(stack.Path);
        using var conf = FitsFile.Open(confidence.Path);
        Assert.Multiple(() =>
        {
            Assert.That(confidence.ImagePath, Is.EqualTo(stack.Path));
            foreach (var hdu in image.Hdus.Skip(1))
                Assert.That(hdu.Header.GetString("CIR_CPM"), Is.EqualTo($"{confidence.Name}[{hdu.Index}]"));
            foreach (var hdu in conf.Hdus.Skip(1))
            {
                var values = hdu.ReadImage().Order().ToArray();
                Assert.That(values[values.Length / 2], Is.InRange(95, 105), $"HDU {hdu.Index}: median confidence 100");
                Assert.That(values[0], Is.GreaterThanOrEqualTo(0));
            }
        });
    }

    [Test]
    public void The_same_seed_writes_byte_identical_files_and_another_seed_different_ones()
    {
        var again = DemoNight.Write(TestPaths.NewTempDir());
        var other = DemoNight.Write(TestPaths.NewTempDir(), new DemoNightOptions { Seed = 2 });
        try
        {
            Assert.Multiple(() =>
            {
                Assert.That(again.Files.Select(f => f.Name), Is.EqualTo(night.Files.Select(f => f.Name)));
                foreach (var (a, b) in night.Files.Zip(again.Files))
                    Assert.That(File.ReadAllBytes(b.Path).SequenceEqual(File.ReadAllBytes(a.Path)), Is.True, $"{a.Name} differs between two writes with seed 1");
                Assert.That(other.Files.Select(f => f.Name), Is.EqualTo(night.Files.Select(f => f.Name)), "the plan does not depend on the seed");
                Assert.That(night.Files.Zip(other.Files).Count(p => File.ReadAllBytes(p.First.Path).SequenceEqual(File.ReadAllBytes(p.Second.Path))), Is.Zero,
                    "seed 2 draws other pixels and detections");
            });
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(again.Directory)!, true);
            Directory.Delete(Path.GetDirectoryName(other.Directory)!, true);
        }
    }

    [Test]
    public void Another_date_and_detector_size_name_and_shape_the_files()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var small = DemoNight.Write(dir, new DemoNightOptions { UtDate = new DateOnly(2008, 3, 2), DetectorPixels = 96 });
            using var file = FitsFile.Open(small.Files[0].Path);
            Assert.Multiple(() =>
            {
                Assert.That(small.Directory, Is.EqualTo(Path.Combine(dir, "20080302")));
                Assert.That(small.Files[0].Name, Is.EqualTo("w20080302_00012_sf.fit"));
                Assert.That(file.Hdus[1].Axes, Is.EqualTo(new long[] { 96, 96 }));
                Assert.That(file.Hdus[0].Header.GetString("UTDATE"), Is.EqualTo("20080302"));
                Assert.That(file.Hdus[0].Header.GetString("DATE-OBS"), Does.StartWith("2008-03-02T"));
            });
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void Detectors_smaller_than_64_pixels_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoNight.Write(TestPaths.NewTempDir(), new DemoNightOptions { DetectorPixels = 32 }));

    [Test]
    public void The_LAS_field_is_observed_in_H_K_Y_stacked_and_J_then_in_K_again_and_the_manifest_lists_its_files()
    {
        var field = night.Files.Where(f => f.Object == MultiBandField).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(field.Where(f => f.Kind == DemoFileKind.Image).Select(f => (f.Name, f.Filter)), Is.EqualTo(new[]
            {
                ("w20071011_00099_sf.fit", "H"), ("w20071011_00100_sf.fit", "K"), ("w20071011_00101_sf.fit", "Y"), ("w20071011_00102_sf.fit", "Y"),
                ("w20071011_00103_sf.fit", "J"), ("w20071011_00107_sf.fit", "K"),
            }));
            Assert.That(field.Where(f => f.Kind != DemoFileKind.Image).Select(f => f.Name).Order(), Is.EqualTo(new[]
            {
                "w20071011_00099_sf_cat.fits", "w20071011_00100_sf_cat.fits", "w20071011_00101_sf_cat.fits", "w20071011_00101_sf_st.fit",
                "w20071011_00101_sf_st_cat.fits", "w20071011_00101_sf_st_conf.fit", "w20071011_00102_sf_cat.fits", "w20071011_00103_sf_cat.fits",
                "w20071011_00107_sf_cat.fits",
            }));
            Assert.That(field.Select(f => (f.Project, f.ExpectedAcronym)), Has.All.EqualTo(("U/UKIDSS/LAS", "LAS")));
            foreach (var f in field)
            {
                Assert.That(File.Exists(f.Path), f.Name);
                using var file = FitsFile.Open(f.Path);
                var primary = file.Hdus[0].Header;
                Assert.That((primary.GetString("OBJECT"), primary.GetString("FILTER")), Is.EqualTo((MultiBandField, f.Filter)), f.Name);
                Assert.That(primary.GetDouble("RABASE") * 15, Is.EqualTo(334.10).Within(1e-5), $"{f.Name}: one base position");
                Assert.That(primary.GetDouble("DECBASE"), Is.EqualTo(0.42).Within(1e-6), $"{f.Name}: one base position");
            }

            Assert.That(night.Files.Where(f => f.Kind == DemoFileKind.Image).GroupBy(f => f.Object).Where(g => g.Count() > 1).Select(g => g.Key),
                Is.EqualTo(new[] { MultiBandField }), "the other fields are observed once");
        });
    }

    [TestCase("J", 103)]
    [TestCase("H", 99)]
    [TestCase("K", 100)]
    [TestCase("K", 107)]
    public void Most_detections_of_the_LAS_Y_stack_are_within_an_arcsecond_of_one_in_each_other_band(string filter, int obsNum)
    {
        var stack = FieldCatalogue(f => f.Components.Count > 0);
        var other = FieldCatalogue(f => f.ObsNum == obsNum && f.Components.Count == 0, filter);
        var matched = Match(stack, other, 1.0);
        var real = matched.Where(m => m.From.Class != 0).ToList();
        TestContext.Out.WriteLine($"Y stack {stack.Count} -> {filter} {other.Count}: {matched.Count(m => m.Arcsec < 1)} within 1 arcsec "
            + $"({real.Count(m => m.Arcsec < 1)} of {real.Count} not noise), median separation {Median(matched.Where(m => m.Arcsec < 1).Select(m => m.Arcsec)):0.000} arcsec");
        Assert.Multiple(() =>
        {
            Assert.That(real.Count(m => m.Arcsec < 1), Is.GreaterThan(0.8 * real.Count), "the same stars and galaxies, not noise peaks");
            Assert.That(matched.Count(m => m.Arcsec < 1), Is.GreaterThan(0.7 * stack.Count), "most detections");
            var separations = matched.Where(m => m.Arcsec < 1).Select(m => m.Arcsec).ToList();
            Assert.That(Median(separations), Is.InRange(0.005, 0.3), "measured positions differ a little");
            Assert.That(separations.Count(s => s > 0.5), Is.LessThan(separations.Count / 20), "few are far apart");
        });
    }

    [Test]
    public void The_repeated_K_catalogues_of_the_LAS_field_agree_with_each_other_and_their_detections_are_no_chance_alignments()
    {
        var (first, again) = (FieldCatalogue(f => f.ObsNum == 100, "K"), FieldCatalogue(f => f.ObsNum == 107, "K"));
        var forth = Match(first, again, 1.0).Where(m => m.From.Class != 0).ToList();
        var back = Match(again, first, 1.0).Where(m => m.From.Class != 0).ToList();
        // The same sources 30 arcsec away match only by chance.
        var shifted = Match(first.Select(d => d with { Dec = d.Dec + 30.0 / 3600 }).ToList(), again, 1.0);
        TestContext.Out.WriteLine($"K {first.Count} and {again.Count}: {forth.Count(m => m.Arcsec < 1)} of {forth.Count} and "
            + $"{back.Count(m => m.Arcsec < 1)} of {back.Count} within 1 arcsec; shifted 30 arcsec: {shifted.Count(m => m.Arcsec < 1)}");
        // The deeper of the two (better seeing, lower airmass) has faint sources the other misses.
        var (shallower, deeper) = forth.Count < back.Count ? (forth, back) : (back, forth);
        Assert.Multiple(() =>
        {
            Assert.That(shallower.Count(m => m.Arcsec < 1), Is.GreaterThan(0.9 * shallower.Count));
            Assert.That(deeper.Count(m => m.Arcsec < 1), Is.GreaterThan(0.7 * deeper.Count));
            Assert.That(Median(forth.Where(m => m.Arcsec < 1).Select(m => m.Arcsec)), Is.InRange(0.005, 0.3), "measured positions differ a little");
            Assert.That(shifted.Count(m => m.Arcsec < 1), Is.LessThan(0.1 * first.Count));
        });
    }

    [Test]
    public void Stars_of_the_LAS_field_have_the_colours_of_stars()
    {
        var y = FieldCatalogue(f => f.Components.Count > 0);
        var (j, h, k) = (FieldCatalogue(f => f.ObsNum == 103, "J"), FieldCatalogue(f => f.ObsNum == 99, "H"), FieldCatalogue(f => f.ObsNum == 100, "K"));
        // Unsaturated stars, classified so in both catalogues.
        List<double> Colour(List<FieldDetection> blue, List<FieldDetection> red) =>
            [.. Match(blue, red, 1.0).Where(m => m.Arcsec < 1 && m.From.Class == -1 && m.To!.Class == -1).Select(m => m.From.Magnitude - m.To!.Magnitude)];
        var (yj, jh, hk) = (Colour(y, j), Colour(j, h), Colour(h, k));
        TestContext.Out.WriteLine($"median Y-J {Median(yj):0.00} ({yj.Count} stars), J-H {Median(jh):0.00} ({jh.Count}), H-K {Median(hk):0.00} ({hk.Count})");
        Assert.Multiple(() =>
        {
            Assert.That(yj, Has.Count.GreaterThan(30));
            Assert.That(Median(yj), Is.InRange(0.2, 0.7));
            Assert.That(Median(jh), Is.InRange(0.1, 0.7));
            Assert.That(Median(hk), Is.InRange(0.0, 0.35));
        });
    }

    /// <summary>The field observed in several bands and twice in K (NightPlan.MultiBandField).</summary>
    private const string MultiBandField = "LAS_22h17_p00";

    /// <summary>One row of a catalogue: where (degrees), what (Classification) and how bright (the aperture 3 magnitude,
    /// calibrated as <c>{prog}Detection</c> documents it).</summary>
    private sealed record FieldDetection(double Ra, double Dec, int Class, double Magnitude);

    /// <summary>A detection and the nearest one of another catalogue (null when it has none).</summary>
    private sealed record Nearest(FieldDetection From, FieldDetection? To, double Arcsec);

    /// <summary>Every detection of the one catalogue of the LAS field that <paramref name="which"/> picks, read with the
    /// archive's FITS layer (RA and DEC in radians, as CASU writes them).</summary>
    private List<FieldDetection> FieldCatalogue(Func<DemoFile, bool> which, string filter = "Y")
    {
        var catalogue = Catalogues.Single(c => c.Object == MultiBandField && c.Filter == filter && which(night.Files.Single(f => f.Path == c.ImagePath)));
        using var file = FitsFile.Open(catalogue.Path);
        var primary = file.Hdus[0].Header;
        var (expTime, airmass) = (primary.GetDouble("EXP_TIME"), (primary.GetDouble("AMSTART") + primary.GetDouble("AMEND")) / 2);
        var detections = new List<FieldDetection>();
        foreach (var hdu in file.Hdus.Skip(1))
        {
            var h = hdu.Header;
            var chunk = hdu.OpenTable().Read(0, (int)hdu.Rows!.Value);
            for (var r = 0; r < chunk.RowCount; r++)
            {
                var flux = chunk["Aper_flux_3"]!.GetPhysical(r, 0);
                var magnitude = h.GetDouble("MAGZPT") - 2.5 * Math.Log10(Math.Max(flux, 1e-3) / expTime) - h.GetDouble("APCOR3") - h.GetDouble("EXTINCT") * (airmass - 1);
                detections.Add(new FieldDetection(chunk["RA"]!.GetPhysical(r, 0) * (180 / Math.PI), chunk["DEC"]!.GetPhysical(r, 0) * (180 / Math.PI),
                    (int)chunk["Classification"]!.GetPhysical(r, 0), magnitude));
            }
        }

        Assert.That(detections, Has.Count.GreaterThan(50), catalogue.Name);
        return detections;
    }

    /// <summary>For each detection of <paramref name="from"/>, the nearest of <paramref name="to"/> (by brute force: a few
    /// hundred each) within <paramref name="radiusArcsec"/>, else none and an infinite separation.</summary>
    private static List<Nearest> Match(List<FieldDetection> from, List<FieldDetection> to, double radiusArcsec) =>
    [
        .. from.Select(a =>
        {
            var best = to.Select(b => (b, Arcsec: Separation(a, b))).MinBy(p => p.Arcsec);
            return best.Arcsec <= radiusArcsec ? new Nearest(a, best.b, best.Arcsec) : new Nearest(a, null, double.PositiveInfinity);
        }),
    ];

    /// <summary>The angle between two detections (arcsec; the haversine formula, exact at these small separations).</summary>
    private static double Separation(FieldDetection a, FieldDetection b)
    {
        const double d2r = Math.PI / 180;
        var (sinDec, sinRa) = (Math.Sin((b.Dec - a.Dec) * d2r / 2), Math.Sin((b.Ra - a.Ra) * d2r / 2));
        var h = sinDec * sinDec + Math.Cos(a.Dec * d2r) * Math.Cos(b.Dec * d2r) * sinRa * sinRa;
        return 2 * Math.Asin(Math.Sqrt(h)) / d2r * 3600;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    private static IEnumerable<string> Keywords(SchemaModel model, string table, HduRefKind kind) =>
        model.Tables.Single(t => t.Name == table).Columns.Select(c => c.Source).OfType<ColumnSource.HeaderKeyword>()
            .Where(k => k.Hdu.Kind == kind).Select(k => k.Keyword);

    private static IEnumerable<string> KeywordsOfAll(SchemaModel model, HduRefKind kind) =>
        model.Tables.SelectMany(t => Keywords(model, t.Name, kind));

    private static string FixtureDirectory =>
        Path.Combine(Environment.GetEnvironmentVariable("CURATION_FIXTURES") is { Length: > 0 } dir ? dir : Path.Combine(TestPaths.RepoRoot, "..", "shared", "fixtures"), "fits");

    private List<JsonElement>? astropy;

    /// <summary>astropy's reading of every catalogue against its image (tests/.../astropy-demo-check.py), run once.</summary>
    private List<JsonElement> Astropy()
    {
        if (astropy is not null)
            return astropy;
        if (!File.Exists(Python))
            Assert.Ignore($"{Python} is not installed: the astropy cross-check needs Debian's python3-astropy (tools/test installs it)");
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(TestPaths.RepoRoot, "tests", "Curation.TablePreparation.Tests", "Demo", "astropy-demo-check.py"));
        foreach (var c in Catalogues)
        {
            start.ArgumentList.Add(c.Path);
            start.ArgumentList.Add(c.ImagePath!);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            if (stderr.Result.Contains("No module named", StringComparison.Ordinal))
                Assert.Ignore($"astropy is not installed for {Python}: install Debian's python3-astropy (tools/test does)");
            Assert.Fail($"astropy-demo-check.py failed with exit code {process.ExitCode}: {stderr.Result}");
        }

        using var json = JsonDocument.Parse(stdout);
        astropy = [.. json.RootElement.EnumerateArray().Select(e => e.Clone())];
        return astropy;
    }
}
