using System.CommandLine;
using Curation.Database;
using Curation.Schema;
using Curation.Sessions;
using NLog;

namespace Curation.Invocations;

/// <summary>The one top-level handler every command runs through: logging set up, expected failures reported as one
/// clear error (stack trace only at debug level and in the log file), exit code 1.</summary>
internal static class CommandAction
{
    /// <summary>Sets <paramref name="command"/>'s action to run <paramref name="body"/> under the handler.</summary>
    public static void Set(Command command, CliContext context, Func<ParseResult, int> body)
    {
        command.SetAction(parseResult => Run(command, context, parseResult, body));
    }

    private static int Run(Command command, CliContext context, ParseResult parseResult, Func<ParseResult, int> body)
    {
        var name = CommandPath(command);
        if (parseResult.GetValue(CommonOptions.Verbose) && parseResult.GetValue(CommonOptions.Quiet))
        {
            context.Error.WriteLine("error: --verbose and --quiet cannot be used together");
            return 1;
        }

        using var runLog = RunLog.Start(name, context.Error, CommonOptions.VerbosityOf(parseResult), parseResult.GetValue(CommonOptions.LogDir)?.FullName);
        var (logger, logFile) = (runLog.Logger, runLog.FilePath);
        context.Log = logger;
        try
        {
            logger.Debug("curate {Command} started (log file {LogFile})", name, logFile ?? "none");
            return body(parseResult);
        }
        catch (Exception e) when (e is SchemaParseException or CurationDatabaseException or CurationUsageException
                                      or CuRefusedException or FormatException or IOException or UnauthorizedAccessException)
        {
            logger.Debug(e, "curate {Command} failed", name);
            logger.Error(e.Message);
            return 1;
        }
        catch (Exception e)
        {
            logger.Debug(e, "curate {Command} failed unexpectedly", name);
            logger.Error("{Type}: {Message} ({Where})", e.GetType().Name, e.Message,
                logFile is null ? "run with --log-dir DIR for the stack trace" : $"stack trace in {logFile}");
            return 1;
        }
        finally
        {
            context.Log = LogManager.CreateNullLogger();
        }
    }

    /// <summary>The command's words after <c>curate</c> (<c>schema ddl</c>); empty for the root.</summary>
    internal static string CommandPath(Command command)
    {
        var parts = new List<string>();
        for (Symbol? s = command; s is Command c and not RootCommand; s = c.Parents.FirstOrDefault())
            parts.Insert(0, c.Name);
        return string.Join(' ', parts);
    }
}

/// <summary>A mistake in how a command was called (a missing file, a wrong combination of options): one clear line, exit 1.</summary>
internal sealed class CurationUsageException(string message) : Exception(message);
