using NUnit.Framework;
using System.Globalization;
using System.Text.Json;
using Curation.Fits.Inspection;

namespace Curation.Fits.Tests;

/// <summary>
/// Every real fixture file, dumped completely by <c>curate fits dump --stats</c>'s code, against astropy's reading of
/// the same file (tools/fits/astropy-dump.py): HDU count, kinds, dimensions, rows, columns, every card's keyword and
/// value, and the statistics. Where the two disagree because astropy reads the file wrongly (or CFITSIO refuses it),
/// the difference is listed below with the reason; a listed difference that stops happening fails the test too.
/// </summary>
[TestFixture]
public sealed class AstropyCrossCheckTests
{
    private const string Unquoted =
        "unquoted string value (not FITS): astropy cannot parse the card and gives no value; we read the text as a string, with a warning";

    private const string ZDither =
        "astropy keeps ZDITHER0 in the image header (its reserved-keyword pattern reads it as ZDITHER + index 0); the tiled-image "
        + "convention reserves ZDITHER0 for the compressed HDU, so the image header leaves it out";

    /// <summary>The differences we know of: file, where (as <see cref="Compare"/> names it), and why.</summary>
    private static readonly (string File, string Where, string Reason)[] Known =
    [
        ("astropy/verify.fits", "file",
            "mandatory keywords out of order (NAXIS before BITPIX, FITS 4.0 section 4.4.1.1): CFITSIO refuses the header, so the file is "
            + "reported unreadable with CFITSIO's reason; astropy reads it without a warning"),
        ("astropy/dss.14.29.56-62.41.05.fits.gz", "HDU 0: card SKEW value",
            "SKEW holds two numbers separated by a comma: astropy cannot parse the card; we keep the text as a string, with a warning"),
        ("blackbox/16bit-mono-M34.fit", "HDU 0: card OBSERVER value", Unquoted),
        ("blackbox/16bit-mono-M34.fit", "HDU 0: card INSTRUME value", Unquoted),
        ("blackbox/16bit-mono-M34.fit", "HDU 0: card TELESCOP value", Unquoted),
        ("blackbox/16bit-mono-M34.fit", "HDU 0: card DATE-OBS value", Unquoted),
        ("blackbox/16bit-mono-M34.fit", "HDU 0: card PROGRAM value", Unquoted),
        ("blackbox/16bit-mono-M34.fit", "HDU 0: card FILTER value", Unquoted),
        ("blackbox/8bit-mono-Convertjup_0_1_L_01.FIT", "HDU 0: card INSTRUME value", Unquoted),
        ("blackbox/8bit-mono-Convertjup_0_1_L_01.FIT", "HDU 0: card DATE-OBS value", Unquoted),
        ("blackbox/8bit-mono-Convertjup_0_1_L_01.FIT", "HDU 0: card PROGRAM value", Unquoted),
        ("specutils/L5g_0355+11_Cruz09.fits", "HDU 0: card AIRMASS value", "AIRMASS = INDEF (IRAF's undefined, unquoted): " + Unquoted),
        ("blackbox/mddtsapcln.fits", "HDU 1: card ISORTORD value",
            "'ISORTORD =   -257' has its '=' in column 10, not 9: astropy keeps the card as text; we read the value -257, with a warning"),
        ("jwst/Trace_SLIT_A_200_1_V84600010001P0000000002101_39547_JLAB88.fits", "HDU 0: keywords",
            "a HISTORY card whose text ends in '&' is followed by CONTINUE: astropy glues the CONTINUE card onto the HISTORY text; "
            + "commentary cannot be continued (CONTINUE only continues string values), so we keep the CONTINUE card as its own card"),
        ("lco-ingester/coj1m011-kb05-20150219-0125-e90.fits.fz", "HDU 1: keywords", ZDither),
        ("lco-ingester/cpt1m012-fl10-20151216-0073-e00.fits.fz", "HDU 1: keywords", ZDither),
        ("lco-ingester/lsc1m005-kb78-20151109-0179-e90.fits.fz", "HDU 1: keywords", ZDither),
        ("lco-ingester/tfn0m414-kb29-20151216-0380-t00.fits.fz", "HDU 1: keywords", ZDither),
        ("legacypipe/ksb_170430_055945_ooi_r_ls9.CCD4.fits", "HDU 1: keywords", ZDither),
    ];

