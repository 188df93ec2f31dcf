using Curation.Schema.Model;
using NUnit.Framework;

namespace Curation.Schema.Tests;

/// <summary>Scripts/sdss-irregular.sql: the irregularities of the SDSS SkyServer schema scripts, in the SDSS tag convention
/// (<c>--/K</c> a UCD, <c>--/R</c> an enumeration name, <c>--/A</c> an admin object, <c>--/F</c> a FITS column with an
/// optional array index or <c>NOFITS</c>).</summary>
[TestFixture]
public sealed class SdssScriptTests
{
    private const string Script = "sdss-irregular.sql";

    private SchemaModel _model = null!;

    [OneTimeSetUp]
    public void ParseTheScript() => _model = TestScripts.Parse(Script, TagConvention.Sdss);

    private TableDef Table(string name) => _model.Table(name) ?? throw new AssertionException($"table {name} not found");

    private ColumnDef Column(string table, string column) =>
        Table(table).Column(column) ?? throw new AssertionException($"column {table}.{column} not found");

    // ---- tables ---------------------------------------------------------------------------------

    [Test]
    public void Five_tables_are_found_without_schema_and_nothing_else()
    {
        Assert.That(_model.Tables.Select(t => t.Name), Is.EqualTo(new[] { "PlateLog", "StarObs", "SiteInfo", "MaskArea", "FieldInfo" }));
        Assert.That(_model.Tables.Select(t => (t.Schema, t.Kind, t.Documented, t.Family)).Distinct(),
            Is.EqualTo(new[] { ((string?)null, TableKind.Table, true, "sdss-irregular") }));
        Assert.That(_model.Routines, Is.Empty);
        Assert.That(_model.Indices, Is.Empty);
    }

    [Test]
    public void Commented_out_tables_and_a_drop_without_create_leave_no_table()
    {
        Assert.That(_model.Table("SpecOld"), Is.Null, "inside /* ... */");
        Assert.That(_model.Table("Hidden"), Is.Null, "inside -- lines that mention /* and */");
        Assert.That(_model.Table("QsoOld"), Is.Null, "only dropped");
    }

    [Test]
    public void Every_column_carries_the_SDSS_convention()
    {
        Assert.That(_model.Tables.SelectMany(t => t.Columns).Select(c => c.Convention).Distinct(), Is.EqualTo(new[] { TagConvention.Sdss }));
    }

    [Test]
    public void Table_opened_with_trailing_space_and_tab_after_the_parenthesis_is_read()
    {
        var plateLog = Table("PlateLog");
        Assert.That(plateLog.Columns.Select(c => c.Name), Is.EqualTo(new[] { "plateLogID", "plate", "drillRun", "status" }));
        Assert.That(plateLog.Location.Line, Is.EqualTo(TestScripts.LineOf(Script, "CREATE TABLE PlateLog (")));
    }

    [Test]
    public void Valueless_A_tag_in_the_header_marks_an_admin_table()
    {
        var plateLog = Table("PlateLog");
        Assert.That(plateLog.Tags.Keys, Is.EqualTo(new[] { 'H', 'A', 'T' }));
        Assert.That(plateLog.Tags.Get('A'), Is.EqualTo(""));
        Assert.That(plateLog.Text, Is.EqualTo("One row per plate.  Plates are drilled, plugged, observed\nand finally retired."));
        Assert.That(Table("StarObs").Tags.ContainsKey('A'), Is.False);
    }

    [Test]
    public void Several_H_lines_are_joined_with_newlines()
    {
        Assert.That(Table("StarObs").Header, Is.EqualTo("One observation of a star in the imaging camera.\nKept for the star catalogue only."));
        Assert.That(Table("StarObs").Text, Is.EqualTo("Photometric measurements of each star, one row per\nobservation."));
    }

    [Test]
    public void Bare_T_tag_gives_empty_text()
    {
        Assert.That(Table("MaskArea").Text, Is.EqualTo(""));
        Assert.That(Table("MaskArea").Header, Is.EqualTo("Areas masked out of the survey footprint."));
    }

