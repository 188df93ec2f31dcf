using Curation.Schema.Model;
using NUnit.Framework;

namespace Curation.Schema.Tests;

/// <summary>The grammar of the source tags (<see cref="SourceTagGrammar"/>), case by case.</summary>
[TestFixture]
public sealed class SourceTagGrammarCaseTests
{
    private static ColumnDef ColumnWith(TagConvention convention, string? sqlDefault, params (char Letter, string Value)[] tags)
    {
        var column = new ColumnDef
        {
            Name = "c", Type = new SqlType("real", "real"), Default = sqlDefault,
            Location = new SourceLocation("t.sql", 1, 1), Convention = convention,
        };
        foreach (var (letter, value) in tags)
            column.Tags.Add(letter, value);
        return column;
    }

    // ---- --/K header keywords -------------------------------------------------------------------

    [TestCase("NAXIS", HduRefKind.Default, null, null, false, "NAXIS")]
    [TestCase("  MJD-OBS  ", HduRefKind.Default, null, null, false, "MJD-OBS")]
    [TestCase("BINTABLE.TWEAKS", HduRefKind.FirstBinaryTable, null, null, true, "TWEAKS")]
    [TestCase("BINTABLE.Fibinfo.ACTMJD", HduRefKind.Named, "Fibinfo", null, true, "ACTMJD")]
    [TestCase("Fibinfo.ACTMJD", HduRefKind.Named, "Fibinfo", null, false, "ACTMJD")]
    [TestCase("PRIMARY.OBJECT", HduRefKind.Primary, null, null, false, "OBJECT")]
    [TestCase("primary.OBJECT", HduRefKind.Primary, null, null, false, "OBJECT")]
    [TestCase("NoName2.EXPTIME", HduRefKind.Position, null, 2, false, "EXPTIME")]
    [TestCase("NONAME2.EXPTIME", HduRefKind.Position, null, 2, false, "EXPTIME")]
    [TestCase("NoName0.EXPTIME", HduRefKind.Primary, null, null, false, "EXPTIME")]
    [TestCase("BINTABLE.NoName3.NROWS", HduRefKind.Position, null, 3, true, "NROWS")]
    [TestCase("NoNameX.KEY", HduRefKind.Named, "NoNameX", null, false, "KEY")]
    [TestCase("HIERARCH ESO INS GRAT WLEN", HduRefKind.Default, null, null, false, "HIERARCH ESO INS GRAT WLEN")]
    [TestCase("HIERARCH  ESO   DET.CHIP1 ID", HduRefKind.Default, null, null, false, "HIERARCH ESO DET.CHIP1 ID")]
    [TestCase("HIERARCH\tESO OBS ID", HduRefKind.Default, null, null, false, "HIERARCH ESO OBS ID")]
    [TestCase("BINTABLE.Fibinfo.HIERARCH ESO OBS ID", HduRefKind.Named, "Fibinfo", null, true, "HIERARCH ESO OBS ID")]
    [TestCase("PRIMARY.HIERARCH ESO TEL AIRM START", HduRefKind.Primary, null, null, false, "HIERARCH ESO TEL AIRM START")]
    public void Header_keyword_is_split_into_its_HDU_and_keyword(string value, HduRefKind kind, string? name, int? position, bool binaryOnly, string keyword)
    {
        var source = SourceTagGrammar.ParseHeaderKeyword(value);
        Assert.That(source.Hdu, Is.EqualTo(new HduRef(kind, name, position, binaryOnly)));
        Assert.That(source.Keyword, Is.EqualTo(keyword));
        Assert.That(source.IsHierarch, Is.EqualTo(keyword.StartsWith("HIERARCH ", StringComparison.Ordinal)));
    }

