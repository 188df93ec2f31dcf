using System.Globalization;
using Curation.Schema.Model;
using Curation.TablePreparation.Ingest;
using Curation.TablePreparation.Sky;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Ingest;

/// <summary>CU4 on the real CASU imcore catalogue (NGTS), on each engine: every detection checked cell by cell against
/// astropy's reading of the same file.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class DetectionIngestTests(string engine)
{
    private const string Casu = "ngts-casu/procIMAGE80220150514002449.cat";

    [Test]
    public void A_casu_catalogue_reaches_the_detection_table_cell_by_cell_as_astropy_reads_it()
    {
        var path = Fixtures.Require(Casu);
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu3(new IngestRequest { Files = [path], AssignProgramme = "LAS" }), Is.Zero, archive.Terminal);
        Assert.That(archive.Cu4(), Is.Zero, archive.Terminal);
        var reference = AstropyReference.Read(path, columns: true);
        var rows = archive.Rows("SELECT * FROM lasDetection ORDER BY seqNum");
        var sequence = reference.Column(1, "Sequence_number").Values;
        Assert.That(rows, Has.Count.EqualTo(sequence.Count), "one row per catalogue row");

        var table = archive.Scripts.Tables.Single(t => t.Name == "{prog}Detection");
        var compared = 0;
        Assert.Multiple(() =>
        {
            foreach (var column in table.Columns)
            {
                if (column.Source is not ColumnSource.TableColumn f)
                    continue;
                var name = f.Alternatives[0].Columns[0].Column;
                var (unit, values) = reference.Column(1, name);
                var factor = unit?.Trim().ToLowerInvariant() is "radians" or "rad" && column.Unit == "degrees" ? 180 / Math.PI : 1;
                for (var i = 0; i < rows.Count; i++)
                {
                    var expected = AstropyReference.Number(values[i]);
                    var actual = Convert.ToDouble(rows[i][column.Name], CultureInfo.InvariantCulture);
                    if (expected is null)
                    {
                        Assert.That(actual, Is.EqualTo(-0.9999995e9).Within(1e3), $"{column.Name} row {i + 1}: null in the file, so the default");
                        continue;
                    }

                    var e = expected.Value * factor;
                    var tolerance = column.Type.IsSinglePrecision ? 1e-7 * Math.Max(1, Math.Abs(e)) : 1e-12 * Math.Max(1, Math.Abs(e));
                    Assert.That(actual, Is.EqualTo(e).Within(tolerance), $"{column.Name} <- {name} row {i + 1}");
                    compared++;
                }
            }
        });
        Assert.That(compared, Is.GreaterThan(3000 * 40), "cells compared");

        // The computed columns, from the stored position: against the sky library's own checks (stilts, astropy) in Sky/.
        var sample = rows.Where((_, i) => i % 97 == 0).ToList();
        Assert.Multiple(() =>
        {
            foreach (var r in sample)
            {
                var ra = Convert.ToDouble(r["ra"], CultureInfo.InvariantCulture);
                var dec = Convert.ToDouble(r["dec"], CultureInfo.InvariantCulture);
                var v = SkyMath.UnitVector(ra, dec);
                Assert.That(Convert.ToDouble(r["cx"], CultureInfo.InvariantCulture), Is.EqualTo(v.X).Within(1e-12));
                Assert.That(Convert.ToDouble(r["cz"], CultureInfo.InvariantCulture), Is.EqualTo(v.Z).Within(1e-12));
                Assert.That(Convert.ToInt64(r["htmID"], CultureInfo.InvariantCulture), Is.EqualTo(Htm.Index(ra, dec, 20)));
                Assert.That(Convert.ToDouble(r["b"], CultureInfo.InvariantCulture), Is.EqualTo(SkyMath.ToGalactic(ra, dec).B).Within(1e-9));
                var mf = Convert.ToInt64(r["multiframeID"], CultureInfo.InvariantCulture);
                Assert.That(Convert.ToInt64(r["objID"], CultureInfo.InvariantCulture),
                    Is.EqualTo((mf * 100 + 2) * 100_000_000 + Convert.ToInt64(r["seqNum"], CultureInfo.InvariantCulture)));
            }
        });
    }

    [Test]
    public void Galactic_coordinates_of_the_detections_agree_with_astropy()
    {
        var path = Fixtures.Require(Casu);
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu3(new IngestRequest { Files = [path], AssignProgramme = "LAS" }), Is.Zero, archive.Terminal);
        Assert.That(archive.Cu4(), Is.Zero, archive.Terminal);
        var rows = archive.Rows("SELECT ra, dec, l, b FROM lasDetection ORDER BY seqNum").Where((_, i) => i % 50 == 0).ToList();
        using var dir = Fixtures.NewTempDir();
        var points = string.Join(",", rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"({Convert.ToDouble(r["ra"], CultureInfo.InvariantCulture):R},{Convert.ToDouble(r["dec"], CultureInfo.InvariantCulture):R})")));
        var text = Sky.ReferenceTools.RunAstropy(dir,
            "from astropy.coordinates import SkyCoord\nimport astropy.units as u\n"
            + $"p=[{points}]\n"
            + "c=SkyCoord([x[0] for x in p]*u.deg,[x[1] for x in p]*u.deg,frame='icrs').galactic\n"
            + "print('\\n'.join(f'{a!r} {b!r}' for a,b in zip(c.l.deg,c.b.deg)))\n");
        var expected = Sky.ReferenceTools.ParseNumbers(text);
        Assert.Multiple(() =>
        {
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.That(Convert.ToDouble(rows[i]["l"], CultureInfo.InvariantCulture), Is.EqualTo(expected[i][0]).Within(1e-6), $"l of row {i}");
                Assert.That(Convert.ToDouble(rows[i]["b"], CultureInfo.InvariantCulture), Is.EqualTo(expected[i][1]).Within(1e-6), $"b of row {i}");
            }
        });
    }

    [Test]
    public void A_rerun_ingests_nothing_twice_and_reingest_replaces_the_rows()
    {
        var path = Fixtures.Require(Casu);
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu3(new IngestRequest { Files = [path], AssignProgramme = "LAS" }), Is.Zero, archive.Terminal);
        Assert.That(archive.Cu4(), Is.Zero, archive.Terminal);
        var rows = archive.Count("lasDetection");
        Assert.That(archive.Cu4(path), Is.Zero, archive.Terminal);
        Assert.That(archive.Output, Does.Contain("0 catalogue(s) ingested").And.Contain("1 skipped"));
        Assert.That(archive.Cu4(new IngestRequest { Files = [path], Reingest = true }), Is.Zero, archive.Terminal);
        Assert.That(archive.Count("lasDetection"), Is.EqualTo(rows));
        Assert.That(archive.Count("lasDetection", "cuEventID = 4"), Is.EqualTo(rows), "the rows are those of the last run");
    }

    [Test]
    public void A_catalogue_without_its_metadata_waits_for_cu3()
    {
        var path = Fixtures.Require(Casu);
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu4(path), Is.Zero, archive.Terminal);
        Assert.That(archive.Terminal, Does.Contain("run cu3"));
        Assert.That(archive.Rows("SELECT detectionState FROM ArchivedFile").Select(r => Convert.ToInt32(r["detectionState"], CultureInfo.InvariantCulture)), Is.EqualTo(new[] { 0 }));
    }
}
