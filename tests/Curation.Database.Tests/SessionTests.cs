using Curation.Schema;
using Curation.Schema.Model;
using NUnit.Framework;

namespace Curation.Database.Tests;

/// <summary>The session on real SQLite and PostgreSQL databases: parameters, transactions, upserts, paging, the
/// reference-table cache and bulk loads inside a session's transaction.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class SessionTests(string engine)
{
    private const string Script = """
        CREATE TABLE Filter (
          filterID tinyint not null, --/D Filter ID
          shortName varchar(8) not null default 'NONE', --/D Name
          cutOn real not null default -0.9999995e9, --/D Cut-on --/U microns
          CONSTRAINT pk_Filter PRIMARY KEY (filterID)
        )
        GO
        CREATE TABLE Detection (
          objID bigint not null, --/D Detection ID
          filterID tinyint not null, --/D Filter
          mag real not null, --/D Magnitude
          CONSTRAINT pk_Detection PRIMARY KEY (objID)
        )
        """;

    private TestDatabase db = null!;
    private Session session = null!;
    private TableDef detection = null!;

    [SetUp]
    public void SetUp()
    {
        db = TestDatabase.Create(engine);
        var model = SchemaScriptParser.Parse(Script, "session.sql");
        detection = model.Tables.Single(t => t.Name == "Detection");
        session = Session.Open(db.Url);
        foreach (var t in model.Tables)
        {
            foreach (var statement in session.Dialect.CreateTable(t))
                session.Execute(statement);
        }

        session.Execute("INSERT INTO Filter (filterID, shortName, cutOn) VALUES (@id, @name, @cutOn)",
            new[] { new { id = 1, name = "Z", cutOn = 0.84f }, new { id = 3, name = "J", cutOn = 1.17f }, new { id = 5, name = "K", cutOn = 2.03f } });
    }

    [TearDown]
    public void TearDown()
    {
        session?.Dispose();
        db?.Dispose();
    }

    private long Count(string table) => session.Scalar<long>($"SELECT COUNT(*) FROM {session.Name(table)}");

    [Test]
    public void Statements_take_parameters_and_queries_return_typed_rows()
    {
        var names = session.Query<string>("SELECT shortName FROM Filter WHERE filterID > @min ORDER BY filterID", new { min = 2 });
        Assert.That(names, Is.EqualTo(new[] { "J", "K" }));
        Assert.That(session.Scalar<int>("SELECT filterID FROM Filter WHERE shortName = @n", new { n = "K" }), Is.EqualTo(5));
        Assert.That(session.Scalar<string>("SELECT shortName FROM Filter WHERE filterID = 99"), Is.Null);
        var row = session.QueryRows("SELECT * FROM Filter WHERE filterID = 3").Single();
        Assert.That(row["SHORTNAME"], Is.EqualTo("J"), "column names are found whatever their case");
    }

    [Test]
    public void A_transaction_commits_when_the_work_returns_and_rolls_back_when_it_throws()
    {
        session.InTransaction(() => session.Execute("INSERT INTO Detection VALUES (1, 3, 15.5)"));
        Assert.Throws<InvalidOperationException>(() => session.InTransaction(() =>
        {
            session.Execute("INSERT INTO Detection VALUES (2, 3, 16.5)");
            throw new InvalidOperationException("failed half way");
        }));
        Assert.That(session.Query<long>("SELECT objID FROM Detection"), Is.EqualTo(new[] { 1L }));
        Assert.That(session.Transaction, Is.Null);
    }

    [Test]
    public void A_second_transaction_cannot_be_opened_inside_the_first()
    {
        using var t = session.Begin();
        Assert.Throws<InvalidOperationException>(() => session.Begin());
    }

    [Test]
    public void A_failing_statement_names_the_statement_and_the_engine_error()
    {
        var e = Assert.Throws<CurationDatabaseException>(() => session.Execute("INSERT INTO Nowhere VALUES (1)"));
        Assert.That(e!.Message, Does.Contain("INSERT INTO Nowhere VALUES (1)"));
        Assert.That(e.Message, Does.Contain("nowhere").IgnoreCase);
    }

    [Test]
    public void An_upsert_inserts_a_new_key_and_updates_an_existing_one()
    {
        session.Upsert("Filter", new { filterID = 2, shortName = "Y", cutOn = 0.97f }, "filterID");
        session.Upsert("Filter", new { filterID = 3, shortName = "J2", cutOn = 1.2f }, "filterID");
        var rows = session.Query<(int Id, string Name)>("SELECT filterID, shortName FROM Filter ORDER BY filterID");
        Assert.That(rows, Is.EqualTo(new[] { (1, "Z"), (2, "Y"), (3, "J2"), (5, "K") }));
    }

    [Test]
    public void Insert_if_missing_leaves_an_existing_row_as_it_is()
    {
        Assert.That(session.InsertIfMissing("Filter", new { filterID = 3, shortName = "XX" }, "filterID"), Is.Zero);
        Assert.That(session.InsertIfMissing("Filter", new { filterID = 4, shortName = "H" }, "filterID"), Is.EqualTo(1));
        Assert.That(session.Query<string>("SELECT shortName FROM Filter ORDER BY filterID"), Is.EqualTo(new[] { "Z", "J", "H", "K" }));
    }

    [Test]
    public void Pages_cover_the_rows_in_order_without_overlap()
    {
        session.InTransaction(() =>
        {
            for (var i = 1; i <= 23; i++)
                session.Execute("INSERT INTO Detection VALUES (@i, 1, @m)", new { i, m = 20f - i });
        });
        var seen = new List<long>();
        for (var offset = 0; ; offset += 10)
        {
            var page = session.Query<long>(session.Dialect.Page("SELECT objID FROM Detection", "mag", offset, 10));
            seen.AddRange(page);
            if (page.Count < 10)
                break;
        }

        Assert.That(seen, Is.EqualTo(Enumerable.Range(1, 23).Reverse().Select(i => (long)i)));
    }

    [Test]
    public void The_reference_table_cache_finds_rows_by_number_or_name_and_rereads_after_a_change()
    {
        var filters = session.Table("Filter");
        Assert.That(filters.Rows, Has.Count.EqualTo(3));
        Assert.That(filters.Find("filterID", 5)!.Get<string>("shortName"), Is.EqualTo("K"));
        Assert.That(filters.Find("shortName", "j")!.Get<int>("filterID"), Is.EqualTo(3));
        Assert.That(filters.Find("filterID", 7), Is.Null);
        Assert.That(session.Table("filter"), Is.SameAs(filters), "read once, whatever the case of the name");

        session.Upsert("Filter", new { filterID = 7, shortName = "Br" }, "filterID");
        Assert.That(session.Table("Filter").Find("filterID", 7L)!.Get<string>("shortName"), Is.EqualTo("Br"));
    }

    [Test]
    public void A_bulk_load_inside_a_session_transaction_commits_with_it()
    {
        using (var t = session.Begin())
        {
            session.Execute("DELETE FROM Filter WHERE filterID = 1");
            using (var loader = session.Load(detection))
            {
                for (var i = 0; i < 1000; i++)
                    loader.AddRow((long)i, (byte)3, 15f + (i % 10));
                loader.Complete();
            }

            Assert.That(Count("Detection"), Is.EqualTo(1000), "visible inside the transaction");
            t.Commit();
        }

        Assert.That(Count("Detection"), Is.EqualTo(1000));
        Assert.That(Count("Filter"), Is.EqualTo(2));
    }

    [Test]
    public void Rolling_back_the_session_transaction_removes_a_completed_load()
    {
        using (session.Begin())
        {
            using var loader = session.Load(detection);
            loader.AddRow(1L, (byte)3, 15f);
            loader.Complete();
        }

        Assert.That(Count("Detection"), Is.Zero);
    }

    [Test]
    public void A_load_abandoned_inside_a_transaction_is_undone_and_the_transaction_goes_on()
    {
        using (var t = session.Begin())
        {
            session.Execute("INSERT INTO Detection VALUES (-1, 1, 10)");
            using (var loader = session.Load(detection))
            {
                loader.AddRow(1L, (byte)3, 15f);
                loader.AddRow(2L, (byte)3, 15f);
            }

            session.Execute("INSERT INTO Detection VALUES (-2, 1, 10)");
            t.Commit();
        }

        Assert.That(session.Query<long>("SELECT objID FROM Detection ORDER BY objID"), Is.EqualTo(new[] { -2L, -1L }));
    }
}