    [TestCase("NAXIS", "keyword NAXIS")]
    [TestCase("BINTABLE.Fibinfo.ACTMJD", "keyword ACTMJD of BINTABLE.Fibinfo")]
    [TestCase("BINTABLE.TWEAKS", "keyword TWEAKS of BINTABLE")]
    [TestCase("NoName4.NSPEC", "keyword NSPEC of NoName4")]
    [TestCase("PRIMARY.HIERARCH ESO INS GRAT WLEN", "keyword HIERARCH ESO INS GRAT WLEN of PRIMARY")]
    public void Header_keyword_describes_itself(string value, string description)
    {
        Assert.That(SourceTagGrammar.ParseHeaderKeyword(value).Describe(), Is.EqualTo(description));
    }

    // ---- --/F table columns (WFAU) --------------------------------------------------------------

    [TestCase("RA", null, "column RA")]
    [TestCase("PHOTOM.RA", null, "column PHOTOM.RA")]
    [TestCase("NAME", 1, "column NAME element 1")]
    [TestCase("velclass.Nspec+Fibinfo.Nspec,NoName4.NSPEC,NoName3.NSPEC", null, "column velclass.Nspec+Fibinfo.Nspec or NoName4.NSPEC or NoName3.NSPEC")]
    [TestCase("NONAME1.FLAGS", null, "column NoName1.FLAGS")]
    [TestCase("NoName0.OBJECT", null, "column PRIMARY.OBJECT")]
    [TestCase("INPUTINFO.a,INPUTINFO.b", null, "column INPUTINFO.a or INPUTINFO.b")]
    [TestCase(" a , b+ c ", 0, "column a or b+c element 0")]
    [TestCase("x,,y", null, "column x or y")]
    [TestCase("BINTABLE.Ext.COL", null, "column BINTABLE.Ext.COL")]
    public void Table_column_is_described_by_its_alternatives_and_joins(string value, int? element, string description)
    {
        Assert.That(SourceTagGrammar.ParseTableColumn(value, element).Describe(), Is.EqualTo(description));
    }

    [Test]
    public void Plus_joins_columns_within_an_alternative_and_commas_separate_alternatives()
    {
        var source = SourceTagGrammar.ParseTableColumn("velclass.Nspec+Fibinfo.Nspec,NoName4.NSPEC,NoName3.NSPEC", null);
        Assert.That(source.Alternatives.Select(a => a.Columns.Count), Is.EqualTo(new[] { 2, 1, 1 }));
        Assert.That(source.Alternatives[0].Columns[0], Is.EqualTo(new TableColumnRef(new HduRef(HduRefKind.Named, "velclass"), "Nspec")));
        Assert.That(source.Alternatives[0].Columns[1], Is.EqualTo(new TableColumnRef(new HduRef(HduRefKind.Named, "Fibinfo"), "Nspec")));
        Assert.That(source.Alternatives[1].Columns[0], Is.EqualTo(new TableColumnRef(new HduRef(HduRefKind.Position, Position: 4), "NSPEC")));
        Assert.That(source.Alternatives[2].Columns[0], Is.EqualTo(new TableColumnRef(new HduRef(HduRefKind.Position, Position: 3), "NSPEC")));
        Assert.That(source.ArrayElement, Is.Null);
    }

    [Test]
    public void Extension_prefix_with_BINTABLE_is_binary_table_only()
    {
        var column = SourceTagGrammar.ParseTableColumn("BINTABLE.Fibinfo.TYPE", null).Alternatives.Single().Columns.Single();
        Assert.That(column, Is.EqualTo(new TableColumnRef(new HduRef(HduRefKind.Named, "Fibinfo", BinaryTableOnly: true), "TYPE")));
    }

    // ---- --/F table columns (SDSS) --------------------------------------------------------------

    [TestCase("PSFMAG 0", "PSFMAG", 0)]
    [TestCase("PSFMAG\t3", "PSFMAG", 3)]
    [TestCase("  CAT_MAG   2 ", "CAT_MAG", 2)]
    [TestCase("RA", "RA", null)]
    [TestCase("FLUX x", "FLUX", null)]
    public void SDSS_table_column_takes_an_array_index_after_a_space(string value, string column, int? element)
    {
        var source = SourceTagGrammar.ParseSdssTableColumn(value);
        Assert.That(source, Is.Not.Null);
        Assert.That(source!.ArrayElement, Is.EqualTo(element));
        Assert.That(source.Alternatives.Single().Columns, Is.EqualTo(new[] { new TableColumnRef(HduRef.Default, column) }));
    }

