using Curation.Database.Dialects;
using NUnit.Framework;

namespace Curation.Database.SqlServer.Tests;

/// <summary>
/// What a curation session sends to SQL Server through the <see cref="Session"/> API (statements, parameters as
/// Dapper binds them, transactions), recorded by a connection that runs nothing and compared with a golden file.
/// The run below is the shape issue 4's curation sessions take: a history row when the run starts, the programmes it
/// worked on, a reference table read once, the history row updated when it ends, all in one transaction.
/// </summary>
public sealed class SessionStatementTests
{
    private static readonly DateTime Start = new(2026, 3, 14, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = new(2026, 3, 14, 2, 47, 12, DateTimeKind.Utc);
    private static readonly DateTime Never = new(9999, 12, 31, 23, 59, 59);

    [Test]
    public void A_curation_runs_statements_through_a_session_match_the_golden_file()
    {
        var connection = new RecordingConnection();
        using (var session = new Session(connection, new SqlServerDialect()))
        {
            var latest = session.Scalar<int?>(session.Dialect.Page("SELECT cuEventID FROM ArchiveCurationHistory", "cuEventID DESC", 0, 1));
            var cuEventID = (latest ?? 100) + 1;
            session.InTransaction(() =>
            {
                session.Upsert("ArchiveCurationHistory", new
                {
                    cuEventID, cuID = (short)4, logFile = "/logs/cu4-2026-03-14.log", resultsFile = "NONE", timeStamp = Never,
                    curator = "nightly", comment = "Ingest detections", rolledBack = (byte)0, startTime = Start, endTime = Never, status = (byte)0,
                }, "cuEventID");
                var las = session.Table("Programme").Find("acronym", "LAS");
                session.InsertIfMissing("ProgrammeCurationHistory",
                    new { cuEventID, programmeID = las?.Get<int>("programmeID") ?? 101, timeStamp = End, status = (byte)1 },
                    "cuEventID", "programmeID");
                session.Upsert("ArchiveCurationHistory", new { cuEventID, endTime = End, timeStamp = End, status = (byte)1 }, "cuEventID");
            });
        }

        Golden.Check("session-curation-run.sql", connection.Log);
    }
}
