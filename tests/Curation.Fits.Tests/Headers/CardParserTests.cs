using System.Text;
using Curation.Fits.Headers;
using Curation.Fits.Writing;
using NUnit.Framework;

namespace Curation.Fits.Tests.Headers;

/// <summary>
/// Card images read into typed values by <see cref="CardParser"/> and <see cref="Header"/>: the value types of the
/// standard, long strings, HIERARCH, duplicates, what a lenient read forgives (with warnings) and what a strict read
/// of a file refuses.
/// </summary>
[TestFixture]
public sealed class CardParserTests : TestFiles
{
    private static Card Parse(string image) => CardParser.Parse(image, 1);

    // ---- Typed values ----------------------------------------------------------------------------------------

    [Test]
    public void String_value_has_doubled_quotes_resolved_and_trailing_blanks_removed_but_leading_blanks_kept()
    {
        var card = Parse("OBJECT  = '  M31 it''s   '         / the target");

        Assert.That(card.Keyword, Is.EqualTo("OBJECT"));
        Assert.That(card.Value.Kind, Is.EqualTo(CardValueKind.String));
        Assert.That(card.Value.TextValue, Is.EqualTo("  M31 it's"));
        Assert.That(card.Value.Raw, Is.EqualTo("  M31 it's   "));
        Assert.That(card.Comment, Is.EqualTo("the target"));
        Assert.That(card.Warnings, Is.Empty);
        Assert.That(card.IsCommentary, Is.False);
    }

    [Test]
    public void Empty_and_blank_strings_are_empty_strings_not_undefined()
    {
        Assert.That(Parse("EMPTY   = ''").Value, Has.Property("Kind").EqualTo(CardValueKind.String).And.Property("TextValue").EqualTo(""));
        Assert.That(Parse("BLANKS  = '        '").Value, Has.Property("Kind").EqualTo(CardValueKind.String).And.Property("TextValue").EqualTo(""));
    }

    [TestCase("SIMPLE  =                    T", true)]
    [TestCase("EXTEND  =                    F / no extensions", false)]
    public void Logical_value(string image, bool expected)
    {
        var card = Parse(image);
        Assert.That(card.Value.Kind, Is.EqualTo(CardValueKind.Logical));
        Assert.That(card.Value.Logical, Is.EqualTo(expected));
        Assert.That(card.Value.ToObject(), Is.EqualTo(expected));
        Assert.That(card.Warnings, Is.Empty);
    }

    [TestCase("NAXIS1  =                 1024", 1024L)]
    [TestCase("OFFSET  =                  -42 / negative", -42L)]
    [TestCase("PLUS    =                  +17", 17L)]
    [TestCase("MAXLONG =  9223372036854775807", long.MaxValue)]
    [TestCase("MINLONG = -9223372036854775808", long.MinValue)]
    public void Integer_value_within_64_bits(string image, long expected)
    {
        var card = Parse(image);
        Assert.That(card.Value.Kind, Is.EqualTo(CardValueKind.Integer));
        Assert.That(card.Value.Integer, Is.EqualTo(expected));
        Assert.That(card.Value.Real, Is.EqualTo((double)expected));
        Assert.That(card.Warnings, Is.Empty);
    }

    [TestCase("BIGINT  = 123456789012345678901234567890", "123456789012345678901234567890", 1.2345678901234568e29)]
    [TestCase("JUSTOVER=  9223372036854775808", "9223372036854775808", 9223372036854775808.0)]
    [TestCase("NEGBIG  = -99999999999999999999999", "-99999999999999999999999", -1e23)]
    public void Integer_value_beyond_64_bits_keeps_its_digits(string image, string digits, double approximate)
    {
        var card = Parse(image);
        Assert.That(card.Value.Kind, Is.EqualTo(CardValueKind.Integer));
        Assert.That(card.Value.Integer, Is.Null);
        Assert.That(card.Value.Raw, Is.EqualTo(digits));
        Assert.That(card.Value.ToObject(), Is.EqualTo(digits));
        Assert.That(card.Value.Real, Is.EqualTo(approximate).Within(1e-12).Percent);
        Assert.That(card.Warnings, Is.Empty);
    }

