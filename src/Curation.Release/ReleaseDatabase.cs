using System.Diagnostics;
using Curation.Database;
using Microsoft.Data.Sqlite;
using NLog;

namespace Curation.Release;

/// <summary>What the release session lends the copy: the open archive, and a way to run work while it is closed.</summary>
/// <param name="Archive">The run's open session on the curation database.</param>
/// <param name="Disconnected">Runs work with the run's connection to the curation database closed (see
/// <c>CuSession.Disconnected</c>).</param>
/// <param name="Log">The run's log.</param>
public sealed record CopyContext(Session Archive, Action<string, Action> Disconnected, Logger Log);

/// <summary>
/// The release database of one engine: made as a copy of the curation database under a temporary name (the
/// <see cref="Partial"/>), trimmed and indexed there, then renamed to its <see cref="Final"/> name, or removed if
/// anything fails, so that no half-made release is ever left under the final name.
/// </summary>
public abstract class ReleaseDatabase
{
    private protected ReleaseDatabase(DatabaseUrl archive, DatabaseUrl final, DatabaseUrl partial)
    {
        Archive = archive;
        Final = final;
        Partial = partial;
    }

    /// <summary>The curation database.</summary>
    public DatabaseUrl Archive { get; }

    /// <summary>The release database.</summary>
    public DatabaseUrl Final { get; }

    /// <summary>The release database while it is being made.</summary>
    public DatabaseUrl Partial { get; }

    /// <summary>Its name as <c>Release.dbName</c> records it: the file name, or the database's name on its server.</summary>
    public virtual string Name => Final.Database!;

    /// <summary>The release database for <paramref name="final"/>, of the curation database's engine.</summary>
    public static ReleaseDatabase For(DatabaseUrl archive, DatabaseUrl final)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(final);
        return archive.Engine switch
        {
            DatabaseEngine.Sqlite => new SqliteReleaseDatabase(archive, final),
            DatabaseEngine.Postgres => new PostgresReleaseDatabase(archive, final),
            _ => new SqlServerReleaseDatabase(archive, final),
        };
    }

    /// <summary>True when the release database exists already.</summary>
    public abstract bool Exists();

    /// <summary>Removes a partial release database a killed run left; true when there was one.</summary>
    public abstract bool RemoveLeftover();

    /// <summary>Copies the curation database to <see cref="Partial"/>.</summary>
    public abstract void Copy(CopyContext context);

    /// <summary>Opens the partial release database.</summary>
    public virtual Session OpenPartial() => Session.Open(Partial);

    /// <summary>Prepares the partial database for the trim, outside any transaction (SQLite turns its foreign keys off).</summary>
    public virtual void BeforeTrim(Session partial)
    {
    }

    /// <summary>Checks the trim, outside any transaction (SQLite checks its foreign keys and turns them back on).</summary>
    public virtual void AfterTrim(Session partial)
    {
    }

    /// <summary>Tidies the finished partial database (SQLite gives back the space of what was deleted; PostgreSQL
    /// gathers the statistics of every table).</summary>
    public virtual void Finish(Session partial)
    {
    }

    /// <summary>Renames the partial database to its final name; its sessions must be closed.</summary>
    public abstract void Publish();

    /// <summary>Removes the published database again (when recording the release failed after it was published).</summary>
    public abstract void Unpublish();

    /// <summary>Removes the partial database, if there is one; its sessions must be closed.</summary>
    public abstract void Discard();
}

