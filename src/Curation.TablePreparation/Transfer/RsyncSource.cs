using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Curation.TablePreparation.Transfer;

/// <summary>
/// A source tree read with the system's <c>rsync</c>: on a remote host over ssh (<c>[user@]host:/path</c>, or another
/// remote shell), from an rsync daemon (<c>rsync://host/module/path</c>), or a local directory. A scan costs three
/// rsync calls (the nights, their files, their markers); files are fetched in batches, one rsync per batch, several
/// batches at once.
/// </summary>
public sealed partial class RsyncSource : TransferSource
{
    private readonly string spec;
    private readonly string? rsh;
    private readonly int timeoutSeconds;

    /// <summary>The tree at <paramref name="spec"/>; <paramref name="rsh"/> is rsync's remote shell (<c>-e</c>), e.g.
    /// <c>ssh -p 2222 -i ~/.ssh/archive</c>; <paramref name="timeoutSeconds"/> ends a transfer that stalls that long.</summary>
    public RsyncSource(string spec, string? rsh = null, int timeoutSeconds = 300)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        this.spec = spec.TrimEnd('/') + "/";
        this.rsh = rsh;
        this.timeoutSeconds = timeoutSeconds;
    }

    /// <inheritdoc />
    public override string Description => spec;

    /// <inheritdoc />
    public override int BatchSize => 16;

    /// <inheritdoc />
    public override IReadOnlyList<SourceNight> Scan(NightRange range, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(range);
        var nights = List(["--list-only", "-L", "--no-h", spec], cancellation)
            .Where(e => e.Directory && !e.Path.Contains('/', StringComparison.Ordinal))
            .Select(e => NightOf(e.Path)).OfType<int>().Where(range.Contains).Order().ToList();
        if (nights.Count == 0)
            return [];

        var listing = List(["--list-only", "-L", "--no-h", "-r", .. Filter(nights, "*"), spec], cancellation)
            .Where(e => !e.Directory && e.Path.Count(c => c == '/') == 1)
            .GroupBy(e => int.Parse(e.Path[..8], CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.ToDictionary(e => e.Path[9..], e => (e.Size, e.Modified), StringComparer.Ordinal));
        var ready = nights.Where(n => listing.TryGetValue(n, out var files) && files.ContainsKey(ReadyMarker.FileName)).ToList();

        var markers = Path.Combine(Path.GetTempPath(), "curate-markers-" + Guid.NewGuid().ToString("N"));
        try
        {
            if (ready.Count > 0)
                Run(["-r", "-L", .. Timeout(), .. Filter(ready, ReadyMarker.FileName), spec, markers + "/"], cancellation);
            var result = new List<SourceNight>();
            foreach (var night in nights)
            {
                var files = listing.GetValueOrDefault(night) ?? [];
                ReadyMarker? marker = null;
                string? problem = null;
                if (ready.Contains(night))
                {
                    var path = Path.Combine(markers, night.ToString("D8", CultureInfo.InvariantCulture), ReadyMarker.FileName);
                    try
                    {
                        marker = ReadyMarker.Parse(File.ReadAllText(path), $"{spec}{night:D8}/{ReadyMarker.FileName}");
                    }
                    catch (Exception e) when (e is FormatException or IOException)
                    {
                        problem = e.Message;
                    }
                }

                result.Add(Night(night, files, marker, problem));
            }

            return result;
        }
        finally
        {
            if (Directory.Exists(markers))
                Directory.Delete(markers, recursive: true);
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<StagedFile> Stage(IReadOnlyList<SourceFile> files, string stagingDirectory, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(files);
        Directory.CreateDirectory(stagingDirectory);
        var list = Path.Combine(stagingDirectory, $".files-{Guid.NewGuid():N}");
        File.WriteAllText(list, string.Join('\n', files.Select(f => f.RelativePath)) + "\n");
        string? failure = null;
        try
        {
            Run(["-t", "-L", .. Timeout(), $"--files-from={list}", spec, stagingDirectory.TrimEnd('/') + "/"], cancellation);
        }
        catch (TransferSourceException e)
        {
            failure = e.Message; // some files may have arrived (rsync exit 23/24): each is checked below
        }
        finally
        {
            File.Delete(list);
        }

        return [.. files.Select(f =>
        {
            var staged = Path.Combine(stagingDirectory, f.RelativePath);
            var info = new FileInfo(staged);
            if (!info.Exists)
                return new StagedFile(f, null, failure ?? $"rsync did not deliver {f.RelativePath}");
            return new StagedFile(f, staged, null); // its size is checked against the listing's when it is verified
        })];
    }

    private string[] Timeout() => timeoutSeconds > 0 ? [$"--timeout={timeoutSeconds}"] : [];

    /// <summary>rsync filter arguments that take, from each night directory, the files matching <paramref name="pattern"/>.</summary>
    private static IEnumerable<string> Filter(IEnumerable<int> nights, string pattern) =>
        nights.SelectMany(n => new[] { $"--include=/{n:D8}/", $"--include=/{n:D8}/{pattern}" }).Append("--exclude=*");

    private sealed record Entry(string Path, bool Directory, long Size, DateTime Modified);

    private List<Entry> List(string[] arguments, CancellationToken cancellation)
    {
        var entries = new List<Entry>();
        foreach (var line in Run([.. Timeout(), .. arguments], cancellation).Split('\n'))
        {
            if (ListLine().Match(line) is not { Success: true } m || m.Groups["path"].Value == ".")
                continue;
            var modified = DateTime.ParseExact(m.Groups["date"].Value + " " + m.Groups["time"].Value, "yyyy/MM/dd HH:mm:ss",
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal);
            entries.Add(new Entry(m.Groups["path"].Value, m.Groups["type"].Value == "d",
                long.Parse(m.Groups["size"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture), ToSecond(modified)));
        }

        return entries;
    }

    /// <summary>Runs rsync with <paramref name="arguments"/> and returns its output; a failure carries rsync's own message.</summary>
    private string Run(IEnumerable<string> arguments, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo("rsync")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        if (rsh is not null)
        {
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add(rsh);
        }

        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new TransferSourceException("rsync could not be started");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TransferSourceException($"rsync could not be started ({e.Message}); install it with: apt-get install rsync");
        }

        using (process)
        using (cancellation.Register(() =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // it has already exited
            }
        }))
        {
            var error = process.StandardError.ReadToEndAsync(cancellation);
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            cancellation.ThrowIfCancellationRequested();
            if (process.ExitCode != 0)
            {
                var message = string.Join("; ", error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
                throw new TransferSourceException(string.Create(CultureInfo.InvariantCulture,
                    $"rsync from {spec} failed (exit {process.ExitCode}): {(message.Length > 0 ? message : "no message")}"));
            }

            return output;
        }
    }

    [GeneratedRegex(@"^(?<type>[dl\-cbps])[rwxsStT\-]{9}\S*\s+(?<size>[\d,]+)\s+(?<date>\d{4}/\d{2}/\d{2})\s+(?<time>\d{2}:\d{2}:\d{2})\s+(?<path>.+)$")]
    private static partial Regex ListLine();
}

/// <summary>The source could not be read (rsync failed, the host is unreachable): the message says how.</summary>
public sealed class TransferSourceException(string message) : Exception(message);
