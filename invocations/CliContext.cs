using NLog;

namespace Curation.Invocations;

/// <summary>Where a command writes: results to <see cref="Out"/>, log lines and errors to <see cref="Error"/>.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error)
{
    /// <summary>Results: tables, JSON, DDL.</summary>
    public TextWriter Out { get; } = output;

    /// <summary>Log lines and error messages.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>The logger of the running command (configured by <see cref="Logging"/> when the command starts).</summary>
    public Logger Log { get; set; } = LogManager.CreateNullLogger();
}
