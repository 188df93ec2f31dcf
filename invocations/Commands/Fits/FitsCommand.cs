using System.CommandLine;

namespace Curation.Invocations.Commands.Fits;

/// <summary><c>curate fits</c>: commands that inspect FITS files.</summary>
internal static class FitsCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("fits", "Inspect FITS files: HDUs, headers, columns and data statistics.");
        command.Subcommands.Add(FitsDumpCommand.Create(context));
        return command;
    }
}
