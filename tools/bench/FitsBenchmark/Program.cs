using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Curation.Fits;

// The C# side of tools/bench-fits: the same tasks as tools/bench/fits-astropy.py, timed in-process.
//   table  catalogue-1M.fits: every column's physical values read (in row chunks), finite values summed and counted.
//   image  image-4096x2048.fits: every pixel's physical value read (in chunks); min, max, mean and count of the finite ones.
// Usage: FitsBenchmark DATADIR [--repeat R] [--json]
var dataDir = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? throw new ArgumentException("usage: FitsBenchmark DATADIR [--repeat R] [--json]");
var repeat = args.SkipWhile(a => a != "--repeat").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(5);
var json = args.Contains("--json");
var log = json ? Console.Error : Console.Out;

var tasks = new Dictionary<string, Func<object>>
{
    ["table"] = () => Table(Path.Combine(dataDir, "catalogue-1M.fits")),
    ["image"] = () => Image(Path.Combine(dataDir, "image-4096x2048.fits")),
};

log.WriteLine($"Curation.Fits on CFITSIO {FitsFile.LibraryVersion}, .NET {Environment.Version}, repeat {repeat}");
var timings = new Dictionary<string, object>();
var results = new Dictionary<string, object>();
foreach (var (name, task) in tasks)
{
    var times = new List<double>();
    object? first = null;
    for (var i = 0; i < repeat; i++)
    {
        var watch = Stopwatch.StartNew();
        var result = task();
        times.Add(watch.Elapsed.TotalSeconds);
        first ??= result;
    }

    var sorted = times.Order().ToList();
    var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    timings[name] = new { median_s = median, min_s = sorted[0], repeat, times_s = times };
    results[name] = first!;
    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-13} median {median,8:F4} s   min {sorted[0],8:F4} s   ({string.Join(", ", times.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))})"));
}

var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1e6;
log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak RSS {peak:F1} MB"));
if (json)
{
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        tool = "Curation.Fits",
        version = FitsFile.LibraryVersion,
        dotnet = Environment.Version.ToString(),
        tasks = timings,
        peak_rss_mb = Math.Round(peak, 1),
        results,
    }));
}

static object Table(string path)
{
    using var file = FitsFile.Open(path);
    var hdu = file.Hdus[1];
    var columns = hdu.Columns;
    var sums = new double[columns.Count];
    var finite = new long[columns.Count];
    var read = new Stopwatch();
    var sum = new Stopwatch();
    read.Start();
    foreach (var chunk in hdu.OpenTable().ReadChunks())
    {
        read.Stop();
        sum.Start();
        for (var c = 0; c < columns.Count; c++)
            chunk.Columns[c].AccumulateSum(ref sums[c], ref finite[c]);
        sum.Stop();
        read.Start();
    }

    read.Stop();
    if (Environment.GetEnvironmentVariable("FITS_BENCH_SPLIT") is not null)
        Console.Error.WriteLine($"  read+decode {read.Elapsed.TotalSeconds:F3} s, sums {sum.Elapsed.TotalSeconds:F3} s");

    return new { rows = hdu.Rows, columns = columns.Select(c => c.Name).ToArray(), sum = sums, finite };
}

static object Image(string path)
{
    using var file = FitsFile.Open(path);
    var hdu = file.Hdus[0];
    var stats = hdu.ComputeImageStatistics();
    return new { naxis1 = hdu.Axes[0], naxis2 = hdu.Axes[1], min = stats.Min, max = stats.Max, mean = stats.Mean, finite = stats.Finite };
}
