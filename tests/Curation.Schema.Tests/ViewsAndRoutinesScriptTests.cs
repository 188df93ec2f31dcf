using Curation.Schema.Model;
using NUnit.Framework;

namespace Curation.Schema.Tests;

/// <summary>Scripts/wfau-views-and-routines.sql: views, indices, routines and the statements around them (WFAU convention).</summary>
[TestFixture]
public sealed class ViewsAndRoutinesScriptTests
{
    private const string Script = "wfau-views-and-routines.sql";

    private SchemaModel _model = null!;

    [OneTimeSetUp]
    public void ParseTheScript() => _model = TestScripts.Parse(Script);

    private TableDef Table(string name) => _model.Table(name) ?? throw new AssertionException($"table {name} not found");

    [Test]
    public void Two_tables_and_three_views_are_found_in_file_order()
    {
        Assert.That(_model.Tables.Select(t => (t.QualifiedName, t.Kind)), Is.EqualTo(new[]
        {
            ("dbo.Night", TableKind.Table),
            ("PROBE.GoodNight", TableKind.View),
            ("dbo.NightCount", TableKind.View),
            ("PROBE.ScratchView", TableKind.View),
            ("PROBE.NightLog", TableKind.Table),
        }));
    }

    [Test]
    public void Temporary_tables_created_inside_procedures_and_triggers_are_not_tables()
    {
        Assert.That(_model.Tables.Select(t => t.Name), Has.None.StartsWith("#"));
        foreach (var name in new[] { "work", "#work", "tmp", "#tmp", "copy", "inserted", "#inserted" })
            Assert.That(_model.Table(name), Is.Null, name);
        Assert.That(_model.Tables.SelectMany(t => t.Columns).Select(c => c.Description), Has.None.EqualTo("not a schema column"));
    }

    [Test]
    public void Procedure_function_and_trigger_names_are_kept_as_routines()
    {
        Assert.That(_model.Routines.Select(r => (r.Schema, r.Name, r.Kind)), Is.EqualTo(new[]
        {
            ((string?)"PROBE", "spRefreshNights", RoutineKind.Procedure),
            ((string?)"dbo", "fSeeingClass", RoutineKind.Function),
            ((string?)"PROBE", "trNightInsert", RoutineKind.Trigger),
        }));
        Assert.That(_model.Routines[0].Location,
            Is.EqualTo(new SourceLocation(TestScripts.Path(Script), TestScripts.LineOf(Script, "CREATE PROCEDURE PROBE.spRefreshNights"), 1)));
    }

    // ---- indices --------------------------------------------------------------------------------

    [Test]
    public void Create_index_statements_give_index_definitions_in_file_order()
    {
        Assert.That(_model.Indices.Select(i => i.Name), Is.EqualTo(new[] { "idx_Night_date", "idx_Night_seeing", "idx_Exposure_obs" }));
    }

    [Test]
    public void Unique_clustered_index_on_a_bracketed_table_keeps_column_order_and_direction()
    {
        var index = _model.Indices.Single(i => i.Name == "idx_Night_date");
        Assert.That((index.Schema, index.Table, index.Unique, index.Clustered), Is.EqualTo(((string?)"dbo", "Night", true, true)));
        Assert.That(index.Columns, Is.EqualTo(new[] { new IndexColumn("nightDate", Descending: true), new IndexColumn("nightID") }));
        Assert.That(index.Include, Is.Empty);
        Assert.That(index.Location.Line, Is.EqualTo(TestScripts.LineOf(Script, "CREATE UNIQUE CLUSTERED INDEX")));
    }

    [Test]
    public void Nonclustered_index_keeps_its_included_columns()
    {
        var index = _model.Indices.Single(i => i.Name == "idx_Night_seeing");
        Assert.That((index.Schema, index.Table, index.Unique, index.Clustered), Is.EqualTo(((string?)null, "Night", false, false)));
        Assert.That(index.Columns, Is.EqualTo(new[] { new IndexColumn("seeing") }));
        Assert.That(index.Include, Is.EqualTo(new[] { "nightDate", "comments" }));
    }

    [Test]
    public void Lower_case_create_index_on_a_table_of_another_script_is_kept()
    {
        var index = _model.Indices.Single(i => i.Name == "idx_Exposure_obs");
        Assert.That((index.Schema, index.Table, index.Unique, index.Clustered), Is.EqualTo(((string?)"PROBE", "Exposure", false, false)));
        Assert.That(index.Columns, Is.EqualTo(new[] { new IndexColumn("obsDate") }));
    }

    // ---- tables ---------------------------------------------------------------------------------