    [Test]
    public void Table_closed_without_GO_and_followed_by_comment_lines_is_read_and_so_is_the_next()
    {
        Assert.That(Table("MaskArea").Columns.Select(c => c.Name), Is.EqualTo(new[] { "maskID", "area" }));
        var fieldInfo = Table("FieldInfo");
        Assert.That(fieldInfo.Columns.Select(c => c.Name), Is.EqualTo(new[] { "fieldID", "quality", "nObjects" }));
        Assert.That(fieldInfo.Text, Is.EqualTo("One row per field."));
    }

    [Test]
    public void Bracketed_table_after_a_multi_line_if_exists_drop_has_bracketed_column_names()
    {
        var site = Table("SiteInfo");
        Assert.That(site.Columns.Select(c => c.Name), Is.EqualTo(new[] { "name", "value", "count" }));
        var count = site.Column("count")!;
        Assert.That((count.Type.Name, count.Type.Written, count.Nullable), Is.EqualTo(("bigint", "BIGINT", true)));
        Assert.That(count.Description, Is.EqualTo("How often it was read"));
    }

    [Test]
    public void Inline_primary_key_makes_the_key()
    {
        Assert.That(Table("StarObs").PrimaryKey, Is.EqualTo(new[] { "starObsID" }));
        Assert.That(Table("PlateLog").PrimaryKey, Is.Empty);
    }

    [Test]
    public void Blank_lines_ruler_lines_and_a_space_only_line_inside_a_body_are_skipped()
    {
        var starObs = Table("StarObs");
        Assert.That(starObs.Columns, Has.Count.EqualTo(22));
        Assert.That(starObs.Columns[^1].Name, Is.EqualTo("cutout"));
        Assert.That(Column("FieldInfo", "nObjects").Description, Is.EqualTo("Number of objects"));
    }

    // ---- column definitions ---------------------------------------------------------------------

    [TestCase("PlateLog", "drillRun", "numeric", "numeric(20,0)", 20, 0, false)]
    [TestCase("StarObs", "survey", "numeric", "numeric(20)", 20, null, false)]
    [TestCase("StarObs", "weight", "decimal", "decimal", null, null, false)]
    [TestCase("StarObs", "objType", "smallint", "smallInt", null, null, false)]
    [TestCase("StarObs", "fieldNum", "int", "[int]", null, null, false)]
    [TestCase("StarObs", "mode", "tinyint", "[tinyint]", null, null, false)]
    [TestCase("StarObs", "extinction_u", "real", "[real]", null, null, false)]
    [TestCase("StarObs", "loadTime", "datetime", "DATETIME", null, null, false)]
    [TestCase("StarObs", "objName", "varchar", "varchar(32)", 32, null, false)]
    [TestCase("StarObs", "cutout", "varbinary", "varbinary(max)", null, null, true)]
    public void Type_is_read_whatever_its_case_brackets_or_arguments(string table, string column, string name, string written, int? length, int? scale, bool isMax)
    {
        var type = Column(table, column).Type;
        Assert.That((type.Name, type.Written, type.Length, type.Scale, type.IsMax), Is.EqualTo((name, written, length, scale, isMax)));
    }

    [TestCase("PlateLog", "status", "0")]
    [TestCase("StarObs", "objName", "''")]
    [TestCase("StarObs", "nChild", "0")]
    [TestCase("StarObs", "cutout", "0x1111")]
    [TestCase("StarObs", "dec", null)]
    public void Default_is_kept_without_its_parentheses(string table, string column, string? expected)
    {
        Assert.That(Column(table, column).Default, Is.EqualTo(expected));
    }

    [TestCase("extinction_u", true)]
    [TestCase("nDetect", true)]
    [TestCase("loadTime", false)]
    [TestCase("starObsID", false)]
    public void Nullability_follows_NULL_and_NOT_NULL(string column, bool nullable)
    {
        Assert.That(Column("StarObs", column).Nullable, Is.EqualTo(nullable));
    }

