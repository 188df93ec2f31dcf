using System.Data.Common;
using System.Runtime.InteropServices;
using Curation.Database;
using NLog;

namespace Curation.Sessions;

/// <summary>
/// The frame every curation task (CU) runs in. <see cref="Run"/> opens the archive, starts the run's log, takes the
/// task's lock, records the run in <c>ArchiveCurationHistory</c> under a new <c>cuEventID</c>, calls
/// <see cref="Work"/>, and records the outcome. A subclass overrides <see cref="Work"/> and does its changes in
/// <see cref="Unit"/>s: each unit is one transaction, committed when it completes, so that a failure (an exception,
/// Ctrl-C, SIGTERM) rolls back only the unit it interrupted, the units before it stay, and a rerun carries on.
/// A failure ends the run with one error line (what failed, where), the history row marked failed and rolled back,
/// the stack trace in the log file, and a non-zero exit code.
/// </summary>
public abstract class CuSession
{
    /// <summary>Exit code of a successful run.</summary>
    public const int ExitSucceeded = 0;

    /// <summary>Exit code of a failed or refused run.</summary>
    public const int ExitFailed = 1;

    /// <summary>Exit code of a run interrupted by SIGINT (Ctrl-C).</summary>
    public const int ExitInterrupted = 130;

    /// <summary>Exit code of a run stopped by SIGTERM.</summary>
    public const int ExitTerminated = 143;

    private readonly CancellationTokenSource cancellation = new();
    private bool stoppedWhileIdle;
    private readonly List<int> programmes = [];
    private Session? database;
    private SessionLock? held;
    private Logger? log;
    private string? signal;
    private string? currentUnit;

    /// <summary>Creates a session of task <paramref name="cuId"/> (its CU number) with the shared options.</summary>
    protected CuSession(int cuId, CuSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        CuId = cuId;
        Options = options;
    }

    /// <summary>The task's CU number.</summary>
    public int CuId { get; }

    /// <summary>The task's command name, from <c>CurationTask.name</c> (eg. <c>ingest-detections</c>).</summary>
    public string TaskName { get; private set; } = "";

    /// <summary>The options of the run.</summary>
    public CuSessionOptions Options { get; }

    /// <summary>The event this run is recorded as (the next free ID in a dry run, which records nothing).</summary>
    public int CuEventId { get; private set; }

    /// <summary>The run's log file, or null before the run starts.</summary>
    public string? LogFile { get; private set; }

    /// <summary>The one-line error of a failed run, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>The outcome recorded (or that would have been, in a dry run).</summary>
    public RunStatus Status { get; private set; } = RunStatus.Running;

    /// <summary>Units committed (or, in a dry run, completed and rolled back).</summary>
    public int UnitsCompleted { get; private set; }

    /// <summary>
    /// Set by <see cref="Work"/> when it finished but left some of its input undone (files rejected, say): the run is
    /// recorded as succeeded, since everything it committed is complete, but it ends with this as its error line and
    /// exit code 1, so that an operator or cron sees that something needs attention.
    /// </summary>
    public string? Incomplete { get; protected set; }

    /// <summary>The open archive (during <see cref="Work"/>).</summary>
    protected Session Database => database ?? throw new InvalidOperationException("the session is not running");

    /// <summary>The run's logger (during <see cref="Work"/>).</summary>
    protected Logger Log => log ?? throw new InvalidOperationException("the session is not running");

    /// <summary>Signalled by Ctrl-C or SIGTERM: long work should call <c>ThrowIfCancellationRequested</c> now and then.</summary>
    protected CancellationToken Cancellation => cancellation.Token;

    /// <summary>What the session locks so that two runs cannot work on it at once: the task itself, by default.</summary>
    protected virtual string LockName => $"cu{CuId}";

    /// <summary>The lock's description in messages.</summary>
    protected virtual string LockDescription => $"task cu{CuId} ({TaskName})";

