using Curation.Database;
using NUnit.Framework;

namespace Curation.Invocations.Tests;

/// <summary><c>curate init</c>, <c>curate schema check --db</c> and <c>curate demo</c> on SQLite archives in temporary folders.</summary>
public sealed class DatabaseCommandTests : CliTestBase
{
    private string Db => "sqlite:" + Path.Combine(Temp, "a.db");

    [Test]
    public void Init_creates_the_archive_and_prints_each_table_and_a_summary()
    {
        var (code, output, error) = Cli.Run("init", "--db", Db, "--schema-dir", Cli.SchemaSql);

        Assert.That(code, Is.Zero, error);
        var created = output.Split('\n').Count(l => l.StartsWith("created ", StringComparison.Ordinal));
        Assert.That(created, Is.GreaterThan(0));
        Assert.That(output, Does.Contain("created   Multiframe").And.Contain("created   lasDetection"));
        Assert.That(output, Does.Contain($"{Db}: {created} table(s) created, 0 already present"));
        Assert.That(File.Exists(Path.Combine(Temp, "a.db")));
    }

    [Test]
    public void Init_run_again_creates_nothing()
    {
        var first = Cli.Run("init", "--db", Db, "--schema-dir", Cli.SchemaSql);
        Assert.That(first.ExitCode, Is.Zero, first.Err);

        var (code, output, error) = Cli.Run("init", "--db", Db, "--schema-dir", Cli.SchemaSql);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("0 table(s) created"));
        Assert.That(output, Does.Not.Contain("created   "));
        Assert.That(output, Does.Contain("0 reference row(s) inserted"));
    }

    [Test]
    public void Schema_check_against_a_fresh_archive_finds_no_difference_and_then_names_a_stray_table()
    {
        var init = Cli.Run("init", "--db", Db, "--schema-dir", Cli.SchemaSql);
        Assert.That(init.ExitCode, Is.Zero, init.Err);

        var clean = Cli.Run("schema", "check", "--db", Db, "--schema-dir", Cli.SchemaSql);
        Assert.That(clean.ExitCode, Is.Zero, clean.Out + clean.Err);
        Assert.That(clean.Out, Is.Empty, "no finding and no difference");
        Assert.That(clean.Err, Does.Contain("0 difference(s)"));

        using (var connection = ArchiveConnection.Open(DatabaseUrl.Parse(Db)))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE StrayTable (x INTEGER)";
            command.ExecuteNonQuery();
        }

        var (code, output, error) = Cli.Run("schema", "check", "--db", Db, "--schema-dir", Cli.SchemaSql);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("StrayTable"));
        Assert.That(output.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), output);
        Assert.That(error, Does.Contain("1 difference(s)"));
    }

    [Test]
    public void Init_uses_the_database_named_by_CURATION_DB()
    {
        var path = Path.Combine(Temp, "from-env.db");
        Environment.SetEnvironmentVariable("CURATION_DB", "sqlite:" + path); // restored by the base class's TearDown

        var (code, output, error) = Cli.Run("init", "--schema-dir", Cli.SchemaSql);

        Assert.That(code, Is.Zero, error);
        Assert.That(File.Exists(path), "the database of CURATION_DB was created");
        Assert.That(output, Does.Contain($"sqlite:{path}: "));
    }

    [Test]
    public void The_db_option_wins_over_CURATION_DB()
    {
        var fromEnv = Path.Combine(Temp, "from-env.db");
        Environment.SetEnvironmentVariable("CURATION_DB", "sqlite:" + fromEnv);

        var (code, _, error) = Cli.Run("init", "--db", Db, "--schema-dir", Cli.SchemaSql);

        Assert.That(code, Is.Zero, error);
        Assert.That(File.Exists(Path.Combine(Temp, "a.db")));
        Assert.That(File.Exists(fromEnv), Is.False);
    }

    [Test]
    public void Init_with_a_database_url_of_an_unknown_form_fails_listing_the_accepted_forms()
    {
        var (code, output, error) = Cli.Run("init", "--db", "mysql://x", "--schema-dir", Cli.SchemaSql);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.StartWith("error: ").And.Contain("mysql://x"));
        Assert.That(error, Does.Contain("sqlite:PATH").And.Contain("postgres://").And.Contain("sqlserver://"));
    }

    [Test]
    public void Schema_check_on_a_sqlserver_url_tries_that_server_and_names_it_without_the_password()
    {
        // curate registers SQL Server at start-up unless its host already did: here with a short connect timeout.
        Curation.Database.SqlServer.SqlServerEngine.Register(new Curation.Database.SqlServer.SqlServerConnectionOptions(ConnectTimeoutSeconds: 2));
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now: no SQL Server can run on this machine

        var (code, output, error) = Cli.Run("schema", "check", "--db", $"sqlserver://curator:s3cret@127.0.0.1:{port}/WSA", "--schema-dir", Cli.SchemaSql);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain($"error: cannot open sqlserver://curator:***@127.0.0.1:{port}/WSA: "));
        Assert.That(error, Does.Contain("network-related").Or.Contain("TCP Provider"), "SqlClient got as far as the socket");
        Assert.That(error, Does.Not.Contain("s3cret"));
    }

    [Test]
    public void Demo_makes_a_fresh_archive_in_the_directory_each_time_it_runs()
    {
        var dir = Path.Combine(Temp, "demo");
        var archive = Path.Combine(dir, "archive.db");

        var (code, output, error) = Cli.Run("demo", "--dir", dir, "--schema-dir", Cli.SchemaSql);
        Assert.That(code, Is.Zero, error);
        Assert.That(File.Exists(archive));
        Assert.That(output, Does.Contain("Demo archive ready").And.Contain(archive));

        var (again, againOutput, againError) = Cli.Run("demo", "--dir", dir, "--schema-dir", Cli.SchemaSql);
        Assert.That(again, Is.Zero, againError);
        // A second run in the same process must not reuse a pooled SQLite connection to the archive file it just deleted.
        Assert.That(File.Exists(archive), "the archive exists after the second run; the second run said: " + againOutput);
        Assert.That(againOutput, Does.Contain("Demo archive ready"));
        Assert.That(againOutput, Does.Contain(" 0 already present"), "the second run starts from a fresh archive");

        var check = Cli.Run("schema", "check", "--db", "sqlite:" + archive, "--schema-dir", Cli.SchemaSql);
        Assert.That(check.ExitCode, Is.Zero, check.Out + check.Err);
    }

    [Test]
    public void Demo_curates_the_generated_night_every_detection_of_a_programme_with_tables_into_its_table()
    {
        var dir = Path.Combine(Temp, "demo");
        var (code, output, error) = Cli.Run("demo", "--dir", dir, "--schema-dir", Cli.SchemaSql);
        Assert.That(code, Is.Zero, error);
        var manifest = Curation.TablePreparation.Demo.DemoNight.Write(Path.Combine(Temp, "again")); // the same seed: the same night
        using var session = Session.Open(DatabaseUrl.Parse("sqlite:" + Path.Combine(dir, "archive.db")));
        var withTables = session.QueryRows("SELECT acronym, tablePrefix FROM Programme WHERE tablePrefix <> 'NONE'")
            .ToDictionary(r => ((string)r["acronym"]!).TrimEnd(), r => ((string)r["tablePrefix"]!).TrimEnd());
        var catalogues = manifest.OfKind(Curation.TablePreparation.Demo.DemoFileKind.Catalogue).ToList();
        Assert.Multiple(() =>
        {
            foreach (var group in catalogues.Where(c => c.ExpectedAcronym is { } a && withTables.ContainsKey(a)).GroupBy(c => c.ExpectedAcronym!))
            {
                var table = withTables[group.Key] + "Detection";
                Assert.That(session.Scalar<long>($"SELECT COUNT(*) FROM {table}"), Is.EqualTo(group.Sum(c => (long)c.Detections)), table);
                var merged = session.Scalar<long>($"SELECT COUNT(*) FROM RequiredFilters r JOIN Programme p ON p.programmeID = r.programmeID WHERE p.acronym = '{group.Key}'") > 0;
                var sources = session.Scalar<long>($"SELECT COUNT(*) FROM {withTables[group.Key]}Source");
                Assert.That(sources, merged ? Is.GreaterThan(0) : Is.Zero, $"{group.Key}: CU7 merged its detections into sources");
                Assert.That(output, merged ? Does.Contain($"cu7: {group.Key} (") : Does.Not.Contain($"cu7: {group.Key} (").Or.Contain("nothing to merge"));
                if (merged)
                {
                    var pairs = session.Scalar<long>($"SELECT COUNT(*) FROM {withTables[group.Key]}SourceNeighbours");
                    Assert.That(pairs, Is.GreaterThan(0), $"{group.Key}: CU16 made its self-neighbour table");
                    Assert.That(output, Does.Contain($"cu16: {withTables[group.Key]}SourceNeighbours: {pairs} pair(s)"));
                }
            }

            Assert.That(session.Scalar<long>("SELECT COUNT(*) FROM Multiframe"), Is.EqualTo(manifest.Files.Count(f => f.Kind != Curation.TablePreparation.Demo.DemoFileKind.Catalogue)));
            Assert.That(session.Scalar<long>("SELECT COUNT(*) FROM Provenance"), Is.GreaterThan(0), "the stack's components");
            Assert.That(error, Does.Contain("matches no registered programme"), "the unregistered programme is reported");
            Assert.That(output, Does.Contain("Rejected files: none"));
            var release = Path.Combine(dir, "archive_UKIDSS_DR1.db");
            Assert.That(output, Does.Contain($"Release: sqlite:{release} (UKIDSS DR1), schema browser {Path.Combine(dir, "archive_UKIDSS_DR1_schema", "index.html")}"));
            Assert.That(File.Exists(release) && File.Exists(Path.Combine(dir, "archive_UKIDSS_DR1_schema", "index.html")), "the release and its schema browser are there");
            using (var published = Session.Open(DatabaseUrl.Parse("sqlite:" + release)))
            {
                Assert.That(published.Scalar<long>("SELECT COUNT(*) FROM Release WHERE releaseNum = 1"), Is.EqualTo(1));
                Assert.That(published.Scalar<long>("SELECT COUNT(*) FROM lasSource"), Is.EqualTo(session.Scalar<long>("SELECT COUNT(*) FROM lasSource")));
            }

            Assert.That(output, Does.Contain($"cu1: {manifest.Files.Count} file(s) copied"), "the night comes in through CU1");
            var imageFrames = session.Scalar<long>("SELECT COUNT(*) FROM MultiframeDetector d JOIN Multiframe m ON m.multiframeID = d.multiframeID "
                + "JOIN ArchivedFile f ON f.fileID = m.fileID WHERE f.fileType = 'image'");
            Assert.That(imageFrames, Is.GreaterThan(0));
            var previews = session.QueryRows("SELECT compFile, thumbFile FROM MultiframeDetector WHERE compFile <> 'NONE'");
            Assert.That(previews, Has.Count.EqualTo(imageFrames), "CU2 made a preview of every detector frame of every image");
            Assert.That(previews.All(r => File.Exists(((string)r["compFile"]!).TrimEnd()) && File.Exists(((string)r["thumbFile"]!).TrimEnd())
                && ((string)r["compFile"]!).StartsWith(Path.Combine(dir, "archive", "jpegs", "20071011"), StringComparison.Ordinal)), Is.True);
            Assert.That(session.Scalar<long>($"SELECT COUNT(*) FROM ArchivedFile WHERE fileName LIKE '{Path.Combine(dir, "archive", "20071011")}/%' "
                + "AND cuEventID IN (SELECT cuEventID FROM ArchiveCurationHistory WHERE cuID = 1)"), Is.EqualTo(manifest.Files.Count));
        });
    }
}
