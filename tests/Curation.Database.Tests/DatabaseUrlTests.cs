using Curation.Database.Dialects;
using NUnit.Framework;

namespace Curation.Database.Tests;

public sealed class DatabaseUrlTests
{
    [Test]
    public void Sqlite_url_gives_the_file_path_and_the_sqlite_dialect()
    {
        var url = DatabaseUrl.Parse("sqlite:data/archive.db");
        Assert.That(url.Engine, Is.EqualTo(DatabaseEngine.Sqlite));
        Assert.That(url.Path, Is.EqualTo("data/archive.db"));
        Assert.That(url.Dialect, Is.InstanceOf<SqliteDialect>());
    }

    [Test]
    public void Postgres_url_gives_every_part_and_hides_the_password_when_shown()
    {
        var url = DatabaseUrl.Parse("postgres://curator:s%40cret@db.example:6543/wsa");
        Assert.That((url.Engine, url.User, url.Password, url.Host, url.Port, url.Database),
            Is.EqualTo((DatabaseEngine.Postgres, "curator", "s@cret", "db.example", (int?)6543, "wsa")));
        Assert.That(url.ToString(), Is.EqualTo("postgres://curator:***@db.example:6543/wsa"));
    }

    [Test]
    public void Sqlserver_url_without_port_has_no_port()
    {
        var url = DatabaseUrl.Parse("sqlserver://sa:pw@ramses5/WSA");
        Assert.That((url.Engine, url.Port, url.Database), Is.EqualTo((DatabaseEngine.SqlServer, (int?)null, "WSA")));
        Assert.That(url.Dialect, Is.InstanceOf<SqlServerDialect>());
    }

    [TestCase("mysql://u:secret@h/db", "is not understood")]
    [TestCase("sqlite:", "has no file path")]
    [TestCase("postgres://u:secret@h:5432/", "names no database")]
    public void Bad_urls_are_refused_with_the_accepted_forms_and_no_password(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => DatabaseUrl.Parse(text));
        Assert.That(e!.Message, Does.Contain(reason).And.Contain("sqlite:PATH").And.Contain("postgres://").And.Not.Contain("secret"));
    }

    [Test]
    public void Option_wins_over_environment_which_wins_over_the_default()
    {
        var saved = Environment.GetEnvironmentVariable(DatabaseUrl.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(DatabaseUrl.EnvironmentVariable, null);
            Assert.That(DatabaseUrl.FromOptionOrEnvironment(null).Path, Is.EqualTo("archive.db"));
            Environment.SetEnvironmentVariable(DatabaseUrl.EnvironmentVariable, "sqlite:env.db");
            Assert.That(DatabaseUrl.FromOptionOrEnvironment(null).Path, Is.EqualTo("env.db"));
            Assert.That(DatabaseUrl.FromOptionOrEnvironment("sqlite:opt.db").Path, Is.EqualTo("opt.db"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(DatabaseUrl.EnvironmentVariable, saved);
        }
    }

    [TestCase("postgres://curator:s3cr%40t:x@db.example.org:5433/wsa")]
    [TestCase("sqlserver://sa:pw@127.0.0.1:1433/wsa")]
    [TestCase("postgres://postgres@127.0.0.1/wsa")]
    [TestCase("sqlite:/data/archive.db")]
    public void The_full_text_with_password_parses_back_to_the_same_url(string text)
    {
        var url = DatabaseUrl.Parse(text);
        Assert.That(DatabaseUrl.Parse(url.ToStringWithPassword()), Is.EqualTo(url));
        Assert.That(url.ToString(), Does.Not.Contain("s3cr").And.Not.Contain(":pw@"));
    }
}
