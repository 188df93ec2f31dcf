using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace Curation.Invocations;

/// <summary>Gives each command a one-line description (what <c>curate --help</c> lists) and a longer text with examples
/// that only its own <c>--help</c> shows, after the usage and options.</summary>
internal static class CommandHelp
{
    private static readonly ConditionalWeakTable<Command, string> Details = [];

    /// <summary>The width help is wrapped to.</summary>
    public const int MaxWidth = 120;

    /// <summary>Creates a command with a one-line summary and the details shown by its own help.</summary>
    public static Command Create(string name, string summary, string details)
    {
        var command = new Command(name, summary);
        Details.AddOrUpdate(command, details.TrimEnd());
        return command;
    }

    /// <summary>Adds arguments and options to a command, in help order.</summary>
    public static void Add(Command command, params Symbol[] symbols)
    {
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
                default:
                    throw new ArgumentException($"cannot add {symbol.GetType().Name} {symbol.Name} to a command", nameof(symbols));
            }
        }
    }

    /// <summary>Makes the root's help option print a command's details after the standard help.</summary>
    public static void Install(RootCommand root)
    {
        foreach (var option in root.Options.OfType<HelpOption>())
        {
            if (option.Action is HelpAction standard)
            {
                // A fixed width keeps help the same on every terminal (and in the approved snapshots).
                standard.MaxWidth = MaxWidth;
                option.Action = new HelpWithDetails(standard);
            }
        }
    }

    private sealed class HelpWithDetails(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var result = standard.Invoke(parseResult);
            if (Details.TryGetValue(parseResult.CommandResult.Command, out var text))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine(text);
                output.WriteLine();
            }

            return result;
        }
    }
}
