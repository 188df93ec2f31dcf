using Curation.Database;

namespace Curation.Sessions;

/// <summary>How much a run writes to the terminal (the log file always has everything).</summary>
public enum Verbosity
{
    /// <summary>Warnings and errors only.</summary>
    Quiet,

    /// <summary>Progress lines, warnings and errors.</summary>
    Normal,

    /// <summary>Everything, debug detail included.</summary>
    Verbose,
}

/// <summary>The options every curation task shares (<c>--db</c>, <c>--log-dir</c>, <c>--dry-run</c>, <c>--comment</c>,
/// <c>--curator</c>, <c>--wait</c>), and <c>--programme</c> for the programme tasks.</summary>
public sealed record CuSessionOptions
{
    /// <summary>The environment variable giving the log directory when <see cref="LogDirectory"/> is not set.</summary>
    public const string LogDirectoryVariable = "CURATION_LOG_DIR";

    /// <summary>The archive database.</summary>
    public required DatabaseUrl Database { get; init; }

    /// <summary>Where the run's log file goes: this, else <c>CURATION_LOG_DIR</c>, else <c>logs</c> in the current directory.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>Do the work and report it, but roll every unit back and record no history.</summary>
    public bool DryRun { get; init; }

    /// <summary>The curator's comment recorded with the run.</summary>
    public string? Comment { get; init; }

    /// <summary>The curator responsible (default: the user name).</summary>
    public string Curator { get; init; } = Environment.UserName;

    /// <summary>Wait for a session holding the same lock to finish, instead of refusing to start.</summary>
    public bool Wait { get; init; }

    /// <summary>The programme (ID, acronym or table prefix) a programme task works on.</summary>
    public string? Programme { get; init; }

    /// <summary>How much goes to the terminal.</summary>
    public Verbosity Verbosity { get; init; } = Verbosity.Normal;

    /// <summary>The log directory actually used.</summary>
    public string ResolvedLogDirectory =>
        Path.GetFullPath(LogDirectory ?? (Environment.GetEnvironmentVariable(LogDirectoryVariable) is { Length: > 0 } env ? env : "logs"));
}