/// <summary>An SQLite release: a file made with SQLite's online backup API from the open archive (a consistent copy
/// while other sessions read and write), <c>NAME.partial</c> beside its final name until it is renamed into place.</summary>
internal sealed class SqliteReleaseDatabase(DatabaseUrl archive, DatabaseUrl final)
    : ReleaseDatabase(archive, final, DatabaseUrl.Parse("sqlite:" + Path.GetFullPath(final.Path!) + ".partial"))
{
    public override string Name => Path.GetFileName(Final.Path!);

    private string FinalPath => Path.GetFullPath(Final.Path!);

    private string PartialPath => Path.GetFullPath(Partial.Path!);

    public override bool Exists() => File.Exists(FinalPath);

    public override bool RemoveLeftover()
    {
        var found = File.Exists(PartialPath);
        Discard();
        return found;
    }

    public override void Copy(CopyContext context)
    {
        var source = (SqliteConnection)context.Archive.Connection;
        using (var target = (SqliteConnection)ArchiveConnection.Open(Partial))
            source.BackupDatabase(target);
        ArchiveConnection.ReleasePooledConnections(Partial);
    }

    public override void BeforeTrim(Session partial) => partial.Execute("PRAGMA foreign_keys = OFF");

    public override void AfterTrim(Session partial)
    {
        var broken = partial.QueryRows("PRAGMA foreign_key_check");
        if (broken.Count > 0)
        {
            throw new CurationDatabaseException($"the trimmed release breaks {broken.Count} foreign key reference(s), eg. "
                + string.Join("; ", broken.Take(5).Select(r => $"a row of {r["table"]} (rowid {r["rowid"]}) refers to {r["parent"]}")));
        }

        partial.Execute("PRAGMA foreign_keys = ON");
    }

    public override void Finish(Session partial) => partial.Execute("VACUUM main"); // with a space: Dapper takes a word alone for a procedure

    public override void Publish()
    {
        ArchiveConnection.ReleasePooledConnections(Partial);
        File.Move(PartialPath, FinalPath, overwrite: false);
    }

    public override void Unpublish()
    {
        ArchiveConnection.ReleasePooledConnections(Final);
        Delete(FinalPath);
    }

    public override void Discard()
    {
        ArchiveConnection.ReleasePooledConnections(Partial);
        Delete(PartialPath);
    }

    private static void Delete(string path)
    {
        foreach (var f in new[] { path, path + "-journal", path + "-wal", path + "-shm" })
            File.Delete(f);
    }
}

