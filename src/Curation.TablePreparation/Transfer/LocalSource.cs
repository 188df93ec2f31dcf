namespace Curation.TablePreparation.Transfer;

/// <summary>A source tree on a local or mounted disk, copied file by file.</summary>
public sealed class LocalSource : TransferSource
{
    private readonly string root;

    /// <summary>The tree at <paramref name="root"/> (an existing directory).</summary>
    public LocalSource(string root) => this.root = Path.GetFullPath(root);

    /// <inheritdoc />
    public override string Description => root;

    /// <inheritdoc />
    public override int BatchSize => 1;

    /// <inheritdoc />
    public override IReadOnlyList<SourceNight> Scan(NightRange range, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(range);
        var nights = new List<SourceNight>();
        foreach (var dir in new DirectoryInfo(root).EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            cancellation.ThrowIfCancellationRequested();
            if (NightOf(dir.Name) is not { } night || !range.Contains(night))
                continue;
            var markerPath = Path.Combine(dir.FullName, ReadyMarker.FileName);
            ReadyMarker? marker = null;
            string? problem = null;
            if (File.Exists(markerPath))
            {
                try
                {
                    marker = ReadyMarker.Read(markerPath);
                }
                catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
                {
                    problem = e.Message;
                }
            }

            var files = marker is null
                ? new Dictionary<string, (long, DateTime)>()
                : dir.EnumerateFiles().ToDictionary(f => f.Name, f => (f.Length, ToSecond(f.LastWriteTimeUtc)), StringComparer.Ordinal);
            nights.Add(Night(night, files, marker, problem));
        }

        return nights;
    }

    /// <inheritdoc />
    public override IReadOnlyList<StagedFile> Stage(IReadOnlyList<SourceFile> files, string stagingDirectory, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(files);
        return [.. files.Select(f => StageOne(f, stagingDirectory, cancellation))];
    }

    private StagedFile StageOne(SourceFile file, string stagingDirectory, CancellationToken cancellation)
    {
        var from = Path.Combine(root, file.RelativePath);
        var to = Path.Combine(stagingDirectory, file.RelativePath);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            var before = new FileInfo(from);
            if (!before.Exists)
                return new StagedFile(file, null, $"{from} is no longer there");
            using (var input = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            using (var output = new FileStream(to, FileMode.Create, FileAccess.Write, FileShare.None, 1))
            {
                var buffer = new byte[1 << 20];
                int n;
                while ((n = input.Read(buffer)) > 0)
                {
                    cancellation.ThrowIfCancellationRequested();
                    output.Write(buffer.AsSpan(0, n));
                }
            }

            // A file the provider was still writing is not taken: it is copied on a later run, once it has settled.
            var after = new FileInfo(from);
            if (after.Length != before.Length || ToSecond(after.LastWriteTimeUtc) != ToSecond(before.LastWriteTimeUtc))
                return Fail(to, file, $"{from} changed while it was being copied");
            File.SetLastWriteTimeUtc(to, ToSecond(before.LastWriteTimeUtc));
            return new StagedFile(file with { Size = before.Length, Modified = ToSecond(before.LastWriteTimeUtc) }, to, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(to, file, $"{from}: {e.Message}");
        }
    }

    private static StagedFile Fail(string staged, SourceFile file, string error)
    {
        File.Delete(staged);
        return new StagedFile(file, null, error);
    }
}
