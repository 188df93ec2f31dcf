using Curation.Schema.Model;
using NUnit.Framework;

namespace Curation.Schema.Tests;

/// <summary>The model the parser fills: tag sets, SQL types, lookups, locations and the parse error's message.</summary>
[TestFixture]
public sealed class SchemaModelTests
{
    private static TableDef NewTable(string name, string? schema) =>
        new() { Name = name, Schema = schema, Location = new SourceLocation("m.sql", 1, 1), Family = "m" };

    [Test]
    public void Tag_repeated_is_joined_with_a_newline_and_keeps_its_first_position()
    {
        var tags = new TagSet();
        tags.Add('T', "first line");
        tags.Add('D', "a description");
        tags.Add('T', "");
        tags.Add('T', "third line");
        Assert.That(tags.Keys, Is.EqualTo(new[] { 'T', 'D' }));
        Assert.That(tags.Get('T'), Is.EqualTo("first line\n\nthird line"));
        Assert.That(tags.Count, Is.EqualTo(2));
        Assert.That(tags.Get('U'), Is.Null);
    }

    [Test]
    public void Valueless_tag_is_present_with_an_empty_value()
    {
        var tags = new TagSet();
        tags.Add('O', "");
        Assert.That((tags.ContainsKey('O'), tags['O']), Is.EqualTo((true, "")));
    }

    [TestCase("varchar", 32, null, false, "varchar(32)")]
    [TestCase("varchar", null, null, true, "varchar(max)")]
    [TestCase("numeric", 20, 0, false, "numeric(20,0)")]
    [TestCase("integer", null, null, false, "integer")]
    public void Canonical_type_text_is_built_from_name_and_arguments(string name, int? length, int? scale, bool isMax, string canonical)
    {
        Assert.That(new SqlType(name, "as written", length, scale, isMax).Canonical, Is.EqualTo(canonical));
    }

    [TestCase("timestamp", "IsDateTime")]
    [TestCase("datetime", "IsDateTime")]
    [TestCase("integer", "IsInteger")]
    [TestCase("smallint", "IsInteger")]
    [TestCase("real", "IsFloat")]
    [TestCase("numeric", "IsDecimal")]
    [TestCase("varchar", "IsString")]
    [TestCase("varbinary", "IsBinary")]
    public void Type_family_follows_the_lower_case_name(string name, string family)
    {
        var type = new SqlType(name, name.ToUpperInvariant());
        var families = new Dictionary<string, bool>
        {
            ["IsDateTime"] = type.IsDateTime, ["IsInteger"] = type.IsInteger, ["IsFloat"] = type.IsFloat,
            ["IsDecimal"] = type.IsDecimal, ["IsString"] = type.IsString, ["IsBinary"] = type.IsBinary,
        };
        Assert.That(families.Where(f => f.Value).Select(f => f.Key), Is.EqualTo(new[] { family }));
        Assert.That(SqlType.KnownNames, Does.Contain(name));
    }

    [TestCase("real", null, true)]
    [TestCase("float", 24, true)]
    [TestCase("float", 53, false)]
    [TestCase("float", null, false)]
    public void Single_precision_is_real_or_float_up_to_24_bits(string name, int? length, bool single)
    {
        Assert.That(new SqlType(name, name, length).IsSinglePrecision, Is.EqualTo(single));
    }

    [Test]
    public void Table_lookup_takes_a_bare_or_schema_qualified_name_in_any_case()
    {
        var model = new SchemaModel();
        model.Tables.Add(NewTable("Lamp", "PROBE"));
        model.Tables.Add(NewTable("Night", null));
        Assert.That(model.Table("lamp")!.QualifiedName, Is.EqualTo("PROBE.Lamp"));
        Assert.That(model.Table("probe.LAMP")!.Name, Is.EqualTo("Lamp"));
        Assert.That(model.Table("OTHER.Lamp"), Is.Null);
        Assert.That(model.Table("Night")!.QualifiedName, Is.EqualTo("Night"));
    }