/// <summary>
/// A PostgreSQL release: a database on the curation database's server, <c>NAME_partial</c> until it is renamed. It is
/// made with <c>CREATE DATABASE ... TEMPLATE</c> (a file copy on the server), which PostgreSQL allows only while nothing
/// is connected to the curation database: the run closes its own connection meanwhile. When other sessions are
/// connected, it is copied with <c>pg_dump | pg_restore</c> instead (PostgreSQL's client programs, from
/// <c>CURATION_PG_BIN_DIR</c> or the PATH), a consistent snapshot taken while they work.
/// </summary>
internal sealed class PostgresReleaseDatabase(DatabaseUrl archive, DatabaseUrl final)
    : ReleaseDatabase(archive, final, final.WithDatabase(final.Database + "_partial"))
{
    /// <summary>The variable naming the directory of pg_dump and pg_restore (else they are looked for on the PATH).</summary>
    public const string BinDirVariable = "CURATION_PG_BIN_DIR";

    /// <summary>PostgreSQL's error code for a database in use.</summary>
    private const string ObjectInUse = "55006";

    public override bool Exists() => DatabaseExists(Final.Database!);

    public override bool RemoveLeftover()
    {
        var found = DatabaseExists(Partial.Database!);
        if (found)
            Discard();
        return found;
    }

    public override void Copy(CopyContext context)
    {
        string? inUse = null;
        context.Disconnected($"copying {Archive.Database} as the template of {Partial.Database}", () =>
        {
            // PostgreSQL waits 5 s for the other sessions before it refuses a template in use: look first.
            using var admin = Admin();
            inUse = OtherSessions(admin);
            if (inUse is not null)
                return;
            try
            {
                admin.Execute($"CREATE DATABASE {Quote(Partial.Database!)} TEMPLATE {Quote(Archive.Database!)}");
            }
            catch (CurationDatabaseException e) when (e.InnerException is Npgsql.PostgresException { SqlState: ObjectInUse })
            {
                inUse = OtherSessions(admin) ?? "another session connected to it";
            }
        });
        if (inUse is null)
            return;

        context.Log.Warn("{Archive} cannot serve as a template while {InUse}: copying it with pg_dump | pg_restore instead", Archive.Database, inUse);
        var (dump, restore) = (Program("pg_dump"), Program("pg_restore"));
        if (dump is null || restore is null)
        {
            throw new CurationDatabaseException($"{Archive} cannot be copied as a template while {inUse}, and pg_dump and pg_restore "
                + $"(PostgreSQL's client programs) are neither in ${BinDirVariable} nor on the PATH to copy it otherwise: stop those sessions, or install them");
        }

        using (var admin = Admin())
            admin.Execute($"CREATE DATABASE {Quote(Partial.Database!)} TEMPLATE template0");
        DumpAndRestore(dump, restore);
    }

    public override Session OpenPartial()
    {
        var session = base.OpenPartial();
        session.CommandTimeout = 0;
        return session;
    }

    public override void Finish(Session partial) => partial.Execute("VACUUM (ANALYZE)");

    /// <summary>Who else is connected to the curation database ("N other session(s) connected to it (user from client
    /// with application, ...)"), or null when nobody is.</summary>
    private string? OtherSessions(Session admin)
    {
        var sessions = admin.Query<(string? User, string? Application, string? Client)>(
            "SELECT usename, application_name, CAST(client_addr AS text) FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid()",
            new { db = Archive.Database });
        return sessions.Count == 0 ? null : $"{sessions.Count} other session(s) connected to it ("
            + string.Join(", ", sessions.Select(s => $"{s.User ?? "?"} from {s.Client ?? "local"}{(string.IsNullOrEmpty(s.Application) ? "" : " with " + s.Application)}")) + ")";
    }

    public override void Publish()
    {
        ArchiveConnection.ReleasePooledConnections(Partial);
        using var admin = Admin();
        admin.Execute($"ALTER DATABASE {Quote(Partial.Database!)} RENAME TO {Quote(Final.Database!)}");
    }

    public override void Unpublish() => Drop(Final);

    public override void Discard() => Drop(Partial);

    private void Drop(DatabaseUrl url)
    {
        ArchiveConnection.ReleasePooledConnections(url);
        using var admin = Admin();
        admin.Execute($"DROP DATABASE IF EXISTS {Quote(url.Database!)} WITH (FORCE)");
    }

    private bool DatabaseExists(string name)
    {
        using var admin = Admin();
        return admin.Scalar<long>("SELECT COUNT(*) FROM pg_database WHERE datname = @name", new { name }) > 0;
    }

    /// <summary>A session on the server's maintenance database, for statements about databases.</summary>
    private Session Admin()
    {
        var session = Session.Open(Archive.WithDatabase("postgres"));
        session.CommandTimeout = 0;
        return session;
    }

    private void DumpAndRestore(string dump, string restore)
    {
        static ProcessStartInfo Start(string program, DatabaseUrl url, params string[] args)
        {
            var info = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args)
                info.ArgumentList.Add(a);
            info.ArgumentList.Add("--host=" + url.Host);
            info.ArgumentList.Add("--port=" + (url.Port ?? 5432).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (url.User is not null)
                info.ArgumentList.Add("--username=" + url.User);
            info.ArgumentList.Add("--no-password");
            info.ArgumentList.Add("--dbname=" + url.Database);
            if (url.Password is not null)
                info.Environment["PGPASSWORD"] = url.Password;
            return info;
        }

        var dumpInfo = Start(dump, Archive, "--format=custom");
        dumpInfo.RedirectStandardOutput = true;
        var restoreInfo = Start(restore, Partial, "--no-owner", "--exit-on-error");
        restoreInfo.RedirectStandardInput = true;
        using var dumping = Process.Start(dumpInfo) ?? throw new CurationDatabaseException($"{dump} could not be started");
        using var restoring = Process.Start(restoreInfo) ?? throw new CurationDatabaseException($"{restore} could not be started");
        var dumpErrors = dumping.StandardError.ReadToEndAsync();
        var restoreErrors = restoring.StandardError.ReadToEndAsync();
        try
        {
            dumping.StandardOutput.BaseStream.CopyTo(restoring.StandardInput.BaseStream);
        }
        catch (IOException)
        {
            // pg_restore stopped reading: its exit code and error say why.
        }
        finally
        {
            restoring.StandardInput.Close();
        }

        dumping.WaitForExit();
        restoring.WaitForExit();
        if (dumping.ExitCode != 0 || restoring.ExitCode != 0)
        {
            throw new CurationDatabaseException($"copying {Archive} with pg_dump | pg_restore failed (exit codes {dumping.ExitCode} and {restoring.ExitCode}): "
                + (dumpErrors.Result + restoreErrors.Result).Trim());
        }
    }

    private static string? Program(string name)
    {
        var dirs = new List<string>();
        if (Environment.GetEnvironmentVariable(BinDirVariable) is { Length: > 0 } bin)
            dirs.Add(bin);
        dirs.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return dirs.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>
/// A SQL Server release: the curation database backed up (<c>BACKUP DATABASE ... WITH COPY_ONLY</c>, which leaves its
/// backup chain as it was) to the server's default backup directory and restored under the partial name, its files
/// moved to the server's default data and log directories under the release's name, then renamed. The statements are
/// those of <see cref="SqlServerReleaseStatements"/>; no SQL Server runs where the tests run, so they are checked against
/// golden files only.
/// </summary>
internal sealed class SqlServerReleaseDatabase(DatabaseUrl archive, DatabaseUrl final)
    : ReleaseDatabase(archive, final, final.WithDatabase(final.Database + "_partial"))
{
    public override bool Exists()
    {
        using var master = Master();
        return master.Scalar<int>(SqlServerReleaseStatements.Exists, new { name = Final.Database }) > 0;
    }

    public override bool RemoveLeftover()
    {
        using var master = Master();
        if (master.Scalar<int>(SqlServerReleaseStatements.Exists, new { name = Partial.Database }) == 0)
            return false;
        master.Execute(SqlServerReleaseStatements.Drop(Partial.Database!));
        return true;
    }

    public override void Copy(CopyContext context)
    {
        using var master = Master();
        var paths = master.Query<(string? Backup, string? Data, string? Log)>(SqlServerReleaseStatements.DefaultPaths).Single();
        var files = master.Query<(string Name, string Type)>(SqlServerReleaseStatements.Files, new { db = Archive.Database })
            .Select(f => new SqlServerFile(f.Name, f.Type == "LOG")).ToList();
        var plan = new SqlServerBackupPlan(Archive.Database!, Partial.Database!, Final.Database!,
            paths.Backup ?? throw new CurationDatabaseException($"{Archive}: the server has no default backup directory (SERVERPROPERTY('InstanceDefaultBackupPath'))"),
            paths.Data ?? paths.Backup, paths.Log ?? paths.Data ?? paths.Backup, files);
        context.Log.Info("Backing up {Archive} to {File}", Archive, plan.BackupFile);
        master.Execute(SqlServerReleaseStatements.Backup(plan));
        master.Execute(SqlServerReleaseStatements.Restore(plan));
    }

    public override Session OpenPartial()
    {
        var session = base.OpenPartial();
        session.CommandTimeout = 0;
        return session;
    }

    public override void Publish()
    {
        ArchiveConnection.ReleasePooledConnections(Partial);
        using var master = Master();
        master.Execute(SqlServerReleaseStatements.Rename(Partial.Database!, Final.Database!));
    }

    public override void Unpublish()
    {
        ArchiveConnection.ReleasePooledConnections(Final);
        using var master = Master();
        master.Execute(SqlServerReleaseStatements.Drop(Final.Database!));
    }

    public override void Discard()
    {
        ArchiveConnection.ReleasePooledConnections(Partial);
        using var master = Master();
        master.Execute(SqlServerReleaseStatements.Drop(Partial.Database!));
    }

    private Session Master()
    {
        var session = Session.Open(Archive.WithDatabase("master"));
        session.CommandTimeout = 0;
        return session;
    }
}
