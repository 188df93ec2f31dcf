using System.CommandLine;
using Curation.Database.Dialects;
using Curation.Schema;
using Curation.Schema.Model;

namespace Curation.Invocations.Commands.Schema;

/// <summary><c>curate schema ddl</c>: prints the DDL of scripts for one database engine.</summary>
internal static class SchemaDdlCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var files = CommonOptions.ScriptFiles();
        var tags = CommonOptions.Tags();
        var schemaDir = CommonOptions.SchemaDir();
        var dialect = new Option<string>("--dialect")
        {
            Description = "The database engine to write DDL for.",
            Required = true,
        };
        dialect.AcceptOnlyFromAmong([.. SqlDialect.Names]);
        var set = new Option<string[]>("--set")
        {
            Description = "Fill a template placeholder, e.g. --set prog=las makes lasDetection of {prog}Detection (repeatable). "
                + "Templates whose placeholders are not all set are left out.",
            HelpName = "NAME=VALUE",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = CommandHelp.Create("ddl", "Print the CREATE statements of schema scripts for SQLite, PostgreSQL or SQL Server.",
            "Print the CREATE statements of schema scripts for SQLite, PostgreSQL or SQL Server, types mapped faithfully,\n"
            + "with defaults, keys, constraints and the indices of Indices.sql.\n\n"
            + "Examples:\n"
            + "  curate schema ddl --dialect postgres --set prog=las\n"
            + "  curate schema ddl schema-sql/MultiframeSchema.sql --dialect sqlserver > multiframe.sql");
        CommandHelp.Add(command, files, dialect, tags, set, schemaDir);
        CommandAction.Set(command, context, parseResult =>
        {
            var paths = ScriptSet.Paths(parseResult.GetValue(files), parseResult.GetValue(schemaDir));
            var model = ScriptSet.Parse(paths, parseResult.GetValue(tags)!);
            var values = ParseSettings(parseResult.GetValue(set) ?? []);
            context.Out.Write(SqlDialect.For(parseResult.GetValue(dialect)!).Script(FillTemplates(model, values), paths));
            return 0;
        });
        return command;
    }

    /// <summary>The model with templates filled by the settings; templates left unfilled are dropped.</summary>
    internal static SchemaModel FillTemplates(SchemaModel model, IReadOnlyDictionary<string, string> values) =>
        TemplateNames.InstantiateAll(model, template => TemplateNames.Placeholders(template).All(values.ContainsKey) ? [values] : []);

    private static Dictionary<string, string> ParseSettings(string[] settings)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in settings)
        {
            var eq = s.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == s.Length - 1)
                throw new CurationUsageException($"--set {s}: expected NAME=VALUE, e.g. --set prog=las");
            values[s[..eq]] = s[(eq + 1)..];
        }

        return values;
    }
}
