using Curation.Schema.Model;
using NUnit.Framework;

namespace Curation.Schema.Tests.Parser;

public sealed class SourceTagGrammarTests
{
    [TestCase("MJD-OBS", HduRefKind.Default, null, "MJD-OBS")]
    [TestCase("BINTABLE.APCOR3", HduRefKind.FirstBinaryTable, null, "APCOR3")]
    [TestCase("BINTABLE.Fibinfo.ACTMJD", HduRefKind.Named, "Fibinfo", "ACTMJD")]
    [TestCase("PRIMARY.OBSERVER", HduRefKind.Primary, null, "OBSERVER")]
    [TestCase("NoName0.DATE", HduRefKind.Primary, null, "DATE")]
    [TestCase("NoName2.GAIN", HduRefKind.Position, null, "GAIN")]
    [TestCase("HIERARCH  ESO INS FILT1 NAME ", HduRefKind.Default, null, "HIERARCH ESO INS FILT1 NAME")]
    [TestCase("PRIMARY.HIERARCH ESO DET.CHIP ID", HduRefKind.Primary, null, "HIERARCH ESO DET.CHIP ID")]
    public void Header_keyword_grammar(string tag, HduRefKind kind, string? name, string keyword)
    {
        var source = SourceTagGrammar.ParseHeaderKeyword(tag);
        Assert.That((source.Hdu.Kind, source.Hdu.Name, source.Keyword), Is.EqualTo((kind, name, keyword)));
    }

    [TestCase("MJD-OBS", true)]
    [TestCase("CD1_1", true)]
    [TestCase("HIERARCH ESO INS FILT1 NAME", true)]
    [TestCase("mjd-obs", false)]
    [TestCase("TOOLONGKEY", false)]
    [TestCase("RA DEC", false)]
    public void Keyword_validity(string keyword, bool valid) =>
        Assert.That(SourceTagGrammar.IsValidKeyword(keyword), Is.EqualTo(valid));

    [Test]
    public void Table_column_grammar_describes_itself_as_written()
    {
        var source = SourceTagGrammar.ParseTableColumn(" velclass.Nspec + Fibinfo.Nspec , NoName4.NSPEC ", 2);
        Assert.That(source.Describe(), Is.EqualTo("column velclass.Nspec+Fibinfo.Nspec or NoName4.NSPEC element 2"));
    }

    [TestCase("0.0,360.0", "0.0", "360.0")]
    [TestCase("0.,None", "0.", null)]
    [TestCase(",90", null, "90")]
    public void Range_grammar(string tag, string? min, string? max) =>
        Assert.That(SourceTagGrammar.ParseRange(tag), Is.EqualTo(new ValueRange(min, max)));

    [Test]
    public void A_range_with_three_values_does_not_parse() => Assert.That(SourceTagGrammar.ParseRange("1,2,3"), Is.Null);

    [Test]
    public void Computed_inputs_may_name_other_tables()
    {
        var source = SourceTagGrammar.ParseComputed("aperFlux3, MultiframeDetector.photZPCat");
        Assert.That(source.Inputs, Is.EqualTo(new[] { new AttributeRef(null, "aperFlux3"), new AttributeRef("MultiframeDetector", "photZPCat") }));
    }

    [Test]
    public void Template_names_match_and_fill_both_ways()
    {
        var bindings = TemplateNames.Match("{prog}SourceX{ext}", "lasSourceXGaiaDR3Source")!;
        Assert.That((bindings["prog"], bindings["ext"]), Is.EqualTo(("las", "GaiaDR3Source")));
        Assert.That(TemplateNames.Fill("{prog}SourceX{ext}", bindings), Is.EqualTo("lasSourceXGaiaDR3Source"));
        Assert.That(TemplateNames.Match("{prog}Detection", "lasSource"), Is.Null);
    }

    [TestCase("-0.9999995e9", "-9.999995e+08", "real", true)]
    [TestCase("-1", "-9999", "int", false)]
    [TestCase("NONE", "'NONE'", "varchar", true)]
    [TestCase("none", "'NONE'", "varchar", false)]
    public void N_tag_is_compared_with_the_default_by_value(string n, string sqlDefault, string type, bool same) =>
        Assert.That(SchemaChecker.SameValue(n, sqlDefault, new SqlType(type, type)), Is.EqualTo(same));
}
