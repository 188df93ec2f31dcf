using System.Diagnostics;
using Curation.Schema.Docs;
using Curation.Schema.Model;
using NUnit.Framework;

namespace Curation.Schema.Tests.Docs;

[TestFixture]
public sealed class SchemaDocsWriterTests
{
    private const string TargetsScript = """
        --=====================================================================
        -- Targets.sql: a small sample in the WFAU style.
        --=====================================================================
        CREATE TABLE GES.Target(
        --/H Targets observed by the survey & their <positions>
        --/T Each row is one target of the survey,
        --/T observed at least once.
        --/T
        --/T A second paragraph with <i>italics</i>.
        targetID      bigint not null,  --/D Unique identifier <b>kept bold</b> <script>alert('x')</script> --/C meta.id;meta.main
        ra            float not null,   --/D Right ascension --/U degrees --/C pos.eq.ra;meta.main --/K RA
        dec           float not null,   --/D Declination --/U degrees --/C pos.eq.dec;meta.main --/K DEC
        htmID         bigint not null,  --/D Hierarchical triangular mesh index --/C pos.HTM --/Q ra,dec --/L 20
        mjdObs        float not null default -0.9999995e9, --/D Modified Julian date of the observation --/U days --/C time.epoch --/K MJD-OBS --/N -0.9999995e9
        flux3         real not null,    --/D Flux in aperture 3 --/U ADU --/C phot.flux --/F Aper_flux_3 --/A 2
        filterName    varchar(8) not null, --/D Filter name --/V Z,Y,J,H,K
        snr           real,             --/D Signal to noise <span onclick="evil()" class='v'>x</span> <a href="javascript:alert(1)">bad</a> <a href="https://example.org/snr">good</a> --/R 0,1000
        [odd<name>]   int,              --/D A column whose name needs escaping
        CONSTRAINT pk_Target PRIMARY KEY (targetID)
        )
        GO
        create table scratchWorkTable (
            x int not null
        )
        GO
        CREATE TABLE GES.Spectrum(
        --/H Spectra of the targets.
        specID        bigint not null,  --/D Spectrum identifier
        targetID      bigint not null,  --/D The target: see <i>Target</i> &lt;ok&gt; <table border="1" class='v'><tr><td>1</td><td>one</td></tr></table>
        CONSTRAINT pk_Spectrum PRIMARY KEY (specID),
        CONSTRAINT fk_Spectrum_Target FOREIGN KEY (targetID) REFERENCES GES.Target(targetID)
        )
        GO
        """;

    private const string TemplatesScript = """
        CREATE TABLE {prog}Detection(
        --/H Detections of one programme
        objID         bigint not null,  --/D Detection identifier
        targetID      bigint not null,  --/D The target
        CONSTRAINT pk_Detection PRIMARY KEY (objID),
        CONSTRAINT fk_Detection_Target FOREIGN KEY (targetID) REFERENCES Target(targetID)
        )
        GO
        """;

    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "curation-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    private SchemaModel SampleModel()
    {
        var scripts = Path.Combine(_dir, "scripts");
        Directory.CreateDirectory(scripts);
        var targets = Path.Combine(scripts, "Targets.sql");
        var templates = Path.Combine(scripts, "Templates.sql");
        File.WriteAllText(targets, TargetsScript);
        File.WriteAllText(templates, TemplatesScript);
        return SchemaScriptParser.ParseFiles([targets, templates], TagConvention.Wfau);
    }

    private string WriteSample(string name = "docs")
    {
        var output = Path.Combine(_dir, name);
        SchemaDocsWriter.Write(SampleModel(), output, "Sample <Archive>");
        return output;
    }

    private static string Read(string dir, string file) => File.ReadAllText(Path.Combine(dir, file));

