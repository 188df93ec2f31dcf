using Curation.Database.Tests;
using Curation.Sessions;
using Curation.TablePreparation.Ingest;

namespace Curation.Imaging.Tests;

/// <summary>A fresh archive of one engine with a file store of its own (store/, the --archive-dir), on which the tests
/// run CU3 and CU2 (with a log directory of their own, logs/).</summary>
internal sealed class PreviewArchive : CurationTestArchive
{
    private PreviewArchive(string engine)
        : base(engine)
    {
    }

    public string Store => Path.Combine(Directory, "store");

    /// <summary>The last CU2 run.</summary>
    public MakeJpegsSession? LastCu2 { get; private set; }

    public static PreviewArchive Create(string engine) => new(engine);

    public CuSessionOptions Options(bool dryRun = false) => new()
    {
        Database = Url, LogDirectory = Path.Combine(Directory, "logs"), Curator = "tester", Comment = "a preview test", DryRun = dryRun,
    };

    /// <summary>Runs CU3 on the files; returns the exit code.</summary>
    public int Cu3(params string[] files)
    {
        var output = new StringWriter();
        return Run(new IngestMetadataSession(Options(), Scripts, new IngestRequest { Files = files }, output), output);
    }

    /// <summary>Runs CU2 with the test's file store; returns the exit code.</summary>
    public int Cu2(bool force = false, string? programme = null, bool dryRun = false, PreviewOptions? preview = null, int workers = 2)
    {
        var output = new StringWriter();
        LastCu2 = new MakeJpegsSession(Options(dryRun), new MakeJpegsRequest
        {
            ArchiveDirectory = Store, Force = force, Programme = programme, Workers = workers,
            Preview = preview ?? new PreviewOptions { Threads = 2 },
        }, output);
        return Run(LastCu2, output);
    }
}
