using System.Globalization;
using NLog;
using NLog.Config;
using NLog.Targets;

namespace Curation.Invocations;

/// <summary>NLog set-up for one run: plain lines to the error stream (cron-friendly) and, with --log-dir, a full log file.</summary>
internal static class Logging
{
    /// <summary>Configures logging for a command run and returns its logger and the log file's path (or null).</summary>
    public static (Logger Logger, string? LogFile) Configure(CliContext context, string command, bool verbose, bool quiet, DirectoryInfo? logDir)
    {
        var config = new LoggingConfiguration();
        var terminal = new MethodCallTarget("terminal", (e, _) =>
            context.Error.WriteLine(e.Level >= LogLevel.Warn ? $"{e.Level.Name.ToLowerInvariant()}: {e.FormattedMessage}" : e.FormattedMessage));
        var min = verbose ? LogLevel.Debug : quiet ? LogLevel.Warn : LogLevel.Info;
        config.AddRule(min, LogLevel.Fatal, terminal);
        string? logFile = null;
        if (logDir is not null)
        {
            Directory.CreateDirectory(logDir.FullName);
            var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
            logFile = Path.Combine(logDir.FullName, $"curate-{command.Replace(' ', '-')}-{stamp}-{Environment.ProcessId}.log");
            var file = new FileTarget("file")
            {
                FileName = logFile,
                Layout = "${longdate} ${level:uppercase=true} ${message}${onexception:${newline}${exception:format=tostring}}",
            };
            config.AddRule(LogLevel.Debug, LogLevel.Fatal, file);
        }

        LogManager.Configuration = config;
        return (LogManager.GetLogger("curate"), logFile);
    }
}