    [TestCase("NOFITS")]
    [TestCase("nofits")]
    [TestCase("NOFITS 0")]
    [TestCase("")]
    [TestCase("   ")]
    public void SDSS_NOFITS_or_nothing_is_no_table_column(string value)
    {
        Assert.That(SourceTagGrammar.ParseSdssTableColumn(value), Is.Null);
    }

    // ---- --/Q computed, glossary references -----------------------------------------------------

    [TestCase("ra,dec", new[] { "ra", "dec" })]
    [TestCase(" ra , dec ", new[] { "ra", "dec" })]
    [TestCase("fitsfilename", new[] { "fitsfilename" })]
    [TestCase("Detection.ra,dec", new[] { "Detection.ra", "dec" })]
    [TestCase("Multiframe::dateObs", new[] { "Multiframe.dateObs" })]
    public void Computed_source_lists_its_inputs(string value, string[] inputs)
    {
        var source = SourceTagGrammar.ParseComputed(value);
        Assert.That(source.Inputs.Select(i => i.ToString()), Is.EqualTo(inputs));
    }

    [TestCase("Multiframe::dateObs", "Multiframe", "dateObs")]
    [TestCase("allTables::deprecated", "allTables", "deprecated")]
    [TestCase("Detection.ra", "Detection", "ra")]
    [TestCase("GES.Spectrum.ra", "GES.Spectrum", "ra")]
    [TestCase(" ra ", null, "ra")]
    public void Attribute_reference_splits_table_and_attribute(string value, string? table, string attribute)
    {
        Assert.That(SourceTagGrammar.ParseAttributeRef(value), Is.EqualTo(new AttributeRef(table, attribute)));
    }

    // ---- --/A --/L --/V --/R --------------------------------------------------------------------

    [TestCase("1", 1)]
    [TestCase(" 2 ", 2)]
    [TestCase("20", 20)]
    [TestCase("x", null)]
    [TestCase("", null)]
    [TestCase(null, null)]
    public void Array_element_and_htm_level_are_integers_or_null(string? value, int? expected)
    {
        Assert.That(SourceTagGrammar.ParseArrayElement(value), Is.EqualTo(expected));
        Assert.That(SourceTagGrammar.ParseHtmLevel(value), Is.EqualTo(expected));
    }

    [TestCase(null, new string[0])]
    [TestCase("", new string[0])]
    [TestCase("   ", new string[0])]
    [TestCase("a", new[] { "a" })]
    [TestCase("a, b ,c", new[] { "a", "b", "c" })]
    public void Allowed_values_are_split_on_commas_and_trimmed(string? value, string[] expected)
    {
        Assert.That(SourceTagGrammar.ParseAllowedValues(value), Is.EqualTo(expected));
    }