    [Test]
    public void Identity_column_with_a_tag_glued_after_the_comma_keeps_the_tag()
    {
        var loadId = Column("StarObs", "loadID");
        Assert.That(loadId.IsIdentity, Is.True);
        Assert.That((loadId.Description, loadId.Ucd), Is.EqualTo(("Load order", "ID_NUMBER")));
    }

    [Test]
    public void Bracketed_column_name_that_is_a_keyword_is_a_column()
    {
        var dec = Column("StarObs", "dec");
        Assert.That(dec.Name, Is.EqualTo("dec"));
        Assert.That((dec.Type.Name, dec.Unit, dec.Ucd), Is.EqualTo(("float", "deg", "POS_EQ_DEC_MAIN")));
    }

    [Test]
    public void Trailing_comma_after_a_binary_default_and_a_value_with_trailing_space_are_accepted()
    {
        var cutout = Column("StarObs", "cutout");
        Assert.That((cutout.Description, cutout.Ucd), Is.EqualTo(("Cutout image", "IMAGE?")));
    }

    // ---- tags -----------------------------------------------------------------------------------

    [Test]
    public void Empty_unit_before_the_description_is_an_empty_string()
    {
        var id = Column("StarObs", "starObsID");
        Assert.That(id.Tags.Keys, Is.EqualTo(new[] { 'U', 'D', 'K' }));
        Assert.That((id.Unit, id.Description), Is.EqualTo(("", "Unique identifier")));
    }

    [Test]
    public void Tag_glued_to_the_end_of_a_value_starts_a_new_tag()
    {
        var tagId = Column("StarObs", "tagID");
        Assert.That((tagId.Description, tagId.Ucd), Is.EqualTo(("Identifier built from RUN, CAMCOL, RERUN", "ID_CATALOG")));
        var skyIvar = Column("StarObs", "skyIvar_u");
        Assert.That((skyIvar.Unit, skyIvar.Description), Is.EqualTo(("1/counts^2", "Inverse variance of the sky in u")));
    }

    [Test]
    public void Single_dash_before_a_tag_letter_is_text_of_the_previous_tag()
    {
        var raOld = Column("StarObs", "raOld");
        Assert.That(raOld.Unit, Is.EqualTo("deg  -/D Right ascension from the old catalogue"));
        Assert.That(raOld.Description, Is.Null);
    }

    [Test]
    public void Repeated_tag_on_one_line_is_joined_with_a_newline()
    {
        Assert.That(Column("StarObs", "magB1").Unit, Is.EqualTo("mag\nmagnitude on the first blue plate"));
    }

    [Test]
    public void Three_dashes_before_a_tag_on_a_column_line_still_give_the_tag()
    {
        Assert.That(Column("StarObs", "fieldNum").Description, Is.EqualTo("Field number of the old pipeline"));
    }

    [Test]
    public void Slash_without_a_tag_letter_gives_no_tag_and_later_notes_do_not_attach()
    {
        Assert.That(Column("StarObs", "isoA_j").Tags, Is.Empty);
    }

    [Test]
    public void Indented_tag_line_continues_the_previous_column()
    {
        Assert.That(Column("StarObs", "mode").Description, Is.EqualTo("Primary or secondary\ncontinued on a line of its own"));
        Assert.That(Column("StarObs", "extinction_u").Description, Is.EqualTo("Extinction in u"));
    }

    // ---- SDSS meanings --------------------------------------------------------------------------

    [TestCase("PlateLog", "plateLogID", "ID_MAIN")]
    [TestCase("StarObs", "psfMagErr_u", "PHOT_SDSS_U ERROR")]
    [TestCase("StarObs", "objType", "CLASS_OBJECT")]
    [TestCase("StarObs", "cutout", "IMAGE?")]
    [TestCase("StarObs", "weight", null)]
    public void Ucd_comes_from_the_K_tag(string table, string column, string? ucd)
    {
        Assert.That(Column(table, column).Ucd, Is.EqualTo(ucd));
    }

