using System.CommandLine;

namespace Curation.Invocations;

/// <summary>Options shared by many commands, defined once.</summary>
internal static class CommonOptions
{
    /// <summary>The archive database (global).</summary>
    public static readonly Option<string?> Db = new("--db")
    {
        Description = "Archive database URL: sqlite:PATH (default sqlite:archive.db), postgres://user:password@host:port/database "
            + "or sqlserver://user:password@host:port/database. Also from the environment variable CURATION_DB.",
        HelpName = "URL",
        Recursive = true,
    };

    /// <summary>Directory for per-run log files (global).</summary>
    public static readonly Option<DirectoryInfo?> LogDir = new("--log-dir")
    {
        Description = "Also write each run's full log (debug level, with stack traces) to a file in DIR.",
        HelpName = "DIR",
        Recursive = true,
    };

    /// <summary>More log output (global).</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log debug detail to the terminal.",
        Recursive = true,
    };

    /// <summary>Less log output (global).</summary>
    public static readonly Option<bool> Quiet = new("--quiet", "-q")
    {
        Description = "Log only warnings and errors to the terminal.",
        Recursive = true,
    };

    /// <summary>The terminal verbosity <c>--verbose</c>/<c>--quiet</c> ask for.</summary>
    public static Curation.Sessions.Verbosity VerbosityOf(ParseResult parseResult) =>
        parseResult.GetValue(Verbose) ? Curation.Sessions.Verbosity.Verbose
        : parseResult.GetValue(Quiet) ? Curation.Sessions.Verbosity.Quiet
        : Curation.Sessions.Verbosity.Normal;

    /// <summary>The archive's file store: where CU1 puts the files it transfers (by night) and CU2 its previews.</summary>
    public static Option<DirectoryInfo?> ArchiveDir() => new("--archive-dir")
    {
        Description = "The archive's file store: CU1 copies files into DIR/YYYYMMDD/, CU2 writes DIR/jpegs/ and DIR/thumbs/ "
            + "(default: CURATION_ARCHIVE_DIR, else ./archive).",
        HelpName = "DIR",
    };

    /// <summary>The file store <c>--archive-dir</c> names, else <c>CURATION_ARCHIVE_DIR</c>, else <c>./archive</c>, made absolute.</summary>
    public static string ArchiveDirOf(ParseResult parseResult, Option<DirectoryInfo?> option) =>
        Path.GetFullPath(parseResult.GetValue(option)?.FullName
            ?? (Environment.GetEnvironmentVariable("CURATION_ARCHIVE_DIR") is { Length: > 0 } env ? env : "archive"));

    /// <summary>Where the archive's schema scripts are (commands that build or check the archive).</summary>
    public static Option<DirectoryInfo?> SchemaDir() => new("--schema-dir")
    {
        Description = "Directory of the archive's schema scripts and data/ reference rows "
            + "(default: CURATION_SCHEMA_DIR, else the schema-sql/ installed with curate).",
        HelpName = "DIR",
    };

    /// <summary>The tag convention of the scripts read.</summary>
    public static Option<string> Tags()
    {
        var option = new Option<string>("--tags")
        {
            Description = "Tag convention of the scripts: wfau (--/K is a FITS keyword) or sdss (--/K is a UCD).",
            DefaultValueFactory = _ => "wfau",
        };
        option.AcceptOnlyFromAmong("wfau", "sdss");
        return option;
    }

    /// <summary>Schema script files; the archive's own scripts when none are given.</summary>
    public static Argument<FileInfo[]> ScriptFiles() => new("FILE")
    {
        Description = "Schema scripts to read (default: every *.sql of the archive's schema-sql/).",
        Arity = ArgumentArity.ZeroOrMore,
    };
}