    [Test]
    public void Writing_gives_an_index_a_style_sheet_and_one_page_per_family()
    {
        var output = Path.Combine(_dir, "docs");
        var written = SchemaDocsWriter.Write(SampleModel(), output, "Sample");

        Assert.That(written.Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "index.html", "Targets.html", "Templates.html", "style.css" }));
        Assert.That(written.All(File.Exists), Is.True);
        Assert.That(Directory.GetFiles(output), Has.Length.EqualTo(4));
    }

    [Test]
    public void The_index_links_each_family_and_lists_its_documented_tables_with_headers_and_counts()
    {
        var index = Read(WriteSample(), "index.html");

        Assert.That(index, Does.Contain("<h1>Sample &lt;Archive&gt;</h1>"));
        Assert.That(index, Does.Contain("<a href=\"Targets.html\">Targets</a>"));
        Assert.That(index, Does.Contain("<a href=\"Templates.html\">Templates</a>"));
        Assert.That(index, Does.Contain("<a href=\"Targets.html#Target\">GES.Target</a>"));
        Assert.That(index, Does.Contain("Targets observed by the survey &amp; their &lt;positions&gt;"));
        Assert.That(index, Does.Contain("<b>3</b>tables"));
        Assert.That(index, Does.Contain("<b>13</b>columns"));
        Assert.That(index, Does.Contain("1 undocumented table not shown"));
    }

    [Test]
    public void Undocumented_tables_are_left_out_of_every_page()
    {
        var output = WriteSample();

        foreach (var page in new[] { "index.html", "Targets.html", "Templates.html" })
            Assert.That(Read(output, page), Does.Not.Contain("scratchWorkTable"), page);
    }

    [Test]
    public void A_documented_table_shows_its_anchor_header_units_ucd_default_and_data_sources()
    {
        var page = Read(WriteSample(), "Targets.html");

        Assert.That(page, Does.Contain("<section class=\"table\" id=\"Target\">"));
        Assert.That(page, Does.Contain(">GES.Target</a>"));
        Assert.That(page, Does.Contain("<p class=\"header\">Targets observed by the survey &amp; their &lt;positions&gt;</p>"));
        Assert.That(page, Does.Contain("<td class=\"unit\">degrees</td>"));
        Assert.That(page, Does.Contain("<td class=\"ucd\">pos.eq.ra;meta.main</td>"));
        Assert.That(page, Does.Contain("<td class=\"type\">varchar(8)</td>"));
        Assert.That(page, Does.Contain("default <code>-0.9999995e9</code>"));
        Assert.That(page, Does.Contain("<span>keyword MJD-OBS</span>"));
        Assert.That(page, Does.Contain("<span>column Aper_flux_3 element 2</span>"));
        Assert.That(page, Does.Contain("<span>computed from ra, dec</span>"));
        Assert.That(page, Does.Contain("HTM level 20"));
        Assert.That(page, Does.Contain("values: Z, Y, J, H, K"));
        Assert.That(page, Does.Contain("range 0 to 1000"));
        Assert.That(page, Does.Contain("<dt>Primary key</dt><dd><code>targetID</code>"));
    }

    [Test]
    public void The_family_page_has_a_navigation_bar_and_a_table_of_contents_in_script_order()
    {
        var page = Read(WriteSample(), "Targets.html");

        Assert.That(page, Does.Contain("<nav class=\"top\"><a class=\"home\" href=\"index.html\">"));
        Assert.That(page, Does.Contain("<a href=\"Targets.html\" aria-current=\"page\">Targets</a>"));
        Assert.That(page, Does.Contain("<a href=\"Templates.html\">Templates</a>"));
        var tocTarget = page.IndexOf("<li><a href=\"#Target\">GES.Target</a>", StringComparison.Ordinal);
        var tocSpectrum = page.IndexOf("<li><a href=\"#Spectrum\">GES.Spectrum</a>", StringComparison.Ordinal);
        var sectionTarget = page.IndexOf("id=\"Target\"", StringComparison.Ordinal);
        var sectionSpectrum = page.IndexOf("id=\"Spectrum\"", StringComparison.Ordinal);
        Assert.That(tocTarget, Is.GreaterThan(0));
        Assert.That(tocSpectrum, Is.GreaterThan(tocTarget));
        Assert.That(sectionTarget, Is.GreaterThan(tocSpectrum));
        Assert.That(sectionSpectrum, Is.GreaterThan(sectionTarget));
    }

    [Test]
    public void The_table_text_is_split_into_paragraphs_at_blank_lines()
    {
        var page = Read(WriteSample(), "Targets.html");

        Assert.That(page, Does.Contain("<p>Each row is one target of the survey, observed at least once.</p>\n<p>A second paragraph with <i>italics</i>.</p>"));
    }

    [Test]
    public void Foreign_keys_link_to_the_referenced_table_on_the_same_page_or_another()
    {
        var output = WriteSample();

        Assert.That(Read(output, "Targets.html"), Does.Contain("<code>targetID</code> → <a href=\"#Target\">GES.Target</a> <code>(targetID)</code>"));
        Assert.That(Read(output, "Templates.html"), Does.Contain("<a href=\"Targets.html#Target\">GES.Target</a>"));
    }

    [Test]
    public void Html_in_descriptions_is_sanitised_keeping_the_allowed_tags()
    {
        var page = Read(WriteSample(), "Targets.html");

        Assert.That(page, Does.Not.Contain("<script"));
        Assert.That(page, Does.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").Or.Contain("&lt;script&gt;alert('x')&lt;/script&gt;"));
        Assert.That(page, Does.Not.Contain("onclick"));
        Assert.That(page, Does.Not.Contain("javascript:"));
        Assert.That(page, Does.Contain("<b>kept bold</b>"));
        Assert.That(page, Does.Contain("<span class=\"v\">x</span>"));
        Assert.That(page, Does.Contain("<a>bad</a>"));
        Assert.That(page, Does.Contain("<a href=\"https://example.org/snr\">good</a>"));
        Assert.That(page, Does.Contain("see <i>Target</i> &lt;ok&gt;"));
        Assert.That(page, Does.Contain("<table border=\"1\" class=\"v\"><tr><td>1</td><td>one</td></tr></table>"));
    }

    [Test]
    public void Names_are_escaped()
    {
        var page = Read(WriteSample(), "Targets.html");

        Assert.That(page, Does.Contain("<td class=\"name\">odd&lt;name&gt;</td>"));
        Assert.That(page, Does.Not.Contain("odd<name>"));
        Assert.That(page, Does.Contain("<title>Targets — Sample &lt;Archive&gt;</title>"));
    }

    [Test]
    public void Template_tables_are_documented_with_the_one_table_per_programme_note()
    {
        var page = Read(WriteSample(), "Templates.html");

        Assert.That(page, Does.Contain("id=\"{prog}Detection\""));
        Assert.That(page, Does.Contain("<span class=\"kind template\">template</span>"));
        Assert.That(page, Does.Contain("One table per programme: {prog} is the programme&#39;s table prefix."));
    }

    [Test]
    public void Writing_twice_gives_identical_bytes()
    {
        var model = SampleModel();
        var first = SchemaDocsWriter.Write(model, Path.Combine(_dir, "a"), "Sample");
        var second = SchemaDocsWriter.Write(SampleModel(), Path.Combine(_dir, "b"), "Sample");

        Assert.That(second.Select(Path.GetFileName), Is.EqualTo(first.Select(Path.GetFileName)));
        for (var i = 0; i < first.Count; i++)
            Assert.That(File.ReadAllBytes(second[i]), Is.EqualTo(File.ReadAllBytes(first[i])), Path.GetFileName(first[i]));
    }

    [TestCase("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [TestCase("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "&lt;SCRIPT SRC=//evil.example/x.js&gt;&lt;/SCRIPT&gt;")]
    [TestCase("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;")]
    [TestCase("<svg/onload=alert(1)>", "&lt;svg/onload=alert(1)&gt;")]
    [TestCase("<style>body{display:none}</style>", "&lt;style&gt;body{display:none}&lt;/style&gt;")]
    [TestCase("<!-- note -->", "&lt;!-- note --&gt;")]
    [TestCase("<b onclick=\"steal()\">y</b>", "<b>y</b>")]
    [TestCase("<i ONMOUSEOVER=steal() class=v>y</i>", "<i class=\"v\">y</i>")]
    [TestCase("<span style=\"color:red\" class=\"a&quot; onclick=&quot;x\">y</span>", "<span>y</span>")]
    [TestCase("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>")]
    [TestCase("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>")]
    [TestCase("<a href=\" java&#x09;script&#58;alert(1)\">x</a>", "<a>x</a>")]
    [TestCase("<a href=\"&#106;avascript:alert(1)\">x</a>", "<a>x</a>")]
    [TestCase("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>", "<a>x</a>")]
    [TestCase("<a href=\"vbscript:msgbox\">x</a>", "<a>x</a>")]
    [TestCase("<a href=\"https://example.org/a?b=1&amp;c=2\">x</a>", "<a href=\"https://example.org/a?b=1&amp;c=2\">x</a>")]
    [TestCase("<a href='http://example.org/'>x</a>", "<a href=\"http://example.org/\">x</a>")]
    [TestCase("<a href=\"Targets.html#Target\">x</a>", "<a href=\"Targets.html#Target\">x</a>")]
    [TestCase("<a href=\"page.html?t=12:30\">x</a>", "<a href=\"page.html?t=12:30\">x</a>")]
    [TestCase("<td href=\"https://example.org/\">x</td>", "<td>x</td>")]
    [TestCase("<table border=\"1\" class='v'><tr><th>a</th></tr></table>", "<table border=\"1\" class=\"v\"><tr><th>a</th></tr></table>")]
    [TestCase("<table border=\"1;x\">", "<table></table>")]
    [TestCase("x < 5 & y > 3", "x &lt; 5 &amp; y &gt; 3")]
    [TestCase("&lt;i&gt; &amp; &#177; &#xB1; &deg;", "&lt;i&gt; &amp; &#177; &#xB1; &deg;")]
    [TestCase("</td></tr></table>escaped the cell", "escaped the cell")]
    [TestCase("<i>never closed", "<i>never closed</i>")]
    [TestCase("<b><i>crossed</b></i>", "<b><i>crossed</i></b>")]
    [TestCase("a<BR/>b<br>c", "a<br>b<br>c")]
    [TestCase("x<sub>2</sub> y<sup>2</sup> <code>c</code> <em>e</em> <strong>s</strong> <p>p</p>", "x<sub>2</sub> y<sup>2</sup> <code>c</code> <em>e</em> <strong>s</strong> <p>p</p>")]
    [TestCase("", "")]
    public void The_sanitiser_keeps_whitelisted_tags_and_neutralises_everything_else(string input, string expected)
    {
        Assert.That(DescriptionSanitizer.Sanitize(input), Is.EqualTo(expected));
    }

    [Test]
    public void A_family_page_renders_to_a_non_blank_png_in_chromium()
    {
        var chromium = Environment.GetEnvironmentVariable("CURATION_CHROMIUM");
        if (string.IsNullOrEmpty(chromium))
            Assert.Ignore("CURATION_CHROMIUM not set: the schema browser is not rendered (tools/test sets it)");
        Assert.That(File.Exists(chromium), Is.True, $"CURATION_CHROMIUM names no file: {chromium}");

        var output = WriteSample();
        var emptyPage = Path.Combine(_dir, "empty.html");
        File.WriteAllText(emptyPage, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body></body></html>\n");
        var pagePng = Path.Combine(_dir, "targets.png");
        var emptyPng = Path.Combine(_dir, "empty.png");

        Screenshot(chromium, Path.Combine(output, "Targets.html"), pagePng);
        Screenshot(chromium, emptyPage, emptyPng);

        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.That(File.Exists(pagePng), Is.True, "no screenshot written");
        Assert.That(File.ReadAllBytes(pagePng).Take(8).ToArray(), Is.EqualTo(signature), "not a PNG");
        Assert.That(File.ReadAllBytes(emptyPng).Take(8).ToArray(), Is.EqualTo(signature), "empty page: not a PNG");
        var pageSize = new FileInfo(pagePng).Length;
        var emptySize = new FileInfo(emptyPng).Length;
        TestContext.Out.WriteLine($"family page {pageSize} bytes, empty page {emptySize} bytes");
        Assert.That(pageSize, Is.GreaterThan(20_000), "the screenshot looks blank");
        Assert.That(pageSize, Is.GreaterThan(emptySize * 4), "the screenshot is hardly bigger than an empty page's");
    }

    private void Screenshot(string chromium, string page, string png)
    {
        var profile = Path.Combine(_dir, "chromium-profile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--hide-scrollbars", $"--user-data-dir={profile}", "--window-size=1400,1000",
                     $"--screenshot={png}", new Uri(Path.GetFullPath(page)).AbsoluteUri,
                 })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {chromium}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"chromium did not finish within 60 s for {page}");
        }

        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"chromium failed for {page}:\n{stdout.Result}\n{stderr.Result}");
    }
}
