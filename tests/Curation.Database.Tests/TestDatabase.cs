using System.Data.Common;
using Dapper;
using NUnit.Framework;

namespace Curation.Database.Tests;

/// <summary>A fresh, empty database of one engine for one test: an SQLite file in a temp folder, or a new database on
/// the PostgreSQL server named by <c>CURATION_TEST_POSTGRES</c> (which tools/test starts).</summary>
internal sealed class TestDatabase : IDisposable
{
    public const string PostgresVariable = "CURATION_TEST_POSTGRES";

    private readonly string? _tempDir;
    private readonly string? _pgName;
    private readonly DatabaseUrl? _admin;

    private TestDatabase(DatabaseUrl url, string? tempDir, string? pgName, DatabaseUrl? admin)
    {
        Url = url;
        _tempDir = tempDir;
        _pgName = pgName;
        _admin = admin;
    }

    public DatabaseUrl Url { get; }

    /// <summary>Creates the database, or marks the test ignored (visibly) when its engine is not available.</summary>
    public static TestDatabase Create(string engine)
    {
        if (engine == "sqlite")
        {
            var dir = TestPaths.NewTempDir();
            return new TestDatabase(DatabaseUrl.Parse("sqlite:" + Path.Combine(dir, "archive.db")), dir, null, null);
        }

        var adminText = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(adminText))
            Assert.Ignore($"{PostgresVariable} is not set: PostgreSQL tests skipped (tools/test starts a throwaway server and sets it)");
        var admin = DatabaseUrl.Parse(adminText);
        var name = "curtest_" + Guid.NewGuid().ToString("N")[..12];
        using (var c = ArchiveConnection.Open(admin))
            c.Execute($"CREATE DATABASE {name}");
        var builder = new UriBuilder(adminText) { Path = "/" + name };
        return new TestDatabase(DatabaseUrl.Parse(builder.Uri.ToString()), null, name, admin);
    }

    public DbConnection Open() => ArchiveConnection.Open(Url);

    public void Dispose()
    {
        if (_tempDir is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_tempDir, recursive: true);
        }

        if (_pgName is not null && _admin is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            using var c = ArchiveConnection.Open(_admin);
            c.Execute($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)");
        }
    }
}
