using Curation.Schema.Model;
using NUnit.Framework;

namespace Curation.Schema.Tests;

/// <summary>Scripts/wfau-irregular.sql: the irregularities of the Gaia-ESO (WFAU) schema scripts, in the WFAU tag convention.</summary>
[TestFixture]
public sealed class SchemaScriptParserTests
{
    private const string Script = "wfau-irregular.sql";

    private SchemaModel _model = null!;

    [OneTimeSetUp]
    public void ParseTheScript() => _model = TestScripts.Parse(Script);

    private TableDef Table(string name) => _model.Table(name) ?? throw new AssertionException($"table {name} not found");

    private ColumnDef Column(string table, string column) =>
        Table(table).Column(column) ?? throw new AssertionException($"column {table}.{column} not found");

    // ---- tables ---------------------------------------------------------------------------------

    [Test]
    public void Six_tables_are_found_in_file_order_and_nothing_else()
    {
        Assert.That(_model.Tables.Select(t => t.QualifiedName), Is.EqualTo(new[]
            { "PROBE.Lamp", "PROBE.Star", "PROBE.Exposure", "PROBE.Fibre", "PROBE.ErrLogBadFiles", "PROBE.Release" }));
        Assert.That(_model.Routines, Is.Empty);
        Assert.That(_model.Indices, Is.Empty);
    }

    [Test]
    public void Every_table_has_the_schema_prefix_the_table_kind_and_the_file_name_as_family()
    {
        Assert.That(_model.Tables.Select(t => (t.Schema, t.Kind, t.Family)).Distinct(),
            Is.EqualTo(new[] { ((string?)"PROBE", TableKind.Table, "wfau-irregular") }));
    }

    [Test]
    public void Lower_case_create_table_is_created_but_not_documented()
    {
        Assert.That(_model.Tables.Where(t => !t.Documented).Select(t => t.Name), Is.EqualTo(new[] { "ErrLogBadFiles" }));
    }

    [Test]
    public void A_whole_create_table_inside_a_block_comment_is_absent()
    {
        Assert.That(_model.Table("FibreOld"), Is.Null);
        Assert.That(_model.Tables.SelectMany(t => t.Columns).Select(c => c.Name), Has.None.EqualTo("oldID").And.None.EqualTo("oldName"));
    }

    [Test]
    public void Bracketed_schema_table_and_column_names_lose_their_brackets()
    {
        var release = Table("PROBE.Release");
        Assert.That((release.Schema, release.Name), Is.EqualTo(("PROBE", "Release")));
        Assert.That(release.Columns.Select(c => c.Name),
            Is.EqualTo(new[] { "surveyID", "releaseNum", "releaseDate", "dbName", "deprecated" }));
        Assert.That(release.PrimaryKey, Is.EqualTo(new[] { "surveyID", "releaseNum" }));
        Assert.That(release.PrimaryKeyName, Is.EqualTo("pk_Release"));
    }

    [Test]
    public void Table_and_column_locations_point_at_their_lines_in_the_file()
    {
        var lamp = Table("Lamp");
        Assert.That(lamp.Location, Is.EqualTo(new SourceLocation(TestScripts.Path(Script), TestScripts.LineOf(Script, "CREATE TABLE PROBE.Lamp("), 1)));
        Assert.That(Column("Star", "kMag").Location,
            Is.EqualTo(new SourceLocation(TestScripts.Path(Script), TestScripts.LineOf(Script, "kMag\treal"), 1)));
        Assert.That(Table("Release").Location.Line, Is.EqualTo(TestScripts.LineOf(Script, "CREATE TABLE [PROBE].[Release]")));
    }

    // ---- how tables end -------------------------------------------------------------------------

    [Test]
    public void Table_closed_by_a_parenthesis_and_semicolon_keeps_its_columns()
    {
        Assert.That(Table("Star").Columns.Select(c => c.Name),
            Is.EqualTo(new[] { "starID", "starName", "ra", "dec", "htmID", "vMag", "bMag", "kMag" }));
    }

