using System.CommandLine;
using Curation.Schema.Docs;

namespace Curation.Invocations.Commands.Schema;

/// <summary><c>curate schema docs</c>: writes the static HTML schema browser.</summary>
internal static class SchemaDocsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var files = CommonOptions.ScriptFiles();
        var tags = CommonOptions.Tags();
        var schemaDir = CommonOptions.SchemaDir();
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write the browser into.", HelpName = "DIR", Required = true };
        var title = new Option<string>("--title") { Description = "Title of the browser's pages.", HelpName = "TITLE", DefaultValueFactory = _ => "Archive schema" };
        var command = CommandHelp.Create("docs", "Write the static HTML schema browser of schema scripts.",
            "Write a static HTML schema browser: an index and one page per table family, each documented table with its\n"
            + "header, text and columns (name, type, units, UCD, description, data source). Open index.html in a browser.\n\n"
            + "Examples:\n"
            + "  curate schema docs --out schema-browser\n"
            + "  curate schema docs GES_SpectrumSchema.sql --out /tmp/ges --title 'GES schema'");
        CommandHelp.Add(command, files, output, title, tags, schemaDir);
        CommandAction.Set(command, context, parseResult =>
        {
            var paths = ScriptSet.Paths(parseResult.GetValue(files), parseResult.GetValue(schemaDir));
            var model = ScriptSet.Parse(paths, parseResult.GetValue(tags)!);
            var outDir = parseResult.GetValue(output)!.FullName;
            var written = SchemaDocsWriter.Write(model, outDir, parseResult.GetValue(title)!);
            context.Log.Info("Wrote {Pages} pages to {Directory}: open {Index}", written.Count, outDir, Path.Combine(outDir, "index.html"));
            return 0;
        });
        return command;
    }
}
