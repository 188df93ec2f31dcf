using System.Globalization;
using Curation.Database;
using Curation.Schema;
using Curation.Schema.Model;
using Curation.Sessions;
using Curation.TablePreparation.External;
using Curation.TablePreparation.Matching;
using Curation.TablePreparation.Neighbours;

namespace Curation.TablePreparation.Tests.Neighbours;

/// <summary>A fresh archive of one engine on which the tests fill a programme's sources directly (through the bulk
/// loader, as CU7 will) and run CU16 and load-external, with a log directory and a work directory of their own.</summary>
internal sealed class NeighbourArchive : CurationTestArchive
{
    private NeighbourArchive(string engine)
        : base(engine)
    {
    }

    public static NeighbourArchive Create(string engine) => new(engine);

    public string WorkDirectory => Path.Combine(Directory, "work");

    /// <summary>The last CU16 run.</summary>
    public MakeNeighboursSession? LastCu16 { get; private set; }

    /// <summary>The last load-external run.</summary>
    public LoadExternalSession? LastLoad { get; private set; }

    public CuSessionOptions Options(bool dryRun = false, string? programme = null) => new()
    {
        Database = Url, LogDirectory = Path.Combine(Directory, "logs"), Curator = "tester", Comment = "a neighbour test", DryRun = dryRun,
        Programme = programme,
    };

    /// <summary>Runs CU16 on a programme; returns the exit code.</summary>
    public int Cu16(string programme = "LAS", string? table = null, double? radius = null, bool dryRun = false, int blockRows = 97, int threads = 2)
    {
        System.IO.Directory.CreateDirectory(WorkDirectory);
        var output = new StringWriter();
        LastCu16 = new MakeNeighboursSession(Options(dryRun, programme), Scripts, new MakeNeighboursRequest
        {
            Table = table, RadiusArcsec = radius, Threads = threads, WorkDirectory = WorkDirectory, BlockRows = blockRows,
        }, output);
        return Run(LastCu16, output);
    }

    /// <summary>Runs load-external; returns the exit code.</summary>
    public int LoadExternal(LoadExternalRequest request, bool dryRun = false)
    {
        var output = new StringWriter();
        LastLoad = new LoadExternalSession(Options(dryRun), Scripts, request, output);
        return Run(LastLoad, output);
    }

    /// <summary>Adds sources to <c>{prog}Source</c> through the bulk loader, every other column at its default, all of
    /// one frame set (added to <c>{prog}MergeLog</c> when missing).</summary>
    public void AddSources(SkyPositions sources, string prefix = "las")
    {
        using var session = Open();
        var layout = ArchiveInitializer.RegisteredLayout(session.Connection, null, session.Dialect, Scripts);
        var mergeLog = layout.Table(prefix + "MergeLog")!;
        var source = layout.Table(prefix + "Source")!;
        session.InTransaction(() =>
        {
            if (session.Scalar<long>($"SELECT COUNT(*) FROM {session.Name(mergeLog.Name)} WHERE frameSetID = 1") == 0)
            {
                using var frameSets = session.Load(mergeLog);
                frameSets.AddRow(Row(frameSets.Columns, new() { ["frameSetID"] = 1L }));
                frameSets.Complete();
            }

            using var loader = session.Load(source);
            for (var i = 0; i < sources.Count; i++)
            {
                loader.AddRow(Row(loader.Columns, new()
                {
                    ["sourceID"] = sources.Ids[i], ["frameSetID"] = 1L, ["ra"] = sources.Ra[i], ["dec"] = sources.Dec[i],
                }));
            }

            loader.Complete();
        });
    }

    /// <summary>A row of the given columns: the values given, every other column at its default.</summary>
    private static object?[] Row(IReadOnlyList<ColumnDef> columns, Dictionary<string, object?> values)
    {
        var row = new object?[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            if (values.TryGetValue(c.Name, out var v))
                row[i] = v;
            else if (c.DefaultValue is { } d)
                row[i] = ReferenceData.ConvertValue(SqlLiterals.Unquote(d), c.Type);
            else if (!c.Nullable)
                throw new InvalidOperationException($"column {c.Name} has no default: give it a value");
        }

        return row;
    }

    /// <summary>The rows of a neighbour table as pairs (the separation in degrees, from distanceMins).</summary>
    public List<(long Master, long Slave, double DistanceMins)> Neighbours(string table) =>
        [.. Rows($"SELECT masterObjID, slaveObjID, distanceMins FROM {table} ORDER BY masterObjID, slaveObjID")
            .Select(r => (Convert.ToInt64(r["masterObjID"], CultureInfo.InvariantCulture), Convert.ToInt64(r["slaveObjID"], CultureInfo.InvariantCulture),
                Convert.ToDouble(r["distanceMins"], CultureInfo.InvariantCulture)))];

    /// <summary>Registers a neighbour table for a programme in RequiredNeighbours.</summary>
    public void RequireNeighbours(int programmeId, string table, int surveyId, int extTableId, int extProgId, double joinCriterion) =>
        Execute("INSERT INTO RequiredNeighbours (programmeID, neighbourTable, surveyID, extTableID, extProgID, joinCriterion) VALUES (@p, @t, @s, @e, @x, @j)",
            new { p = programmeId, t = table, s = surveyId, e = extTableId, x = extProgId, j = joinCriterion });
}