    [Test]
    public void Table_closed_by_a_filegroup_clause_keeps_its_columns_and_clustered_key()
    {
        var exposure = Table("Exposure");
        Assert.That(exposure.Columns, Has.Count.EqualTo(13));
        Assert.That(exposure.Columns[^1].Name, Is.EqualTo("headerText"));
        Assert.That(exposure.PrimaryKey, Is.EqualTo(new[] { "exposureID", "seqNum" }));
        Assert.That(exposure.PrimaryKeyName, Is.EqualTo("pk_Exposure"));
    }

    [Test]
    public void Table_closed_by_parenthesis_glued_to_GO_is_read()
    {
        var fibre = Table("Fibre");
        Assert.That(fibre.Columns.Select(c => c.Name),
            Is.EqualTo(new[] { "fibreSpecID", "exposureID", "fibreNum", "fibreType", "pipeFlags", "grid", "quality" }));
    }

    [Test]
    public void Constraint_after_a_note_line_without_a_comma_before_it_is_the_primary_key()
    {
        var fibre = Table("Fibre");
        Assert.That(fibre.PrimaryKey, Is.EqualTo(new[] { "fibreSpecID", "exposureID" }));
        Assert.That(fibre.PrimaryKeyName, Is.EqualTo("pk_Fibre"));
        var quality = Column("Fibre", "quality");
        Assert.That(quality.Default, Is.EqualTo("'U'"));
        Assert.That(quality.Tags.Keys, Is.EqualTo(new[] { 'D' }));
        Assert.That(quality.Description, Is.EqualTo("Quality: R - resolved; U - undefined."));
    }

    [Test]
    public void Trailing_comma_after_the_last_column_is_accepted()
    {
        var log = Table("ErrLogBadFiles");
        Assert.That(log.Columns.Select(c => c.Name), Is.EqualTo(new[] { "logID", "fileName", "problem" }));
        Assert.That(log.PrimaryKey, Is.Empty);
        Assert.That(log.Column("fileName")!.Description, Is.EqualTo("File name."));
    }

    // ---- table tags -----------------------------------------------------------------------------

    [Test]
    public void Header_comes_from_the_comment_lines_before_the_first_column()
    {
        Assert.That(Table("Lamp").Header, Is.EqualTo("Arc lamp lines used to calibrate the wavelength scale."));
        Assert.That(Table("Exposure").Header, Is.EqualTo("Details of each exposure."));
        Assert.That(Table("Lamp").Tags.Keys, Is.EqualTo(new[] { 'H', 'T' }));
    }

    [Test]
    public void Multi_line_text_is_joined_with_newlines_and_blank_or_space_only_tag_lines_become_empty_lines()
    {
        Assert.That(Table("Lamp").Text, Is.EqualTo(
            "The Lamp table lists every emission line of the calibration lamps.\n"
            + "\n"
            + "Values come from the <a href=\"http://example.org/lamps\">lamp atlas</a>, see the 'Lamp\n"
            + "lines' note.\n"
            + "\n"
            + "Required constraints: primary key is (lampLineID)"));
        Assert.That(Table("ErrLogBadFiles").Text, Is.EqualTo("Log of bad file names met while ingesting.\n\nRequired constraints:"));
    }

    [Test]
    public void Text_continuation_indented_with_spaces_is_trimmed()
    {
        Assert.That(Table("Release").Text, Is.EqualTo("One row per release.\n(surveyID) references Survey(surveyID)"));
    }

    [Test]
    public void Text_tag_among_the_columns_goes_to_the_table_not_to_the_previous_column()
    {
        Assert.That(Table("Fibre").Text, Is.EqualTo(
            "One row per fibre per exposure.\nRequired constraints: primary key is (fibreSpecID)\nSky fibres are listed too."));
        Assert.That(Column("Fibre", "fibreType").Tags.Keys, Is.EqualTo(new[] { 'D', 'F' }));
    }

    // ---- comments that are not tags -------------------------------------------------------------

