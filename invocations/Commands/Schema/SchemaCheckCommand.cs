using System.CommandLine;
using Curation.Database;
using Curation.Schema;
using Curation.TablePreparation.Computations;

namespace Curation.Invocations.Commands.Schema;

/// <summary><c>curate schema check</c>: validates scripts and, with --db, compares them with a live database.</summary>
internal static class SchemaCheckCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var files = CommonOptions.ScriptFiles();
        var tags = CommonOptions.Tags();
        var schemaDir = CommonOptions.SchemaDir();
        var command = CommandHelp.Create("check", "Validate schema scripts and, with --db, compare them with the live database.",
            "Validate schema scripts: tags known, --/Q attributes exist and, in the tables CU3 and CU4 fill, name a computation\n"
            + "of the registry (docs/table-preparation.md), --/N equal to the SQL default by value, --/V and --/R\n"
            + "well formed, --/K keywords valid, indices on existing columns. With --db (or CURATION_DB), also list every\n"
            + "difference between the scripts and the live database (external tables loaded by load-external excepted,\n"
            + "their columns being the catalogues'). Exit code 1 when anything is wrong.\n\n"
            + "Examples:\n"
            + "  curate schema check\n"
            + "  curate schema check --db postgres://curator@localhost/wsa\n"
            + "  curate schema check my/NewProgrammeSchema.sql");
        CommandHelp.Add(command, files, tags, schemaDir);
        CommandAction.Set(command, context, parseResult =>
        {
            var paths = ScriptSet.Paths(parseResult.GetValue(files), parseResult.GetValue(schemaDir));
            var model = ScriptSet.Parse(paths, parseResult.GetValue(tags)!);
            var findings = SchemaChecker.Check(model).Concat(ComputationCheck.Check(model)).ToList();
            foreach (var f in findings)
                context.Out.WriteLine(f.ToString());
            var errors = findings.Count(f => f.Severity == FindingSeverity.Error);
            context.Log.Info("{Scripts} script(s), {Tables} tables: {Errors} error(s), {Warnings} warning(s)",
                paths.Count, model.Tables.Count, errors, findings.Count - errors);

            var dbText = parseResult.GetValue(CommonOptions.Db) ?? Environment.GetEnvironmentVariable(DatabaseUrl.EnvironmentVariable);
            var differences = 0;
            if (!string.IsNullOrEmpty(dbText))
            {
                var url = DatabaseUrl.Parse(dbText);
                using var connection = ArchiveConnection.Open(url);
                var expected = ArchiveInitializer.RegisteredLayout(connection, null, url.Dialect, model);
                // External tables (curate load-external) take their columns from the catalogues loaded, not from the scripts.
                var external = ExternalTables.Registered(connection, null, url.Dialect).Select(t => url.Dialect.TableKey(t.TableName, null)).ToHashSet();
                var all = LiveSchemaReader.Read(connection, url.Dialect);
                var live = all.Where(t => !external.Contains(url.Dialect.TableKey(t.Name, t.Schema))).ToList();
                if (live.Count < all.Count)
                    context.Log.Info("{Url}: {Tables} external table(s) loaded by load-external not compared with the scripts", url, all.Count - live.Count);
                var diff = SchemaComparer.Compare(expected.Tables, live, url.Dialect);
                foreach (var d in diff)
                    context.Out.WriteLine($"{url}: {d}");
                differences = diff.Count;
                context.Log.Info("{Url}: {Differences} difference(s) from the scripts", url, differences);
            }

            return errors > 0 || differences > 0 ? 1 : 0;
        });
        return command;
    }
}
