using System.Diagnostics;
using System.Globalization;
using Curation.Database;
using Curation.Imaging;
using Curation.Release.Indices;
using Curation.Schema.Model;
using Curation.Sessions;
using Curation.TablePreparation.Ingest;
using Curation.TablePreparation.Merging;
using Curation.TablePreparation.Neighbours;
using Curation.TablePreparation.Transfer;

namespace Curation.Invocations.Commands.Nightly;

/// <summary>What a nightly run is given.</summary>
public sealed record NightlyRequest
{
    /// <summary>Where CU1 transfers from, or null to skip CU1 (the files arrive some other way).</summary>
    public string? Source { get; init; }

    /// <summary>The archive's file store (CU1 copies into it, CU2 writes its previews there).</summary>
    public required string ArchiveDirectory { get; init; }

    /// <summary>Only these programmes (IDs, acronyms or table prefixes); empty for every programme.</summary>
    public IReadOnlyList<string> Programmes { get; init; } = [];

    /// <summary>Wait for another nightly run to finish instead of refusing.</summary>
    public bool Wait { get; init; }
}

/// <summary>One task a nightly run ran, and how it ended.</summary>
/// <param name="Scope">The programme's acronym, or <c>archive</c>.</param>
/// <param name="CuId">The task.</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Error">Its error line, or null.</param>
public sealed record NightlyStep(string Scope, int CuId, int ExitCode, string? Error);

/// <summary>
/// <c>curate nightly</c>: the curation of one night, unattended. The archive-wide tasks first (CU1 from the source, when
/// one is given; CU3 when <c>curate status</c> says it is due), then, programme by programme, the tasks status says are
/// due, in the order of <c>CurationTask.requiredOrder</c> (CU2, CU4, CU7, CU16); a task that fails ends its
/// programme's chain, not the others'. CU18 runs last, when due and when every chain finished (it records every
/// programme, and a programme whose chain stopped must not look complete to CU19). A lock (<c>nightly</c>) keeps two
/// nightly runs apart. Exit 0 when everything ran cleanly, 1 otherwise.
/// </summary>
internal sealed class NightlyRun(CuSessionOptions options, SchemaModel scripts, NightlyRequest request, TextWriter output, TextWriter terminal)
{
    /// <summary>The name of the lock that keeps two nightly runs apart.</summary>
    public const string LockName = "nightly";

    /// <summary>The tasks of a programme's chain the nightly run knows how to run, by CU number.</summary>
    private static readonly IReadOnlySet<int> ChainTasks = new HashSet<int> { 2, 4, 7, 16 };

    /// <summary>What ran, in order.</summary>
    public List<NightlyStep> Steps { get; } = [];

    /// <summary>Runs the night; returns the exit code.</summary>
    public int Run()
    {
        var clock = Stopwatch.StartNew();
        using var session = Session.Open(options.Database);
        var held = SessionLock.TryAcquire(session, LockName);
        while (held is null)
        {
            if (!request.Wait)
            {
                terminal.WriteLine($"error: nightly: another nightly run holds the lock on {options.Database}; rerun with --wait to wait for it");
                return CuSession.ExitFailed;
            }

            Thread.Sleep(TimeSpan.FromSeconds(1));
            held = SessionLock.TryAcquire(session, LockName);
        }

        using (held)
        {
            output.WriteLine($"nightly: started {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC on {options.Database}");
            if (request.Source is { } source)
                Step("archive", 1, () => new TransferSession(options, new TransferRequest { Source = TransferSource.Open(source), ArchiveDirectory = request.ArchiveDirectory }, output));
            else
                output.WriteLine("nightly: cu1 skipped: no --from (CURATION_SOURCE) given");
            if (CurationStatus.Read(session).Archive.Next.Any(t => t.CuId == 3))
                Step("archive", 3, () => new IngestMetadataSession(options, scripts, new IngestRequest(), output));

            var wanted = request.Programmes.Select(p => Programme.Find(session, p).Id).ToHashSet();
            var stopped = new List<string>();
            foreach (var programme in CurationStatus.Read(session).Programmes.Select(s => s.Programme!).Where(p => wanted.Count == 0 || wanted.Contains(p.Id)))
            {
                if (!Chain(session, programme))
                    stopped.Add(programme.Acronym);
            }

            var indices = CurationStatus.Read(session).Programmes.Any(s => s.Next.Any(t => t.CuId == 18));
            if (indices && stopped.Count > 0)
                output.WriteLine($"nightly: cu18 skipped: the chains of {string.Join(", ", stopped)} stopped at a failure; rerun the nightly once they are fixed");
            else if (indices)
                Step("archive", 18, () => new CreateIndicesSession(options, scripts, output));

            var failed = Steps.Where(s => s.ExitCode != 0).ToList();
            var chains = stopped.Count > 0 ? $"; chains stopped: {string.Join(", ", stopped)}" : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"nightly: finished in {clock.Elapsed.TotalSeconds:F1} s: {Steps.Count} task run(s), {failed.Count} failed{chains}"));
            foreach (var f in failed)
                output.WriteLine($"  {f.Scope} cu{f.CuId}: {f.Error ?? $"exit code {f.ExitCode}"}");
            return failed.Count == 0 ? CuSession.ExitSucceeded : CuSession.ExitFailed;
        }
    }

    /// <summary>Runs a programme's due tasks in order; false when one failed (the rest of the chain is not run).</summary>
    private bool Chain(Session session, Programme programme)
    {
        foreach (var cuId in CurationStatus.ReadProgramme(session, programme).Tasks.Select(t => t.CuId).Where(ChainTasks.Contains).ToList())
        {
            // Due as status says, read again after the tasks before it ran; never when it does not apply to the programme.
            if (!CurationStatus.ReadProgramme(session, programme).Tasks.Single(t => t.CuId == cuId).Due)
                continue;
            var perProgramme = options with { Programme = programme.Acronym };
            var code = Step(programme.Acronym, cuId, () => cuId switch
            {
                2 => new MakeJpegsSession(options, new MakeJpegsRequest { ArchiveDirectory = request.ArchiveDirectory, Programme = programme.Acronym }, output),
                4 => new IngestDetectionsSession(options, scripts, new IngestRequest { Programme = programme.Acronym }, output),
                7 => new MergeSourcesSession(perProgramme, scripts, new MergeRequest(), output),
                _ => new MakeNeighboursSession(perProgramme, scripts, new MakeNeighboursRequest(), output),
            });
            if (code != 0)
            {
                output.WriteLine($"nightly: {programme}: chain stopped at cu{cuId}");
                return false;
            }
        }

        return true;
    }


    private int Step(string scope, int cuId, Func<CuSession> create)
    {
        var run = create();
        var code = run.Run(terminal);
        Steps.Add(new NightlyStep(scope, cuId, code, run.Error));
        output.WriteLine($"nightly: {scope} cu{cuId} ({run.TaskName}): {(code == 0 ? "done" : "FAILED, exit " + code.ToString(CultureInfo.InvariantCulture))}");
        return code;
    }
}
