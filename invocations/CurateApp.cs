using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using Curation.Database;
using Curation.Database.SqlServer;
using Curation.Invocations.Commands.CreateIndices;
using Curation.Invocations.Commands.Transfer;
using Curation.Invocations.Commands.Demo;
using Curation.Invocations.Commands.Fits;
using Curation.Invocations.Commands.History;
using Curation.Invocations.Commands.Ingest;
using Curation.Invocations.Commands.Init;
using Curation.Invocations.Commands.LoadExternal;
using Curation.Invocations.Commands.MakeJpegs;
using Curation.Invocations.Commands.MakeNeighbours;
using Curation.Invocations.Commands.MergeSources;
using Curation.Invocations.Commands.Release;
using Curation.Invocations.Commands.RegisterProgramme;
using Curation.Invocations.Commands.Nightly;
using Curation.Invocations.Commands.Schema;
using Curation.Invocations.Commands.Status;

namespace Curation.Invocations;

/// <summary>The <c>curate</c> command line: the root command, its global options and every command.</summary>
internal static class CurateApp
{
    /// <summary>Builds the root command writing to the given streams.</summary>
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(
            "curate: curation of an astronomical science archive from FITS files, driven by annotated SQL schema scripts.\n"
            + "Each command is one curation step; run 'curate COMMAND --help' for its options and examples.\n"
            + "Exit code: 0 on success, 1 on failure (with one error line on the error stream).");
        root.Options.Add(CommonOptions.Db);
        root.Options.Add(CommonOptions.LogDir);
        root.Options.Add(CommonOptions.Verbose);
        root.Options.Add(CommonOptions.Quiet);

        root.Subcommands.Add(SchemaCommand.Create(context));
        root.Subcommands.Add(InitCommand.Create(context));
        root.Subcommands.Add(FitsCommand.Create(context));
        root.Subcommands.Add(TransferCommand.Create(context));
        root.Subcommands.Add(IngestMetadataCommand.Create(context));
        root.Subcommands.Add(MakeJpegsCommand.Create(context));
        root.Subcommands.Add(IngestDetectionsCommand.Create(context));
        root.Subcommands.Add(MergeSourcesCommand.Create(context));
        root.Subcommands.Add(MakeNeighboursCommand.Create(context));
        root.Subcommands.Add(LoadExternalCommand.Create(context));
        root.Subcommands.Add(FillProvenanceCommand.Create(context));
        root.Subcommands.Add(CreateIndicesCommand.Create(context));
        root.Subcommands.Add(ReleaseCommand.Create(context));
        root.Subcommands.Add(RegisterProgrammeCommand.Create(context));
        root.Subcommands.Add(NightlyCommand.Create(context));
        root.Subcommands.Add(HistoryCommand.Create(context));
        root.Subcommands.Add(StatusCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        CommandHelp.Install(root);
        return root;
    }

    /// <summary>Parses and runs a command line; returns the exit code (0 success, 1 failure or usage error).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // curate runs with ICU culture data, because SqlClient cannot connect without it; what it prints must still not
        // depend on the machine's locale, so every thread formats and compares as in the invariant culture.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

        // sqlserver:// URLs: SqlClient itself is loaded only when one is used. A host that registered SQL Server with
        // options of its own (the tests: a short connect timeout) keeps them.
        if (EngineProviders.Find(DatabaseEngine.SqlServer) is null)
            SqlServerEngine.Register();

        var context = new CliContext(output, error);
        var root = Build(context);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        var parseResult = root.Parse(args);

        // A usage error is one line on the error stream (and a pointer to help), not the whole help on the output.
        if (parseResult.Action is ParseErrorAction parseError)
        {
            parseError.ShowHelp = false;
            var command = CommandAction.CommandPath(parseResult.CommandResult.Command);
            var code = parseResult.Invoke(configuration);
            error.WriteLine($"Run 'curate {(command.Length > 0 ? command + " " : "")}--help' for usage.");
            return code;
        }

        return parseResult.Invoke(configuration);
    }
}