    [TestCase("EXPTIME =               1.5E3", 1500.0)]
    [TestCase("DVAL    =              2.5D-02 / Fortran double", 0.025)]
    [TestCase("DPLUS   =               -3D+2", -300.0)]
    [TestCase("FRAC    =                  -.5", -0.5)]
    [TestCase("TRAIL   =                   1.", 1.0)]
    [TestCase("PI      =    3.141592653589793", 3.141592653589793)]
    [TestCase("TINY    =              1.0E-300", 1e-300)]
    public void Float_value_with_E_or_D_exponent(string image, double expected)
    {
        var card = Parse(image);
        Assert.That(card.Value.Kind, Is.EqualTo(CardValueKind.Float));
        Assert.That(card.Value.Real, Is.EqualTo(expected));
        Assert.That(card.Value.IsNumber, Is.True);
        Assert.That(card.Warnings, Is.Empty);
    }

    [TestCase("CVAL    =          (1.5, -2.0) / complex", 1.5, -2.0)]
    [TestCase("CINT    =               (3,4)", 3.0, 4.0)]
    [TestCase("CEXP    =   ( 1.0E2 , -2.5D-1 )", 100.0, -0.25)]
    public void Complex_value(string image, double real, double imaginary)
    {
        var card = Parse(image);
        Assert.That(card.Value.Kind, Is.EqualTo(CardValueKind.Complex));
        Assert.That(card.Value.Real, Is.EqualTo(real));
        Assert.That(card.Value.Imaginary, Is.EqualTo(imaginary));
        Assert.That(card.Value.IsNumber, Is.False);
        Assert.That(card.Warnings, Is.Empty);
    }

    [TestCase("UNDEF   =                      / value left out", "value left out")]
    [TestCase("UNDEF   =", null)]
    public void Blank_value_field_is_undefined(string image, string? comment)
    {
        var card = Parse(image);
        Assert.That(card.Value.Kind, Is.EqualTo(CardValueKind.Undefined));
        Assert.That(card.Value.ToObject(), Is.Null);
        Assert.That(card.Comment, Is.EqualTo(comment));
        Assert.That(card.IsCommentary, Is.False);
        Assert.That(card.Warnings, Is.Empty);
    }

    [TestCase("COMMENT   leading blanks kept, trailing not   ", "COMMENT", "  leading blanks kept, trailing not")]
    [TestCase("HISTORY File modified by user 'jdoe' = 3 times", "HISTORY", "File modified by user 'jdoe' = 3 times")]
    [TestCase("        a blank-keyword card / with a slash", "", "a blank-keyword card / with a slash")]
    [TestCase("COMMENT", "COMMENT", "")]
    public void Commentary_card_keeps_its_text(string image, string keyword, string text)
    {
        var card = Parse(image);
        Assert.That(card.Keyword, Is.EqualTo(keyword));
        Assert.That(card.Value.Kind, Is.EqualTo(CardValueKind.Text));
        Assert.That(card.Value.TextValue, Is.EqualTo(text));
        Assert.That(card.Comment, Is.Null);
        Assert.That(card.IsCommentary, Is.True);
        Assert.That(card.Warnings, Is.Empty);
    }

    // ---- Long strings, HIERARCH, duplicates --------------------------------------------------------------------

