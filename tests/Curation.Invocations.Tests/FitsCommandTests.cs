using System.Text.Json;
using Curation.Fits.Writing;
using NUnit.Framework;

namespace Curation.Invocations.Tests;

/// <summary><c>curate fits dump</c> from the command line: summaries, JSON Lines, and bad files among good ones.</summary>
public sealed class FitsCommandTests : CliTestBase
{
    private string MakeFile(string name, int width = 64, int height = 32)
    {
        var path = Path.Combine(Temp, name);
        var pixels = Enumerable.Range(0, width * height).Select(i => (short)(i % 500)).ToArray();
        using var w = FitsWriter.Create(path);
        w.AddEmptyPrimary(FitsWriter.Card("TELESCOP", "'UKIRT'"), FitsWriter.Card("PROJECT", "'U/UKIDSS/LAS'"))
            .AddImage(16, [width, height], pixels, cards: FitsWriter.Card("EXTNAME", "'DET1'"))
            .AddBinaryTable("CAT", 3, [new ColumnSpec("RA", "1D", "radians", new[] { 1.0, 2.0, 3.5 })]);
        return path;
    }

    [Test]
    public void Summary_lists_each_HDU_like_fitsinfo()
    {
        var file = MakeFile("w20071011_00001.fits");
        var (code, output, error) = Cli.Run("fits", "dump", file, "--stats");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.StartWith($"Filename: {file}\n"));
            Assert.That(output, Does.Match(@"(?m)^  1  DET1 +image +\d+  64 x 32 +int16$"));
            Assert.That(output, Does.Match(@"(?m)^  2  CAT +bintable +\d+  3 rows x 1 cols +1D$"));
            Assert.That(output, Does.Contain("min 0  max 499"));
            Assert.That(output, Does.Match(@"(?m)^ +RA +sum 6\.5  finite 3$"));
        });
    }

    [Test]
    public void Json_prints_one_document_per_file_per_line()
    {
        var first = MakeFile("a.fits");
        var second = MakeFile("b.fits", 10, 10);
        var (code, output, _) = Cli.Run("fits", "dump", "--json", first, second);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.That(code, Is.Zero);
        Assert.That(lines, Has.Length.EqualTo(2));
        using var doc = JsonDocument.Parse(lines[1]);
        var root = doc.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("file").GetString(), Is.EqualTo(second));
            Assert.That(root.GetProperty("hdus").GetArrayLength(), Is.EqualTo(3));
            var image = root.GetProperty("hdus")[1];
            Assert.That(image.GetProperty("kind").GetString(), Is.EqualTo("image"));
            Assert.That(image.GetProperty("naxis").EnumerateArray().Select(e => e.GetInt64()), Is.EqualTo(new[] { 10L, 10L }));
            var project = root.GetProperty("hdus")[0].GetProperty("cards").EnumerateArray().First(c => c.GetProperty("keyword").GetString() == "PROJECT");
            Assert.That(project.GetProperty("value").GetString(), Is.EqualTo("U/UKIDSS/LAS"));
            Assert.That(root.TryGetProperty("stats", out _), Is.False);
        });
    }

    [Test]
    public void A_bad_file_among_good_ones_is_named_the_others_are_dumped_and_the_exit_code_is_1()
    {
        var good1 = MakeFile("good1.fits");
        var bad = Path.Combine(Temp, "notes.fits");
        File.WriteAllText(bad, "not a FITS file\n");
        var good2 = MakeFile("good2.fits");
        var (code, output, error) = Cli.Run("fits", "dump", "--json", good1, bad, good2);
        var documents = output.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(documents.Select(d => d.GetProperty("file").GetString()), Is.EqualTo(new[] { good1, bad, good2 }));
            Assert.That(documents[1].GetProperty("error").GetString(), Does.StartWith($"{bad}: cannot be opened as FITS"));
            Assert.That(documents[2].GetProperty("hdus").GetArrayLength(), Is.EqualTo(3));
            Assert.That(error, Does.Contain($"error: {bad}: cannot be opened as FITS"));
            Assert.That(error, Does.Contain("1 of 3 files could not be read completely"));
        });
    }

    [Test]
    public void A_truncated_file_names_the_HDU()
    {
        var good = MakeFile("frame.fits", 200, 200);
        var cut = Path.Combine(Temp, "cut.fits");
        File.WriteAllBytes(cut, File.ReadAllBytes(good)[..(2880 * 2 + 30000)]);
        var (code, _, error) = Cli.Run("fits", "dump", cut);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain($"error: {cut}, HDU 1: data truncated"));
    }

    [Test]
    public void The_WSA_cut_out_dumps_with_statistics()
    {
        // The fixtures as Curation.Fits.Tests finds them: $CURATION_FIXTURES, else ../shared/fixtures beside the repository.
        var fixtures = Environment.GetEnvironmentVariable("CURATION_FIXTURES") is { Length: > 0 } dir ? dir : Path.Combine(Cli.RepoRoot, "..", "shared", "fixtures");
        var wsa = Path.Combine(fixtures, "fits", "astroquery", "ukidss_wsa_image.fits");
        if (!File.Exists(wsa))
            Assert.Ignore($"the real FITS fixtures are not at {Path.GetFullPath(Path.GetDirectoryName(wsa)!)}");
        var (code, output, error) = Cli.Run("fits", "dump", "--json", "--stats", wsa);
        Assert.That(code, Is.Zero, error);
        using var doc = JsonDocument.Parse(output);
        var image = doc.RootElement.GetProperty("hdus")[1];
        Assert.Multiple(() =>
        {
            Assert.That(image.GetProperty("extname").GetString(), Is.EqualTo("WSAIMAGE"));
            Assert.That(image.GetProperty("stats").GetProperty("finite").GetInt64(), Is.EqualTo(300 * 300));
            var cards = doc.RootElement.GetProperty("hdus")[0].GetProperty("cards").EnumerateArray().ToList();
            Assert.That(cards.First(c => c.GetProperty("keyword").GetString() == "PROJECT").GetProperty("value").GetString(), Does.StartWith("U/UKIDSS/GCS"));
        });
    }
}