    /// <summary>The programme whose abandoned runs this session's lock proves dead, or null for the task's own.</summary>
    protected virtual int? LockedProgrammeId => null;

    /// <summary>The task's work. Changes belong in <see cref="Unit"/>s.</summary>
    protected abstract void Work();

    /// <summary>Resolves what the session needs before it takes its lock (the programme, for example).</summary>
    protected virtual void Prepare()
    {
    }

    /// <summary>Records that this run works on <paramref name="programmeId"/> (a row of <c>ProgrammeCurationHistory</c>).</summary>
    protected void RecordProgramme(int programmeId)
    {
        if (programmes.Contains(programmeId))
            return;
        programmes.Add(programmeId);
        if (!Options.DryRun)
            CurationHistory.StartProgramme(Database, CuEventId, programmeId);
    }

    /// <summary>
    /// Does one unit of work in one transaction: committed when <paramref name="work"/> returns (rolled back in a dry
    /// run), rolled back when it throws or when Ctrl-C/SIGTERM arrives meanwhile. <paramref name="what"/> says what the
    /// unit is (eg. <c>ingesting w20071011_01818_cat.fits into lasDetection</c>) and appears in the error line if it fails.
    /// </summary>
    protected void Unit(string what, Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Cancellation.ThrowIfCancellationRequested();
        currentUnit = what;
        using (var transaction = Database.Begin())
        {
            work();
            Cancellation.ThrowIfCancellationRequested();
            if (Options.DryRun)
                transaction.Rollback();
            else
                transaction.Commit();
        }

        currentUnit = null;
        UnitsCompleted++;
    }

    /// <summary>
    /// Waits <paramref name="delay"/> between rounds of work (a task that keeps polling for new input). Returns false at
    /// once when Ctrl-C/SIGTERM arrives meanwhile: nothing is in progress then, so the task should return from
    /// <see cref="Work"/> and the run ends as succeeded (exit 0), not as interrupted.
    /// </summary>
    protected bool Idle(TimeSpan delay)
    {
        if (!Cancellation.WaitHandle.WaitOne(delay))
            return true;
        stoppedWhileIdle = true;
        log?.Info("{Signal} received while waiting: stopping", signal);
        return false;
    }