    [Test]
    public void Continue_cards_are_joined_into_one_long_string()
    {
        var cards = CardParser.ParseHeader([
            "LONGSTR = 'This is a long &'  / first part",
            "CONTINUE  'string value that &'",
            "CONTINUE  'ends here'  / last part",
            "NEXT    =                    1",
        ]);

        Assert.That(cards, Has.Count.EqualTo(2));
        var card = cards[0];
        Assert.That(card.Keyword, Is.EqualTo("LONGSTR"));
        Assert.That(card.Value.Kind, Is.EqualTo(CardValueKind.String));
        Assert.That(card.Value.TextValue, Is.EqualTo("This is a long string value that ends here"));
        Assert.That(card.Comment, Is.EqualTo("first part last part"));
        Assert.That(card.Position, Is.EqualTo(1));
        Assert.That(card.Image.Split('\n'), Has.Length.EqualTo(3));
        Assert.That(card.Warnings, Is.Empty);
        Assert.That(cards[1].Keyword, Is.EqualTo("NEXT"));
        Assert.That(cards[1].Position, Is.EqualTo(4));
    }

    [Test]
    public void Continue_joining_stops_at_a_part_without_ampersand()
    {
        var cards = CardParser.ParseHeader([
            "LONGSTR = 'abc&'",
            "CONTINUE  'def'",
            "CONTINUE  'orphan'",
        ]);

        Assert.That(cards.Select(c => c.Keyword), Is.EqualTo(new[] { "LONGSTR", "CONTINUE" }));
        Assert.That(cards[0].Value.TextValue, Is.EqualTo("abcdef"));
        Assert.That(cards[1].Value.TextValue, Is.EqualTo("orphan"));
    }

    [Test]
    public void Orphan_continue_card_is_kept_as_its_own_card()
    {
        var cards = CardParser.ParseHeader([
            "OBJECT  = 'M31'",
            "CONTINUE  'orphan text'  / lost",
            "EXPTIME =                 30.0",
        ]);

        Assert.That(cards.Select(c => c.Keyword), Is.EqualTo(new[] { "OBJECT", "CONTINUE", "EXPTIME" }));
        Assert.That(cards[0].Value.TextValue, Is.EqualTo("M31"));
        Assert.That(cards[1].Value.Kind, Is.EqualTo(CardValueKind.String));
        Assert.That(cards[1].Value.TextValue, Is.EqualTo("orphan text"));
        Assert.That(cards[1].Comment, Is.EqualTo("lost"));
        Assert.That(cards[1].Position, Is.EqualTo(2));
        Assert.That(cards[2].Value.Real, Is.EqualTo(30.0));
    }

    [Test]
    public void Hierarch_cards_are_named_by_the_words_after_HIERARCH()
    {
        var header = Header.Parse([
            "HIERARCH ESO DET CHIP1 NAME = 'CCD-44' / chip name",
            "HIERARCH ESO TEL AIRM START = 1.234",
            "HIERARCH ESO   INS  FILT1 ID =            7",
        ]);

        Assert.That(header.Select(c => c.Keyword), Is.EqualTo(new[] { "ESO DET CHIP1 NAME", "ESO TEL AIRM START", "ESO INS FILT1 ID" }));
        Assert.That(header.All(c => c.IsHierarch), Is.True);
        Assert.That(header.GetString("ESO DET CHIP1 NAME"), Is.EqualTo("CCD-44"));
        Assert.That(header["ESO DET CHIP1 NAME"]!.Comment, Is.EqualTo("chip name"));
        Assert.That(header.GetDouble("ESO TEL AIRM START"), Is.EqualTo(1.234));
        Assert.That(header.GetInt64("ESO INS FILT1 ID"), Is.EqualTo(7));
        Assert.That(header.Warnings, Is.Empty);
    }

    [Test]
    public void Duplicate_keywords_are_all_kept_in_order_and_the_first_answers()
    {
        var header = Header.Parse([
            "HISTORY first",
            "OBSERVER= 'Alice'",
            "COMMENT between",
            "HISTORY second",
            "OBSERVER= 'Bob'",
            "HISTORY third",
        ]);

        Assert.That(header, Has.Count.EqualTo(6));
        Assert.That(header.All("HISTORY").Select(c => c.Value.TextValue), Is.EqualTo(new[] { "first", "second", "third" }));
        Assert.That(header.All("HISTORY").Select(c => c.Position), Is.EqualTo(new[] { 1, 4, 6 }));
        Assert.That(header.All("observer").Select(c => c.Value.TextValue), Is.EqualTo(new[] { "Alice", "Bob" }));
        Assert.That(header.GetString("OBSERVER"), Is.EqualTo("Alice"));
        Assert.That(header["OBSERVER"]!.Position, Is.EqualTo(2));
        Assert.That(header.All("NOSUCH"), Is.Empty);
    }

