using Curation.Sessions;

namespace Curation.TablePreparation.Ingest;

/// <summary>What CU3 and CU4 share: the files asked for (registered first when new), the summary, and rejecting a file
/// (recorded in <c>ArchivedFile</c> with its reason, the run going on).</summary>
public abstract class IngestSession(int cuId, CuSessionOptions options, IngestRequest request) : CuSession(cuId, options)
{
    private readonly Dictionary<long, string> checksums = [];

    /// <summary>What the run was asked to ingest, and how strictly.</summary>
    protected IngestRequest Request { get; } = request;

    /// <summary>What the run did.</summary>
    public IngestSummary Summary { get; } = new();

    /// <summary>True for CU4, whose state is <c>detectionState</c>; false for CU3 (<c>metadataState</c>).</summary>
    protected abstract bool Detections { get; }

    /// <summary>The files of <see cref="IngestRequest.Files"/>, each registered in its own unit if new; a missing one is rejected.</summary>
    protected List<ArchivedFileRow> RegisterRequested()
    {
        var files = new List<ArchivedFileRow>();
        foreach (var path in Request.Files)
        {
            if (!File.Exists(path))
            {
                Reject(null, path, "the file does not exist");
                continue;
            }

            var checksum = ArchivedFiles.Checksum(path);
            ArchivedFileRow? row = null;
            Unit($"registering {path}", () => row = ArchivedFiles.Register(Database, path, CuEventId, CurationHistory.Now(), checksum));
            checksums[row!.FileId] = checksum;
            files.Add(row);
        }

        return files;
    }

    /// <summary>The SHA-256 of a file's bytes now: the one computed when this run registered it, else read again.</summary>
    protected string CurrentChecksum(ArchivedFileRow file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return checksums.TryGetValue(file.FileId, out var known) ? known : ArchivedFiles.Checksum(file.FileName);
    }

    /// <summary>Rejects a file: logged, listed in the summary, and (when registered) recorded with its reason in its own unit.</summary>
    protected void Reject(ArchivedFileRow? file, string path, string reason)
    {
        Log.Error("Rejected {File}: {Reason}", path, reason);
        Summary.Rejected.Add((path, reason));
        if (file is not null)
        {
            Unit($"recording the rejection of {path}",
                () => ArchivedFiles.SetState(Database, file.FileId, Detections, IngestState.Rejected, CuEventId, CurationHistory.Now(), reason));
        }
    }
}