    [Test]
    public void K_tag_is_never_a_header_keyword_source()
    {
        Assert.That(Column("StarObs", "tagID").Source, Is.EqualTo(new ColumnSource.Default(null)));
        Assert.That(Column("PlateLog", "status").Source, Is.EqualTo(new ColumnSource.Default("0")));
        Assert.That(_model.Tables.SelectMany(t => t.Columns).Select(c => c.Source), Has.None.InstanceOf<ColumnSource.HeaderKeyword>());
    }

    [Test]
    public void R_tag_names_an_enumeration_and_is_not_a_range()
    {
        var objType = Column("StarObs", "objType");
        Assert.That(objType.Tags.Get('R'), Is.EqualTo("ObjType"));
        Assert.That(objType.Range, Is.Null);
        Assert.That(Column("FieldInfo", "quality").Tags.Get('R'), Is.EqualTo("FieldQuality"));
    }

    [Test]
    public void F_NOFITS_means_no_FITS_source()
    {
        var id = Column("PlateLog", "plateLogID");
        Assert.That(id.Tags.Get('F'), Is.EqualTo("NOFITS"));
        Assert.That(id.Source, Is.EqualTo(new ColumnSource.Default(null)));
    }

    [TestCase("psfMag_u", "PSFMAG", 0)]
    [TestCase("psfMag_g", "PSFMAG", 1)]
    [TestCase("psfMagErr_u", "PSFMAGERR", 0)]
    [TestCase("magB1", "CAT_MAG", 2)]
    [TestCase("dec", "DEC", null)]
    [TestCase("objType", "OBJTYPE", null)]
    public void F_with_an_index_after_a_space_is_an_array_element(string column, string fitsColumn, int? element)
    {
        var source = Column("StarObs", column).Source as ColumnSource.TableColumn;
        Assert.That(source, Is.Not.Null);
        Assert.That(source!.ArrayElement, Is.EqualTo(element));
        Assert.That(source.Alternatives.Single().Columns, Is.EqualTo(new[] { new TableColumnRef(HduRef.Default, fitsColumn) }));
    }

    [Test]
    public void Same_script_read_in_the_WFAU_convention_gives_K_as_a_header_keyword()
    {
        var wfau = TestScripts.Parse(Script, TagConvention.Wfau);
        var tagId = wfau.Table("StarObs")!.Column("tagID")!;
        Assert.That(tagId.Source, Is.EqualTo(new ColumnSource.HeaderKeyword(HduRef.Default, "ID_CATALOG")));
        Assert.That(tagId.Ucd, Is.Null);
        Assert.That(wfau.Table("StarObs")!.Column("objType")!.Range, Is.Null, "ObjType is not a min,max pair");
    }
}

/// <summary>Scripts/sdss-computed-column.sql: a computed column without a type, last in its table (SDSS convention).</summary>
[TestFixture]
public sealed class SdssComputedColumnScriptTests
{
    private const string Script = "sdss-computed-column.sql";

    [Test]
    public void Computed_column_does_not_stop_the_script_and_the_next_table_is_read()
    {
        var model = TestScripts.Parse(Script, TagConvention.Sdss);
        Assert.That(model.Tables.Select(t => t.Name), Is.EqualTo(new[] { "ColourIndex", "CounterpartLink" }));
        Assert.That(model.Table("CounterpartLink")!.Columns.Select(c => c.Name), Is.EqualTo(new[] { "starObsID", "ciID" }));
    }

    [Test]
    public void Columns_before_the_computed_column_are_read_and_keep_their_own_tags()
    {
        var table = TestScripts.Parse(Script, TagConvention.Sdss).Table("ColourIndex")!;
        Assert.That(table.Columns.Select(c => c.Name).Take(4), Is.EqualTo(new[] { "ciID", "jMag", "hMag", "kMag" }));
        var kMag = table.Column("kMag")!;
        Assert.That(kMag.Tags.Keys, Is.EqualTo(new[] { 'U', 'D', 'F' }));
        Assert.That(kMag.Description, Is.EqualTo("K magnitude"));
        Assert.That((table.Header, table.Text), Is.EqualTo(("Colours of the infrared counterparts.", "One row per counterpart.")));
    }
}
