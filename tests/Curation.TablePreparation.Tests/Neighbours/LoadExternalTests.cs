using System.Globalization;
using Curation.Database;
using Curation.Fits.Writing;
using Curation.Sessions;
using Curation.TablePreparation.External;
using Curation.TablePreparation.Tests.Ingest;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Neighbours;

/// <summary>
/// <c>curate load-external</c> on each engine: real catalogues of the fixtures loaded cell by cell as astropy reads
/// them (the CASU catalogue's radians converted to degrees), the HDU of an LDAC file found, reloads, a table whose
/// columns change, awkward columns (vectors, unsigned and null integers, scaling, strings, logicals, 64-bit IDs), and
/// bad input refused with the file, the HDU and the column named and nothing registered.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class LoadExternalTests(string engine)
{
    private const string Ngts = "ngts-casu/procIMAGE80220150514002449.cat";
    private const string Ldac = "neoexchange/ldac_test_catalog.fits";

    [Test]
    public void A_casu_catalogue_is_loaded_cell_by_cell_as_astropy_reads_it_with_its_radians_in_degrees()
    {
        var path = Fixtures.Require(Ngts);
        using var archive = NeighbourArchive.Create(engine);
        Assert.That(archive.LoadExternal(new LoadExternalRequest { File = path, SurveyName = "NGTS", Alias = "NGTSimcore" }), Is.Zero, archive.Terminal);
        Assert.That(archive.Output, Does.StartWith($"load-external: 3152 row(s) of {path}, HDU 1 (APM-BINARYTABLE) loaded into NGTS_NGTSimcore, ExternalSurveyTable 4/1"));
        Assert.That(archive.Output, Does.Contain("80 column(s); ID Sequence_number, RA RA and Dec DEC converted from radians to degrees"));
        Assert.That(archive.Output, Does.Contain("registered ExternalSurvey 4 (NGTS, databaseName NGTS) and ExternalSurveyTable 4/1"));

        var reference = AstropyReference.Read(path, columns: true);
        var rows = archive.Rows("SELECT * FROM NGTS_NGTSimcore ORDER BY Sequence_number");
        var ids = reference.Column(1, "Sequence_number").Values.Select(v => (long)AstropyReference.Number(v)!.Value).ToList();
        var rowOf = rows.Select((r, i) => (Id: Convert.ToInt64(r["Sequence_number"], CultureInfo.InvariantCulture), i)).ToDictionary(x => x.Id, x => x.i);
        Assert.That(rowOf.Keys.Order(), Is.EqualTo(ids.Order()), "one row per catalogue row, by its ID");
        var compared = 0;
        using (var file = Curation.Fits.FitsFile.Open(path))
        {
            Assert.Multiple(() =>
            {
                foreach (var column in file.Hdus[1].Columns)
                {
                    var (_, values) = reference.Column(1, column.Name!);
                    var degrees = column.Name is "RA" or "DEC";
                    for (var i = 0; i < values.Count; i++)
                    {
                        var stored = rows[rowOf[ids[i]]][column.Name!];
                        if (AstropyReference.Number(values[i]) is not { } expected)
                        {
                            Assert.That(stored, Is.Null, $"{column.Name} row {i + 1}: NaN in the file, NULL in the table");
                            continue;
                        }

                        var e = degrees ? expected * (180 / Math.PI) : expected;
                        var tolerance = (degrees ? 1e-13 : 1e-7) * Math.Max(1, Math.Abs(e));
                        Assert.That(Convert.ToDouble(stored, CultureInfo.InvariantCulture), Is.EqualTo(e).Within(tolerance), $"{column.Name} row {i + 1}");
                        compared++;
                    }
                }
            });
        }

        Assert.That(compared, Is.GreaterThan(3152 * 70), "cells compared");
        var registration = archive.Rows("SELECT * FROM ExternalSurveyTable WHERE surveyID = 4").Single();
        Assert.That((registration["extTableName"], registration["extTableAlias"], registration["sourceIDName"], registration["coord1"], registration["coord2"]),
            Is.EqualTo(("NGTSimcore", "NGTSimcore", "Sequence_number", "RA", "DEC")));
        Assert.That(archive.Count("ExternalSurvey", "surveyID = 4 AND surveyName = 'NGTS' AND databaseName = 'NGTS'"), Is.EqualTo(1));
        Assert.That(archive.Count("ArchiveCurationHistory", "cuID = 17 AND status = 1"), Is.EqualTo(1));
    }

    [Test]
    public void An_ldac_catalogue_is_found_in_its_second_hdu_and_a_reload_replaces_its_rows()
    {
        var path = Fixtures.Require(Ldac);
        using var archive = NeighbourArchive.Create(engine);
        Assert.That(archive.LoadExternal(new LoadExternalRequest { File = path, SurveyName = "LCO", Alias = "LCOldac", TableName = "ldac_objects" }), Is.Zero, archive.Terminal);
        Assert.That(archive.Output, Does.Contain("974 row(s) of " + path + ", HDU 2 (LDAC_OBJECTS) loaded into LCO_ldac_objects"));
        Assert.That(archive.Output, Does.Contain("ID NUMBER, RA ALPHA_J2000 and Dec DELTA_J2000 in degrees"));
        Assert.That(archive.Count("LCO_ldac_objects"), Is.EqualTo(974));

        // Again, by its registration: the same rows, once.
        Assert.That(archive.LoadExternal(new LoadExternalRequest { File = path, SurveyId = 4, ExtTableId = 1 }), Is.Zero, archive.Terminal);
        Assert.That(archive.Output, Does.Contain("replaced 974 row(s) loaded before").And.Not.Contain("registered"));
        Assert.That(archive.Count("LCO_ldac_objects"), Is.EqualTo(974));
        Assert.That(archive.Rows("SELECT COUNT(DISTINCT NUMBER) AS n FROM LCO_ldac_objects").Single()["n"], Is.EqualTo(974));

        // Another catalogue with other columns into the same registration: the table is made again from its columns.
        var other = Fixtures.Require("neoexchange/elp1m008-fl05-20160217-0218-e90_cat.fits");
        Assert.That(archive.LoadExternal(new LoadExternalRequest { File = other, SurveyName = "LCO", Alias = "LCOldac" }), Is.Zero, archive.Terminal);
        Assert.That(archive.Output, Does.Contain("replaced 974 row(s) loaded before; the table was recreated, as its columns had changed"));
        Assert.That(archive.Count("LCO_ldac_objects"), Is.EqualTo(319));
        Assert.That(archive.Rows("SELECT AIRMASS FROM LCO_ldac_objects"), Has.Count.EqualTo(319), "the new file's columns");

        // A dry run changes nothing and records nothing.
        Assert.That(archive.LoadExternal(new LoadExternalRequest { File = path, SurveyId = 4, ExtTableId = 1 }, dryRun: true), Is.Zero, archive.Terminal);
        Assert.That(archive.Output, Does.Contain("(dry run: rolled back)"));
        Assert.That(archive.Count("LCO_ldac_objects"), Is.EqualTo(319));
        Assert.That(archive.Count("ArchiveCurationHistory", "cuID = 17"), Is.EqualTo(3));
    }

    [Test]
    public void Awkward_columns_are_loaded_exactly_or_left_out_with_the_reason()
    {
        using var dir = Fixtures.NewTempDir();
        var path = dir.File("awkward.fits");
        using (var w = FitsWriter.Create(path))
        {
            w.AddEmptyPrimary();
            w.AddBinaryTable("CAT", 4,
            [
                new ColumnSpec("ID", "1K", null, new long[] { 6917528997577384320, 1, -2, 9_007_199_254_740_993 }),
                new ColumnSpec("RA", "1D", "deg", new[] { 10.0, 10.001, 359.9999, 0.0005 }),
                new ColumnSpec("DEC", "1D", "deg", new[] { -5.0, -5.0001, 0, double.NaN }),
                new ColumnSpec("FLUX", "3E", "count", new float[12]),
                new ColumnSpec("NAME", "8A", null, new[] { "a", "bb", "", "dddddddd" }),
                new ColumnSpec("FLAG", "1L", null, new[] { true, false, true, false }),
                new ColumnSpec("U16", "1I", null, new short[] { -32768, 0, 32767, 5 }),
                new ColumnSpec("NUL", "1J", null, new[] { 1, -999, 3, 4 }),
                new ColumnSpec("SCALED", "1I", null, new short[] { 10, 20, 30, 40 }),
                new ColumnSpec("CPLX", "1C", null, new float[8]),
                new ColumnSpec("VLA", "1PE(5)", null, new Array[] { new float[] { 1 }, new float[] { 1, 2 }, Array.Empty<float>(), new float[] { 5 } }),
                new ColumnSpec("bad name-1", "1E", null, new[] { 1f, 2f, 3f, 4f }),
                new ColumnSpec("ra", "1E", null, new[] { 1f, 2f, 3f, 4f }),
                new ColumnSpec("UB", "1B", null, new byte[] { 0, 255, 7, 8 }),
                new ColumnSpec("SB", "1B", null, new byte[] { 0, 255, 128, 1 }),
            ], "TZERO7  =                32768", "TNULL8  =                 -999", "TSCAL9  =                  0.1", "TZERO15 =                 -128");
        }

        using var archive = NeighbourArchive.Create(engine);
        Assert.That(archive.LoadExternal(new LoadExternalRequest { File = path, SurveyName = "Test survey", Alias = "Awkward" }), Is.Zero, archive.Terminal);
        Assert.That(archive.Output, Does.Contain("loaded into TESTSURVEY_Awkward").And.Contain("12 column(s)"));
        Assert.That(archive.Output, Does.Contain("not loaded: FLUX, a vector column of 3 elements"));
        Assert.That(archive.Output, Does.Contain("not loaded: CPLX, a complex column"));
        Assert.That(archive.Output, Does.Contain("not loaded: VLA, a variable-length array column"));
        Assert.That(archive.Output, Does.Contain("1 row(s) without a position on the sky, never matched"));

        var rows = archive.Rows("SELECT * FROM TESTSURVEY_Awkward ORDER BY ID");
        long L(int r, string c) => Convert.ToInt64(rows[r][c], CultureInfo.InvariantCulture);
        double D(int r, string c) => Convert.ToDouble(rows[r][c], CultureInfo.InvariantCulture);
        Assert.That(rows.Select(r => Convert.ToInt64(r["ID"], CultureInfo.InvariantCulture)), Is.EqualTo(new[] { -2, 1, 9_007_199_254_740_993, 6917528997577384320 }), "64-bit IDs exactly");
        Assert.Multiple(() =>
        {
            // Rows by ID: -2 is file row 3, 1 row 2, 9007199254740993 row 4, 6917528997577384320 row 1.
            Assert.That(rows.Select(r => r["NAME"]), Is.EqualTo(new object?[] { "", "bb", "dddddddd", "a" }));
            Assert.That(Enumerable.Range(0, 4).Select(r => L(r, "FLAG")), Is.EqualTo(new long[] { 1, 0, 0, 1 }));
            Assert.That(Enumerable.Range(0, 4).Select(r => L(r, "U16")), Is.EqualTo(new long[] { 65535, 32768, 32773, 0 }), "unsigned 16-bit (TZERO 32768), exactly");
            Assert.That(rows.Select(r => r["NUL"] is null ? (long?)null : Convert.ToInt64(r["NUL"], CultureInfo.InvariantCulture)), Is.EqualTo(new long?[] { 3, null, 4, 1 }), "TNULL as NULL");
            Assert.That(Enumerable.Range(0, 4).Select(r => D(r, "SCALED")), Is.EqualTo(new[] { 3.0, 2.0, 4.0, 1.0 }).Within(1e-12), "TSCAL applied");
            Assert.That(Enumerable.Range(0, 4).Select(r => D(r, "bad_name_1")), Is.EqualTo(new[] { 3.0, 2.0, 4.0, 1.0 }), "a name made a plain identifier");
            Assert.That(Enumerable.Range(0, 4).Select(r => D(r, "ra_2")), Is.EqualTo(new[] { 3.0, 2.0, 4.0, 1.0 }), "a name taken (ra, RA) suffixed");
            Assert.That(Enumerable.Range(0, 4).Select(r => L(r, "UB")), Is.EqualTo(new long[] { 7, 255, 8, 0 }));
            Assert.That(Enumerable.Range(0, 4).Select(r => L(r, "SB")), Is.EqualTo(new long[] { 0, 127, -127, -128 }), "signed bytes (TZERO -128)");
            Assert.That(rows.Select(r => r["DEC"]), Is.EqualTo(new object?[] { 0.0, -5.0001, null, -5.0 }), "NaN as NULL");
        });
        Assert.That(archive.Count("ExternalSurvey", "surveyName = 'Test survey' AND databaseName = 'TESTSURVEY'"), Is.EqualTo(1));
    }

    [Test]
    public void Bad_input_is_one_error_naming_the_file_the_hdu_and_the_column_and_nothing_is_registered()
    {
        var ldac = Fixtures.Require(Ldac);
        using var dir = Fixtures.NewTempDir();
        var fractional = dir.File("fractional.fits");
        using (var w = FitsWriter.Create(fractional))
        {
            w.AddEmptyPrimary();
            w.AddBinaryTable("CAT", 3,
            [
                new ColumnSpec("ID", "1D", null, new[] { 1.0, 2.0, 2.5 }),
                new ColumnSpec("RA", "1D", "deg", new[] { 1.0, 2.0, 3.0 }),
                new ColumnSpec("DEC", "1D", "deg", new[] { 1.0, 2.0, 3.0 }),
                new ColumnSpec("NAME", "4A", null, new[] { "a", "b", "c" }),
                new ColumnSpec("X", "1D", "hourangle", new[] { 1.0, 2.0, 3.0 }),
            ]);
        }

        using var archive = NeighbourArchive.Create(engine);
        void Refused(LoadExternalRequest request, string message)
        {
            Assert.That(archive.LoadExternal(request), Is.EqualTo(CuSession.ExitFailed), message);
            Assert.That(archive.Terminal, Does.Contain("error: cu17 (load-external) failed").And.Contain(message));
            Assert.That(archive.Count("ExternalSurvey"), Is.EqualTo(3), "nothing registered: " + message);
            Assert.That(archive.Count("ExternalSurveyTable"), Is.EqualTo(3), "nothing registered: " + message);
        }

        var lco = new LoadExternalRequest { File = ldac, SurveyName = "LCO", Alias = "LCOldac" };
        Refused(lco with { Hdu = "0" }, $"{ldac}, HDU 0 is an image, not a table; its tables are HDU 1 (LDAC_IMHEAD), HDU 2 (LDAC_OBJECTS)");
        Refused(lco with { Hdu = "LDAC_IMHEAD" }, $"{ldac}, HDU 1 (LDAC_IMHEAD): no ID column among the usual names (source_id, sourceID, objID, NUMBER, Sequence_number, id); name it with --id-column. The columns are: Field Header Card");
        Refused(lco with { Hdu = "7" }, $"{ldac}: there is no HDU 7 (3 HDUs; its tables are HDU 1 (LDAC_IMHEAD), HDU 2 (LDAC_OBJECTS))");
        Refused(lco with { RaColumn = "NOPE" }, $"{ldac}, HDU 2 (LDAC_OBJECTS): there is no column NOPE (the RA column); name another with --ra-column. The columns are: NUMBER, XWIN_IMAGE");
        Refused(lco with { File = dir.File("missing.fits") }, $"{dir.File("missing.fits")}: no such file");
        Refused(lco with { Alias = "LCO ldac" }, "--alias LCO ldac is not a plain name");
        Refused(new LoadExternalRequest { File = ldac, SurveyId = 9, ExtTableId = 1 },
            "there is no external survey 9 in ExternalSurvey (known: 1 (Gaia DR3), 2 (SDSS DR7), 3 (2MASS)); add --survey-name NAME to register it");
        Refused(new LoadExternalRequest { File = ldac, SurveyId = 1, ExtTableId = 7 },
            "external survey 1 (Gaia DR3) has no table 7 in ExternalSurveyTable (its tables: 1 (GaiaDR3Source)); add --alias ALIAS to register it");
        Refused(new LoadExternalRequest { File = ldac, SurveyId = 1, ExtTableId = 1 },
            $"{ldac}, HDU 2 (LDAC_OBJECTS): there is no column source_id (the ID column); name another with --id-column");
        Refused(lco with { File = fractional }, $"{fractional}, HDU 1 (CAT): row 3: the ID column ID holds 2.5, which is not an integer");
        Refused(lco with { File = fractional, IdColumn = "NAME" }, $"{fractional}, HDU 1 (CAT): the ID column NAME (4A) is not a numeric scalar");
        Refused(lco with { File = fractional, RaColumn = "X" }, $"{fractional}, HDU 1 (CAT): column X has TUNIT 'hourangle', neither degrees nor radians");

        // The unit named: the same column taken as degrees.
        Assert.That(archive.LoadExternal(lco with { File = fractional, IdColumn = "RA", RaColumn = "X", CoordinateUnit = CoordinateUnit.Degrees }), Is.Zero, archive.Terminal);
    }

    [Test]
    public void An_archive_made_before_load_external_existed_is_refused_until_curate_init_adds_the_task()
    {
        var path = Fixtures.Require(Ldac);
        using var archive = NeighbourArchive.Create(engine);
        archive.Execute("DELETE FROM CurationTask WHERE cuID = 17");
        var request = new LoadExternalRequest { File = path, SurveyName = "LCO", Alias = "LCOldac" };
        Assert.That(archive.LoadExternal(request), Is.EqualTo(CuSession.ExitFailed));
        Assert.That(archive.Terminal, Does.Contain("task cu17 is not registered in CurationTask").And.Contain("rerun 'curate init' to add it"));

        using (var session = archive.Open())
        {
            var report = ArchiveInitializer.Initialize(session.Connection, session.Dialect, archive.Scripts,
                ReferenceData.ReadDirectory(Path.Combine(TestPaths.SchemaSql, "data")));
            Assert.That(report.RowsInserted["CurationTask"], Is.EqualTo(1), "curate init adds the task's row");
        }

        Assert.That(archive.LoadExternal(request), Is.Zero, archive.Terminal);
        Assert.That(archive.Rows("SELECT name FROM CurationTask WHERE cuID = 17").Single()["name"], Is.EqualTo("load-external"));
    }
}
