using System.Diagnostics;
using System.Globalization;
using Curation.TablePreparation.Matching;

// tools/bench-match's C# side.
//   generate DIR --rows N [--self-rows M] [--density D]   writes DIR/a.bin, DIR/b.bin (and DIR/self.bin), sorted by Dec
//   match A B OUT [--radius-arcsec R] [--block-rows K] [--threads T] [--zone-height-arcsec H]
//   self  A OUT [same options]
// match and self print one JSON line: pairs, rows, blocks, the largest block, seconds, peak RSS (VmHWM).
var invariant = CultureInfo.InvariantCulture;
string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

switch (args.FirstOrDefault())
{
    case "generate":
        Generate(args[1], long.Parse(Option("--rows", "10000000"), invariant), long.Parse(Option("--self-rows", "1000000"), invariant),
            double.Parse(Option("--density", "40000"), invariant));
        return 0;
    case "match" or "self":
    {
        var self = args[0] == "self";
        var options = new SkyMatchOptions(double.Parse(Option("--radius-arcsec", "2"), invariant) / 3600.0)
        {
            Threads = int.Parse(Option("--threads", Environment.ProcessorCount.ToString(invariant)), invariant),
            ZoneHeightDeg = Option("--zone-height-arcsec", "") is { Length: > 0 } h ? double.Parse(h, invariant) / 3600.0 : null,
        };
        var blockRows = int.Parse(Option("--block-rows", StreamingSkyMatcher.DefaultBlockRows.ToString(invariant)), invariant);
        var output = self ? args[2] : args[3];
        var clock = Stopwatch.StartNew();
        MatchReport report;
        using (var writer = new PairFileWriter(output, "idA", "idB", "separationArcsec", 3600.0))
        {
            report = self
                ? StreamingSkyMatcher.SelfMatch(args[1], null, options, writer, blockRows)
                : StreamingSkyMatcher.Match(args[1], null, args[2], null, options, writer, blockRows);
            writer.Complete();
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(invariant,
            $"{{\"pairs\": {report.Pairs}, \"rows_a\": {report.RowsA}, \"rows_b\": {report.RowsB}, \"blocks\": {report.Blocks}, \"largest_block_rows\": {report.LargestBlockRows}, \"seconds\": {seconds:F3}, \"threads\": {options.EffectiveThreads}, \"vmhwm_kb\": {PeakRssKb()}}}"));
        return 0;
    }

    default:
        Console.Error.WriteLine("usage: MatchBenchmark generate DIR [--rows N] [--self-rows M] [--density D] | match A B OUT [options] | self A OUT [options]");
        return 2;
}

// A survey-like area at the given density (sources per square degree): a band of Dec 0..h and RA 150..150+w, about
// 2.5 times as wide as high. b holds counterparts of 80% of a's sources (moved by a Gaussian 0.3 arcsec rms per axis)
// and 20% unrelated sources, so each file holds N sources; self.bin is its own area of M sources at the same density.
static void Generate(string dir, long rows, long selfRows, double density)
{
    Directory.CreateDirectory(dir);
    var (a, b) = Pair(rows, density, seed: 1);
    OutgestRecordWriter.WritePositions(Path.Combine(dir, "a.bin"), a, sortByDec: true);
    OutgestRecordWriter.WritePositions(Path.Combine(dir, "b.bin"), b, sortByDec: true);
    if (selfRows > 0)
        OutgestRecordWriter.WritePositions(Path.Combine(dir, "self.bin"), Pair(selfRows, density, seed: 3).A, sortByDec: true);
}

static (SkyPositions A, SkyPositions B) Pair(long rows, double density, int seed)
{
    var n = checked((int)rows);
    var area = rows / density;
    // Dec 0..h, RA 150..150+w with w = 2.5 h (near the equator, area ~ w h).
    var h = Math.Sqrt(area / 2.5);
    var w = 2.5 * h / Math.Cos(h / 2 * Math.PI / 180);
    var random = new Random(seed);
    double s1 = Math.Sin(h * Math.PI / 180);
    var ida = new long[n];
    var raa = new double[n];
    var deca = new double[n];
    for (var i = 0; i < n; i++)
    {
        ida[i] = i + 1;
        raa[i] = 150 + random.NextDouble() * w;
        deca[i] = Math.Asin(random.NextDouble() * s1) * 180 / Math.PI;
    }

    var idb = new long[n];
    var rab = new double[n];
    var decb = new double[n];
    const double sigma = 0.3 / 3600;
    for (var i = 0; i < n; i++)
    {
        idb[i] = 1_000_000_000L + i + 1;
        if (random.NextDouble() < 0.8)
        {
            decb[i] = deca[i] + Gaussian(random) * sigma;
            rab[i] = raa[i] + Gaussian(random) * sigma / Math.Cos(deca[i] * Math.PI / 180);
        }
        else
        {
            rab[i] = 150 + random.NextDouble() * w;
            decb[i] = Math.Asin(random.NextDouble() * s1) * 180 / Math.PI;
        }
    }

    return (new SkyPositions(ida, raa, deca), new SkyPositions(idb, rab, decb));
}

static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

static long PeakRssKb()
{
    foreach (var line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    return -1;
}