    [Test]
    public void Commented_out_columns_are_absent_and_their_tags_do_not_reach_the_previous_column()
    {
        var star = Table("Star");
        Assert.That(star.Column("vsini"), Is.Null);
        Assert.That(star.Column("spType"), Is.Null);
        Assert.That(star.Column("vMagErr"), Is.Null);
        var htmId = Column("Star", "htmID");
        Assert.That(htmId.Tags.Keys, Is.EqualTo(new[] { 'D', 'Q', 'C', 'L' }));
        Assert.That(htmId.Description, Is.EqualTo("HTM index (20 deep) of the position"));
        var vMag = Column("Star", "vMag");
        Assert.That(vMag.Tags.Keys, Is.EqualTo(new[] { 'D', 'U', 'N', 'F' }));
        Assert.That(vMag.Description, Is.EqualTo("V magnitude"));
    }

    [Test]
    public void Implementation_note_blocks_and_rulers_inside_a_table_are_ignored()
    {
        var bMag = Column("Star", "bMag");
        Assert.That(bMag.Tags.Keys, Is.EqualTo(new[] { 'D', 'U', 'N', 'F' }));
        Assert.That(bMag.Tags.Get('F'), Is.EqualTo("PHOTOM.bmag"));
        Assert.That(Column("Fibre", "exposureID").Tags.Keys, Is.EqualTo(new[] { 'D' }));
        Assert.That(Column("Exposure", "observer").Tags.Keys, Is.EqualTo(new[] { 'U', 'D', 'K' }));
    }

    [Test]
    public void Comment_only_tag_lines_after_a_column_continue_its_tags()
    {
        var kMag = Column("Star", "kMag");
        Assert.That(kMag.Unit, Is.EqualTo("mag\nVEGA"));
        Assert.That(kMag.Description, Is.EqualTo("K magnitude\n(Vega system)"));
        Assert.That(kMag.Tags.Get('F'), Is.EqualTo("PHOTOM.kmag"));
    }

    // ---- column definitions ---------------------------------------------------------------------

    [Test]
    public void Default_containing_two_dashes_is_a_string_not_a_comment()
    {
        var element1 = Column("Lamp", "element1");
        Assert.That((element1.Type.Name, element1.Type.Length, element1.Nullable, element1.Default),
            Is.EqualTo(("varchar", (int?)6, false, "'--'")));
        Assert.That(element1.Tags.Keys, Is.EqualTo(new[] { 'D', 'F', 'A' }));
        Assert.That(element1.Description, Is.EqualTo("Element, first part."));
    }

    [TestCase("Lamp", "lampLineID", "-99999999")]
    [TestCase("Lamp", "wavelength", "-9.999995e+08")]
    [TestCase("Lamp", "element2", "'--'")]
    [TestCase("Star", "starName", "'NONE'")]
    [TestCase("Exposure", "obsDate", "'9999-12-31 23:59:59'")]
    [TestCase("Exposure", "headerText", "''")]
    [TestCase("Fibre", "pipeFlags", "'  '")]
    [TestCase("Fibre", "grid", "'---'")]
    [TestCase("Release", "surveyID", null)]
    [TestCase("Release", "releaseDate", null)]
    public void Default_is_kept_as_written(string table, string column, string? expected)
    {
        Assert.That(Column(table, column).Default, Is.EqualTo(expected));
    }

    [TestCase("Lamp", "lampLineID", "bigint", "bigint", null, false)]
    [TestCase("Lamp", "ionStage", "integer", "INTEGER", null, false)]
    [TestCase("Lamp", "lineKind", "smallint", "SMALLINT", null, false)]
    [TestCase("Lamp", "wavelength", "float", "float", null, false)]
    [TestCase("Star", "starName", "varchar", "varchar(32)", 32, false)]
    [TestCase("Star", "kMag", "real", "real", null, false)]
    [TestCase("Exposure", "obsDate", "timestamp", "TIMESTAMP", null, false)]
    [TestCase("Exposure", "headerText", "varchar", "varchar(max)", null, true)]
    [TestCase("Release", "surveyID", "integer", "INTEGER", null, false)]
    public void Type_name_is_lower_case_and_the_written_form_is_kept(string table, string column, string name, string written, int? length, bool isMax)
    {
        var type = Column(table, column).Type;
        Assert.That((type.Name, type.Written, type.Length, type.Scale, type.IsMax), Is.EqualTo((name, written, length, (int?)null, isMax)));
    }