    [TestCase("0.0,360.0", "0.0", "360.0")]
    [TestCase("0.,None", "0.", null)]
    [TestCase("20111001,None", "20111001", null)]
    [TestCase("None,5", null, "5")]
    [TestCase(",5", null, "5")]
    [TestCase(" -90.0 , 90.0 ", "-90.0", "90.0")]
    [TestCase("none,NONE", null, null)]
    public void Range_has_two_bounds_with_None_or_nothing_open(string value, string? min, string? max)
    {
        Assert.That(SourceTagGrammar.ParseRange(value), Is.EqualTo(new ValueRange(min, max)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("5")]
    [TestCase("1,2,3")]
    [TestCase("ObjType")]
    public void Range_that_is_not_two_values_is_null(string? value)
    {
        Assert.That(SourceTagGrammar.ParseRange(value), Is.Null);
    }

    // ---- keyword validity -----------------------------------------------------------------------

    [TestCase("NAXIS", true)]
    [TestCase("MJD-OBS", true)]
    [TestCase("DATE_OBS", true)]
    [TestCase("EXPTIME1", true)]
    [TestCase("A", true)]
    [TestCase("TOOLONGKEY", false)]
    [TestCase("naxis", false)]
    [TestCase("", false)]
    [TestCase("A B", false)]
    [TestCase("RA.DEC", false)]
    [TestCase("HIERARCH ESO INS GRAT WLEN", true)]
    [TestCase("hierarch ESO DET", true)]
    [TestCase("HIERARCH ", false)]
    public void Keyword_is_valid_when_FITS_allows_it(string keyword, bool valid)
    {
        Assert.That(SourceTagGrammar.IsValidKeyword(keyword), Is.EqualTo(valid));
    }

    // ---- which tag gives the source -------------------------------------------------------------

    [Test]
    public void WFAU_table_column_wins_over_keyword_and_computation()
    {
        var column = ColumnWith(TagConvention.Wfau, "0", ('Q', "ra,dec"), ('K', "NAXIS"), ('F', "PHOTOM.RA"), ('A', "3"));
        var source = column.Source as ColumnSource.TableColumn;
        Assert.That(source!.Describe(), Is.EqualTo("column PHOTOM.RA element 3"));
    }

    [Test]
    public void WFAU_keyword_wins_over_computation()
    {
        var column = ColumnWith(TagConvention.Wfau, "0", ('Q', "ra,dec"), ('K', "BINTABLE.Fibinfo.ACTMJD"));
        Assert.That(column.Source, Is.EqualTo(new ColumnSource.HeaderKeyword(new HduRef(HduRefKind.Named, "Fibinfo", BinaryTableOnly: true), "ACTMJD")));
    }

    [Test]
    public void WFAU_blank_F_or_K_is_skipped_for_the_next_source()
    {
        var column = ColumnWith(TagConvention.Wfau, "0", ('F', " "), ('K', ""), ('Q', "ra,dec"));
        Assert.That(column.Source.Describe(), Is.EqualTo("computed from ra, dec"));
    }

    [Test]
    public void Without_source_tags_the_N_value_is_preferred_to_the_SQL_default()
    {
        Assert.That(ColumnWith(TagConvention.Wfau, "-9.999995e+08", ('N', "-0.9999995e9")).Source, Is.EqualTo(new ColumnSource.Default("-0.9999995e9")));
        Assert.That(ColumnWith(TagConvention.Wfau, "'NONE'").Source, Is.EqualTo(new ColumnSource.Default("'NONE'")));
        Assert.That(ColumnWith(TagConvention.Wfau, null).Source.Describe(), Is.EqualTo(""));
    }

    [Test]
    public void SDSS_K_is_a_UCD_never_a_source()
    {
        var column = ColumnWith(TagConvention.Sdss, "0", ('K', "PHOT_SDSS_U ERROR"));
        Assert.That(column.Source, Is.EqualTo(new ColumnSource.Default("0")));
        Assert.That(column.Ucd, Is.EqualTo("PHOT_SDSS_U ERROR"));
    }

    [Test]
    public void SDSS_F_with_an_index_is_a_source_and_NOFITS_is_the_default()
    {
        Assert.That(ColumnWith(TagConvention.Sdss, null, ('F', "PSFMAG 2")).Source.Describe(), Is.EqualTo("column PSFMAG element 2"));
        Assert.That(ColumnWith(TagConvention.Sdss, "0", ('F', "NOFITS")).Source, Is.EqualTo(new ColumnSource.Default("0")));
    }

    [Test]
    public void SDSS_A_is_not_an_array_element()
    {
        var column = ColumnWith(TagConvention.Sdss, null, ('F', "PSFMAG"), ('A', "1"));
        Assert.That(((ColumnSource.TableColumn)column.Source).ArrayElement, Is.Null);
    }
}
