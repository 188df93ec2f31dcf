using System.CommandLine;
using System.Globalization;
using Curation.TablePreparation.Transfer;

namespace Curation.Invocations.Commands.Transfer;

/// <summary><c>curate transfer</c> (<c>cu1</c>): copies the files the provider has released into the archive and registers them.</summary>
internal static class TransferCommand
{
    private static readonly Option<string?> From = new("--from")
    {
        Description = "Where the files come from: a directory of night directories (YYYYMMDD/), or [user@]host:/path or "
            + "rsync://host/module/path read with rsync (default: CURATION_SOURCE).",
        HelpName = "SOURCE",
    };

    private static readonly Option<string?> Night = new("--night")
    {
        Description = "Transfer only this night (YYYYMMDD).",
        HelpName = "YYYYMMDD",
    };

    private static readonly Option<string?> Since = new("--since")
    {
        Description = "Transfer only nights from this one on (YYYYMMDD).",
        HelpName = "YYYYMMDD",
    };

    private static readonly Option<string?> Until = new("--until")
    {
        Description = "Transfer only nights up to this one (YYYYMMDD).",
        HelpName = "YYYYMMDD",
    };

    private static readonly Option<string[]> Kinds = new("--kind")
    {
        Description = "The kinds of file to transfer, by name: image, conf, catalogue, other (repeat or separate by commas; "
            + "default: image, conf, catalogue).",
        HelpName = "KIND",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<int> Threads = new("--threads")
    {
        Description = "How many files (with rsync: batches of files) are copied at once.",
        HelpName = "N",
        DefaultValueFactory = _ => 4,
    };

    private static readonly Option<int> Retries = new("--retries")
    {
        Description = "How many more times a file that fails is tried before it is reported.",
        HelpName = "N",
        DefaultValueFactory = _ => 2,
    };

    private static readonly Option<bool> Watch = new("--watch")
    {
        Description = "Keep polling the source and transfer files as they are released, until Ctrl-C/SIGTERM (exit 0) or --stop-after.",
    };

    private static readonly Option<double> Interval = new("--interval")
    {
        Description = "Seconds between polls with --watch.",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => 60,
    };

    private static readonly Option<string?> StopAfter = new("--stop-after")
    {
        Description = "With --watch, stop after this long, eg. 14h, 90m or 600s (the round in progress is finished first).",
        HelpName = "DURATION",
    };

    private static readonly Option<bool> ViaRsync = new("--via-rsync")
    {
        Description = "Read a local (eg. NFS-mounted) source with rsync too, instead of copying the files directly.",
    };

    private static readonly Option<string?> Rsh = new("--rsh")
    {
        Description = "The remote shell rsync uses (its -e), eg. 'ssh -p 2222 -i ~/.ssh/archive' (default: ssh).",
        HelpName = "COMMAND",
    };

    private static readonly Option<int> Timeout = new("--timeout")
    {
        Description = "End an rsync transfer that stalls for this many seconds (0: never).",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => 300,
    };

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var archiveDir = CommonOptions.ArchiveDir();
        return CuCommand.Create(context, 1, "transfer", "CU1: copy the files the provider has released into the archive and register them.",
            "CU1: copy every file the data provider has released from the source into the archive's file store, as\n"
            + "ARCHIVE/YYYYMMDD/name, and register it in ArchivedFile (size, SHA-256, night, kind, arrival time) for CU3\n"
            + "and CU4. A night directory of the source (SOURCE/YYYYMMDD/) is released by an OK_TO_COPY file in it: empty, it\n"
            + "releases every file there; otherwise it lists the files released, one per line, alone or as 'checksum  name'\n"
            + "(the output of sha256sum or md5sum), and each copy is checked against that checksum. Files are copied on\n"
            + "--threads streams into ARCHIVE/.incoming/, verified, and renamed into place, so no reader sees a partial\n"
            + "file. A file already copied and unchanged at the source (size and time, and the listed SHA-256) is skipped;\n"
            + "a changed one is copied again and ingested again by CU3/CU4. A file that still fails after --retries is\n"
            + "reported and the others go on; the exit code is then 1, and the next run tries it again. A remote source is\n"
            + "read with rsync over ssh (which must log in without a password).\n\n"
            + "Examples:\n"
            + "  curate transfer --from /mnt/casu/wfcam --archive-dir /data/wsa\n"
            + "  curate cu1 --from casu@apm.ast.cam.ac.uk:/data/wfcam --since 20071001 --kind image,catalogue --threads 8\n"
            + "  curate cu1 --from /mnt/casu/wfcam --watch --interval 120 --stop-after 14h",
            perProgramme: false,
            [From, archiveDir, Night, Since, Until, Kinds, Threads, Retries, Watch, Interval, StopAfter, ViaRsync, Rsh, Timeout],
            (parseResult, options) => new TransferSession(options, Request(parseResult, archiveDir), context.Out));
    }

