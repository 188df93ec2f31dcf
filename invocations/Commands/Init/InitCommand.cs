using System.CommandLine;
using Curation.Database;
using Curation.Schema;

namespace Curation.Invocations.Commands.Init;

/// <summary><c>curate init</c>: creates the archive from the schema scripts and fills its reference rows.</summary>
internal static class InitCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var schemaDir = CommonOptions.SchemaDir();
        var command = CommandHelp.Create("init", "Create the archive database from the schema scripts and fill its reference rows.",
            "Create the archive database from the schema scripts: every table, each registered programme's tables from the\n"
            + "programme template, and the reference rows (surveys, programmes, filters, curation tasks) of schema-sql/data/.\n"
            + "Safe to run again: only missing tables and reference rows are added. All or nothing: a failure changes nothing.\n\n"
            + "Examples:\n"
            + "  curate init                                        sqlite:archive.db in this directory\n"
            + "  curate init --db sqlite:/data/wsa/archive.db\n"
            + "  curate init --db postgres://curator:secret@dbhost:5432/wsa");
        CommandHelp.Add(command, schemaDir);
        CommandAction.Set(command, context, parseResult =>
        {
            var url = DatabaseUrl.FromOptionOrEnvironment(parseResult.GetValue(CommonOptions.Db));
            Run(context, url, parseResult.GetValue(schemaDir));
            return 0;
        });
        return command;
    }

    /// <summary>Initialises the archive at <paramref name="url"/> and prints what was done.</summary>
    internal static InitReport Run(CliContext context, DatabaseUrl url, DirectoryInfo? schemaDirOption)
    {
        var dir = ScriptSet.SchemaDirectory(schemaDirOption);
        var paths = ScriptSet.Paths(null, schemaDirOption);
        var scripts = ScriptSet.Parse(paths, "wfau");
        var errors = SchemaChecker.Check(scripts).Where(f => f.Severity == FindingSeverity.Error).ToList();
        if (errors.Count > 0)
            throw new CurationUsageException(
                $"the schema scripts in {dir} have {errors.Count} error(s); nothing was created. First: {errors[0]}\n"
                + $"Run 'curate schema check --schema-dir {dir}' for all of them.");
        var reference = ReferenceData.ReadDirectory(Path.Combine(dir, "data"));

        context.Log.Info("Initialising {Url} from {Scripts} scripts in {Directory}", url, paths.Count, dir);
        using var connection = ArchiveConnection.Open(url);
        var report = ArchiveInitializer.Initialize(connection, url.Dialect, scripts, reference);
        foreach (var t in report.Created)
            context.Out.WriteLine($"created   {t}");
        foreach (var (table, rows) in report.RowsInserted)
            context.Out.WriteLine($"filled    {table}: {rows} reference row(s) inserted, {report.RowsPresent[table]} already present");
        context.Out.WriteLine($"{url}: {report.Created.Count} table(s) created, {report.AlreadyPresent.Count} already present, "
            + $"{report.RowsInserted.Values.Sum()} reference row(s) inserted");
        return report;
    }
}