    [Test]
    public void Add_range_appends_tables_indices_routines_and_files()
    {
        var first = new SchemaModel();
        first.Files.Add("a.sql");
        first.Tables.Add(NewTable("A", null));
        var second = new SchemaModel();
        second.Files.Add("b.sql");
        second.Tables.Add(NewTable("B", null));
        second.Routines.Add(new RoutineDef("spB", null, RoutineKind.Procedure, new SourceLocation("b.sql", 3, 1)));
        first.AddRange(second);
        Assert.That(first.Files, Is.EqualTo(new[] { "a.sql", "b.sql" }));
        Assert.That(first.Tables.Select(t => t.Name), Is.EqualTo(new[] { "A", "B" }));
        Assert.That(first.Routines.Single().Name, Is.EqualTo("spB"));
    }

    [Test]
    public void Location_is_written_file_colon_line_colon_column()
    {
        Assert.That(new SourceLocation("dir/x.sql", 12, 7).ToString(), Is.EqualTo("dir/x.sql:12:7"));
    }

    [Test]
    public void Parse_error_message_quotes_the_line_and_puts_a_caret_under_the_fault_keeping_tabs()
    {
        var e = new SchemaParseException(new SourceLocation("a.sql", 3, 5), "a column type", "'NOT'", "\tab NOT NULL");
        Assert.That(e.Message, Is.EqualTo("a.sql:3:5: expected a column type, found 'NOT'\n\tab NOT NULL\n\t   ^"));
        Assert.That((e.Expected, e.Found, e.LineText), Is.EqualTo(("a column type", "'NOT'", "\tab NOT NULL")));
    }

    [Test]
    public void Parse_error_past_the_end_of_its_line_puts_the_caret_after_the_last_character()
    {
        var e = new SchemaParseException(new SourceLocation("a.sql", 9, 4), "')'", "end of file", "abc");
        Assert.That(e.Message.Split('\n')[2], Is.EqualTo("   ^"));
    }

    [TestCase(HduRefKind.Default, null, null, false, "")]
    [TestCase(HduRefKind.Primary, null, null, false, "PRIMARY")]
    [TestCase(HduRefKind.FirstBinaryTable, null, null, true, "BINTABLE")]
    [TestCase(HduRefKind.Named, "Fibinfo", null, true, "BINTABLE.Fibinfo")]
    [TestCase(HduRefKind.Named, "PHOTOM", null, false, "PHOTOM")]
    [TestCase(HduRefKind.Position, null, 4, false, "NoName4")]
    public void HDU_reference_is_written_as_in_the_tags(HduRefKind kind, string? name, int? position, bool binaryOnly, string text)
    {
        Assert.That(new HduRef(kind, name, position, binaryOnly).ToString(), Is.EqualTo(text));
    }

    [Test]
    public void Column_meanings_depend_on_the_convention()
    {
        ColumnDef Make(TagConvention convention)
        {
            var c = new ColumnDef
            {
                Name = "ra", Type = new SqlType("float", "float"), Default = "-9.999995e+08",
                Location = new SourceLocation("m.sql", 1, 1), Convention = convention,
            };
            c.Tags.Add('C', "POS_EQ_RA_MAIN");
            c.Tags.Add('K', "RA");
            c.Tags.Add('R', "0.0,360.0");
            c.Tags.Add('N', "-0.9999995e9");
            return c;
        }

        var wfau = Make(TagConvention.Wfau);
        var sdss = Make(TagConvention.Sdss);
        Assert.That((wfau.Ucd, sdss.Ucd), Is.EqualTo(("POS_EQ_RA_MAIN", "RA")));
        Assert.That((wfau.Range, sdss.Range), Is.EqualTo((new ValueRange("0.0", "360.0"), (ValueRange?)null)));
        Assert.That((wfau.DefaultValue, sdss.DefaultValue), Is.EqualTo(("-0.9999995e9", "-0.9999995e9")));
    }
}