    // ---- Lenient reading ---------------------------------------------------------------------------------------

    [TestCase("OBJECT  = M31 nebula          / comment", "OBJECT", "M31 nebula", "unquoted string")]
    [TestCase("FILTER  = B/V", "FILTER", "B/V", "unquoted string")]
    [TestCase("DATE    = 08/11/51 / date written", "DATE", "08/11/51", "unquoted date")]
    [TestCase("P.I.    = 'Smith'", "P.I.", "Smith", "characters the standard does not allow")]
    [TestCase("OBJECT  = 'M3\u00011'", "OBJECT", "M3\u00011", "non-printable byte 0x01 in column 14")]
    public void Lenient_read_forgives_a_non_standard_string_card_with_a_warning(string image, string keyword, string value, string warning)
    {
        var card = Parse(image);
        Assert.That(card.Keyword, Is.EqualTo(keyword));
        Assert.That(card.Value.Kind, Is.EqualTo(CardValueKind.String));
        Assert.That(card.Value.TextValue, Is.EqualTo(value));
        Assert.That(card.Warnings, Has.Count.EqualTo(1));
        Assert.That(card.Warnings[0], Does.Contain(warning));
    }

    [TestCase("EXPTIME =               1.5e3", 1500.0, "lower-case exponent 'e'")]
    [TestCase("DVAL    =              2.5d-02", 0.025, "lower-case exponent 'd'")]
    [TestCase("GAIN    =2.5", 2.5, "no blank after '='")]
    public void Lenient_read_forgives_a_non_standard_number_card_with_a_warning(string image, double value, string warning)
    {
        var card = Parse(image);
        Assert.That(card.Value.Kind, Is.EqualTo(CardValueKind.Float));
        Assert.That(card.Value.Real, Is.EqualTo(value));
        Assert.That(card.Warnings, Has.Count.EqualTo(1));
        Assert.That(card.Warnings[0], Does.Contain(warning));
    }

    [Test]
    public void Header_lists_each_warning_with_its_card()
    {
        var header = Header.Parse([
            "SIMPLE  =                    T",
            "OBJECT  = M31",
            "EXPTIME =               1.5e3",
            "NAXIS   =                    0",
        ]);

        var warnings = header.Warnings.ToList();
        Assert.That(warnings.Select(w => (w.Card.Keyword, w.Card.Position)), Is.EqualTo(new[] { ("OBJECT", 2), ("EXPTIME", 3) }));
        Assert.That(warnings[0].Warning, Does.Contain("unquoted string"));
        Assert.That(warnings[1].Warning, Does.Contain("lower-case exponent"));
    }

    // ---- Strict reading of files -------------------------------------------------------------------------------

    // Cards CFITSIO's ffprec writes as given (it only upper-cases the keyword and blanks non-printable bytes).
    [TestCase("OBJECT  = M31 nebula", "OBJECT", "unquoted string")]
    [TestCase("EXPTIME =               1.5e3", "EXPTIME", "lower-case exponent")]
    [TestCase("GAIN    =2.5", "GAIN", "no blank after '='")]
    public void Strict_read_refuses_a_file_with_a_non_standard_card_naming_its_keyword(string image, string keyword, string warning)
    {
        var path = Path.Combine(NewTempDir(), "bad.fits");
        using (var w = FitsWriter.Create(path))
            w.AddEmptyPrimary("OBSERVER= 'Alice'", image);

        AssertStrictRefusesAndLenientWarns(path, keyword, warning);
    }

