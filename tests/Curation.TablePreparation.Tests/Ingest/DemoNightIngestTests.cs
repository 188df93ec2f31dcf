using System.Globalization;
using Curation.TablePreparation.Computations;
using Curation.TablePreparation.Demo;
using Curation.TablePreparation.Ingest;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Ingest;

/// <summary>CU3 and CU4 over the generated night: the computed attributes from the values they are computed from.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class DemoNightIngestTests(string engine)
{
    [Test]
    public void Magnitudes_are_the_zero_point_minus_the_flux_per_second_aperture_correction_and_extinction()
    {
        using var dir = Fixtures.NewTempDir();
        var manifest = DemoNight.Write(dir.Path);
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu3(manifest.Files.Select(f => f.Path).ToArray()), Is.Zero, archive.Terminal);
        Assert.That(archive.Cu4(), Is.Zero, archive.Terminal);
        var rows = archive.Rows("SELECT d.aperFlux3, d.aperFlux3Err, d.aperMag3, d.aperMag3Err, m.expTime, m.amStart, m.amEnd, "
            + "md.photZPCat, md.aperCor3, md.extinctionCat FROM lasDetection d JOIN Multiframe m ON m.multiframeID = d.multiframeID "
            + "JOIN MultiframeDetector md ON md.multiframeID = d.multiframeID AND md.extNum = d.extNum");
        Assert.That(rows, Is.Not.Empty);
        var positive = 0;
        Assert.Multiple(() =>
        {
            foreach (var r in rows)
            {
                double V(string c) => Convert.ToDouble(r[c], CultureInfo.InvariantCulture);
                if (V("aperFlux3") <= 0)
                {
                    Assert.That(V("aperMag3"), Is.EqualTo(-0.9999995e9).Within(1e3), "no magnitude for a flux that is not positive");
                    continue;
                }

                positive++;
                var expected = V("photZPCat") - 2.5 * Math.Log10(V("aperFlux3") / V("expTime")) - V("aperCor3")
                    - V("extinctionCat") * ((V("amStart") + V("amEnd")) / 2 - 1);
                Assert.That(V("aperMag3"), Is.EqualTo(expected).Within(1e-4));
                Assert.That(V("aperMag3Err"), Is.EqualTo(2.5 / Math.Log(10) * V("aperFlux3Err") / V("aperFlux3")).Within(1e-5 * Math.Max(1, V("aperMag3Err"))));
            }
        });
        Assert.That(positive, Is.GreaterThan(100));
    }

    [Test]
    public void Every_stack_component_in_the_night_becomes_a_provenance_row_whatever_the_order_of_ingest()
    {
        using var dir = Fixtures.NewTempDir();
        var manifest = DemoNight.Write(dir.Path);
        var stack = manifest.OfKind(DemoFileKind.Stack).Single();
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu3(stack.Path), Is.Zero, archive.Terminal); // the stack first: its components are not there yet
        Assert.That(archive.Count("Provenance"), Is.Zero);
        Assert.That(archive.Cu3(manifest.Files.Select(f => f.Path).ToArray()), Is.Zero, archive.Terminal);
        var components = archive.Rows("SELECT f.fileName FROM Provenance p JOIN Multiframe f ON f.multiframeID = p.multiframeID")
            .Select(r => Path.GetFileName(((string)r["fileName"]!).TrimEnd())).Order().ToList();
        Assert.That(components, Is.EqualTo(stack.Components.Select(Path.GetFileName).Order().ToList()));
    }

    [TestCase("w20071011_00101_sf.fit", "normal")]
    [TestCase("w20071011_00101_sf_st.fit", "stack")]
    [TestCase("w20071011_00101_sf_st_conf.fit", "stackconf")]
    [TestCase("w20071011_00101_ld.fit", "leav")]
    [TestCase("w20071011_00101_sf_ls.fit", "leavstack")]
    [TestCase("w20071011_00101_conf.fit.fz", "conf")]
    public void The_frame_type_comes_from_the_pipeline_suffixes(string name, string type) =>
        Assert.That(ComputationRegistry.FrameTypeOf(name), Is.EqualTo(type));

    [Test]
    public void Every_computation_of_the_registry_is_documented()
    {
        var docs = File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "docs", "table-preparation.md"));
        Assert.Multiple(() =>
        {
            foreach (var c in ComputationRegistry.All)
                Assert.That(docs, Does.Contain($"`{c.Name}`"), c.Name);
        });
    }

    [Test]
    public void The_real_scripts_name_only_computations_of_the_registry_and_an_unknown_one_is_an_error()
    {
        var scripts = Schema.SchemaScriptParser.ParseFiles(Directory.GetFiles(Path.Combine(Fixtures.RepoRoot, "schema-sql"), "*.sql").Order(StringComparer.Ordinal));
        Assert.That(ComputationCheck.Check(scripts), Is.Empty);
        using var dir = Fixtures.NewTempDir();
        var script = dir.File("Bad.sql");
        File.WriteAllText(script, "CREATE TABLE Frame(\nname varchar(8) not null, --/D a name --/K OBJECT\nweird float not null, --/D a weird value --/Q name,seeing\n)\nGO\n");
        var findings = ComputationCheck.Check(Schema.SchemaScriptParser.ParseFiles([script]));
        Assert.That(findings.Select(f => f.ToString()), Has.One.Contains("Frame.weird: --/Q name,seeing names no computation of the registry").And.Contains("Bad.sql:3"));
    }
}

/// <summary>CU4 restricted to one programme's waiting catalogues (what the nightly run does, programme by programme).</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class ProgrammeDetectionIngestTests(string engine)
{
    [Test]
    public void Cu4_for_one_programme_ingests_its_catalogues_and_leaves_the_others_waiting()
    {
        using var dir = Fixtures.NewTempDir();
        var manifest = DemoNight.Write(dir.Path);
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu3(manifest.Files.Select(f => f.Path).ToArray()), Is.Zero, archive.Terminal);
        Assert.That(archive.Cu4(new IngestRequest { Programme = "las" }), Is.Zero, archive.Terminal);
        var las = manifest.OfKind(DemoFileKind.Catalogue).Where(c => c.ExpectedAcronym == "LAS").Sum(c => (long)c.Detections);
        Assert.That(archive.Count("lasDetection"), Is.EqualTo(las));
        Assert.That(archive.Count("gpsDetection"), Is.Zero);
        Assert.That(archive.Count("ArchivedFile", "fileType = 'catalogue' AND detectionState = 0"),
            Is.EqualTo(manifest.OfKind(DemoFileKind.Catalogue).Count(c => c.ExpectedAcronym != "LAS")));
        Assert.That(archive.Count("ProgrammeCurationHistory", "programmeID = 101 AND cuEventID IN (SELECT cuEventID FROM ArchiveCurationHistory WHERE cuID = 4)"), Is.EqualTo(1));
    }
}
