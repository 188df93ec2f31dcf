using Curation.Schema.Model;
using NUnit.Framework;

namespace Curation.Schema.Tests.Parser;

/// <summary>The irregularities of the real WFAU and SDSS scripts (listed in ../shared/fixtures/schema/SOURCES.md),
/// reproduced in the project's own scripts, and the facts the parser must get from them.</summary>
public sealed class IrregularScriptTests
{
    private static string ScriptPath(string name) => TestScripts.Path(Path.Combine("Parser", name));

    private static SchemaModel Wfau => SchemaScriptParser.ParseFile(ScriptPath("wfau-irregular.sql"));

    private static TableDef Plate => Wfau.Table("Obs.Plate")!;

    [Test]
    public void Tables_views_and_routines_are_found_and_nothing_else()
    {
        var model = Wfau;
        Assert.That(model.Tables.Select(t => t.QualifiedName),
            Is.EqualTo(new[] { "Obs.Plate", "scratchLog", "dbo.Observation", "Obs.Group", "Obs.PlateView" }));
        Assert.That(model.Routines.Select(r => (r.Name, r.Kind)),
            Is.EqualTo(new[] { ("spPlates", RoutineKind.Procedure), ("fPlateName", RoutineKind.Function) }));
    }

    [Test]
    public void A_table_inside_a_block_comment_and_a_temporary_table_inside_a_procedure_are_absent()
    {
        Assert.That(Wfau.Table("OldPlate"), Is.Null);
        Assert.That(Wfau.Tables.Any(t => t.Name.StartsWith('#')), Is.False);
    }

    [Test]
    public void Lower_case_create_table_is_created_but_not_documented()
    {
        Assert.That(Wfau.Table("scratchLog")!.Documented, Is.False);
        Assert.That(Plate.Documented, Is.True);
    }

    [Test]
    public void Schema_prefix_and_bracketed_names_are_read()
    {
        Assert.That(Plate.Schema, Is.EqualTo("Obs"));
        var observation = Wfau.Table("Observation")!;
        Assert.That((observation.Schema, observation.Columns[0].Name, observation.PrimaryKeyName), Is.EqualTo(("dbo", "obsID", "pk_Observation")));
        Assert.That(observation.PrimaryKey, Is.EqualTo(new[] { "obsID" }));
    }

    [Test]
    public void Header_and_multi_line_text_are_joined_with_newlines()
    {
        Assert.That(Plate.Header, Is.EqualTo("Details of photographic plates."));
        Assert.That(Plate.Text, Is.EqualTo("The Plate table lists every plate scanned.\nA second line of text.\n\nRequired constraints: primary key is (plateID)"));
    }

    [Test]
    public void Commented_out_column_is_absent_and_its_tags_do_not_reach_the_previous_column()
    {
        Assert.That(Plate.Columns.Select(c => c.Name), Is.EqualTo(new[]
            { "plateID", "label", "epoch", "obsDate", "grating", "tweakMjd", "raPlate", "objName", "nSpec", "htmID", "decPlate", "flags" }));
        var label = Plate.Column("label")!;
        Assert.That(label.Tags.Keys, Is.EqualTo(new[] { 'D', 'C' }));
        Assert.That(label.Ucd, Is.EqualTo("ID_ALTERNATIVE"));
    }

    [Test]
    public void Default_containing_two_dashes_is_a_string_not_a_comment()
    {
        var label = Plate.Column("label")!;
        Assert.That((label.Type.Name, label.Type.Length, label.Nullable, label.Default), Is.EqualTo(("varchar", (int?)6, false, "'--'")));
    }

    [Test]
    public void Html_with_both_quote_styles_stays_in_the_description()
    {
        Assert.That(Plate.Column("label")!.Description,
            Is.EqualTo("Label, <table border=\"1\" class='v'><tr><td>a</td></tr></table>"));
    }

    [Test]
    public void Mixed_case_types_keep_their_spelling_and_get_a_lower_case_name()
    {
        var plateID = Plate.Column("plateID")!;
        Assert.That((plateID.Type.Name, plateID.Type.Written, plateID.Default), Is.EqualTo(("integer", "INTEGER", "-99999999")));
        Assert.That(Wfau.Table("Observation")!.Column("plateID")!.Type.Written, Is.EqualTo("SMALLINT"));
    }

