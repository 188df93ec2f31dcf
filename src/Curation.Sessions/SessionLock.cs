using Curation.Database;
using Curation.Database.Dialects;

namespace Curation.Sessions;

/// <summary>
/// A lock two curation sessions take on the same thing (a programme, or a task that works on the whole archive), held
/// until released or until the process ends, however it ends: an SQLite archive uses an OS file lock on a file beside
/// the database; PostgreSQL a session-level advisory lock; SQL Server an application lock owned by the session.
/// </summary>
public abstract class SessionLock : IDisposable
{
    private protected SessionLock(string name) => Name = name;

    /// <summary>What is locked, eg. <c>programme-101</c>.</summary>
    public string Name { get; }

    /// <summary>Takes the lock if it is free; null when another session holds it.</summary>
    public static SessionLock? TryAcquire(Session session, string name)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(name);
        return session.Dialect switch
        {
            SqliteDialect => FileSessionLock.TryTake(session, name),
            PostgresDialect => AdvisorySessionLock.TryTake(session, name),
            _ => AppSessionLock.TryTake(session, name),
        };
    }

    /// <summary>Releases the lock.</summary>
    public abstract void Dispose();

    /// <summary>A stable 64-bit key for a lock name (FNV-1a), the same in every process.</summary>
    internal static long Key(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes("curation:" + name))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        return unchecked((long)hash);
    }

    private sealed class FileSessionLock : SessionLock
    {
        private readonly FileStream stream;

        private FileSessionLock(string name, FileStream stream)
            : base(name) => this.stream = stream;

        public static FileSessionLock? TryTake(Session session, string name)
        {
            var database = session.Url?.Path ?? throw new InvalidOperationException("an SQLite session without a file path");
            var path = Path.GetFullPath(database) + "." + name + ".lock";
            try
            {
                // FileShare.None takes an exclusive flock(2) on Linux: another process (or another open here) cannot
                // take it until this stream is closed, and the kernel releases it when the process ends, however.
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                stream.SetLength(0);
                var text = System.Text.Encoding.UTF8.GetBytes($"{Environment.ProcessId} {Environment.MachineName}\n");
                stream.Write(text);
                stream.Flush();
                return new FileSessionLock(name, stream);
            }
            catch (IOException) when (File.Exists(path))
            {
                return null;
            }
        }

        public override void Dispose() => stream.Dispose();
    }

    private sealed class AdvisorySessionLock : SessionLock
    {
        private readonly Session session;
        private readonly long key;

        private AdvisorySessionLock(string name, Session session, long key)
            : base(name)
        {
            this.session = session;
            this.key = key;
        }

        public static AdvisorySessionLock? TryTake(Session session, string name)
        {
            var key = Key(name);
            return session.Scalar<bool>("SELECT pg_try_advisory_lock(@key)", new { key })
                ? new AdvisorySessionLock(name, session, key)
                : null;
        }

        public override void Dispose()
        {
            try
            {
                session.Scalar<bool>("SELECT pg_advisory_unlock(@key)", new { key });
            }
            catch (CurationDatabaseException)
            {
                // The connection is gone, and the server released the lock with it.
            }
        }
    }

    private sealed class AppSessionLock : SessionLock
    {
        private readonly Session session;

        private AppSessionLock(string name, Session session)
            : base(name) => this.session = session;

        public static AppSessionLock? TryTake(Session session, string name)
        {
            var result = session.Scalar<int>(
                "DECLARE @result int;\nEXEC @result = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0;\nSELECT @result",
                new { resource = "curation:" + name });
            return result >= 0 ? new AppSessionLock(name, session) : null;
        }

        public override void Dispose()
        {
            try
            {
                session.Execute("EXEC sp_releaseapplock @Resource = @resource, @LockOwner = 'Session'", new { resource = "curation:" + Name });
            }
            catch (CurationDatabaseException)
            {
                // The connection is gone, and the server released the lock with it.
            }
        }
    }
}
