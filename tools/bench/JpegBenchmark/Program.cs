using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Curation.Fits;
using Curation.Imaging;

// The C# side of tools/bench-jpeg: CU2's preview path on image-4096x2048.fits, timed in-process, each repeat from
// opening the FITS file to the JPEG written.
//   preview    read, zscale limits, linear scaling flipped to JPEG rows, encoding at quality 85, the file written
//              (what tools/bench/jpeg-astropy.py does with astropy, numpy and Pillow)
//   cu2        the same with the 128-pixel thumbnail, both files written as CU2 writes them (a temporary file flushed
//              to the disk, then renamed)
// Usage: JpegBenchmark DATADIR [--repeat R] [--threads N] [--json]
var dataDir = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? throw new ArgumentException("usage: JpegBenchmark DATADIR [--repeat R] [--threads N] [--json]");
int Option(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(fallback);
var repeat = Option("--repeat", 7);
var threads = Option("--threads", Environment.ProcessorCount);
var json = args.Contains("--json");
var log = json ? Console.Error : Console.Out;
var image = Path.Combine(dataDir, "image-4096x2048.fits");
var outDir = Path.Combine(dataDir, "jpeg-out");
Directory.CreateDirectory(outDir);

log.WriteLine($"Curation.Imaging on CFITSIO {FitsFile.LibraryVersion}, .NET {Environment.Version}, {threads} thread(s), repeat {repeat} (+3 warm-up)");
var tasks = new Dictionary<string, Func<Preview>>
{
    ["preview"] = () =>
    {
        using var fits = FitsFile.Open(image);
        var preview = Preview.Make(fits.Hdus[0], new PreviewOptions { Threads = threads, ThumbnailSize = 0 });
        File.WriteAllBytes(Path.Combine(outDir, $"curation-{threads}.jpg"), preview.Jpeg);
        return preview;
    },
    ["cu2"] = () =>
    {
        using var fits = FitsFile.Open(image);
        var preview = Preview.Make(fits.Hdus[0], new PreviewOptions { Threads = threads });
        AtomicFile.Write(Path.Combine(outDir, "jpegs", $"curation-{threads}.jpg"), preview.Jpeg);
        AtomicFile.Write(Path.Combine(outDir, "thumbs", $"curation-{threads}.jpg"), preview.Thumbnail);
        return preview;
    },
};

var results = new Dictionary<string, object>();
Preview? first = null;
foreach (var (name, task) in tasks)
{
    // Warm-up: the page cache, the thread pool, and the JIT's second tier for the loops (a long CU2 run previews
    // many frames, so its hot code is past the first tier after the first few).
    for (var i = 0; i < 3; i++)
        task();
    var times = new List<double>();
    var cpu = new List<double>();
    var parts = new List<PreviewTiming>();
    for (var i = 0; i < repeat; i++)
    {
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var preview = task();
        times.Add(watch.Elapsed.TotalSeconds);
        process.Refresh();
        cpu.Add((process.TotalProcessorTime - cpu0).TotalSeconds);
        parts.Add(preview.Timing);
        first ??= preview;
    }

    double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    var breakdown = new Dictionary<string, double>
    {
        ["read"] = Median(parts.Select(p => p.Read.TotalSeconds)),
        ["limits"] = Median(parts.Select(p => p.Limits.TotalSeconds)),
        ["render"] = Median(parts.Select(p => p.Render.TotalSeconds)),
        ["encode"] = Median(parts.Select(p => p.Encode.TotalSeconds)),
        ["thumbnail"] = Median(parts.Select(p => p.Thumbnail.TotalSeconds)),
    };
    results[name] = new { median_s = Median(times), min_s = times.Min(), cpu_median_s = Median(cpu), repeat, times_s = times, parts_median_s = breakdown };
    var split = string.Join(", ", breakdown.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Key} {b.Value * 1000:F1} ms")));
    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-8} median {Median(times),7:F4} s  min {times.Min(),7:F4} s  cpu {Median(cpu),7:F4} s   {split}"));
}

var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1e6;
log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak RSS {peak:F1} MB; limits {first!.Limits}"));
if (json)
{
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        tool = "Curation.Imaging",
        cfitsio = FitsFile.LibraryVersion,
        dotnet = Environment.Version.ToString(),
        threads,
        tasks = results,
        peak_rss_mb = Math.Round(peak, 1),
        vmin = first.Limits!.Value.Low,
        vmax = first.Limits.Value.High,
        jpeg = Path.Combine(outDir, $"curation-{threads}.jpg"),
        jpeg_bytes = first.Jpeg.Length,
    }));
}