    [Test]
    public void Bracketed_table_with_an_inline_primary_key_is_read()
    {
        var night = Table("dbo.Night");
        Assert.That(night.Columns.Select(c => c.Name), Is.EqualTo(new[] { "nightID", "nightDate", "seeing", "comments" }));
        Assert.That(night.PrimaryKey, Is.EqualTo(new[] { "nightID" }));
        Assert.That(night.PrimaryKeyName, Is.Null);
        Assert.That((night.Header, night.Text), Is.EqualTo(("One row per observing night.", "Nights are numbered from the start of the survey.")));
    }

    [Test]
    public void Bracketed_types_are_read_by_their_name()
    {
        var nightId = Table("Night").Column("nightID")!;
        Assert.That((nightId.Type.Name, nightId.Type.Written), Is.EqualTo(("int", "[int]")));
        var nightDate = Table("Night").Column("nightDate")!;
        Assert.That((nightDate.Type.Name, nightDate.Type.Written, nightDate.Type.IsDateTime), Is.EqualTo(("datetime", "[datetime]", true)));
        Assert.That(nightDate.Unit, Is.EqualTo("yyyy-mm-dd"));
    }

    [Test]
    public void Explicit_NULL_makes_a_column_nullable()
    {
        Assert.That(Table("Night").Columns.Select(c => c.Nullable), Is.EqualTo(new[] { false, false, true, false }));
    }

    [Test]
    public void Parenthesized_default_loses_its_outer_parentheses()
    {
        var comments = Table("Night").Column("comments")!;
        Assert.That((comments.Default, comments.Type.IsMax, comments.Type.Written), Is.EqualTo(("'none'", true, "varchar(max)")));
        Assert.That(Table("NightLog").Column("refreshed")!.Default, Is.EqualTo("getdate()"));
    }

    [Test]
    public void Table_after_the_routines_is_read_with_its_foreign_key()
    {
        var log = Table("PROBE.NightLog");
        Assert.That(log.Columns.Select(c => c.Name), Is.EqualTo(new[] { "logID", "nightID", "refreshed" }));
        Assert.That((log.PrimaryKeyName, log.PrimaryKey.Single()), Is.EqualTo(("pk_NightLog", "logID")));
        var fk = log.ForeignKeys.Single();
        Assert.That((fk.Name, fk.Columns.Single(), fk.ReferencedTable, fk.ReferencedColumns.Single()),
            Is.EqualTo(("fk_NightLog_Night", "nightID", "Night", "nightID")));
        Assert.That(log.Column("nightID")!.Ucd, Is.EqualTo("ID_NUMBER"));
    }

    // ---- views ----------------------------------------------------------------------------------

    [Test]
    public void View_header_tags_and_multi_line_text_are_read()
    {
        var view = Table("GoodNight");
        Assert.That((view.Schema, view.Documented, view.Family), Is.EqualTo(((string?)"PROBE", true, "wfau-views-and-routines")));
        Assert.That(view.Header, Is.EqualTo("Nights with good seeing."));
        Assert.That(view.Text, Is.EqualTo(
            "The nights whose median seeing is better than one arcsecond;\n"
            + "'good' here means usable for the faint targets.\n"
            + "\n"
            + "Use it in place of Night when only such nights matter."));
        Assert.That(view.Location.Line, Is.EqualTo(TestScripts.LineOf(Script, "CREATE VIEW PROBE.GoodNight")));
    }

    [Test]
    public void View_query_is_the_text_after_AS_up_to_the_semicolon()
    {
        Assert.That(Table("GoodNight").ViewQuery, Is.EqualTo(
            "SELECT nightID, nightDate, seeing\n  FROM [dbo].[Night]\n WHERE seeing < 1.0 AND comments <> '--'"));
    }

    [Test]
    public void View_without_GO_ends_before_the_drop_statement_of_the_next_view()
    {
        var view = Table("dbo.NightCount");
        Assert.That(view.Kind, Is.EqualTo(TableKind.View));
        Assert.That(view.Header, Is.EqualTo("Number of nights per seeing class."));
        Assert.That(view.ViewQuery, Does.Not.Contain("DROP VIEW"));
        Assert.That(view.ViewQuery, Is.EqualTo(
            "SELECT dbo.fSeeingClass(seeing) AS seeingClass, COUNT(*) AS nNights\n  FROM [dbo].[Night]\n GROUP BY dbo.fSeeingClass(seeing)"));
    }

    [Test]
    public void Lower_case_create_view_with_a_column_list_is_not_documented()
    {
        var view = Table("ScratchView");
        Assert.That((view.Kind, view.Documented, view.Schema), Is.EqualTo((TableKind.View, false, (string?)"PROBE")));
        Assert.That(view.Tags, Is.Empty);
        Assert.That(view.ViewQuery, Is.EqualTo("SELECT nightID, '-- not a comment' FROM [dbo].[Night]"));
    }

    [Test]
    public void Tables_are_not_given_a_view_query()
    {
        Assert.That(_model.Tables.Where(t => t.Kind == TableKind.Table).Select(t => t.ViewQuery), Is.All.Null);
    }
}
