using System.Globalization;
using NLog;
using NLog.Config;
using NLog.Targets;

namespace Curation.Sessions;

/// <summary>
/// The log of one run: plain lines to the terminal (cron-friendly: <c>error: ...</c>, <c>warning: ...</c>, progress
/// as is) and, when a directory is given, every line at debug level with stack traces to a file of its own. Each run
/// has its own NLog factory, so runs never share or reset each other's configuration.
/// </summary>
public sealed class RunLog : IDisposable
{
    private readonly LogFactory factory;

    private RunLog(LogFactory factory, Logger logger, string? file)
    {
        this.factory = factory;
        Logger = logger;
        FilePath = file;
    }

    /// <summary>The logger to write to.</summary>
    public Logger Logger { get; }

    /// <summary>The log file's full path, or null when none is written.</summary>
    public string? FilePath { get; }

    /// <summary>Starts the log of a run named <paramref name="runName"/> (it names the file, with the time and process ID).</summary>
    public static RunLog Start(string runName, TextWriter terminal, Verbosity verbosity, string? directory)
    {
        ArgumentNullException.ThrowIfNull(runName);
        ArgumentNullException.ThrowIfNull(terminal);
        var factory = new LogFactory();
        var config = new LoggingConfiguration(factory);
        var console = new MethodCallTarget("terminal", (e, _) =>
        {
            lock (terminal)
                terminal.WriteLine(e.Level >= LogLevel.Warn ? $"{Prefix(e.Level)}: {e.FormattedMessage}" : e.FormattedMessage);
        });
        var min = verbosity switch { Verbosity.Verbose => LogLevel.Debug, Verbosity.Quiet => LogLevel.Warn, _ => LogLevel.Info };
        config.AddRule(min, LogLevel.Fatal, console);
        string? file = null;
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
            var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
            file = Path.GetFullPath(Path.Combine(directory, $"curate-{runName.Replace(' ', '-')}-{stamp}-{Environment.ProcessId}.log"));
            var target = new FileTarget("file")
            {
                FileName = file,
                Layout = "${longdate} ${level:uppercase=true} ${message}${onexception:${newline}${exception:format=tostring}}",
                KeepFileOpen = true,
                AutoFlush = true,
            };
            config.AddRule(LogLevel.Debug, LogLevel.Fatal, target);
        }

        factory.Configuration = config;
        return new RunLog(factory, factory.GetLogger("curate"), file);
    }

    /// <summary>The word a terminal line of this level starts with: <c>warning</c>, <c>error</c>, <c>fatal</c>.</summary>
    private static string Prefix(LogLevel level) => level == LogLevel.Warn ? "warning" : level.Name.ToLowerInvariant();

    /// <summary>Flushes and closes the log.</summary>
    public void Dispose()
    {
        factory.Flush();
        factory.Dispose();
    }
}