    // Cards ffprec will not write (illegal keyword characters, non-printable bytes): written clean, then patched.
    [TestCase("PI      = 'Smith'", "PI      ", "P.I.    ", "P.I.", "characters the standard does not allow")]
    [TestCase("OBJECT  = 'M31'", "'M31'", "'M\u00011'", "OBJECT", "non-printable byte 0x01")]
    public void Strict_read_refuses_a_patched_file_with_a_non_standard_card_naming_its_keyword(string image, string from, string to, string keyword, string warning)
    {
        var path = Path.Combine(NewTempDir(), "bad.fits");
        using (var w = FitsWriter.Create(path))
            w.AddEmptyPrimary("OBSERVER= 'Alice'", image);
        PatchOnce(path, from, to);

        AssertStrictRefusesAndLenientWarns(path, keyword, warning);
    }

    [Test]
    public void Strict_read_accepts_a_clean_file()
    {
        var path = Path.Combine(NewTempDir(), "clean.fits");
        using (var w = FitsWriter.Create(path))
            w.AddEmptyPrimary("OBSERVER= 'Alice'", "EXPTIME =               1.5E3");

        using var file = FitsFile.Open(path, FitsReadOptions.Strict);
        Assert.That(file.Hdus[0].Header.GetString("OBSERVER"), Is.EqualTo("Alice"));
        Assert.That(file.Hdus[0].Header.GetDouble("EXPTIME"), Is.EqualTo(1500.0));
        Assert.That(file.Hdus[0].Header.Warnings, Is.Empty);
    }

