using System.IO.Compression;
using System.Text;
using Curation.Fits.Inspection;
using Curation.Fits.Writing;
using NUnit.Framework;

namespace Curation.Fits.Tests;

/// <summary>
/// Deliberately broken files (truncated data or header, not FITS, broken headers, broken containers): each gives a
/// clear error naming the file (and the HDU where there is one), never a crash or a hang, and what could be read
/// before the fault is still reported.
/// </summary>
[TestFixture]
public sealed class BrokenFileTests : TestFiles
{
    private string temp = null!;
    private string good = null!;

    [SetUp]
    public void MakeGoodFile()
    {
        temp = NewTempDir();
        good = Path.Combine(temp, "good.fits");
        var pixels = Enumerable.Range(0, 100 * 80).Select(i => (float)(i % 97)).ToArray();
        using var w = FitsWriter.Create(good);
        w.AddEmptyPrimary(FitsWriter.Card("OBJECT", "'field 1'"))
            .AddImage(-32, [100, 80], pixels, cards: FitsWriter.Card("EXTNAME", "'SCI'"))
            .AddBinaryTable("CAT", 500, [new ColumnSpec("FLUX", "1E", "adu", Enumerable.Range(0, 500).Select(i => (float)i).ToArray())]);
    }

    private string Variant(string name, Func<byte[], byte[]> change)
    {
        var path = Path.Combine(temp, name);
        File.WriteAllBytes(path, change(File.ReadAllBytes(good)));
        return path;
    }

    /// <summary>Reads with statistics on another thread; a hang fails the test instead of stalling the run.</summary>
    private static FitsDump ReadWithinTimeLimit(string path)
    {
        var task = Task.Run(() => FitsDump.Read(path, statistics: true));
        Assert.That(task.Wait(TimeSpan.FromSeconds(60)), Is.True, $"reading {path} did not finish within a minute");
        return task.Result;
    }

    [Test]
    public void The_good_file_reads_without_errors()
    {
        var dump = ReadWithinTimeLimit(good);
        Assert.Multiple(() =>
        {
            Assert.That(dump.Failed, Is.False, string.Join("; ", dump.Errors));
            Assert.That(dump.Hdus.Select(h => h.Kind), Is.EqualTo(new[] { HduKind.Image, HduKind.Image, HduKind.BinaryTable }));
        });
    }

    [Test]
    public void Data_cut_short_names_the_file_and_the_HDU_and_keeps_the_headers()
    {
        // Cut in the middle of the image data of HDU 1.
        var path = Variant("cut-data.fits", b => b[..(2880 * 2 + 10000)]);
        var dump = ReadWithinTimeLimit(path);
        Assert.Multiple(() =>
        {
            Assert.That(dump.Failed, Is.True);
            Assert.That(dump.Errors.First(), Does.StartWith($"{path}, HDU 1: ").And.Contain("truncated"));
            Assert.That(dump.Hdus, Has.Count.EqualTo(2), "the primary and the cut image are listed");
            Assert.That(dump.Hdus[1].Cards.GetText("EXTNAME"), Is.EqualTo("SCI"));
        });
    }

    [Test]
    public void Table_cut_short_is_an_error_for_the_table()
    {
        var length = File.ReadAllBytes(good).Length;
        var path = Variant("cut-table.fits", b => b[..(length - 2880 + 100)]);
        var dump = ReadWithinTimeLimit(path);
        Assert.That(dump.Errors, Has.Some.StartsWith($"{path}, HDU 2: ").And.Some.Contain("truncated"));
    }

    [Test]
    public void Header_cut_short_is_a_clear_error()
    {
        var path = Variant("cut-header.fits", b => b[..1000]);
        var dump = ReadWithinTimeLimit(path);
        Assert.That(dump.Error, Does.StartWith($"{path}, HDU 0: header truncated"));
    }

    [Test]
    public void A_text_file_is_not_FITS()
    {
        var path = Path.Combine(temp, "notes.fits");
        File.WriteAllText(path, "This is not a FITS file, just some notes.\n");
        var dump = ReadWithinTimeLimit(path);
        Assert.That(dump.Error, Does.StartWith($"{path}: cannot be opened as FITS"));
    }

    [Test]
    public void An_empty_file_a_directory_and_a_missing_file_are_named()
    {
        var empty = Path.Combine(temp, "empty.fits");
        File.WriteAllBytes(empty, []);
        Assert.Multiple(() =>
        {
            Assert.That(ReadWithinTimeLimit(empty).Error, Is.EqualTo($"{empty}: is empty (0 bytes), not a FITS file"));
            Assert.That(ReadWithinTimeLimit(temp).Error, Is.EqualTo($"{temp}: is a directory, not a FITS file"));
            Assert.That(ReadWithinTimeLimit(Path.Combine(temp, "nowhere.fits")).Error, Does.EndWith("nowhere.fits: no such file"));
        });
    }

    [Test]
    public void A_broken_mandatory_keyword_in_the_primary_header_is_a_clear_error()
    {
        var path = Variant("bad-bitpix.fits", b => Replace(b, "BITPIX  =                    8", "BITPIX  =                  'x'"));
        var dump = ReadWithinTimeLimit(path);
        Assert.That(dump.Error, Does.StartWith($"{path}: cannot be opened as FITS").And.Contain("BITPIX"));
    }

