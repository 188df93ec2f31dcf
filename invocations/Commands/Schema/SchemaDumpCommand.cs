using System.CommandLine;
using Curation.Schema;
using Curation.Schema.Model;

namespace Curation.Invocations.Commands.Schema;

/// <summary><c>curate schema dump</c>: prints the schema model of scripts, as JSON or as a readable summary.</summary>
internal static class SchemaDumpCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print the model as JSON (tables, columns, types, keys, every tag)." };

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var files = CommonOptions.ScriptFiles();
        var tags = CommonOptions.Tags();
        var schemaDir = CommonOptions.SchemaDir();
        var command = CommandHelp.Create("dump", "Print what schema scripts define: tables, views, columns, types, keys and every tag.",
            "Print what schema scripts define: tables, views, columns, types, keys and every tag.\n\n"
            + "Examples:\n"
            + "  curate schema dump --json                          the archive's own scripts\n"
            + "  curate schema dump schema-sql/MultiframeSchema.sql\n"
            + "  curate schema dump --tags sdss PhotoTables.sql --json");
        CommandHelp.Add(command, files, tags, Json, schemaDir);
        CommandAction.Set(command, context, parseResult =>
        {
            var paths = ScriptSet.Paths(parseResult.GetValue(files), parseResult.GetValue(schemaDir));
            var model = ScriptSet.Parse(paths, parseResult.GetValue(tags)!);
            if (parseResult.GetValue(Json))
            {
                context.Out.WriteLine(SchemaJsonWriter.ToJson(model));
                return 0;
            }

            WriteSummary(context.Out, model);
            return 0;
        });
        return command;
    }

    private static void WriteSummary(TextWriter o, SchemaModel model)
    {
        foreach (var family in model.Tables.GroupBy(t => t.Family))
        {
            o.WriteLine($"{family.Key}:");
            foreach (var t in family)
            {
                var notes = new List<string>();
                if (t.Kind == TableKind.View)
                    notes.Add("view");
                if (!t.Documented)
                    notes.Add("undocumented");
                if (t.IsTemplate)
                    notes.Add("template");
                var key = t.PrimaryKey.Count > 0 ? $" key ({string.Join(", ", t.PrimaryKey)})" : "";
                o.WriteLine($"  {t.QualifiedName,-32} {t.Columns.Count,4} columns{key}{(notes.Count > 0 ? " [" + string.Join(", ", notes) + "]" : "")}");
                if (t.Header is { } h)
                    o.WriteLine($"      {h}");
            }
        }

        o.WriteLine($"{model.Tables.Count(t => t.Kind == TableKind.Table)} tables, {model.Tables.Count(t => t.Kind == TableKind.View)} views, "
            + $"{model.Tables.Sum(t => t.Columns.Count)} columns, {model.Indices.Count} indices, {model.Routines.Count} routines "
            + $"in {model.Files.Count} script(s)");
    }
}
