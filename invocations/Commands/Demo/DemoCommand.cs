using System.CommandLine;
using Curation.Database;
using Curation.Invocations.Commands.Init;

namespace Curation.Invocations.Commands.Demo;

/// <summary><c>curate demo</c>: runs the archive's main job on a fresh embedded SQLite archive.</summary>
/// <remarks>Today that job is creating the archive; it grows into the whole nightly curation of a sample night as the
/// ingest steps arrive.</remarks>
internal static class DemoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var dir = new Option<DirectoryInfo>("--dir")
        {
            Description = "Directory for the demo archive (made fresh on each run).",
            HelpName = "DIR",
            DefaultValueFactory = _ => new DirectoryInfo("demo"),
        };
        var schemaDir = CommonOptions.SchemaDir();
        var command = CommandHelp.Create("demo", "Run the demonstration on a fresh SQLite archive in ./demo.",
            "Run the demonstration on a fresh SQLite archive in DIR (default ./demo): create the archive from the schema\n"
            + "scripts with its reference rows, and print what was created. The archive is left in DIR/archive.db to explore.\n\n"
            + "Examples:\n"
            + "  curate demo\n"
            + "  curate demo --dir /tmp/demo && sqlite3 /tmp/demo/archive.db '.tables'");
        CommandHelp.Add(command, dir, schemaDir);
        CommandAction.Set(command, context, parseResult =>
        {
            var directory = parseResult.GetValue(dir)!;
            Directory.CreateDirectory(directory.FullName);
            var archive = Path.Combine(directory.FullName, "archive.db");
            ArchiveConnection.ReleasePooledSqliteConnections();
            foreach (var f in new[] { archive, archive + "-journal", archive + "-wal", archive + "-shm" }.Where(File.Exists))
                File.Delete(f);
            var started = DateTime.UtcNow;
            var report = InitCommand.Run(context, DatabaseUrl.Parse("sqlite:" + archive), parseResult.GetValue(schemaDir));
            var seconds = (DateTime.UtcNow - started).TotalSeconds;
            context.Out.WriteLine($"Demo archive ready in {seconds:F1} s: {archive} ({report.Created.Count} tables). "
                + $"Try: curate schema check --db sqlite:{archive}");
            return 0;
        });
        return command;
    }
}