    [Test]
    public void TIMESTAMP_is_read_as_a_date_type()
    {
        Assert.That(Column("Exposure", "obsDate").Type.IsDateTime, Is.True);
        Assert.That(Column("Release", "releaseDate").Type.IsDateTime, Is.True);
    }

    [Test]
    public void Identity_column_is_marked_and_the_others_are_not()
    {
        Assert.That(Table("Exposure").Columns.Where(c => c.IsIdentity).Select(c => c.Name), Is.EqualTo(new[] { "seqNum" }));
        Assert.That(Column("Exposure", "seqNum").Nullable, Is.False);
    }

    [Test]
    public void Not_null_columns_are_not_nullable()
    {
        Assert.That(_model.Tables.SelectMany(t => t.Columns).Where(c => c.Nullable).Select(c => c.Name), Is.Empty);
    }

    [Test]
    public void Columns_separated_by_tabs_are_read()
    {
        var kMag = Column("Star", "kMag");
        Assert.That((kMag.Type.Name, kMag.Nullable, kMag.Default), Is.EqualTo(("real", false, "-9.999995e+08")));
    }

    // ---- column tags ----------------------------------------------------------------------------

    [Test]
    public void Html_with_both_quote_styles_stays_in_the_description()
    {
        Assert.That(Column("Lamp", "lineKind").Description, Is.EqualTo(
            "Line kind: <table border=\"1\" class='k'> <tr> <td>1</td> <td>Neon</td> </tr> </table>"));
    }

    [Test]
    public void Several_tags_on_one_line_are_kept_in_order_with_values_trimmed()
    {
        var deprecated = Column("Release", "deprecated");
        Assert.That(deprecated.Tags, Is.EqualTo(new[]
        {
            KeyValuePair.Create('D', "Deprecated flag: current=0, deprecated !=0"),
            KeyValuePair.Create('C', "CODE_MISC"),
            KeyValuePair.Create('N', "0"),
            KeyValuePair.Create('G', "allTables::deprecated"),
        }));
    }

    [Test]
    public void Trailing_spaces_and_tabs_after_a_tag_value_are_trimmed()
    {
        Assert.That(Column("Star", "starName").Tags.Get('F'), Is.EqualTo("PHOTOM.OBJECT"));
        Assert.That(Column("Star", "htmID").Tags.Get('L'), Is.EqualTo("20"));
        Assert.That(Column("Star", "bMag").Tags.Get('F'), Is.EqualTo("PHOTOM.bmag"));
    }

    [Test]
    public void Empty_tag_value_before_another_tag_is_an_empty_string()
    {
        var observer = Column("Exposure", "observer");
        Assert.That(observer.Unit, Is.EqualTo(""));
        Assert.That(observer.Description, Is.EqualTo("Observer's name"));
        Assert.That(observer.Tags.Get('K'), Is.EqualTo("OBSERVER"));
    }

    [Test]
    public void Valueless_O_and_S_tags_are_present_with_empty_values()
    {
        Assert.That(Column("Exposure", "seqNum").Tags.Get('O'), Is.EqualTo(""));
        Assert.That(Column("Exposure", "headerText").Tags.Get('S'), Is.EqualTo(""));
        Assert.That(Column("Exposure", "headerText").Description, Is.EqualTo("Full primary header"));
    }

    [Test]
    public void Non_ascii_text_in_a_description_is_kept()
    {
        Assert.That(Column("Fibre", "pipeFlags").Description, Is.EqualTo("Pipeline flags (codes 9000\u201315000)"));
    }

    [Test]
    public void Ucd_in_the_WFAU_convention_comes_from_the_C_tag()
    {
        Assert.That(Column("Exposure", "fileName").Ucd, Is.EqualTo("ID_FILE"));
        Assert.That(Column("Release", "dbName").Ucd, Is.EqualTo("??"));
        Assert.That(Column("Exposure", "nAxis").Ucd, Is.Null);
    }

    [Test]
    public void N_spelled_differently_from_the_SQL_default_is_the_default_value()
    {
        var mjd = Column("Exposure", "mjdStart");
        Assert.That((mjd.Default, mjd.Tags.Get('N'), mjd.DefaultValue), Is.EqualTo(("-9.999995e+08", "-0.9999995e9", "-0.9999995e9")));
        var obsDate = Column("Exposure", "obsDate");
        Assert.That((obsDate.Default, obsDate.DefaultValue), Is.EqualTo(("'9999-12-31 23:59:59'", "12-31-9999")));
        Assert.That(Column("Fibre", "grid").DefaultValue, Is.EqualTo("'---'"));
    }

