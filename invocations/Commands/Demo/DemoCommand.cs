using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Curation.Database;
using Curation.Imaging;
using Curation.Invocations.Commands.Init;
using Curation.Sessions;
using Curation.TablePreparation.Demo;
using Curation.TablePreparation.Ingest;
using Curation.TablePreparation.Merging;
using Curation.TablePreparation.Neighbours;
using Curation.TablePreparation.Transfer;

namespace Curation.Invocations.Commands.Demo;

/// <summary><c>curate demo</c>: writes a sample WFCAM night into a source tree and curates it into a fresh SQLite archive: init, CU1, CU3, CU2, CU4, CU7, CU16.</summary>
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
            + "provenance and confidence map, and imcore catalogues; then create the archive DIR/archive.db, transfer the\n"
            + "night into the file store DIR/archive/ (cu1), ingest its metadata (cu3), make the previews of its frames in\n"
            + "DIR/archive/jpegs/ and thumbs/ (cu2), ingest its detections (cu4), merge each programme's detections into\n"
            + "sources (cu7), make its neighbour tables (cu16), and print a summary: files, detector frames, detections,\n"
            + "sources and neighbour pairs per programme, time taken and rejected files. One frame's PROJECT is\n"
            + "deliberately unregistered, to show how an unknown programme is reported. The archive and the run logs\n"
            + "(DIR/logs) are left to explore.\n\n"
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
            var cu1 = new TransferSession(options, new TransferRequest { Source = TransferSource.Open(sourceDir), ArchiveDirectory = store }, context.Out);
            var code1 = cu1.Run(context.Error);
            var cu3 = new IngestMetadataSession(options, scripts, new IngestRequest(), context.Out);
            var code3 = cu3.Run(context.Error);
            var cu2 = new MakeJpegsSession(options, new MakeJpegsRequest { ArchiveDirectory = store }, context.Out);
            var code2 = cu2.Run(context.Error);
            var cu4 = new IngestDetectionsSession(options, scripts, new IngestRequest(), context.Out);
            var code4 = cu4.Run(context.Error);

            // CU7 for each programme whose detections were ingested.
            var merged = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
            var codes7 = new List<int>();
            foreach (var acronym in cu4.Summary.ByProgramme.Keys.Order(StringComparer.Ordinal))
            {
                var cu7 = new MergeSourcesSession(options with { Programme = acronym }, scripts, new MergeRequest(), context.Out);
                codes7.Add(cu7.Run(context.Error));
                if (cu7.Summary.Merged + cu7.Summary.Unchanged > 0)
                    merged[acronym] = cu7.Summary.Sources;
            }

            // CU16 for each programme with sources and neighbour tables to make (the cross-neighbour tables are skipped,
            // saying why: the demonstration has no external catalogue of its sky).
            var neighbours = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
            var codes16 = new List<int>();
            using (var check = Session.Open(url))
            {
                foreach (var acronym in merged.Keys.Order(StringComparer.Ordinal))
                {
                    if (check.Scalar<long>($"SELECT COUNT(*) FROM RequiredNeighbours r JOIN Programme p ON p.programmeID = r.programmeID WHERE p.acronym = {Database.Dialects.SqlDialect.Parameter("a")}", new { a = acronym }) == 0)
                        continue;
                    var cu16 = new MakeNeighboursSession(options with { Programme = acronym }, scripts, new MakeNeighboursRequest { WorkDirectory = directory }, context.Out);
                    codes16.Add(cu16.Run(context.Error));
                    neighbours[acronym] = cu16.Tables.Where(t => t.IsSelf).Sum(t => t.Pairs);
                }
            }

            using var session = Session.Open(url);
            long Count(string table) => session.Scalar<long>($"SELECT COUNT(*) FROM {table}");
            context.Out.WriteLine();
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Demo archive ready in {started.Elapsed.TotalSeconds:F1} s: {Count("Multiframe")} multiframes, {Count("MultiframeDetector")} detector frames, "
                + $"{Count("HeaderCard")} header cards, {Count("Provenance")} provenance rows"));
            var rows = session.QueryRows("SELECT p.acronym AS programme, COUNT(DISTINCT m.multiframeID) AS frames FROM Multiframe m "
                + "JOIN Programme p ON p.programmeID = m.programmeID GROUP BY p.acronym ORDER BY p.acronym");
            Table.Write(context.Out, ["  programme", "frames", "detections", "sources", "neighbour pairs"], [.. rows.Select(r =>
            {
                var acronym = Convert.ToString(r["programme"], CultureInfo.InvariantCulture)!.TrimEnd();
                return new[]
                {
                    "  " + acronym, Convert.ToString(r["frames"], CultureInfo.InvariantCulture)!,
                    cu4.Summary.ByProgramme.TryGetValue(acronym, out var n) ? n.ToString(CultureInfo.InvariantCulture) : "-",
                    merged.TryGetValue(acronym, out var m) ? m.ToString(CultureInfo.InvariantCulture) : "-",
                    neighbours.TryGetValue(acronym, out var p) ? p.ToString(CultureInfo.InvariantCulture) : "-",
                };
            })]);
            var rejected = CurationStatus.Rejected(session);
            context.Out.WriteLine(rejected.Count == 0 ? "Rejected files: none" : $"Rejected files: {rejected.Count} (see 'curate status --db sqlite:{archive}')");
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Previews: {Count("MultiframeDetector WHERE compFile <> 'NONE'")} JPEGs in {Path.Combine(store, "jpegs")}, thumbnails in {Path.Combine(store, "thumbs")}"));
            context.Out.WriteLine($"Try: curate status --db sqlite:{archive}");
            return new[] { code1, code3, code2, code4 }.Concat(codes7).Concat(codes16).FirstOrDefault(c => c != 0);
        });
        return command;
    }
}