    private static void AssertStrictRefusesAndLenientWarns(string path, string keyword, string warning)
    {
        var e = Assert.Throws<FitsException>(() => FitsFile.Open(path, FitsReadOptions.Strict).Dispose())!;
        Assert.That(e.Hdu, Is.EqualTo(0));
        Assert.That(e.File, Is.EqualTo(path));
        Assert.That(e.Message, Does.Contain(path));
        Assert.That(e.Message, Does.Contain($"({keyword})"));
        Assert.That(e.Message, Does.Contain(warning));

        using var file = FitsFile.Open(path);
        var warnings = file.Hdus[0].Header.Warnings.ToList();
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0].Card.Keyword, Is.EqualTo(keyword));
        Assert.That(warnings[0].Warning, Does.Contain(warning));
        Assert.That(file.Hdus[0].Header.GetString("OBSERVER"), Is.EqualTo("Alice"));
    }

    /// <summary>Replaces the one occurrence of <paramref name="from"/> in the file with <paramref name="to"/> (same length).</summary>
    private static void PatchOnce(string path, string from, string to)
    {
        Assert.That(to, Has.Length.EqualTo(from.Length));
        var bytes = File.ReadAllBytes(path);
        var text = Encoding.Latin1.GetString(bytes);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"'{from}' not in {path}");
        Assert.That(text.IndexOf(from, at + 1, StringComparison.Ordinal), Is.EqualTo(-1), $"'{from}' more than once in {path}");
        Encoding.Latin1.GetBytes(to).CopyTo(bytes, at);
        File.WriteAllBytes(path, bytes);
    }

    // ---- Typed access errors -----------------------------------------------------------------------------------

    private static Header Sample(string file) => Header.Parse([
        "OBJECT  = 'M31'",
        "NAXIS   =                    2",
        "EXPTIME =                 30.5",
        "WHOLE   =                 12.0",
        "SIMPLE  =                    T",
        "UNDEF   =",
        "COMMENT a comment",
    ], file, 3);

    [Test]
    public void Typed_access_returns_values_and_fallbacks()
    {
        var h = Sample("night/x.fits");
        Assert.That(h.GetString("OBJECT"), Is.EqualTo("M31"));
        Assert.That(h.GetInt64("NAXIS"), Is.EqualTo(2));
        Assert.That(h.GetDouble("NAXIS"), Is.EqualTo(2.0));
        Assert.That(h.GetDouble("EXPTIME"), Is.EqualTo(30.5));
        Assert.That(h.GetInt64("WHOLE"), Is.EqualTo(12), "a float with no fraction reads as an integer");
        Assert.That(h.GetBool("SIMPLE", false), Is.True);
        Assert.That(h.GetText("NAXIS"), Is.EqualTo("2"));
        Assert.That(h.GetText("EXPTIME"), Is.EqualTo("30.5"));

        Assert.That(h.GetString("MISSING"), Is.Null);
        Assert.That(h.GetString("UNDEF"), Is.Null);
        Assert.That(h.GetInt64("MISSING", -1), Is.EqualTo(-1));
        Assert.That(h.GetInt64("UNDEF", -2), Is.EqualTo(-2));
        Assert.That(h.GetDouble("MISSING", 9.5), Is.EqualTo(9.5));
        Assert.That(h.GetBool("MISSING", true), Is.True);
        Assert.That(h.TryGetInt64("MISSING", out _), Is.False);
        Assert.That(h.TryGetDouble("UNDEF", out _), Is.False);
        Assert.That(h.Contains("objecT"), Is.True);
    }

    private static IEnumerable<TestCaseData> WrongTypeAccesses()
    {
        yield return new TestCaseData((Func<Header, object?>)(h => h.GetInt64("OBJECT")), "OBJECT", "not an integer").SetName("Int64_of_a_string");
        yield return new TestCaseData((Func<Header, object?>)(h => h.GetInt64("EXPTIME")), "EXPTIME", "not an integer").SetName("Int64_of_a_fraction");
        yield return new TestCaseData((Func<Header, object?>)(h => h.GetDouble("OBJECT", 0)), "OBJECT", "not a number").SetName("Double_of_a_string");
        yield return new TestCaseData((Func<Header, object?>)(h => h.GetDouble("SIMPLE")), "SIMPLE", "not a number").SetName("Double_of_a_logical");
        yield return new TestCaseData((Func<Header, object?>)(h => h.GetBool("NAXIS", false)), "NAXIS", "not a logical").SetName("Bool_of_an_integer");
        yield return new TestCaseData((Func<Header, object?>)(h => h.GetString("NAXIS")), "NAXIS", "not a string").SetName("String_of_an_integer");
        yield return new TestCaseData((Func<Header, object?>)(h => h.GetInt64("MISSING")), "MISSING", "is missing").SetName("Int64_of_a_missing_keyword");
        yield return new TestCaseData((Func<Header, object?>)(h => h.GetDouble("UNDEF")), "UNDEF", "is missing").SetName("Double_of_an_undefined_value");
    }

    [TestCaseSource(nameof(WrongTypeAccesses))]
    public void Typed_access_error_names_the_file_the_hdu_and_the_keyword(Func<Header, object?> access, string keyword, string problem)
    {
        var e = Assert.Throws<FitsException>(() => access(Sample("night/x.fits")))!;
        Assert.That(e.File, Is.EqualTo("night/x.fits"));
        Assert.That(e.Hdu, Is.EqualTo(3));
        Assert.That(e.Message, Does.StartWith("night/x.fits, HDU 3: "));
        Assert.That(e.Message, Does.Contain($"keyword {keyword} "));
        Assert.That(e.Message, Does.Contain(problem));
    }

    [Test]
    public void Typed_access_error_on_a_file_header_names_the_file_path()
    {
        var path = Path.Combine(NewTempDir(), "typed.fits");
        using (var w = FitsWriter.Create(path))
            w.AddEmptyPrimary("OBJECT  = 'M31'");

        using var file = FitsFile.Open(path);
        var e = Assert.Throws<FitsException>(() => file.Hdus[0].Header.GetInt64("OBJECT"))!;
        Assert.That(e.Message, Does.StartWith($"{path}, HDU 0: keyword OBJECT (card "));
        Assert.That(e.Message, Does.Contain("the string 'M31', not an integer"));
    }
}