    [TestCase("raCentre", "0.0", "360.0")]
    [TestCase("exposureTime", "0.", null)]
    [TestCase("mjdStart", "54000.", null)]
    public void Range_tag_gives_its_bounds_with_None_open(string column, string? min, string? max)
    {
        Assert.That(Column("Exposure", column).Range, Is.EqualTo(new ValueRange(min, max)));
    }

    [Test]
    public void E_and_G_tags_are_kept_verbatim()
    {
        Assert.That(Column("Exposure", "mjdStart").Tags.Get('E'), Is.EqualTo("MJD-OBS"));
        Assert.That(Column("Exposure", "obsDate").Tags.Get('G'), Is.EqualTo("Survey::obsDate"));
    }

    // ---- sources --------------------------------------------------------------------------------

    [Test]
    public void Q_with_ra_dec_and_L_20_gives_a_computed_htm_column()
    {
        var htmId = Column("Star", "htmID");
        Assert.That((htmId.Tags.Get('Q'), htmId.Ucd, htmId.HtmLevel), Is.EqualTo(("ra,dec", "POS_GENERAL", (int?)20)));
        var source = htmId.Source as ColumnSource.Computed;
        Assert.That(source, Is.Not.Null);
        Assert.That(source!.Inputs, Is.EqualTo(new[] { new AttributeRef(null, "ra"), new AttributeRef(null, "dec") }));
    }

    [Test]
    public void Q_with_a_single_name_is_computed_from_that_attribute()
    {
        var fileName = Column("Exposure", "fileName");
        Assert.That(fileName.Tags.Get('Q'), Is.EqualTo("fitsfilename"));
        var source = fileName.Source as ColumnSource.Computed;
        Assert.That(source!.Inputs, Is.EqualTo(new[] { new AttributeRef(null, "fitsfilename") }));
    }

    [Test]
    public void Extension_qualified_keyword_names_a_binary_table_extension()
    {
        Assert.That(Column("Exposure", "tweakMjd").Source,
            Is.EqualTo(new ColumnSource.HeaderKeyword(new HduRef(HduRefKind.Named, "Fibinfo", BinaryTableOnly: true), "ACTMJD")));
        Assert.That(Column("Exposure", "tweakCount").Source,
            Is.EqualTo(new ColumnSource.HeaderKeyword(new HduRef(HduRefKind.FirstBinaryTable, BinaryTableOnly: true), "TWEAKS")));
    }

    [Test]
    public void HIERARCH_keyword_is_kept_with_its_spaces()
    {
        var source = Column("Exposure", "gratingWave").Source as ColumnSource.HeaderKeyword;
        Assert.That(source, Is.EqualTo(new ColumnSource.HeaderKeyword(HduRef.Default, "HIERARCH ESO INS GRAT WLEN")));
        Assert.That(source!.IsHierarch, Is.True);
    }

    [TestCase("nAxis", "NAXIS")]
    [TestCase("obsDate", "DATE-OBS")]
    [TestCase("mjdStart", "MJD-OBS")]
    [TestCase("raCentre", "RA")]
    public void Plain_keyword_is_read_from_the_default_header(string column, string keyword)
    {
        Assert.That(Column("Exposure", column).Source, Is.EqualTo(new ColumnSource.HeaderKeyword(HduRef.Default, keyword)));
    }

    [Test]
    public void F_with_an_extension_prefix_names_that_extension()
    {
        var source = (ColumnSource.TableColumn)Column("Star", "ra").Source;
        Assert.That(source.ArrayElement, Is.Null);
        Assert.That(source.Alternatives, Has.Count.EqualTo(1));
        Assert.That(source.Alternatives[0].Columns, Is.EqualTo(new[] { new TableColumnRef(new HduRef(HduRefKind.Named, "PHOTOM"), "RA") }));
    }

