using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Curation.Imaging.Tests;

/// <summary>docs/imaging.md: the example previews it shows are there and are JPEGs, and every option of PreviewOptions
/// that CU2 exposes is described.</summary>
public sealed partial class DocsTests
{
    private static string Docs => File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "docs", "imaging.md"));

    [Test]
    public void Every_example_preview_the_page_shows_is_a_jpeg_in_docs_images()
    {
        var images = ImageLink().Matches(Docs).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.That(images, Has.Count.GreaterThanOrEqualTo(3));
        Assert.Multiple(() =>
        {
            foreach (var image in images)
            {
                var path = Path.Combine(Fixtures.RepoRoot, "docs", image);
                Assert.That(File.Exists(path), path);
                var decoded = JpegCodec.DecodeGrey(File.ReadAllBytes(path));
                Assert.That(Math.Max(decoded.Width, decoded.Height), Is.InRange(100, 800), $"{image} is a small example");
            }
        });
    }

    [TestCase("--archive-dir")]
    [TestCase("--scale")]
    [TestCase("--clip")]
    [TestCase("--stretch")]
    [TestCase("--max-size")]
    [TestCase("--quality")]
    [TestCase("--threads")]
    [TestCase("--force")]
    [TestCase("--programme")]
    public void Every_option_is_in_the_options_table(string option) =>
        Assert.That(Docs, Does.Match($@"(?m)^\| `{Regex.Escape(option)}[ `]"));

    [GeneratedRegex(@"\]\((images/previews/[^)]+\.jpg)\)")]
    private static partial Regex ImageLink();
}
