using System.Globalization;
using Curation.Database;
using Curation.Schema;
using Curation.Schema.Model;
using Curation.Sessions;
using Curation.TablePreparation.Demo;
using Curation.TablePreparation.Ingest;
using Curation.TablePreparation.Tests.Ingest;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Registration;

/// <summary>
/// CU21 (register-programme, issue 8) on SQLite and PostgreSQL: the demonstration night's unregistered open-time frame
/// (PROJECT U/07B/H99, OBJECT M42-FIELD-2, K) registered from docs/examples/u07bh99.json, then ingested by CU3 and CU4,
/// whether the night arrives after the registration or before it; the rows, tables and script the registration makes;
/// refusals, a dry run, and a failure midway leaving nothing.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class RegisterProgrammeTests(string engine)
{
    private const int ExpectedId = 1003; // Programme.csv registers 1001 and 1002: the next of the open-time range
    private const string Prefix = "u07bh99";

    private static string Example => Path.Combine(Fixtures.RepoRoot, "docs", "examples", "u07bh99.json");

    private static readonly string[] OwnTables = [$"{Prefix}Detection", $"{Prefix}MergeLog", $"{Prefix}Source", $"{Prefix}SourceNeighbours", $"{Prefix}SourceXGaiaDR3Source"];

    [Test]
    public void Issue8_a_programme_registered_with_cu21_gets_its_frames_and_detections_from_the_next_cu3_and_cu4()
    {
        using var dir = Fixtures.NewTempDir();
        var night = DemoNight.Write(dir.Path);
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu21(Example, out var cu21), Is.Zero, archive.Terminal);
        Assert.That(cu21.Plan!.ProgrammeId, Is.EqualTo(ExpectedId));

        Assert.That(archive.Cu3(night.Files.Select(f => f.Path).ToArray()), Is.Zero, archive.Terminal);
        Assert.That(archive.Cu4(), Is.Zero, archive.Terminal);

        var h99 = night.Files.Where(f => f.Project == "U/07B/H99").ToList();
        var image = h99.Single(f => f.Kind == DemoFileKind.Image);
        var catalogue = h99.Single(f => f.Kind == DemoFileKind.Catalogue);
        Assert.That(image.Object, Is.EqualTo("M42-FIELD-2"));
        var frame = archive.Rows("SELECT multiframeID, programmeID FROM Multiframe WHERE project = 'U/07B/H99'").Single();
        Assert.That(Convert.ToInt32(frame["programmeID"], CultureInfo.InvariantCulture), Is.EqualTo(ExpectedId));
        Assert.That(archive.Count("ProgrammeFrame", $"programmeID = {ExpectedId} AND multiframeID = {frame["multiframeID"]}"), Is.EqualTo(1));
        Assert.That(archive.Count($"{Prefix}Detection"), Is.EqualTo(catalogue.Detections).And.EqualTo(456));
        Assert.That(archive.Count($"{Prefix}Detection", $"multiframeID <> {frame["multiframeID"]} OR filterID <> 5"), Is.Zero, "all of them the K frame's");
        Assert.That(archive.Output, Does.Match(@"(?m)^  U07BH99 +456 detection\(s\)$"));
    }

    [Test]
    public void Registration_inserts_the_rows_the_file_asks_for_creates_the_tables_and_records_the_run()
    {
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu21(Example, out var cu21), Is.Zero, archive.Terminal);

        var p = archive.Rows($"SELECT * FROM Programme WHERE programmeID = {ExpectedId}").Single();
        string S(string c) => Convert.ToString(p[c], CultureInfo.InvariantCulture)!.TrimEnd();
        Assert.Multiple(() =>
        {
            Assert.That(S("acronym"), Is.EqualTo("U07BH99"));
            Assert.That(S("dfsIDString"), Is.EqualTo("u/07b/h99"));
            Assert.That(S("tablePrefix"), Is.EqualTo(Prefix));
            Assert.That(S("surveyID"), Is.EqualTo("2"), "NONSURVEY");
            Assert.That(S("isNonSurvey"), Is.EqualTo("1"));
            Assert.That(S("propPeriod"), Is.EqualTo("12"));
            Assert.That(Convert.ToDouble(p["pairingCriterion"], CultureInfo.InvariantCulture), Is.EqualTo(0.8).Within(1e-6));
            Assert.That(S("title"), Does.StartWith("UKIRT open-time programme u/07b/h99"));
            Assert.That(S("description"), Does.StartWith("A University of Hawaii time programme").And.EndWith("(PI: A. N. Observer (University of Hawaii))"));
        });
        Assert.That(archive.Rows($"SELECT filterID, nPass FROM RequiredFilters WHERE programmeID = {ExpectedId}")
            .Select(r => $"{r["filterID"]}/{r["nPass"]}"), Is.EqualTo(new[] { "5/1" }));
        Assert.That(archive.Rows($"SELECT neighbourTable, surveyID, extTableID, extProgID, joinCriterion FROM RequiredNeighbours WHERE programmeID = {ExpectedId} ORDER BY neighbourTable")
            .Select(r => string.Join("/", r.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)!.TrimEnd()))),
            Is.EqualTo(new[] { $"{Prefix}SourceNeighbours/-99/-99/{ExpectedId}/10", $"{Prefix}SourceXGaiaDR3Source/1/1/-99/5" }));
        Assert.That(cu21.TablesCreated, Is.EquivalentTo(OwnTables));
        foreach (var table in OwnTables)
            Assert.That(archive.Count(table), Is.Zero, table);

        var run = archive.Rows("SELECT h.cuEventID, h.status, h.resultsFile, p.programmeID FROM ArchiveCurationHistory h JOIN ProgrammeCurationHistory p ON p.cuEventID = h.cuEventID WHERE h.cuID = 21").Single();
        Assert.That(Convert.ToInt32(run["status"], CultureInfo.InvariantCulture), Is.EqualTo(1));
        Assert.That(Convert.ToInt32(run["programmeID"], CultureInfo.InvariantCulture), Is.EqualTo(ExpectedId));
        Assert.That(Convert.ToString(run["resultsFile"], CultureInfo.InvariantCulture)!.TrimEnd(), Is.EqualTo(cu21.ScriptFile));
        Assert.That(cu21.ScriptFile, Is.EqualTo(Path.Combine(archive.ScriptsDirectory, Prefix + ".sql")));
        Assert.That(File.Exists(cu21.ScriptFile), Is.True);
        Assert.That(Directory.GetFiles(archive.ScriptsDirectory), Has.Length.EqualTo(1), "no staged file left beside it");
        Assert.That(archive.Output, Does.StartWith($"register-programme: U07BH99 ({ExpectedId}) registered for PROJECT u/07b/h99, survey NONSURVEY (2), table prefix {Prefix}\n"));
        Assert.That(archive.Output, Does.Contain("  frames ingested before: none with this PROJECT\n"));

        using var s = archive.Open();
        Assert.That(Programme.Find(s, Prefix).Id, Is.EqualTo(ExpectedId), "--programme u07bh99 finds it");
    }

    [Test]
    public void Frames_ingested_before_the_registration_are_queued_again_and_the_next_cu3_and_cu4_bring_them_in()
    {
        using var dir = Fixtures.NewTempDir();
        var night = DemoNight.Write(dir.Path);
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu3(night.Files.Select(f => f.Path).ToArray()), Is.Zero, archive.Terminal);
        Assert.That(archive.Cu4(), Is.Zero, archive.Terminal);
        var before = archive.Rows("SELECT multiframeID, programmeID, cuEventID FROM Multiframe WHERE project = 'U/07B/H99'").Single();
        Assert.That(Convert.ToInt32(before["programmeID"], CultureInfo.InvariantCulture), Is.EqualTo(-99));
        var catalogue = night.Files.Single(f => f.Project == "U/07B/H99" && f.Kind == DemoFileKind.Catalogue);
        Assert.That(DetectionState(archive, catalogue.Path), Is.EqualTo(IngestState.NotApplicable), "cu4 found no table for the unknown programme");
        var others = Frames(archive, "project <> 'U/07B/H99'");

        Assert.That(archive.Cu21(Example, out var cu21), Is.Zero, archive.Terminal);
        var image = night.Files.Single(f => f.Project == "U/07B/H99" && f.Kind == DemoFileKind.Image);
        Assert.That(cu21.Requeued, Is.EqualTo(new[] { image.Path, catalogue.Path }));
        Assert.That(archive.Output, Does.Contain($"  frames ingested before, queued again for cu3 and cu4: 2 file(s): {image.Name}, {catalogue.Name}\n"));

        // The next runs of CU3 and CU4, on whatever is waiting.
        Assert.That(archive.Cu3(), Is.Zero, archive.Terminal);
        Assert.That(archive.Output, Does.StartWith("cu3: 1 file(s) ingested (4 detector frame(s))"));
        Assert.That(archive.Cu4(), Is.Zero, archive.Terminal);
        var after = archive.Rows("SELECT multiframeID, programmeID, cuEventID FROM Multiframe WHERE project = 'U/07B/H99'").Single();
        Assert.That(Convert.ToInt32(after["programmeID"], CultureInfo.InvariantCulture), Is.EqualTo(ExpectedId));
        Assert.That(after["multiframeID"], Is.EqualTo(before["multiframeID"]), "the frame keeps its multiframeID");
        Assert.That(archive.Count($"{Prefix}Detection"), Is.EqualTo(catalogue.Detections));
        Assert.That(DetectionState(archive, catalogue.Path), Is.EqualTo(IngestState.Ingested));
        Assert.That(Frames(archive, "project <> 'U/07B/H99'"), Is.EqualTo(others), "no other frame was ingested again");
    }

    [Test]
    public void A_catalogue_cu4_passed_over_after_the_registration_comes_back_with_cu3_reingest_of_its_frame()
    {
        // The documented way for an operator who ran cu4 before cu3 after registering (or who brings frames in by hand):
        // cu3 --reingest --file on the frame, then cu4.
        using var dir = Fixtures.NewTempDir();
        var night = DemoNight.Write(dir.Path);
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu3(night.Files.Select(f => f.Path).ToArray()), Is.Zero, archive.Terminal);
        Assert.That(archive.Cu4(), Is.Zero, archive.Terminal);
        Assert.That(archive.Cu21(Example, out _), Is.Zero, archive.Terminal);
        var image = night.Files.Single(f => f.Project == "U/07B/H99" && f.Kind == DemoFileKind.Image);
        var catalogue = night.Files.Single(f => f.Project == "U/07B/H99" && f.Kind == DemoFileKind.Catalogue);

        Assert.That(archive.Cu4(), Is.Zero, archive.Terminal); // the frame is still the unknown programme's: passed over again
        Assert.That(DetectionState(archive, catalogue.Path), Is.EqualTo(IngestState.NotApplicable));
        Assert.That(archive.Cu3(new IngestRequest { Files = [image.Path], Reingest = true }), Is.Zero, archive.Terminal);
        Assert.That(DetectionState(archive, catalogue.Path), Is.EqualTo(IngestState.Pending), "a frame ingested again sends its catalogue back to cu4");
        Assert.That(archive.Cu4(), Is.Zero, archive.Terminal);
        Assert.That(archive.Count($"{Prefix}Detection"), Is.EqualTo(catalogue.Detections));
    }

    [Test]
    public void The_written_script_reads_back_as_the_tables_init_makes_and_the_archive_matches_the_scripts()
    {
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu21(Example, out var cu21), Is.Zero, archive.Terminal);
        var script = SchemaScriptParser.ParseFiles([cu21.ScriptFile!]);
        var layout = ArchiveLayout.ForProgramme(archive.Scripts, Prefix, cu21.Plan!.Neighbours.Select(n => n.Table));
        Assert.That(script.Tables.Select(t => t.Name), Is.EqualTo(layout.Tables.Select(t => t.Name)));
        Assert.That(script.Tables.Select(t => t.Name), Is.EquivalentTo(OwnTables));
        Assert.Multiple(() =>
        {
            foreach (var (written, expected) in script.Tables.Zip(layout.Tables))
                Assert.That(Describe(written), Is.EqualTo(Describe(expected)), expected.Name);
        });
        Assert.That(script.Indices.Select(Describe), Is.EqualTo(layout.Indices.Select(Describe)));
        Assert.That(layout.Indices, Has.Count.EqualTo(16));
        var statements = File.ReadAllText(cu21.ScriptFile!).Split("--=============================================================================\n")[^1];
        Assert.That(statements, Does.StartWith("\n-- Self-neighbours: pairs of sources of one programme.\nCREATE TABLE u07bh99SourceNeighbours("));
        Assert.That(statements, Does.Not.Contain("{prog}").And.Not.Contain("{ext}"), "every placeholder filled (the header names them)");

        using var s = archive.Open();
        var registered = ArchiveInitializer.RegisteredLayout(s.Connection, null, s.Dialect, archive.Scripts);
        Assert.That(SchemaComparer.Compare(registered.Tables, LiveSchemaReader.Read(s.Connection, s.Dialect), s.Dialect), Is.Empty, "schema check --db finds no difference");
        var indices = LiveSchemaReader.ReadIndexNames(s.Connection, s.Dialect);
        Assert.That(layout.Indices.Where(i => !indices.Contains(s.Dialect.CatalogName(i.Name).ToLowerInvariant())).Select(i => i.Name), Is.Empty, "every index is there");
        var again = ArchiveInitializer.Initialize(s.Connection, s.Dialect, archive.Scripts, ReferenceData.ReadDirectory(Path.Combine(TestPaths.SchemaSql, "data")));
        Assert.That(again.Created, Is.Empty, "curate init on the archive finds the programme's tables made");
    }

    [Test]
    public void A_dry_run_shows_the_registration_and_writes_nothing()
    {
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu21(Example, out var cu21, dryRun: true), Is.Zero, archive.Terminal);
        Assert.That(archive.Output, Does.StartWith($"register-programme: dry run: U07BH99 ({ExpectedId}) would be registered for PROJECT u/07b/h99"));
        Assert.That(archive.Output, Does.Contain($"  tables that would be created: {Prefix}SourceNeighbours, {Prefix}SourceXGaiaDR3Source, {Prefix}Detection, {Prefix}MergeLog, {Prefix}Source; 16 index(es)\n"));
        Assert.That(archive.Output, Does.Contain("  dry run: rolled back; nothing registered, no script written"));
        Assert.That(cu21.ScriptFile, Is.Null);
        AssertNothingRegistered(archive);
    }

    [Test]
    public void Running_the_same_file_again_is_refused_as_a_duplicate_and_records_nothing()
    {
        using var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu21(Example, out _), Is.Zero, archive.Terminal);
        Assert.That(archive.Cu21(Example, out var again), Is.EqualTo(CuSession.ExitFailed));
        Assert.That(again.Error, Is.EqualTo($"cu21 (register-programme) did not start: {Example}:2:14: project: programme U07BH99 ({ExpectedId}, PROJECT u/07b/h99, "
            + "tables u07bh99...) is registered already: this registration has been made before (to change a programme, edit its rows; "
            + "see docs/register-programme.md); nothing was registered"));
        Assert.That(archive.Count("ArchiveCurationHistory", "cuID = 21"), Is.EqualTo(1), "the refusal is not recorded");
        Assert.That(archive.Count("Programme"), Is.EqualTo(10));
    }

    private static readonly object[] Invalid =
    [
        new object[] { "bad JSON", "{\n  \"project\": \"u/07b/h99\",\n  \"title\": \"t\"\n  \"pi\": \"p\"\n}\n",
            "{file}:4:3: not valid JSON: '\"' is invalid after a value. Expected either ',', '}', or ']'; nothing was registered" },
        new object[] { "not an object", "[\"u/07b/h99\"]", "{file}:1:1: the file must hold one JSON object with the registration's fields, not a list" },
        new object[] { "unknown filter", Json(filters: "[\"K\", \"Q\"]"), "{file}:5:20: filters[1]: unknown filter 'Q' (the filters are Z, Y, J, H, K, H2, Br: Filter.shortName)" },
        new object[] { "not a passband", Json(filters: "[\"Blank\"]"), "{file}:5:15: filters[0]: 'Blank' is not a passband (Filter 8, filterType NONE)" },
        new object[] { "filter twice", Json(filters: "[\"K\", {\"filter\": \"k\", \"passes\": 2}]"), "{file}:5:20: filters[1]: the filter K is listed twice" },
        new object[] { "invalid prefix", Json(extra: "\"tablePrefix\": \"u07-bh99\""), "{file}:7:18: tablePrefix: 'u07-bh99' is not a table prefix" },
        new object[] { "prefix of another", Json(extra: "\"tablePrefix\": \"LAS\""), "{file}:7:18: tablePrefix: the table prefix LAS belongs to programme LAS (101, PROJECT u/ukidss/las, tables las...) already" },
        new object[] { "acronym of another", Json(extra: "\"acronym\": \"u07bh11\""), "{file}:7:14: acronym: the acronym u07bh11 belongs to programme U07BH11 (1002" },
        new object[] { "programme ID taken", Json(extra: "\"programmeID\": 1002"), "{file}:7:18: programmeID: programme 1002 is already registered: programme U07BH11 (1002" },
        new object[] { "survey range", Json(extra: "\"programmeID\": 106"), "{file}:7:18: programmeID: 106 is out of range: the programme IDs of non-survey programmes start at 1000" },
        new object[] { "project of a sub-project", Json(project: "U/07B/H11B"), "{file}:2:14: project: frames with PROJECT 'U/07B/H11B' already belong to programme U07BH11 (1002" },
        new object[] { "project of a survey", Json(project: "u/ukidss/las7"), "{file}:2:14: project: frames with PROJECT 'u/ukidss/las7' already belong to programme LAS (101" },
        new object[] { "unknown neighbour survey", Json(neighbours: "[{\"survey\": \"Gaia DR9\", \"table\": \"gaia_source\", \"radius\": 5}]"),
            "{file}:6:18: neighbours[0]: unknown external survey 'Gaia DR9' (known: Gaia DR3 (1), SDSS DR7 (2), 2MASS (3): ExternalSurvey; curate load-external registers one)" },
        new object[] { "unknown neighbour table", Json(neighbours: "[{\"survey\": 3, \"table\": \"twomass_xsc\", \"radius\": 5}]"),
            "{file}:6:18: neighbours[0]: external survey 2MASS (3) has no table 'twomass_xsc' (its tables: twomass_psc alias twomass_psc (1))" },
        new object[] { "radius zero", Json(neighbours: "[{\"self\": true, \"radius\": 0}]"), "{file}:6:43: neighbours[0].radius: 0 is out of range: the radius is in arcsec, above 0 and below 324000" },
        new object[] { "months as text", Json(extra: "\"proprietaryMonths\": \"12\""), "{file}:7:24: proprietaryMonths: must be a whole number, not the text \"12\"" },
        new object[] { "missing title", "{\n  \"project\": \"u/07b/h99\",\n  \"pi\": \"p\",\n  \"filters\": [\"K\"]\n}\n", "{file}:1:1: 'title' is required" },
        new object[] { "unknown field", Json(extra: "\"colour\": \"blue\""), "{file}:7:3: colour: unknown field 'colour'; the fields are project, acronym, title, pi," },
        new object[] { "unknown survey", Json(extra: "\"survey\": \"UHS\""), "{file}:7:13: survey: there is no survey 'UHS' in Survey (known: UKIDSS (1), NONSURVEY (2), CALIBRATION (3))" },
    ];

    [TestCaseSource(nameof(Invalid))]
    public void An_invalid_registration_is_refused_naming_the_file_line_and_field(string what, string json, string expected)
    {
        using var archive = IngestArchive.Create(engine);
        var file = Path.Combine(archive.Directory, "reg.json");
        File.WriteAllText(file, json);
        Assert.That(archive.Cu21(file, out var cu21), Is.EqualTo(CuSession.ExitFailed), what);
        Assert.That(cu21.Error, Does.StartWith("cu21 (register-programme) did not start: ").And.Contain(expected.Replace("{file}", file, StringComparison.Ordinal)), what);
        AssertNothingRegistered(archive);
    }

    [Test]
    public void Several_problems_are_listed_each_on_a_line_of_its_own()
    {
        using var archive = IngestArchive.Create(engine);
        var file = Path.Combine(archive.Directory, "reg.json");
        File.WriteAllText(file, Json(filters: "[\"Q\", \"K\", \"K\"]", extra: "\"pairingCriterion\": -1"));
        Assert.That(archive.Cu21(file, out var cu21), Is.EqualTo(CuSession.ExitFailed));
        Assert.That(cu21.Error, Is.EqualTo($"cu21 (register-programme) did not start: {file}:7:23: pairingCriterion: -1 is out of range: "
            + "the pairing criterion is a separation in arcsec, above 0 and at most 3600; nothing was registered"),
            "the file's form is checked first, its filters against the archive once the form is right");
        File.WriteAllText(file, Json(filters: "[\"Q\", \"K\", \"K\"]"));
        Assert.That(archive.Cu21(file, out cu21), Is.EqualTo(CuSession.ExitFailed));
        Assert.That(cu21.Error!.Split('\n'), Is.EqualTo(new[]
        {
            $"cu21 (register-programme) did not start: {file}: 2 problems; nothing was registered:",
            $"  {file}:5:15: filters[0]: unknown filter 'Q' (the filters are Z, Y, J, H, K, H2, Br: Filter.shortName)",
            $"  {file}:5:25: filters[2]: the filter K is listed twice",
        }));
    }

    [Test]
    public void A_failure_while_creating_the_tables_leaves_nothing_registered_and_no_script()
    {
        using var archive = IngestArchive.Create(engine);
        var bad = Path.Combine(archive.Directory, "Broken.sql");
        File.WriteAllText(bad, "-- An index on a column the template does not have.\nCREATE INDEX ix_{prog}Detection_nope ON {prog}Detection (nope)\nGO\n");
        var scripts = new SchemaModel();
        scripts.AddRange(archive.Scripts);
        scripts.AddRange(SchemaScriptParser.ParseFiles([bad]));

        Assert.That(archive.Cu21(Example, out var cu21, scripts: scripts), Is.EqualTo(CuSession.ExitFailed));
        Assert.That(cu21.Error, Does.StartWith($"cu21 (register-programme) failed while registering programme U07BH99 ({ExpectedId}) from {Example}: "));
        Assert.That(cu21.Error, Does.Contain("event 1 recorded as failed, its unfinished work rolled back"));
        Assert.That(archive.Count("Programme"), Is.EqualTo(9));
        Assert.That(archive.Count("RequiredFilters", $"programmeID = {ExpectedId}") + archive.Count("RequiredNeighbours", $"programmeID = {ExpectedId}"), Is.Zero);
        Assert.That(LiveTables(archive).Where(t => t.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)), Is.Empty, "the tables created before the failure were rolled back");
        Assert.That(Directory.Exists(archive.ScriptsDirectory) ? Directory.GetFiles(archive.ScriptsDirectory) : [], Is.Empty, "neither the script nor its staged copy");
        var run = archive.Rows("SELECT status, rolledBack FROM ArchiveCurationHistory WHERE cuID = 21").Single();
        Assert.That(Convert.ToInt32(run["status"], CultureInfo.InvariantCulture), Is.EqualTo(2));
        Assert.That(Convert.ToInt32(run["rolledBack"], CultureInfo.InvariantCulture), Is.EqualTo(1));

        Assert.That(archive.Cu21(Example, out _), Is.Zero, "the same file registers once the scripts are right");
    }

    [Test]
    public void A_registration_naming_a_new_survey_registers_it_and_the_file_can_give_the_id_prefix_and_passes()
    {
        using var archive = IngestArchive.Create(engine);
        var file = Path.Combine(archive.Directory, "reg.json");
        File.WriteAllText(file, """
            {
              // A service programme in a survey of its own, with the IDs chosen.
              "project": "u/serv/1234",
              "title": "A service programme",
              "pi": "B. Astronomer",
              "survey": "SERVICE",
              "surveyDescription": "UKIRT service programmes observed with WFCAM",
              "programmeID": 10001,
              "acronym": "SERV1234",
              "tablePrefix": "serv1234",
              "reference": "https://example.org/serv1234",
              "filters": ["J", {"filter": "K", "passes": 3}],
              "proprietaryMonths": 0,
              "pairingCriterion": 1.5,
            }
            """);
        Assert.That(archive.Cu21(file, out var cu21), Is.Zero, archive.Terminal);
        Assert.That(archive.Rows("SELECT surveyID, surveyName FROM Survey WHERE surveyID = 4").Select(r => Convert.ToString(r["surveyName"], CultureInfo.InvariantCulture)!.TrimEnd()),
            Is.EqualTo(new[] { "SERVICE" }));
        var p = archive.Rows("SELECT surveyID, acronym, tablePrefix, description, reference, propPeriod FROM Programme WHERE programmeID = 10001").Single();
        Assert.That(string.Join("|", p.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)!.TrimEnd())),
            Is.EqualTo("4|SERV1234|serv1234|PI: B. Astronomer|https://example.org/serv1234|0"));
        Assert.That(archive.Rows("SELECT filterID, nPass FROM RequiredFilters WHERE programmeID = 10001 ORDER BY filterID").Select(r => $"{r["filterID"]}/{r["nPass"]}"),
            Is.EqualTo(new[] { "3/1", "5/3" }));
        Assert.That(archive.Count("RequiredNeighbours", "programmeID = 10001"), Is.Zero);
        Assert.That(cu21.TablesCreated, Is.EquivalentTo(new[] { "serv1234Detection", "serv1234MergeLog", "serv1234Source", "serv1234SourceNeighbours" }),
            "the self-neighbour table is made for every programme with tables, as init makes it; it is filled only when RequiredNeighbours asks");
        Assert.That(archive.Output, Does.Contain("survey SERVICE (4) (new)").And.Contain("required filters: J, K (3 passes)").And.Contain("neighbour tables: none"));
    }

    /// <summary>A small valid registration with one field replaced or one added (on line 7).</summary>
    private static string Json(string project = "u/07b/h99", string filters = "[\"K\"]", string neighbours = "[{\"self\": true, \"radius\": 10}]", string? extra = null) =>
        "{\n"
        + $"  \"project\": \"{project}\",\n"
        + "  \"title\": \"An open-time programme\",\n"
        + "  \"pi\": \"A. N. Observer\",\n"
        + $"  \"filters\": {filters},\n"
        + $"  \"neighbours\": {neighbours}{(extra is null ? "" : ",")}\n"
        + (extra is null ? "" : $"  {extra}\n")
        + "}\n";

    private static void AssertNothingRegistered(IngestArchive archive)
    {
        Assert.That(archive.Count("Programme"), Is.EqualTo(9));
        Assert.That(archive.Count("Survey"), Is.EqualTo(3));
        Assert.That(archive.Count("RequiredFilters"), Is.EqualTo(17));
        Assert.That(archive.Count("RequiredNeighbours"), Is.EqualTo(7));
        Assert.That(archive.Count("ArchiveCurationHistory"), Is.Zero);
        Assert.That(LiveTables(archive).Where(t => t.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)), Is.Empty);
        Assert.That(Directory.Exists(archive.ScriptsDirectory), Is.False);
    }

    private static List<string> LiveTables(IngestArchive archive)
    {
        using var s = archive.Open();
        return [.. LiveSchemaReader.Read(s.Connection, s.Dialect).Select(t => t.Name)];
    }

    private static List<string> Frames(IngestArchive archive, string where) =>
        [.. archive.Rows($"SELECT multiframeID, programmeID, cuEventID FROM Multiframe WHERE {where} ORDER BY multiframeID")
            .Select(r => string.Join("/", r.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))];

    private static int DetectionState(IngestArchive archive, string path) =>
        Convert.ToInt32(archive.Rows("SELECT detectionState FROM ArchivedFile WHERE fileName = @f", new { f = path }).Single()["detectionState"], CultureInfo.InvariantCulture);

    private static string Describe(TableDef t) =>
        $"{t.Name} pk({string.Join(",", t.PrimaryKey)}) {t.PrimaryKeyName}\n"
        + string.Join("\n", t.Columns.Select(c => $"{c.Name} {c.Type} {(c.Nullable ? "null" : "not null")} default={c.Default} "
            + string.Join(" ", c.Tags.Select(kv => $"--/{kv.Key} {kv.Value}"))))
        + "\nfk " + string.Join("; ", t.ForeignKeys.Select(f => $"{f.Name}({string.Join(",", f.Columns)})->{f.ReferencedTable}({string.Join(",", f.ReferencedColumns)})"))
        + "\ntags " + string.Join(" ", t.Tags.Select(kv => $"--/{kv.Key} {kv.Value}"));

    private static string Describe(IndexDef i) =>
        $"{i.Name} on {i.Table} ({string.Join(",", i.Columns.Select(c => c.Name))}){(i.Unique ? " unique" : "")}";
}