    [TestCase("element1", 1)]
    [TestCase("element2", 2)]
    public void F_with_A_gives_a_table_column_with_an_array_element(string column, int element)
    {
        var source = Column("Lamp", column).Source as ColumnSource.TableColumn;
        Assert.That(source, Is.Not.Null);
        Assert.That(source!.ArrayElement, Is.EqualTo(element));
        Assert.That(source.Alternatives.Single().Columns, Is.EqualTo(new[] { new TableColumnRef(HduRef.Default, "ELEMENT") }));
    }

    [Test]
    public void F_with_plus_and_commas_gives_joined_columns_and_alternatives()
    {
        var source = (ColumnSource.TableColumn)Column("Fibre", "fibreNum").Source;
        Assert.That(source.Alternatives, Has.Count.EqualTo(3));
        Assert.That(source.Alternatives[0].Columns, Is.EqualTo(new[]
        {
            new TableColumnRef(new HduRef(HduRefKind.Named, "velclass"), "Nspec"),
            new TableColumnRef(new HduRef(HduRefKind.Named, "Fibinfo"), "Nspec"),
        }));
        Assert.That(source.Alternatives[1].Columns, Is.EqualTo(new[] { new TableColumnRef(new HduRef(HduRefKind.Position, Position: 4), "NSPEC") }));
        Assert.That(source.Alternatives[2].Columns, Is.EqualTo(new[] { new TableColumnRef(new HduRef(HduRefKind.Position, Position: 3), "NSPEC") }));
        Assert.That(source.ArrayElement, Is.Null);
    }

    [Test]
    public void Upper_case_NONAME_prefix_is_the_unnamed_extension_at_that_position()
    {
        var source = (ColumnSource.TableColumn)Column("Fibre", "pipeFlags").Source;
        Assert.That(source.Alternatives.Single().Columns.Single().Hdu, Is.EqualTo(new HduRef(HduRefKind.Position, Position: 1)));
    }

    [Test]
    public void Column_without_source_tags_takes_its_default()
    {
        Assert.That(Column("Lamp", "retired").Source, Is.EqualTo(new ColumnSource.Default("0")));
        Assert.That(Column("Release", "surveyID").Source, Is.EqualTo(new ColumnSource.Default(null)));
        Assert.That(Column("Release", "releaseDate").Source, Is.EqualTo(new ColumnSource.Default("12-31-9999")));
    }

    // ---- the parser's inputs --------------------------------------------------------------------

    [Test]
    public void Family_is_the_file_name_without_extension_and_the_file_is_recorded()
    {
        var model = SchemaScriptParser.Parse("CREATE TABLE T(\n  a int NOT NULL --/D A\n)\n", "some/dir/my-family.sql");
        Assert.That(model.Tables.Single().Family, Is.EqualTo("my-family"));
        Assert.That(model.Files, Is.EqualTo(new[] { "some/dir/my-family.sql" }));
        Assert.That(model.Tables.Single().Location, Is.EqualTo(new SourceLocation("some/dir/my-family.sql", 1, 1)));
    }

    [Test]
    public void Parse_files_collects_the_tables_of_every_file_in_order()
    {
        var paths = new[] { TestScripts.Path(Script), TestScripts.Path("wfau-views-and-routines.sql") };
        var model = SchemaScriptParser.ParseFiles(paths);
        Assert.That(model.Files, Is.EqualTo(paths));
        Assert.That(model.Tables.Select(t => t.Family).Distinct(), Is.EqualTo(new[] { "wfau-irregular", "wfau-views-and-routines" }));
        Assert.That(model.Tables[0].QualifiedName, Is.EqualTo("PROBE.Lamp"));
        Assert.That(model.Routines, Has.Count.EqualTo(3));
    }

    [Test]
    public void Columns_carry_the_convention_they_were_parsed_with()
    {
        Assert.That(_model.Tables.SelectMany(t => t.Columns).Select(c => c.Convention).Distinct(), Is.EqualTo(new[] { TagConvention.Wfau }));
        var sdss = TestScripts.Parse(Script, TagConvention.Sdss);
        Assert.That(sdss.Table("Exposure")!.Column("nAxis")!.Convention, Is.EqualTo(TagConvention.Sdss));
    }
}
