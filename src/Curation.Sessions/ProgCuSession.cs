using System.Globalization;
using Curation.Database;

namespace Curation.Sessions;

/// <summary>A programme from the <c>Programme</c> table.</summary>
/// <param name="Id">Its <c>programmeID</c>.</param>
/// <param name="Acronym">Its acronym, eg. LAS.</param>
/// <param name="Title">Its title.</param>
/// <param name="TablePrefix">The prefix of its tables (eg. <c>las</c>), or NONE.</param>
public sealed record Programme(int Id, string Acronym, string Title, string TablePrefix)
{
    /// <summary>True when the programme has catalogue tables of its own.</summary>
    public bool HasTables => !TablePrefix.Equals("NONE", StringComparison.OrdinalIgnoreCase);

    /// <summary>The programme's name in messages: <c>LAS (101)</c>.</summary>
    public override string ToString() => $"{Acronym} ({Id})";

    /// <summary>Finds a programme by ID, acronym or table prefix (case-insensitive); the error lists the programmes known.</summary>
    /// <exception cref="CuRefusedException">No programme matches.</exception>
    public static Programme Find(Session session, string idOrName)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(idOrName);
        var all = All(session);
        var key = idOrName.Trim();
        var found = int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? all.FirstOrDefault(p => p.Id == id)
            : all.FirstOrDefault(p => p.Acronym.Equals(key, StringComparison.OrdinalIgnoreCase))
              ?? all.FirstOrDefault(p => p.HasTables && p.TablePrefix.Equals(key, StringComparison.OrdinalIgnoreCase));
        return found ?? throw new CuRefusedException(
            $"no programme '{key}' in {session.Url?.ToString() ?? "the archive"}; known: "
            + string.Join(", ", all.Where(p => p.Id > 0).Select(p => p.ToString())));
    }

    /// <summary>Every programme of the archive, by ID.</summary>
    public static IReadOnlyList<Programme> All(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Table("Programme").Rows
            .Select(r => new Programme(r.Get<int>("programmeID"), r.Get<string>("acronym").TrimEnd(), r.Get<string>("title").TrimEnd(), r.Get<string>("tablePrefix").TrimEnd()))
            .OrderBy(p => p.Id).ToList();
    }
}

/// <summary>
/// A curation task that works on one programme (<c>--programme</c>, by ID or name): its run is recorded in
/// <c>ProgrammeCurationHistory</c> too, and it locks the programme, so that two sessions cannot curate the same
/// programme at once (the second waits with <c>--wait</c>, else refuses).
/// </summary>
public abstract class ProgCuSession : CuSession
{
    private Programme? programme;

    /// <summary>Creates the session; <see cref="CuSessionOptions.Programme"/> is required.</summary>
    protected ProgCuSession(int cuId, CuSessionOptions options)
        : base(cuId, options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Programme))
            throw new ArgumentException("a programme task needs --programme", nameof(options));
    }

    /// <summary>The programme worked on (from the start of the run).</summary>
    protected Programme Programme => programme ?? throw new InvalidOperationException("the session is not running");

    /// <inheritdoc />
    protected override string LockName => $"programme-{Programme.Id}";

    /// <inheritdoc />
    protected override string LockDescription => $"programme {Programme}";

    /// <inheritdoc />
    protected override int? LockedProgrammeId => Programme.Id;

    /// <inheritdoc />
    protected override void Prepare() => programme = Programme.Find(Database, Options.Programme!);

    private protected override IEnumerable<int> InitialProgrammes() => [Programme.Id];
}
