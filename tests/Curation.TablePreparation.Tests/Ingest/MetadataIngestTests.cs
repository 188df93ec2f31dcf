using System.Globalization;
using System.Text.Json;
using Curation.Fits.Writing;
using Curation.Schema.Model;
using Curation.TablePreparation.Ingest;
using Curation.TablePreparation.Preparation;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Ingest;

/// <summary>CU3 on real files, on each engine: values checked against astropy's reading of the same files.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class MetadataIngestTests(string engine)
{
    private const string Wfcam = "astroquery/ukidss_wsa_image.fits";

    /// <summary>Files from other instruments whose every card must reach HeaderCard.</summary>
    private static readonly string[] AllCardsFiles =
    [
        Wfcam, "lco-ingester/lsc1m005-kb78-20151109-0179-e90.fits", "lco-ingester/cpt1m010-kb70-20151219-0073-e10_cat.fits",
        "drizzle/j8bt06nyq_sip_flt.fits", "stwcs/ia1d23dmq_flt_hlet.fits", "ngts-casu/procIMAGE80220150514002449.cat",
    ];

    [Test]
    public void Wfcam_keywords_reach_their_columns_as_astropy_reads_them()
    {
        var path = Fixtures.Require(Wfcam);
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu3(path), Is.Zero, archive.Terminal);
        var reference = AstropyReference.Read(path);

        var mf = archive.Rows("SELECT * FROM Multiframe").Single();
        var checkedColumns = CompareKeywordColumns(archive.Scripts.Table("Multiframe")!, mf, reference, defaultHdu: 0);
        var detector = archive.Rows("SELECT * FROM MultiframeDetector").Single();
        checkedColumns += CompareKeywordColumns(archive.Scripts.Table("MultiframeDetector")!, detector, reference, defaultHdu: 1);
        var astrometry = archive.Rows("SELECT * FROM CurrentAstrometry").Single();
        checkedColumns += CompareKeywordColumns(archive.Scripts.Table("CurrentAstrometry")!, astrometry, reference, defaultHdu: 1);
        Assert.That(checkedColumns, Is.GreaterThan(60), "keyword columns compared");

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToInt32(mf["programmeID"], CultureInfo.InvariantCulture), Is.EqualTo(103), "PROJECT U/UKIDSS/GCS21 is the GCS");
            Assert.That(Convert.ToInt32(archive.Rows("SELECT programmeID FROM ProgrammeFrame").Single()["programmeID"], CultureInfo.InvariantCulture), Is.EqualTo(103));
            Assert.That(Convert.ToInt32(mf["filterID"], CultureInfo.InvariantCulture), Is.EqualTo(FilterIdOf(archive, reference.Keyword(0, "FILTER")!.Value.GetString()!)));
            Assert.That(Convert.ToInt32(detector["filterID"], CultureInfo.InvariantCulture), Is.EqualTo(Convert.ToInt32(mf["filterID"], CultureInfo.InvariantCulture)), "copied from its multiframe");
            Assert.That(((string)mf["frameType"]!).TrimEnd(), Is.EqualTo("normal"));
            Assert.That(Convert.ToInt32(detector["extNum"], CultureInfo.InvariantCulture), Is.EqualTo(2), "the first extension counts 2");
            Assert.That(Convert.ToDouble(astrometry["centralRA"], CultureInfo.InvariantCulture), Is.Not.EqualTo(-0.9999995e9).Within(1), "the centre is computed from the WCS");
        });
    }

    [Test]
    public void Every_card_of_every_hdu_reaches_HeaderCard_as_astropy_reads_it()
    {
        var paths = AllCardsFiles.Select(Fixtures.Require).ToList();
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu3(paths.ToArray()), Is.Zero, archive.Terminal);
        foreach (var path in paths)
        {
            var reference = AstropyReference.Read(path);
            var mf = archive.Rows("SELECT multiframeID FROM Multiframe WHERE fileName = @f", new { f = Path.GetFullPath(path) }).Single()["multiframeID"];
            for (var hdu = 0; hdu < reference.HduCount; hdu++)
            {
                var ours = archive.Rows("SELECT keyword, value, valueType FROM HeaderCard WHERE multiframeID = @m AND extNum = @e ORDER BY cardNum",
                    new { m = Convert.ToInt64(mf, CultureInfo.InvariantCulture), e = hdu + 1 });
                var theirs = reference.Cards(hdu);
                Assert.That(ours.Select(r => Keyword((string)r["keyword"]!)), Is.EqualTo(theirs.Select(c => Keyword(c.Keyword))), $"{path} HDU {hdu}: keywords in order");
                for (var i = 0; i < theirs.Count; i++)
                {
                    var (keyword, type, value) = theirs[i];
                    var ourValue = ((string)ours[i]["value"]!).TrimEnd();
                    var where = $"{path} HDU {hdu} card {i + 1} {keyword}";
                    Assert.That(((string)ours[i]["valueType"]!).Trim(), Is.EqualTo(type), where);
                    if (type is "I" or "F")
                        Assert.That(double.Parse(ourValue.Replace('D', 'E'), CultureInfo.InvariantCulture), Is.EqualTo(value.GetDouble()).Within(1e-12 * Math.Abs(value.GetDouble())), where);
                    else if (type == "L")
                        Assert.That(ourValue, Is.EqualTo(value.GetBoolean() ? "T" : "F"), where);
                    else if (type is "S" or "X")
                        Assert.That(ourValue, Is.EqualTo(value.GetString()!.TrimEnd()), where);
                }
            }
        }
    }

    [Test]
    public void A_rerun_skips_unchanged_files_and_reingest_replaces_their_rows_without_duplicates()
    {
        var path = Fixtures.Require(Wfcam);
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu3(path), Is.Zero, archive.Terminal);
        var cards = archive.Count("HeaderCard");
        Assert.That(archive.Cu3(path), Is.Zero, archive.Terminal);
        Assert.That(archive.Output, Does.Contain("0 file(s) ingested").And.Contain("1 skipped"));
        Assert.That(archive.Cu3(new IngestRequest { Files = [path], Reingest = true }), Is.Zero, archive.Terminal);
        Assert.Multiple(() =>
        {
            Assert.That(archive.Output, Does.Contain("1 file(s) ingested"));
            Assert.That(archive.Count("Multiframe"), Is.EqualTo(1));
            Assert.That(archive.Count("MultiframeDetector"), Is.EqualTo(1));
            Assert.That(archive.Count("HeaderCard"), Is.EqualTo(cards));
            Assert.That(archive.Count("ArchivedFile"), Is.EqualTo(1));
            Assert.That(archive.Count("Multiframe", "multiframeID = 1"), Is.EqualTo(1), "the multiframe keeps its ID");
        });
    }

    [Test]
    public void A_changed_file_is_ingested_again_with_its_new_values()
    {
        using var dir = Fixtures.NewTempDir();
        var path = dir.File("w20071011_00007_sf.fit");
        WriteFrame(path, "FIRST");
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu3(path), Is.Zero, archive.Terminal);
        WriteFrame(path, "SECOND");
        Assert.That(archive.Cu3(path), Is.Zero, archive.Terminal);
        Assert.Multiple(() =>
        {
            Assert.That(archive.Rows("SELECT object FROM Multiframe").Select(r => ((string)r["object"]!).TrimEnd()), Is.EqualTo(new[] { "SECOND" }));
            Assert.That(archive.Rows("SELECT checksum FROM ArchivedFile").Single()["checksum"], Is.EqualTo(ArchivedFiles.Checksum(path)));
        });
    }

    [Test]
    public void A_broken_file_is_rejected_with_its_reason_and_the_others_are_ingested()
    {
        var good = Fixtures.Require(Wfcam);
        using var dir = Fixtures.NewTempDir();
        var broken = dir.File("w20071011_00099_sf.fit");
        File.WriteAllText(broken, "SIMPLE  =                    T / not really FITS: no END, not 2880 bytes");
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu3(good, broken), Is.EqualTo(1), "a rejected file makes the run end with exit code 1");
        var rejected = archive.Rows("SELECT fileName, metadataState, rejectReason FROM ArchivedFile WHERE metadataState = 2").Single();
        Assert.Multiple(() =>
        {
            Assert.That(((string)rejected["fileName"]!).TrimEnd(), Is.EqualTo(broken));
            Assert.That(((string)rejected["rejectReason"]!).TrimEnd(), Does.Contain("w20071011_00099_sf.fit"));
            Assert.That(archive.Count("Multiframe"), Is.EqualTo(1), "the good file is ingested");
            Assert.That(archive.Count("HeaderCard", "multiframeID <> 1"), Is.Zero, "nothing of the broken file");
            Assert.That(archive.Terminal, Does.Contain("1 file(s) were rejected"));
        });
        using var session = archive.Open();
        var listed = Curation.Sessions.CurationStatus.Rejected(session).Single();
        Assert.That((listed.FileName, listed.CuId), Is.EqualTo((broken, 3)), "the reject list curate status shows");
    }

    [Test]
    public void Header_strings_with_quotes_semicolons_and_dashes_are_stored_as_they_are()
    {
        using var dir = Fixtures.NewTempDir();
        var path = dir.File("w20071011_00008_sf.fit");
        const string nasty = "x'); DROP TABLE Multiframe; --";
        WriteFrame(path, nasty);
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu3(path), Is.Zero, archive.Terminal);
        Assert.That(archive.Rows("SELECT object FROM Multiframe").Single()["object"]!.ToString()!.TrimEnd(), Is.EqualTo(nasty));
    }

    [Test]
    public void A_value_outside_its_allowed_values_takes_the_default_and_strict_rejects_the_file()
    {
        using var dir = Fixtures.NewTempDir();
        var path = dir.File("w20071011_00009_sf.fit");
        WriteFrame(path, "M31", FitsWriter.Card("STANDARD", 7, "not 0 or 1"));
        using (var archive = IngestArchive.Create(engine))
        {
            Assert.That(archive.Cu3(path), Is.Zero, archive.Terminal);
            Assert.That(Convert.ToInt32(archive.Rows("SELECT standard FROM Multiframe").Single()["standard"], CultureInfo.InvariantCulture), Is.Zero);
            Assert.That(archive.Terminal, Does.Contain("STANDARD").And.Contain("not one of the allowed values"));
        }

        using (var archive = IngestArchive.Create(engine))
        {
            Assert.That(archive.Cu3(new IngestRequest { Files = [path], Strict = true }), Is.EqualTo(1));
            Assert.That(archive.Count("Multiframe"), Is.Zero);
            Assert.That(archive.Rows("SELECT rejectReason FROM ArchivedFile").Single()["rejectReason"]!.ToString(), Does.Contain("STANDARD").And.Contain("--strict"));
        }
    }

    /// <summary>Compares every column with a <c>--/K</c> tag with the keyword as astropy reads it; returns how many were compared.</summary>
    private static int CompareKeywordColumns(TableDef table, IReadOnlyDictionary<string, object?> row, AstropyReference reference, int defaultHdu)
    {
        var compared = 0;
        Assert.Multiple(() =>
        {
            foreach (var column in table.Columns)
            {
                if (column.Source is not ColumnSource.HeaderKeyword k || k.Hdu.Kind is not (HduRefKind.Default or HduRefKind.Primary))
                    continue;
                var hdu = k.Hdu.Kind == HduRefKind.Primary ? 0 : defaultHdu;
                var expected = reference.Keyword(hdu, k.Keyword);
                var actual = row[column.Name];
                var where = $"{table.Name}.{column.Name} <- HDU {hdu} {k.Keyword}";
                compared++;
                if (expected is null)
                {
                    Assert.That(Same(actual, ColumnValues.DefaultOf(column)), Is.True, $"{where}: missing, so the default");
                    continue;
                }

                if (column.Type.IsNumeric)
                {
                    var tolerance = column.Type.IsSinglePrecision ? 1e-6 : 1e-12;
                    var e = AstropyReference.Number(expected.Value)!.Value;
                    Assert.That(Convert.ToDouble(actual, CultureInfo.InvariantCulture), Is.EqualTo(e).Within(tolerance * Math.Max(1, Math.Abs(e))), where);
                }
                else if (column.Type.IsDateTime)
                {
                    var e = DateTime.Parse(expected.Value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                    var a = actual is DateTime t ? t : DateTime.Parse(Convert.ToString(actual, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);
                    Assert.That(a, Is.EqualTo(e).Within(TimeSpan.FromMilliseconds(1)), where);
                }
                else
                {
                    var e = expected.Value.ValueKind == JsonValueKind.String ? expected.Value.GetString()!.TrimEnd()
                        : expected.Value.ValueKind == JsonValueKind.True ? "T" : expected.Value.ValueKind == JsonValueKind.False ? "F" : expected.Value.GetRawText();
                    Assert.That(Convert.ToString(actual, CultureInfo.InvariantCulture)!.TrimEnd(), Is.EqualTo(e), where);
                }
            }
        });
        return compared;
    }

    private static bool Same(object? actual, object? expected) =>
        ColumnValues.NumberOf(expected) is { } e
            ? Math.Abs(Convert.ToDouble(actual, CultureInfo.InvariantCulture) - e) <= 1e-6 * Math.Max(1, Math.Abs(e))
            : expected is DateTime d
                ? (actual is DateTime a ? a : DateTime.Parse(Convert.ToString(actual, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture)) == d
                : string.Equals(Convert.ToString(actual, CultureInfo.InvariantCulture)?.TrimEnd(), Convert.ToString(expected, CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static int FilterIdOf(IngestArchive archive, string shortName) =>
        Convert.ToInt32(archive.Rows("SELECT filterID FROM Filter WHERE shortName = @s", new { s = shortName.Trim() }).Single()["filterID"], CultureInfo.InvariantCulture);

    private static string Keyword(string k) => k.StartsWith("HIERARCH ", StringComparison.OrdinalIgnoreCase) ? k[9..] : k;

    /// <summary>Writes a small WFCAM-like frame: a primary header with OBJECT and the given cards, one 8x8 image extension.</summary>
    private static void WriteFrame(string path, string objectName, params string[] cards)
    {
        if (File.Exists(path))
            File.Delete(path);
        using var w = FitsWriter.Create(path);
        w.AddEmptyPrimary([FitsWriter.Card("PROJECT", "U/UKIDSS/LAS"), FitsWriter.Card("OBJECT", objectName), FitsWriter.Card("FILTER", "K"), .. cards]);
        w.AddImage(-32, [8, 8], new float[64], null, FitsWriter.Card("CAMNUM", 1.0));
    }
}