    /// <summary>Runs the task: returns the exit code (0 success, 1 failure or refusal, 130 Ctrl-C, 143 SIGTERM).</summary>
    public int Run(TextWriter terminal)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        var runName = $"cu{CuId}";
        using var runLog = RunLog.Start(runName, terminal, Options.Verbosity, Options.ResolvedLogDirectory);
        log = runLog.Logger;
        LogFile = runLog.FilePath;
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var recorded = false;
        try
        {
            log.Debug("cu{CuId} started by {Curator} on {Database}, log file {LogFile}", CuId, Options.Curator, Options.Database, LogFile);
            database = Session.Open(Options.Database);
            TaskName = FindTask();
            Prepare();
            held = AcquireLock();
            var now = CurationHistory.Now();
            foreach (var e in CurationHistory.MarkAbandoned(Database, CuId, LockedProgrammeId, now, write: !Options.DryRun))
            {
                log.Warn("event {Event} (cu{CuId} {Task}, started {Start:yyyy-MM-dd HH:mm:ss} by {Curator}) stopped without recording its outcome; "
                    + "{Action}", e.CuEventId, e.CuId, e.Task, e.StartTime, e.Curator,
                    Options.DryRun ? "it would be marked failed and rolled back" : "marked failed and rolled back (the database kept none of its unfinished work)");
            }

            if (Options.DryRun)
            {
                CuEventId = Database.Scalar<int>($"SELECT COALESCE(MAX(cuEventID), 0) + 1 FROM {Database.Name("ArchiveCurationHistory")}");
                log.Info("Dry run of cu{CuId} ({Task}): nothing will be written and no history recorded", CuId, TaskName);
            }
            else
            {
                CuEventId = CurationHistory.Start(Database, CuId, Options.Curator, LogFile ?? "NONE", Options.Comment ?? "NONE", now);
                recorded = true;
                log.Info("cu{CuId} ({Task}) started as curation event {Event}", CuId, TaskName, CuEventId);
            }

            foreach (var p in InitialProgrammes())
                RecordProgramme(p);
            Work();
            if (!stoppedWhileIdle)
                Cancellation.ThrowIfCancellationRequested();
            Status = RunStatus.Succeeded;
            if (recorded)
                CurationHistory.Finish(Database, CuEventId, RunStatus.Succeeded, rolledBack: false, CurationHistory.Now());
            if (Options.DryRun)
                log.Info("Dry run of cu{CuId} ({Task}) finished: {Units} unit(s) done and rolled back; nothing recorded", CuId, TaskName, UnitsCompleted);
            else
                log.Info("cu{CuId} ({Task}) finished: event {Event}, {Units} unit(s) committed", CuId, TaskName, CuEventId, UnitsCompleted);
            if (Incomplete is not null)
            {
                Error = $"cu{CuId} ({TaskName}) finished, but {Incomplete}";
                log.Error("{Error}{Where}", Error, LogFile is null ? "" : $" (log: {LogFile})");
                return ExitFailed;
            }

            return ExitSucceeded;
        }
        catch (Exception e)
        {
            Status = RunStatus.Failed;
            Error = Describe(e);
            log.Debug(e, "cu{CuId} failed", CuId);
            if (recorded)
                RecordFailure();
            log.Error("{Error}{Where}", Error, LogFile is null ? "" : $" (log: {LogFile})");
            return e is OperationCanceledException && signal is not null
                ? signal == "SIGTERM" ? ExitTerminated : ExitInterrupted
                : ExitFailed;
        }
        finally
        {
            held?.Dispose();
            held = null;
            database?.Dispose();
            database = null;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> with the run's connection to the archive closed, this process's idle pooled
    /// connections to it closed too, and the task's lock let go; then opens the archive again and takes the lock back.
    /// For work that needs the archive to itself: PostgreSQL copies a database (<c>CREATE DATABASE ... TEMPLATE</c>)
    /// only while nothing is connected to it. Not inside a <see cref="Unit"/>. <paramref name="what"/> says what the
    /// work is, in the error line if it fails. While the lock is let go another session may take it: the run then fails
    /// (after <paramref name="work"/>), saying so.
    /// </summary>
    protected void Disconnected(string what, Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Database.Transaction is not null)
            throw new InvalidOperationException("Disconnected cannot be called inside a unit");
        Cancellation.ThrowIfCancellationRequested();
        currentUnit = what;
        held?.Dispose();
        held = null;
        database?.Dispose();
        database = null;
        ArchiveConnection.ReleasePooledConnections(Options.Database);
        Log.Debug("Connection to {Database} closed while {What}", Options.Database, what);
        try
        {
            work();
        }
        catch
        {
            Reconnect(what, afterFailure: true);
            throw;
        }

        Reconnect(what, afterFailure: false);
        currentUnit = null;
    }

    private void Reconnect(string what, bool afterFailure)
    {
        try
        {
            database = Session.Open(Options.Database);
            held = SessionLock.TryAcquire(database, LockName)
                ?? throw new CurationDatabaseException($"another session took {LockDescription} while this one was {what}");
        }
        catch (CurationDatabaseException e) when (afterFailure)
        {
            // The work failed already: its error is the one to report; this one goes to the log.
            Log.Error("After {What} failed, {Database} could not be opened again: {Message}", what, Options.Database, e.Message);
        }
    }

    /// <summary>Programmes recorded in <c>ProgrammeCurationHistory</c> as soon as the event starts.</summary>
    private protected virtual IEnumerable<int> InitialProgrammes() => [];