    private static IEnumerable<TestCaseData> Files()
    {
        var files = Fixtures.AllFiles();
        if (files.Count == 0)
        {
            yield return new TestCaseData("(fixtures absent)").SetName("fixtures absent");
            yield break;
        }

        foreach (var f in files)
            yield return new TestCaseData(f).SetName(f);
    }

    [TestCaseSource(nameof(Files))]
    public void Dump_agrees_with_astropy(string file)
    {
        Fixtures.Require();
        var reference = Fixtures.AstropyDump(file);
        using var ours = JsonDocument.Parse(FitsDump.Read(Fixtures.PathOf(file), statistics: true).ToJson());
        var differences = Compare(ours.RootElement, reference);

        var known = Known.Where(k => k.File == file).ToList();
        var unexplained = differences.Where(d => !known.Any(k => d.StartsWith(k.Where + ":", StringComparison.Ordinal) || d == k.Where)).ToList();
        var stale = known.Where(k => !differences.Any(d => d.StartsWith(k.Where + ":", StringComparison.Ordinal) || d == k.Where)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(unexplained, Is.Empty, $"{file}: differences from astropy not explained in the Known list");
            Assert.That(stale.Select(s => s.Where), Is.Empty, $"{file}: listed differences that no longer happen (remove them from Known)");
        });
    }

    [Test]
    public void Every_fixture_is_dumped_completely_except_the_listed_unreadable_one()
    {
        Fixtures.Require();
        var failed = Fixtures.AllFiles().Where(f => FitsDump.Read(Fixtures.PathOf(f), statistics: false).Failed).ToList();
        Assert.That(failed, Is.EqualTo(Known.Where(k => k.Where == "file").Select(k => k.File)));
    }

    /// <summary>The differences between our dump and astropy's, each "where: detail".</summary>
    internal static List<string> Compare(JsonElement ours, JsonElement theirs)
    {
        var d = new List<string>();
        var ourError = ours.TryGetProperty("error", out var e1) ? e1.GetString() : null;
        var theirError = theirs.TryGetProperty("error", out var e2) ? e2.GetString() : null;
        var ourHdus = ours.GetProperty("hdus").EnumerateArray().ToList();
        var theirHdus = theirs.TryGetProperty("hdus", out var h) ? h.EnumerateArray().ToList() : [];
        if (ourError != theirError && (ourError is null || theirError is null))
            d.Add($"file: error ours '{ourError}' astropy '{theirError}'");
        if (ourHdus.Count != theirHdus.Count)
        {
            d.Add($"file: {ourHdus.Count} HDUs, astropy {theirHdus.Count}");
            return d;
        }

        for (var i = 0; i < ourHdus.Count; i++)
            CompareHdu(ourHdus[i], theirHdus[i], $"HDU {i}", d);
        return d;
    }

    private static void CompareHdu(JsonElement a, JsonElement b, string where, List<string> d)
    {
        foreach (var key in new[] { "kind", "extname", "bitpix", "naxis", "rows" })
        {
            if (Canon(a.GetProperty(key)) != Canon(b.GetProperty(key)))
                d.Add($"{where}: {key}: ours {Canon(a.GetProperty(key))} astropy {Canon(b.GetProperty(key))}");
        }

        var ac = a.GetProperty("columns");
        var bc = b.GetProperty("columns");
        if (ac.ValueKind != bc.ValueKind)
        {
            d.Add($"{where}: columns: ours {ac.ValueKind} astropy {bc.ValueKind}");
        }
        else if (ac.ValueKind == JsonValueKind.Array)
        {
            var ours = ac.EnumerateArray().ToList();
            var theirs = bc.EnumerateArray().ToList();
            if (ours.Count != theirs.Count)
                d.Add($"{where}: columns: ours {ours.Count} astropy {theirs.Count}");
            for (var c = 0; c < Math.Min(ours.Count, theirs.Count); c++)
            {
                foreach (var key in new[] { "name", "tform", "unit" })
                {
                    if (Canon(ours[c].GetProperty(key)) != Canon(theirs[c].GetProperty(key)))
                        d.Add($"{where}: column {c + 1} {key}: ours {Canon(ours[c].GetProperty(key))} astropy {Canon(theirs[c].GetProperty(key))}");
                }

                CompareStats(ours[c].GetProperty("stats"), theirs[c].GetProperty("stats"), $"{where}: column {c + 1} stats", ["sum"], d);
            }
        }

        var ak = a.GetProperty("cards").EnumerateArray().ToList();
        var bk = b.GetProperty("cards").EnumerateArray().ToList();
        var akeys = ak.Select(c => c.GetProperty("keyword").GetString()).ToList();
        var bkeys = bk.Select(c => c.GetProperty("keyword").GetString()).ToList();
        if (!akeys.SequenceEqual(bkeys))
        {
            d.Add($"{where}: keywords: ours {akeys.Count} cards, astropy {bkeys.Count}; only ours [{string.Join(", ", akeys.Except(bkeys))}], "
                + $"only astropy [{string.Join(", ", bkeys.Except(akeys))}]");
        }
        else
        {
            for (var i = 0; i < ak.Count; i++)
            {
                var va = ak[i].GetProperty("value");
                var vb = bk[i].GetProperty("value");
                if (!SameValue(va, vb))
                {
                    var error = bk[i].TryGetProperty("error", out var err) ? $" ({err.GetString()})" : "";
                    d.Add($"{where}: card {akeys[i]} value: ours {va.GetRawText()} astropy {vb.GetRawText()}{error}");
                }
            }
        }

        var sa = a.TryGetProperty("stats", out var x) ? x : default;
        var sb = b.TryGetProperty("stats", out var y) ? y : default;
        CompareStats(sa, sb, $"{where}: stats", ["min", "max", "mean"], d);
    }

    private static void CompareStats(JsonElement a, JsonElement b, string where, string[] values, List<string> d)
    {
        var aNull = a.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;
        var bNull = b.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;
        if (aNull || bNull)
        {
            if (aNull != bNull)
                d.Add($"{where}: ours {(aNull ? "none" : a.GetRawText())} astropy {(bNull ? "none" : b.GetRawText())}");
            return;
        }

        if (a.GetProperty("finite").GetInt64() != b.GetProperty("finite").GetInt64())
            d.Add($"{where}: finite ours {a.GetProperty("finite")} astropy {b.GetProperty("finite")}");
        foreach (var key in values)
        {
            var p = a.GetProperty(key);
            var q = b.GetProperty(key);
            if (p.ValueKind != q.ValueKind || (p.ValueKind == JsonValueKind.Number && !Close(p.GetDouble(), q.GetDouble())))
                d.Add($"{where}: {key} ours {p.GetRawText()} astropy {q.GetRawText()}");
        }
    }

    /// <summary>A layout-free text of a JSON value (astropy-dump indents, we do not).</summary>
    private static string Canon(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "[" + string.Join(",", e.EnumerateArray().Select(Canon)) + "]",
        JsonValueKind.String => JsonSerializer.Serialize(e.GetString()),
        _ => e.GetRawText(),
    };

    /// <summary>Equal to a relative 1e-9: the sums are added in different orders (astropy-dump uses math.fsum).</summary>
    private static bool Close(double a, double b) => a == b || Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b));

    /// <summary>Same type and value: integers compared exactly (any length), floats bit for bit (both parse the same text).</summary>
    private static bool SameValue(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
            return false;
        switch (a.ValueKind)
        {
            case JsonValueKind.Number:
                var ra = a.GetRawText();
                var rb = b.GetRawText();
                var aInteger = ra.IndexOfAny(['.', 'e', 'E']) < 0;
                var bInteger = rb.IndexOfAny(['.', 'e', 'E']) < 0;
                if (aInteger != bInteger)
                    return false;
                return aInteger
                    ? System.Numerics.BigInteger.Parse(ra, CultureInfo.InvariantCulture) == System.Numerics.BigInteger.Parse(rb, CultureInfo.InvariantCulture)
                    : a.GetDouble() == b.GetDouble();
            case JsonValueKind.Object:
                return SameValue(a.GetProperty("re"), b.GetProperty("re")) && SameValue(a.GetProperty("im"), b.GetProperty("im"));
            default:
                return a.GetRawText() == b.GetRawText() || (a.ValueKind == JsonValueKind.String && a.GetString() == b.GetString());
        }
    }
}
