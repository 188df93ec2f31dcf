using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Curation.Database;
using Curation.Invocations.Commands.Init;
using Curation.Invocations.Commands.Nightly;
using Curation.Release;
using Curation.Sessions;
using Curation.TablePreparation.Demo;
using Curation.TablePreparation.Ingest;
using Curation.TablePreparation.Transfer;

namespace Curation.Invocations.Commands.Demo;

/// <summary><c>curate demo</c>: writes a sample WFCAM night into a source tree and curates it into a fresh SQLite archive: init, one nightly run (CU1, CU3, CU2, CU4, CU7, CU16, CU18), then a release (CU19).</summary>
internal static class DemoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var dir = new Option<DirectoryInfo>("--dir")
        {
            Description = "Directory for the demo night and archive (made fresh on each run).",
            HelpName = "DIR",
            DefaultValueFactory = _ => new DirectoryInfo("demo"),
        };
        var schemaDir = CommonOptions.SchemaDir();
        var command = CommandHelp.Create("demo", "Curate a generated sample night into a fresh SQLite archive in ./demo.",
            "Write a small, realistic WFCAM night as a data provider would deliver it, in DIR/source/YYYYMMDD/ (default\n"
            + "./demo) with its OK_TO_COPY: multi-extension images of several surveys with CASU keywords, a stack with its\n"
            + "provenance and confidence map, and imcore catalogues; then create the archive DIR/archive.db and curate\n"
            + "the night with one 'curate nightly' run: transfer it into the file store DIR/archive/ (cu1), ingest its\n"
            + "metadata (cu3), then for each programme make the previews of its frames in DIR/archive/jpegs/ and thumbs/\n"
            + "(cu2), ingest its detections (cu4), merge them into sources (cu7) and make its neighbour tables (cu16), and\n"
            + "create the indices (cu18); then publish the UKIDSS release DR1 (cu19) beside the archive, with its schema\n"
            + "browser and summary; and print a summary: files, detector frames, detections, sources and neighbour pairs\n"
            + "per programme, time taken, rejected files, and where the release is. One frame's PROJECT is deliberately unregistered, to\n"
            + "show how an unknown programme is reported. The archive and the run logs (DIR/logs) are left to explore.\n\n"
            + "Examples:\n"
            + "  curate demo\n"
            + "  curate demo --dir /tmp/demo && sqlite3 /tmp/demo/archive.db 'SELECT COUNT(*) FROM lasDetection'");
        CommandHelp.Add(command, dir, schemaDir);
        CommandAction.Set(command, context, parseResult =>
        {
            var directory = parseResult.GetValue(dir)!.FullName;
            var started = Stopwatch.StartNew();
            Directory.CreateDirectory(directory);
            var archive = Path.Combine(directory, "archive.db");
            ArchiveConnection.ReleasePooledSqliteConnections();
            foreach (var f in new[] { archive, archive + "-journal", archive + "-wal", archive + "-shm" }.Where(File.Exists))
                File.Delete(f);
            var sourceDir = Path.Combine(directory, "source");
            var store = Path.Combine(directory, "archive");
            foreach (var old in new[] { sourceDir, store, Path.Combine(directory, "night") }.Where(Directory.Exists))
                Directory.Delete(old, recursive: true);

            // The provider's side: the night in the source tree, released by an OK_TO_COPY listing each file's SHA-256.
            var manifest = DemoNight.Write(sourceDir);
            File.WriteAllLines(Path.Combine(manifest.Directory, ReadyMarker.FileName),
                manifest.Files.Select(f => $"{ArchivedFiles.Checksum(f.Path)}  {f.Name}"));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Night {manifest.UtDate:yyyy-MM-dd} released in {manifest.Directory}: {manifest.Files.Count} files, {manifest.TotalDetections} detections"));
            var url = DatabaseUrl.Parse("sqlite:" + archive);
            var schema = parseResult.GetValue(schemaDir);
            var report = InitCommand.Run(context, url, schema);
            context.Out.WriteLine($"Archive created: {archive} ({report.Created.Count} tables)");

            var scripts = ScriptSet.Parse(ScriptSet.Paths(null, schema), "wfau");
            var options = new CuSessionOptions
            {
                Database = url, LogDirectory = Path.Combine(directory, "logs"), Curator = Environment.UserName, Comment = "curate demo",
                Verbosity = Verbosity.Quiet,
            };
            // The archive's side: one nightly run (cu1, cu3, then each programme's cu2, cu4, cu7, cu16, and cu18).
            var nightly = new NightlyRun(options, scripts, new NightlyRequest { Source = sourceDir, ArchiveDirectory = store }, context.Out, context.Error);
            var code = nightly.Run();

            // The release manager's side: the UKIDSS release of the curated night (DR1), with its schema browser.
            ReleaseSession? release = null;
            if (code == 0)
            {
                foreach (var old in Directory.GetFileSystemEntries(directory, "archive_UKIDSS_DR*"))
                {
                    if (Directory.Exists(old))
                        Directory.Delete(old, recursive: true);
                    else
                        File.Delete(old);
                }

                release = new ReleaseSession(options, scripts, new ReleaseRequest { Survey = "UKIDSS", Description = "curate demo" }, context.Out);
                code = release.Run(context.Error);
            }

            using var session = Session.Open(url);
            long Count(string table) => session.Scalar<long>($"SELECT COUNT(*) FROM {table}");
            context.Out.WriteLine();
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Demo archive ready in {started.Elapsed.TotalSeconds:F1} s: {Count("Multiframe")} multiframes, {Count("MultiframeDetector")} detector frames, "
                + $"{Count("HeaderCard")} header cards, {Count("Provenance")} provenance rows"));
            var rows = session.QueryRows("SELECT p.acronym AS programme, p.tablePrefix AS prefix, COUNT(DISTINCT m.multiframeID) AS frames FROM Multiframe m "
                + "JOIN Programme p ON p.programmeID = m.programmeID GROUP BY p.acronym, p.tablePrefix ORDER BY p.acronym");
            string Rows(string prefix, string table) =>
                prefix.Equals("NONE", StringComparison.OrdinalIgnoreCase) || Count(prefix + table) == 0 ? "-" : Count(prefix + table).ToString(CultureInfo.InvariantCulture);
            Table.Write(context.Out, ["  programme", "frames", "detections", "sources", "neighbour pairs"], [.. rows.Select(r =>
            {
                var acronym = Convert.ToString(r["programme"], CultureInfo.InvariantCulture)!.TrimEnd();
                var prefix = Convert.ToString(r["prefix"], CultureInfo.InvariantCulture)!.TrimEnd();
                return new[]
                {
                    "  " + acronym, Convert.ToString(r["frames"], CultureInfo.InvariantCulture)!,
                    Rows(prefix, "Detection"), Rows(prefix, "Source"), Rows(prefix, "SourceNeighbours"),
                };
            })]);
            var rejected = CurationStatus.Rejected(session);
            context.Out.WriteLine(rejected.Count == 0 ? "Rejected files: none" : $"Rejected files: {rejected.Count} (see 'curate status --db sqlite:{archive}')");
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Previews: {Count("MultiframeDetector WHERE compFile <> 'NONE'")} JPEGs in {Path.Combine(store, "jpegs")}, thumbnails in {Path.Combine(store, "thumbs")}"));
            if (release?.Target is { } target && release.Status == RunStatus.Succeeded)
            {
                context.Out.WriteLine($"Release: {target.Database.Final} (UKIDSS DR1), schema browser {Path.Combine(target.SchemaDirectory, "index.html")}, summary {target.SummaryFile}");
            }

            context.Out.WriteLine($"Try: curate status --db sqlite:{archive}");
            return code;
        });
        return command;
    }
}