    private void RecordFailure()
    {
        try
        {
            // The unit that failed was rolled back when its transaction was disposed; record the outcome in a new one.
            CurationHistory.Finish(Database, CuEventId, RunStatus.Failed, rolledBack: true, CurationHistory.Now());
        }
        catch (Exception e) when (e is CurationDatabaseException or DbException or InvalidOperationException)
        {
            Log.Error("event {Event} could not be marked failed ({Message}); the next run of cu{CuId} will mark it", CuEventId, e.Message, CuId);
        }
    }

    private string Describe(Exception e)
    {
        var task = TaskName.Length > 0 ? $"cu{CuId} ({TaskName})" : $"cu{CuId}";
        var unit = currentUnit is null ? "" : $" while {currentUnit}";
        var recorded = CuEventId > 0 && !Options.DryRun ? $"; event {CuEventId} recorded as failed, its unfinished work rolled back" : "";
        return e switch
        {
            OperationCanceledException when signal is not null => $"{task} stopped by {signal}{unit}{recorded}",
            CuRefusedException => $"{task} did not start: {e.Message}",
            CurationDatabaseException or IOException or UnauthorizedAccessException or CurationInputException or FormatException
                => $"{task} failed{unit}: {e.Message}{recorded}",
            _ => $"{task} failed{unit}: {e.GetType().Name}: {e.Message}{recorded}",
        };
    }

    private string FindTask()
    {
        ReferenceTableCache tasks;
        try
        {
            tasks = Database.Table("CurationTask");
        }
        catch (CurationDatabaseException e)
        {
            throw new CuRefusedException($"{Options.Database} has no curation tables ({e.Message}); create the archive first with 'curate init --db {Options.Database}'");
        }

        return tasks.Find("cuID", CuId)?.Get<string>("name")?.TrimEnd()
            ?? throw new CuRefusedException($"task cu{CuId} is not registered in CurationTask of {Options.Database}; rerun 'curate init' to add it");
    }

    private SessionLock AcquireLock()
    {
        var waited = false;
        while (true)
        {
            if (SessionLock.TryAcquire(Database, LockName) is { } held)
            {
                if (waited)
                    Log.Info("{Lock} is free: starting", LockDescription);
                return held;
            }

            var holder = Holder();
            if (!Options.Wait)
                throw new CuRefusedException($"{LockDescription} is being curated by another session{holder}; rerun with --wait to wait for it");
            if (!waited)
                Log.Info("Waiting for {Lock}, curated by another session{Holder}", LockDescription, holder);
            waited = true;
            if (Cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)))
                Cancellation.ThrowIfCancellationRequested();
        }
    }

    private string Holder()
    {
        var running = CurationHistory.Read(Database, new HistoryFilter { ProgrammeId = LockedProgrammeId, CuId = LockedProgrammeId is null ? CuId : null })
            .Where(e => e.Status == RunStatus.Running).ToList();
        return running.Count == 0
            ? ""
            : " (" + string.Join(", ", running.Select(e => $"event {e.CuEventId}: cu{e.CuId} {e.Task} by {e.Curator}, started {e.StartTime:yyyy-MM-dd HH:mm:ss} UTC")) + ")";
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (signal is not null)
            return; // a second signal: let it end the process at once; the engine rolls back and the next run records it
        signal = context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "Ctrl-C (SIGINT)";
        context.Cancel = true;
        log?.Warn("{Signal} received: stopping after rolling back the unit in progress (send it again to stop at once)", signal);
        cancellation.Cancel();
    }
}

/// <summary>A run that could not start (the archive is not initialised, another session holds the lock, an unknown
/// programme): one line, exit 1, nothing recorded.</summary>
public sealed class CuRefusedException(string message) : Exception(message);

/// <summary>A problem in the input a task was given (a file, a keyword, a value): one line naming it.</summary>
public sealed class CurationInputException(string message) : Exception(message);