    [Test]
    public void Parenthesised_default_loses_its_parentheses() =>
        Assert.That(Wfau.Table("Observation")!.Column("plateID")!.Default, Is.EqualTo("0"));

    [Test]
    public void Trailing_comma_before_the_closing_parenthesis_is_accepted() =>
        Assert.That(Plate.PrimaryKey, Is.EqualTo(new[] { "plateID" }));

    [Test]
    public void A_key_after_the_last_column_without_a_comma_is_the_tables_key()
    {
        var group = Wfau.Table("Group")!;
        Assert.That(group.Columns.Select(c => c.Name), Is.EqualTo(new[] { "groupID", "completeness" }));
        Assert.That(group.PrimaryKey, Is.EqualTo(new[] { "groupID", "completeness" }));
        Assert.That(group.Column("completeness")!.Description, Is.EqualTo("Flag, written without a comma before the key"));
    }

    [Test]
    public void Hyphenated_keyword_and_differently_spelled_default_and_open_range()
    {
        var epoch = Plate.Column("epoch")!;
        Assert.That(epoch.Source, Is.EqualTo(new ColumnSource.HeaderKeyword(HduRef.Default, "MJD-OBS")));
        Assert.That(epoch.Tags['N'], Is.EqualTo("-0.9999995e9"));
        Assert.That(epoch.Range, Is.EqualTo(new ValueRange("0.", null)));
        Assert.That(SchemaChecker.SameValue(epoch.Tags['N'], epoch.Default!, epoch.Type), Is.True);
    }

    [Test]
    public void Date_default_spelled_month_first_equals_the_sql_default_and_glossary_tag_is_kept()
    {
        var obsDate = Plate.Column("obsDate")!;
        Assert.That(obsDate.Type.Name, Is.EqualTo("timestamp"));
        Assert.That(obsDate.Tags['G'], Is.EqualTo("Multiframe::dateObs"));
        Assert.That(SchemaChecker.SameValue("12-31-9999", obsDate.Default!, obsDate.Type), Is.True);
        Assert.That(SchemaChecker.SameValue("12-30-9999", obsDate.Default!, obsDate.Type), Is.False);
    }

    [Test]
    public void Hierarch_keyword_keeps_its_spaces() =>
        Assert.That(Plate.Column("grating")!.Source, Is.EqualTo(new ColumnSource.HeaderKeyword(HduRef.Default, "HIERARCH ESO INS GRAT WLEN")));

    [Test]
    public void Extension_qualified_keyword_names_the_binary_table_and_survives_tabs_and_trailing_spaces()
    {
        var source = (ColumnSource.HeaderKeyword)Plate.Column("tweakMjd")!.Source;
        Assert.That(source.Hdu, Is.EqualTo(new HduRef(HduRefKind.Named, "Fibinfo", BinaryTableOnly: true)));
        Assert.That(source.Keyword, Is.EqualTo("ACTMJD"));
    }

    [Test]
    public void Extension_qualified_table_column_and_closed_range()
    {
        var raPlate = Plate.Column("raPlate")!;
        Assert.That(raPlate.Source.Describe(), Is.EqualTo("column PHOTOM.RA"));
        Assert.That(raPlate.Range, Is.EqualTo(new ValueRange("0.0", "360.0")));
    }

    [Test]
    public void Table_column_with_an_array_element()
    {
        var source = (ColumnSource.TableColumn)Plate.Column("objName")!.Source;
        Assert.That(source.ArrayElement, Is.EqualTo(1));
        Assert.That(source.Alternatives.Single().Columns.Single(), Is.EqualTo(new TableColumnRef(HduRef.Default, "NAME")));
    }

