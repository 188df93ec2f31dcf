using System.CommandLine;

namespace Curation.Invocations.Commands.Schema;

/// <summary><c>curate schema</c>: the commands that read the annotated schema scripts.</summary>
internal static class SchemaCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("schema", "Read annotated schema scripts: dump their model, generate DDL, write the schema browser, check them.");
        command.Subcommands.Add(SchemaDumpCommand.Create(context));
        command.Subcommands.Add(SchemaDdlCommand.Create(context));
        command.Subcommands.Add(SchemaDocsCommand.Create(context));
        command.Subcommands.Add(SchemaCheckCommand.Create(context));
        return command;
    }
}
