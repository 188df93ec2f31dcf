using Curation.Database.Tests;
using Curation.Sessions;
using Curation.TablePreparation.Ingest;
using Curation.TablePreparation.Merging;
using Curation.TablePreparation.Registration;
using Curation.TablePreparation.Transfer;

namespace Curation.TablePreparation.Tests.Ingest;

/// <summary>A fresh archive of one engine on which the tests run CU1, CU3 and CU4 (with a log directory of their own).</summary>
internal sealed class IngestArchive : CurationTestArchive
{
    private IngestArchive(string engine)
        : base(engine)
    {
    }

    public string LogDirectory => Directory;

    public static IngestArchive Create(string engine) => new(engine);

    public CuSessionOptions Options() => new() { Database = Url, LogDirectory = LogDirectory, Curator = "tester", Comment = "an ingest test" };

    /// <summary>Runs CU1; returns the exit code, and the session (its summary) through <paramref name="session"/>.</summary>
    public int Cu1(TransferRequest request, out TransferSession session, bool dryRun = false)
    {
        var output = new StringWriter();
        session = new TransferSession(Options() with { DryRun = dryRun }, request, output);
        return Run(session, output);
    }

    /// <summary>Runs CU3 on the files (every pending file when none); returns the exit code.</summary>
    public int Cu3(IngestRequest request)
    {
        var output = new StringWriter();
        return Run(new IngestMetadataSession(Options(), Scripts, request, output), output);
    }

    /// <summary>Runs CU4 on the files (every pending catalogue when none); returns the exit code.</summary>
    public int Cu4(IngestRequest request, int workers = 2)
    {
        var output = new StringWriter();
        return Run(new IngestDetectionsSession(Options(), Scripts, request, output) { Workers = workers, BatchRows = 1000 }, output);
    }

    /// <summary>Runs CU7 on a programme; returns the exit code, and the session (its summary) through <paramref name="session"/>.</summary>
    public int Cu7(string programme, out MergeSourcesSession session, MergeRequest? request = null)
    {
        var output = new StringWriter();
        session = new MergeSourcesSession(Options() with { Programme = programme }, Scripts, request ?? new MergeRequest { Threads = 2 }, output);
        return Run(session, output);
    }

    /// <summary>Runs CU21 on a registration file, writing the programme's script into <paramref name="scriptsDirectory"/>
    /// (default: programmes/ in the test's directory); returns the exit code, and the session through <paramref name="session"/>.</summary>
    public int Cu21(string file, out RegisterProgrammeSession session, bool dryRun = false, string? scriptsDirectory = null, Schema.Model.SchemaModel? scripts = null)
    {
        var output = new StringWriter();
        session = new RegisterProgrammeSession(Options() with { DryRun = dryRun }, scripts ?? Scripts,
            new RegisterProgrammeRequest { File = file, ScriptsDirectory = scriptsDirectory ?? ScriptsDirectory }, output);
        return Run(session, output);
    }

    /// <summary>Where <see cref="Cu21"/> writes the programmes' scripts by default.</summary>
    public string ScriptsDirectory => Path.Combine(Directory, "programmes");

    public int Cu3(params string[] files) => Cu3(new IngestRequest { Files = files });

    public int Cu4(params string[] files) => Cu4(new IngestRequest { Files = files });
}