    [Test]
    public void Join_keys_and_alternatives_and_unnamed_extensions_are_structure()
    {
        var source = (ColumnSource.TableColumn)Plate.Column("nSpec")!.Source;
        Assert.That(source.Alternatives, Has.Count.EqualTo(3));
        Assert.That(source.Alternatives[0].Columns, Is.EqualTo(new[]
        {
            new TableColumnRef(new HduRef(HduRefKind.Named, "velclass"), "Nspec"),
            new TableColumnRef(new HduRef(HduRefKind.Named, "Fibinfo"), "Nspec"),
        }));
        Assert.That(source.Alternatives[1].Columns.Single(), Is.EqualTo(new TableColumnRef(new HduRef(HduRefKind.Position, Position: 4), "NSPEC")));
        Assert.That(source.Alternatives[2].Columns.Single().Hdu.Position, Is.EqualTo(3));
    }

    [Test]
    public void Several_tags_on_one_line_with_an_htm_level()
    {
        var htm = Plate.Column("htmID")!;
        Assert.That(htm.Tags.Keys, Is.EqualTo(new[] { 'D', 'Q', 'C', 'L' }));
        Assert.That((htm.Ucd, htm.HtmLevel), Is.EqualTo(("POS_GENERAL", (int?)20)));
        Assert.That(((ColumnSource.Computed)htm.Source).Inputs, Is.EqualTo(new[] { new AttributeRef(null, "raPlate"), new AttributeRef(null, "decPlate") }));
    }

    [Test]
    public void A_tag_line_under_a_column_continues_it() =>
        Assert.That(Plate.Column("decPlate")!.Description, Is.EqualTo("Declination\ncontinued on the next line"));

    [Test]
    public void Empty_and_valueless_tags_have_empty_values()
    {
        var flags = Plate.Column("flags")!;
        Assert.That((flags.Tags['U'], flags.Tags['O'], flags.Description), Is.EqualTo(("", "", "Flags")));
    }

    [Test]
    public void The_view_keeps_its_header_text_and_query()
    {
        var view = Wfau.Table("PlateView")!;
        Assert.That((view.Kind, view.Schema, view.Header, view.Text), Is.EqualTo((TableKind.View, "Obs", "A view of plates.", "Text of the view.")));
        Assert.That(view.ViewQuery, Is.EqualTo("SELECT plateID, label FROM Obs.Plate"));
    }

    [Test]
    public void The_irregular_wfau_script_passes_the_check_with_no_error() =>
        Assert.That(SchemaChecker.Check(Wfau).Where(f => f.Severity == FindingSeverity.Error), Is.Empty);

    [Test]
    public void Sdss_convention_reads_ucd_from_K_and_fits_column_with_index_from_F()
    {
        var table = SchemaScriptParser.ParseFile(ScriptPath("sdss-irregular.sql"), TagConvention.Sdss).Tables.Single();
        Assert.That((table.Name, table.Header, table.Text), Is.EqualTo(("PhotoThing", "Photometric things.", "One row per thing.")));
        var ra = table.Column("ra")!;
        Assert.That((ra.Ucd, ra.Unit, ra.Source.Describe()), Is.EqualTo(("POS_EQ_RA_MAIN", "deg", "column ra")));
        Assert.That(((ColumnSource.TableColumn)table.Column("flux_g")!.Source).ArrayElement, Is.EqualTo(1));
        var flags = table.Column("flags")!;
        Assert.That(flags.Source, Is.InstanceOf<ColumnSource.Default>(), "NOFITS means no FITS source");
        Assert.That((flags.Tags['R'], flags.Range), Is.EqualTo(("PhotoFlags", (ValueRange?)null)), "--/R is an enumeration in SDSS");
        Assert.That(table.Column("loadVersion")!.Tags['A'], Is.EqualTo(""));
        Assert.That(table.Column("img")!.Default, Is.EqualTo("0x1111"));
    }

    [Test]
    public void The_same_sdss_script_read_as_wfau_takes_K_as_a_keyword()
    {
        var ra = SchemaScriptParser.ParseFile(ScriptPath("sdss-irregular.sql")).Tables.Single().Column("thingID")!;
        Assert.That(ra.Ucd, Is.Null);
        Assert.That(ra.Source, Is.InstanceOf<ColumnSource.TableColumn>());
    }
}
