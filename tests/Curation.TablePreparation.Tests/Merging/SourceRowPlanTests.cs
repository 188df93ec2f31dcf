using Curation.Database;
using Curation.Schema;
using Curation.Schema.Model;
using Curation.Sessions;
using Curation.TablePreparation.Merging;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Merging;

/// <summary>How the columns of {prog}Source are filled from their tags: the real template, and columns added to it.</summary>
public sealed class SourceRowPlanTests
{
    private static readonly string[] AllFilters = ["z", "y", "j", "h", "k", "h2", "br", "blank"];

    /// <summary>lasSource from the real template, with <paramref name="extra"/> column definitions added after sourceID.</summary>
    private static TableDef LasSource(string extra = "")
    {
        var text = File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "schema-sql", "ProgrammeTemplate.sql"));
        if (extra.Length > 0)
        {
            var anchor = text.IndexOf("sourceID        bigint not null", StringComparison.Ordinal);
            var end = text.IndexOf('\n', anchor) + 1;
            text = text[..end] + extra + "\n" + text[end..];
        }

        var model = ArchiveLayout.Resolve(SchemaScriptParser.Parse(text, "ProgrammeTemplate.sql"), ["las"], []);
        return model.Table("lasSource")!;
    }

    /// <summary>A detection's values of the plan's attributes: ra and dec, and 1000 x band + attribute index for the rest.</summary>
    private static object?[] Detection(SourceRowPlan plan, int band, double ra, double dec) =>
        [.. plan.DetectionAttributes.Select((a, i) => i switch { 0 => (object?)ra, 1 => dec, _ => (double)(1000 * (band + 1) + i) })];

    private static object? Value(SourceRowPlan plan, object?[] row, string column) => row[plan.Columns.ToList().FindIndex(c => c.Name == column)];

    [Test]
    public void Each_band_column_takes_its_band_detection_attribute_and_bands_without_a_detection_keep_the_defaults()
    {
        var plan = SourceRowPlan.Create(LasSource(), "lasDetection", ["y", "j", "h", "k"], AllFilters);
        var detections = new List<IReadOnlyList<object?[]>>
        {
            new[] { Detection(plan, 0, 10.0, 20.0) }, new[] { Detection(plan, 1, 10.0001, 20.0) }, Array.Empty<object?[]>(), new[] { Detection(plan, 3, 10.0, 20.0001) },
        };
        var row = plan.Row(7_000_001, 7, 42, new MergedSource([0, 0, -1, 0], 10.00003, 20.00003), detections);
        var mag3 = plan.DetectionAttributes.ToList().IndexOf("aperMag3");
        Assert.That(mag3, Is.GreaterThan(1));
        Assert.Multiple(() =>
        {
            Assert.That(Value(plan, row, "sourceID"), Is.EqualTo(7_000_001));
            Assert.That(Value(plan, row, "frameSetID"), Is.EqualTo(7));
            Assert.That(Value(plan, row, "cuEventID"), Is.EqualTo(42));
            Assert.That(Value(plan, row, "ra"), Is.EqualTo(10.00003));
            Assert.That(Value(plan, row, "yAperMag3"), Is.EqualTo((float)(1000 + mag3)));
            Assert.That(Value(plan, row, "jAperMag3"), Is.EqualTo((float)(2000 + mag3)));
            Assert.That(Value(plan, row, "kAperMag3"), Is.EqualTo((float)(4000 + mag3)));
            Assert.That(Value(plan, row, "hAperMag3"), Is.EqualTo(-0.9999995e9f), "no H detection: the default");
            Assert.That(Value(plan, row, "zAperMag3"), Is.EqualTo(-0.9999995e9f), "Z is not merged for the LAS");
            Assert.That(Value(plan, row, "ymjPnt"), Is.EqualTo(-1000f), "Y - J");
            Assert.That(Value(plan, row, "jmhPnt"), Is.EqualTo(-0.9999995e9f), "no H: no J - H");
            Assert.That(Value(plan, row, "priOrSec"), Is.EqualTo(0L));
        });
    }

    [Test]
    public void A_column_added_to_the_template_is_filled_without_a_code_change()
    {
        var table = LasSource("kAperMag5       real not null default -0.9999995e9,  --/D the K magnitude in aperture 5 --/U mag --/Q {prog}Detection.aperMag5 --/N -0.9999995e9\n"
            + "jmkExt          real not null default -0.9999995e9,  --/D the extended-source colour J-K --/U mag --/Q jPetroMag,kPetroMag --/N -0.9999995e9");
        var plan = SourceRowPlan.Create(table, "lasDetection", ["y", "j", "h", "k"], AllFilters);
        Assert.That(plan.DetectionAttributes, Does.Contain("aperMag5"));
        var detections = new List<IReadOnlyList<object?[]>> { Array.Empty<object?[]>(), new[] { Detection(plan, 1, 1, 1) }, Array.Empty<object?[]>(), new[] { Detection(plan, 3, 1, 1) } };
        var row = plan.Row(1, 1, 1, new MergedSource([-1, 0, -1, 0], 1, 1), detections);
        var attributes = plan.DetectionAttributes.ToList();
        Assert.That(Value(plan, row, "kAperMag5"), Is.EqualTo((float)(4000 + attributes.IndexOf("aperMag5"))));
        Assert.That(Value(plan, row, "jmkExt"), Is.EqualTo((float)(2000 + attributes.IndexOf("petroMag") - (4000 + attributes.IndexOf("petroMag")))));
    }

    [TestCase("odd             real not null default 0, --/D x --/Q {prog}Detection.aperMag3", "lasSource.odd", "passband's prefix")]
    [TestCase("kOdd            real not null default 0, --/D x --/Q {prog}Detection.aperMag3,Multiframe.expTime", "lasSource.kOdd", "mixes other tables")]
    [TestCase("kOdd            real not null default 0, --/D x --/Q jAperMag3,kAperMag3,hAperMag3", "lasSource.kOdd", "names no computation")]
    public void A_computed_column_no_rule_fills_is_an_error_naming_it(string column, string name, string reason)
    {
        var e = Assert.Throws<CurationInputException>(() => SourceRowPlan.Create(LasSource(column), "lasDetection", ["y", "j", "h", "k"], AllFilters));
        Assert.That(e!.Message, Does.StartWith(name).And.Contain(reason));
    }
}