    [Test]
    public void A_broken_extension_header_stops_the_list_there_and_names_the_HDU()
    {
        var path = Variant("bad-xtension.fits", b => Replace(b, "NAXIS1  =                  100", "NAXIS1  =                 -100"));
        var dump = ReadWithinTimeLimit(path);
        Assert.Multiple(() =>
        {
            Assert.That(dump.Hdus, Has.Count.EqualTo(1), "the primary HDU is still listed");
            Assert.That(dump.Error, Does.StartWith($"{path}, HDU 1: header cannot be read"));
        });
    }

    [Test]
    public void A_gzip_file_cut_short_is_a_clear_error()
    {
        var gz = Path.Combine(temp, "good.fits.gz");
        using (var output = File.Create(gz))
        using (var zip = new GZipStream(output, CompressionLevel.Fastest))
            zip.Write(File.ReadAllBytes(good));
        var bytes = File.ReadAllBytes(gz);
        var path = Path.Combine(temp, "cut.fits.gz");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var dump = ReadWithinTimeLimit(path);
        Assert.That(dump.Error, Does.StartWith($"{path}: gzip file is truncated or damaged"));
    }

    [Test]
    public void A_Unix_compress_file_cut_short_is_a_clear_error()
    {
        var z = Path.Combine(temp, "good.fits.Z");
        if (!Compress(good, z))
            Assert.Ignore("'compress' is not installed (Debian package ncompress; tools/test installs it)");
        var full = ReadWithinTimeLimit(z);
        var bytes = File.ReadAllBytes(z);
        var path = Path.Combine(temp, "cut.fits.Z");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var dump = ReadWithinTimeLimit(path);
        Assert.Multiple(() =>
        {
            Assert.That(full.Failed, Is.False, string.Join("; ", full.Errors));
            Assert.That(full.Hdus[1].ImageStatistics, Is.EqualTo(ReadWithinTimeLimit(good).Hdus[1].ImageStatistics));
            Assert.That(dump.Failed, Is.True);
            Assert.That(dump.Errors.First(), Does.StartWith(path));
        });
    }

    /// <summary>Unix-compresses a file with the system's compress (ncompress); false when it is not installed.</summary>
    internal static bool Compress(string input, string output)
    {
        var start = new System.Diagnostics.ProcessStartInfo("compress") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(input);
        System.Diagnostics.Process? process;
        try
        {
            process = System.Diagnostics.Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }

        using (process)
        using (var file = File.Create(output))
        {
            process!.StandardOutput.BaseStream.CopyTo(file);
            process.WaitForExit();
            return process.ExitCode == 0;
        }
    }

    [Test]
    public void Garbage_in_a_compressed_image_is_an_error_for_that_HDU()
    {
        var fz = Path.Combine(temp, "rice.fits");
        var pixels = Enumerable.Range(0, 200 * 100).Select(i => (short)(i % 1000)).ToArray();
        using (var w = FitsWriter.Create(fz))
            w.AddEmptyPrimary().AddImage(16, [200, 100], pixels, new ImageOptions { Compression = ImageCompression.Rice });
        var bytes = File.ReadAllBytes(fz);
        var dataStart = 2880 * 2 + 2880; // after the primary header and the compressed HDU's header (at least)
        for (var i = bytes.Length - 2880; i < bytes.Length - 100; i++)
            bytes[i] = 0xA5;
        var path = Path.Combine(temp, "rice-garbage.fits");
        File.WriteAllBytes(path, bytes);
        Assert.That(bytes.Length, Is.GreaterThan(dataStart));
        var dump = ReadWithinTimeLimit(path);
        Assert.That(dump.Hdus[1].Error, Does.StartWith($"{path}, HDU 1: pixels"));
    }

    [Test]
    public void A_real_file_cut_in_its_data_is_reported_as_truncated()
    {
        Fixtures.Require();
        var real = Fixtures.PathOf("astroquery/ukidss_wsa_image.fits");
        var path = Path.Combine(temp, "wsa-cut.fits");
        File.WriteAllBytes(path, File.ReadAllBytes(real)[..200_000]);
        var dump = ReadWithinTimeLimit(path);
        Assert.That(dump.Errors.First(), Does.StartWith($"{path}, HDU 1: data truncated"));
    }

    [Test]
    public void Strict_reading_refuses_a_file_lenient_reading_accepts_with_warnings()
    {
        var path = Variant("unquoted.fits", b => Replace(b, "OBJECT  = 'field 1'", "OBJECT  = field 1  "));
        var lenient = FitsDump.Read(path, statistics: false);
        var strict = FitsDump.Read(path, statistics: false, FitsReadOptions.Strict);
        Assert.Multiple(() =>
        {
            Assert.That(lenient.Failed, Is.False);
            Assert.That(lenient.Warnings, Has.Some.StartsWith("HDU 0 card").And.Some.Contain("OBJECT"));
            Assert.That(strict.Error, Does.StartWith($"{path}, HDU 0: card").And.Contain("(OBJECT)"));
        });
    }

    private static byte[] Replace(byte[] bytes, string from, string to)
    {
        Assert.That(to, Has.Length.EqualTo(from.Length));
        var text = Encoding.Latin1.GetString(bytes);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"'{from}' not in the file");
        var copy = (byte[])bytes.Clone();
        Encoding.Latin1.GetBytes(to).CopyTo(copy, at);
        return copy;
    }
}
