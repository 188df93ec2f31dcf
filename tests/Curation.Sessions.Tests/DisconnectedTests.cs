using Curation.Database;
using Curation.Database.Dialects;
using NUnit.Framework;

namespace Curation.Sessions.Tests;

/// <summary><see cref="CuSession"/>'s work with the archive connection closed (what PostgreSQL needs to copy the archive
/// as a template for a release, issue 8): nothing of the run stays connected meanwhile, its lock is let go, and both
/// are back afterwards.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class DisconnectedTests(string engine)
{
    [Test]
    public void While_disconnected_the_run_holds_no_connection_nor_its_lock_and_afterwards_it_has_both_again()
    {
        using var archive = TestArchive.Create(engine);
        var session = new DisconnectingSession(archive.Options() with { Programme = null });

        Assert.That(session.Run(TextWriter.Null), Is.Zero, session.Error);

        Assert.That(session.LockFreeMeanwhile, Is.True, "another session could take the lock meanwhile");
        if (engine == "postgres")
            Assert.That(session.OtherConnectionsMeanwhile, Is.Zero, "no connection of the run (pooled or not) was left to the archive");
        Assert.That(session.LockHeldAfter, Is.True, "the run held its lock again afterwards");
        Assert.That(session.UnitsCompleted, Is.EqualTo(1), "the archive could be used again");
        Assert.That(archive.History().Single().Status, Is.EqualTo(RunStatus.Succeeded));
    }

    [Test]
    public void Work_that_fails_while_disconnected_fails_the_run_which_is_still_recorded()
    {
        using var archive = TestArchive.Create(engine);
        var session = new DisconnectingSession(archive.Options() with { Programme = null }) { Fail = true };

        Assert.That(session.Run(TextWriter.Null), Is.EqualTo(1));

        Assert.That(session.Error, Does.Contain("failed while copying nothing: refused by the test").And.Contain("recorded as failed"));
        Assert.That(archive.History().Single().Status, Is.EqualTo(RunStatus.Failed));
    }

    private sealed class DisconnectingSession(CuSessionOptions options) : CuSession(18, options)
    {
        public bool Fail { get; init; }

        public bool LockFreeMeanwhile { get; private set; }

        public long OtherConnectionsMeanwhile { get; private set; } = -1;

        public bool LockHeldAfter { get; private set; }

        protected override void Work()
        {
            Disconnected("copying nothing", () =>
            {
                using var other = Session.Open(Options.Database);
                using (var taken = SessionLock.TryAcquire(other, LockName))
                    LockFreeMeanwhile = taken is not null;
                if (other.Dialect is PostgresDialect)
                {
                    OtherConnectionsMeanwhile = other.Scalar<long>(
                        "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
                }

                if (Fail)
                    throw new CurationInputException("refused by the test");
            });
            using (var other = Session.Open(Options.Database))
            {
                using var taken = SessionLock.TryAcquire(other, LockName);
                LockHeldAfter = taken is null;
            }

            Unit("using the archive again", () => Database.Scalar<long>("SELECT COUNT(*) FROM CurationTask"));
        }
    }
}