    private static TransferRequest Request(ParseResult parseResult, Option<DirectoryInfo?> archiveDir)
    {
        var from = parseResult.GetValue(From) ?? Environment.GetEnvironmentVariable("CURATION_SOURCE");
        if (string.IsNullOrWhiteSpace(from))
            throw new CurationUsageException("no source: give --from SOURCE (or set CURATION_SOURCE)");
        var night = NightOption(parseResult, Night);
        var range = night is not null
            ? new NightRange(night, night)
            : new NightRange(NightOption(parseResult, Since), NightOption(parseResult, Until));
        var kinds = (parseResult.GetValue(Kinds) ?? []).SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(k => k.ToLowerInvariant()).Distinct().ToList();
        foreach (var kind in kinds.Where(k => !FileKinds.All.Contains(k)))
            throw new CurationUsageException($"--kind {kind}: not a kind of file; the kinds are {string.Join(", ", FileKinds.All)}");
        var threads = parseResult.GetValue(Threads);
        if (threads < 1)
            throw new CurationUsageException("--threads must be at least 1");
        if (parseResult.GetValue(Retries) < 0)
            throw new CurationUsageException("--retries cannot be negative");
        var interval = parseResult.GetValue(Interval);
        if (interval <= 0 || double.IsNaN(interval))
            throw new CurationUsageException("--interval must be a positive number of seconds");
        var stopAfter = parseResult.GetValue(StopAfter) is { } text ? Duration(text) : (TimeSpan?)null;
        if (stopAfter is not null && !parseResult.GetValue(Watch))
            throw new CurationUsageException("--stop-after needs --watch");
        return new TransferRequest
        {
            Source = TransferSource.Open(from, parseResult.GetValue(ViaRsync), parseResult.GetValue(Rsh), parseResult.GetValue(Timeout)),
            ArchiveDirectory = CommonOptions.ArchiveDirOf(parseResult, archiveDir),
            Nights = range,
            Kinds = kinds.Count > 0 ? kinds : FileKinds.Default,
            Threads = threads,
            Retries = parseResult.GetValue(Retries),
            Watch = parseResult.GetValue(Watch),
            Interval = TimeSpan.FromSeconds(interval),
            StopAfter = stopAfter,
        };
    }

    private static int? NightOption(ParseResult parseResult, Option<string?> option)
    {
        if (parseResult.GetValue(option) is not { } text)
            return null;
        return TransferSource.NightOf(text.Replace("-", "", StringComparison.Ordinal))
            ?? throw new CurationUsageException($"{option.Name} {text}: not a night; give it as YYYYMMDD, eg. 20071011");
    }

    /// <summary>A duration such as <c>14h</c>, <c>90m</c>, <c>600s</c> or <c>600</c> (seconds).</summary>
    internal static TimeSpan Duration(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var (number, unit) = t.Length > 0 && char.IsLetter(t[^1]) ? (t[..^1], t[^1]) : (t, 's');
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n <= 0
            || unit is not ('s' or 'm' or 'h' or 'd'))
            throw new CurationUsageException($"--stop-after {text}: not a duration; give it as eg. 14h, 90m or 600s");
        return unit switch { 'h' => TimeSpan.FromHours(n), 'm' => TimeSpan.FromMinutes(n), 'd' => TimeSpan.FromDays(n), _ => TimeSpan.FromSeconds(n) };
    }
}
