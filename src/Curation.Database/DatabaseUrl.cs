using Curation.Database.Dialects;

namespace Curation.Database;

/// <summary>Which engine a <see cref="DatabaseUrl"/> names.</summary>
public enum DatabaseEngine
{
    /// <summary>An SQLite file: <c>sqlite:PATH</c>.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: <c>postgres://user:password@host:port/database</c>.</summary>
    Postgres,

    /// <summary>A SQL Server: <c>sqlserver://user:password@host:port/database</c>.</summary>
    SqlServer,
}

/// <summary>A database given as <c>--db URL</c> (or <c>CURATION_DB</c>): <c>sqlite:PATH</c>,
/// <c>postgres://user:password@host:port/database</c> or <c>sqlserver://user:password@host:port/database</c>.</summary>
public sealed record DatabaseUrl
{
    /// <summary>The database used when neither <c>--db</c> nor <c>CURATION_DB</c> is given.</summary>
    public const string DefaultText = "sqlite:archive.db";

    /// <summary>The environment variable that gives the database when <c>--db</c> is absent.</summary>
    public const string EnvironmentVariable = "CURATION_DB";

    private DatabaseUrl(DatabaseEngine engine, string? path, string? host, int? port, string? user, string? password, string? database)
    {
        Engine = engine;
        Path = path;
        Host = host;
        Port = port;
        User = user;
        Password = password;
        Database = database;
    }

    /// <summary>The engine.</summary>
    public DatabaseEngine Engine { get; }

    /// <summary>The SQLite file's path.</summary>
    public string? Path { get; }

    /// <summary>The server's host.</summary>
    public string? Host { get; }

    /// <summary>The server's port, when given.</summary>
    public int? Port { get; }

    /// <summary>The user, when given.</summary>
    public string? User { get; }

    /// <summary>The password, when given (never shown by <see cref="ToString"/>).</summary>
    public string? Password { get; }

    /// <summary>The database on the server.</summary>
    public string? Database { get; }

    /// <summary>The SQL dialect of the engine.</summary>
    public SqlDialect Dialect => Engine switch
    {
        DatabaseEngine.Sqlite => new SqliteDialect(),
        DatabaseEngine.Postgres => new PostgresDialect(),
        _ => new SqlServerDialect(),
    };

    /// <summary>Parses a URL.</summary>
    /// <exception cref="FormatException">The URL is not one of the accepted forms; the message shows them.</exception>
    public static DatabaseUrl Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var forms = "use sqlite:PATH, postgres://user:password@host:port/database or sqlserver://user:password@host:port/database";
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text["sqlite:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal))
                path = path[2..];
            if (path.Length == 0)
                throw new FormatException($"database URL '{text}' has no file path: {forms}");
            return new DatabaseUrl(DatabaseEngine.Sqlite, path, null, null, null, null, null);
        }

        DatabaseEngine engine;
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            engine = DatabaseEngine.Postgres;
        else if (text.StartsWith("sqlserver://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("mssql://", StringComparison.OrdinalIgnoreCase))
            engine = DatabaseEngine.SqlServer;
        else
            throw new FormatException($"database URL '{Redact(text)}' is not understood: {forms}");

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new FormatException($"database URL '{Redact(text)}' has no host: {forms}");
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0)
            throw new FormatException($"database URL '{Redact(text)}' names no database after the host: {forms}");
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        return new DatabaseUrl(engine, null, uri.Host, uri.IsDefaultPort || uri.Port < 0 ? null : uri.Port, user, password, database);
    }

    /// <summary>The same server and credentials, another database on it (a server URL only).</summary>
    /// <exception cref="InvalidOperationException">The URL is an SQLite file.</exception>
    public DatabaseUrl WithDatabase(string database)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        if (Engine == DatabaseEngine.Sqlite)
            throw new InvalidOperationException($"{this} is a file, not a database on a server");
        return new DatabaseUrl(Engine, null, Host, Port, User, Password, database);
    }

    /// <summary>True when <paramref name="other"/> is on the same server as this URL (host and port; SQLite files always are).</summary>
    public bool SameServer(DatabaseUrl other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Engine == other.Engine && (Engine == DatabaseEngine.Sqlite
            || (string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) && Port == other.Port));
    }

    /// <summary>The URL from <c>--db</c>, else <c>CURATION_DB</c>, else the default <c>sqlite:archive.db</c>.</summary>
    public static DatabaseUrl FromOptionOrEnvironment(string? option)
    {
        if (!string.IsNullOrEmpty(option))
            return Parse(option);
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return Parse(string.IsNullOrEmpty(env) ? DefaultText : env);
    }

    /// <summary>The URL with any password replaced by <c>***</c>, safe for logs.</summary>
    public override string ToString() => Engine switch
    {
        DatabaseEngine.Sqlite => $"sqlite:{Path}",
        _ => $"{(Engine == DatabaseEngine.Postgres ? "postgres" : "sqlserver")}://{(User is null ? "" : User + (Password is null ? "" : ":***") + "@")}{Host}{(Port is null ? "" : ":" + Port)}/{Database}",
    };

    /// <summary>The URL in full, password included, to hand to another process; never log it (use <see cref="ToString"/>).</summary>
    public string ToStringWithPassword() => Engine switch
    {
        DatabaseEngine.Sqlite => $"sqlite:{Path}",
        _ => $"{(Engine == DatabaseEngine.Postgres ? "postgres" : "sqlserver")}://"
            + (User is null ? "" : Uri.EscapeDataString(User) + (Password is null ? "" : ":" + Uri.EscapeDataString(Password)) + "@")
            + $"{Host}{(Port is null ? "" : ":" + Port)}/{Uri.EscapeDataString(Database!)}",
    };

    private static string Redact(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || scheme < 0)
            return text;
        var colon = text.IndexOf(':', scheme + 3);
        return colon > 0 && colon < at ? text[..(colon + 1)] + "***" + text[at..] : text;
    }
}
