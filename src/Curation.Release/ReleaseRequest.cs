using System.Text.RegularExpressions;
using Curation.Database;
using Curation.Sessions;

namespace Curation.Release;

/// <summary>What a release (CU19) is asked to make.</summary>
public sealed record ReleaseRequest
{
    /// <summary>The survey to release: its <c>surveyID</c> or <c>surveyName</c> (case-insensitive).</summary>
    public required string Survey { get; init; }

    /// <summary>The release number; null for one more than the survey's last release (1 for its first).</summary>
    public int? ReleaseNum { get; init; }

    /// <summary>The release date; null for today (UTC).</summary>
    public DateOnly? Date { get; init; }

    /// <summary>A brief description recorded in <c>Release.description</c>; null for <c>SURVEY DRn</c>.</summary>
    public string? Description { get; init; }

    /// <summary>The release database; null for the default name beside the curation database (see <see cref="ReleaseTarget"/>).</summary>
    public DatabaseUrl? ReleaseDatabase { get; init; }

    /// <summary>Where the schema browser and the summary go (and an SQLite release file, when
    /// <see cref="ReleaseDatabase"/> is null); null for beside the SQLite release file, or the current directory for a
    /// server database.</summary>
    public string? OutDirectory { get; init; }
}

/// <summary>Where a release goes: its database, its schema browser and its summary.</summary>
/// <param name="Database">The release database.</param>
/// <param name="SchemaDirectory">The schema browser's directory: <c>NAME_schema/</c>.</param>
/// <param name="SummaryFile">The summary: <c>NAME_summary.json</c>.</param>
public sealed partial record ReleaseTarget(ReleaseDatabase Database, string SchemaDirectory, string SummaryFile)
{
    /// <summary>
    /// The default names: an SQLite release is the file <c>ARCHIVE_SURVEY_DRn.db</c> (ARCHIVE the curation database's
    /// file name without its extension) in <see cref="ReleaseRequest.OutDirectory"/>, else beside the curation database;
    /// a PostgreSQL or SQL Server release is the database <c>archive_survey_drn</c> on the curation database's server
    /// (lower case: PostgreSQL folds names). The schema browser and summary go beside an SQLite release file, or in
    /// <see cref="ReleaseRequest.OutDirectory"/>, else the current directory, for a server.
    /// </summary>
    /// <exception cref="CuRefusedException">The release database asked for is of another engine or on another server, or is the curation database itself.</exception>
    public static ReleaseTarget Resolve(DatabaseUrl archive, Survey survey, int releaseNum, ReleaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(request);
        var tag = $"{Clean().Replace(survey.Name, "_").Trim('_')}_DR{releaseNum}";
        DatabaseUrl final;
        string name, outDir;
        if (archive.Engine == DatabaseEngine.Sqlite)
        {
            var archivePath = Path.GetFullPath(archive.Path!);
            final = request.ReleaseDatabase
                ?? DatabaseUrl.Parse("sqlite:" + Path.Combine(request.OutDirectory ?? Path.GetDirectoryName(archivePath)!, $"{Path.GetFileNameWithoutExtension(archivePath)}_{tag}.db"));
            Refuse(archive, final, final.Engine == DatabaseEngine.Sqlite && Path.GetFullPath(final.Path!) == archivePath);
            name = Path.GetFileNameWithoutExtension(final.Path!);
            outDir = request.OutDirectory ?? Path.GetDirectoryName(Path.GetFullPath(final.Path!))!;
        }
        else
        {
            final = request.ReleaseDatabase ?? archive.WithDatabase($"{archive.Database}_{tag}".ToLowerInvariant());
            Refuse(archive, final, string.Equals(final.Database, archive.Database, StringComparison.OrdinalIgnoreCase));
            if (final.Engine == DatabaseEngine.Postgres && final.Database!.Length + "_partial".Length > 63)
                throw new CuRefusedException($"the release database's name {final.Database} is too long for PostgreSQL (63 characters with '_partial' while it is made); give a shorter one with --release-db");
            name = final.Database!;
            outDir = request.OutDirectory ?? Directory.GetCurrentDirectory();
        }

        outDir = Path.GetFullPath(outDir);
        return new ReleaseTarget(ReleaseDatabase.For(archive, final), Path.Combine(outDir, name + "_schema"), Path.Combine(outDir, name + "_summary.json"));
    }

    private static void Refuse(DatabaseUrl archive, DatabaseUrl final, bool same)
    {
        if (!archive.SameServer(final))
            throw new CuRefusedException($"the release database {final} must be of the curation database's engine and on its server ({archive}): it is made as a copy of it there");
        if (same)
            throw new CuRefusedException($"the release database {final} is the curation database itself");
    }

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex Clean();
}
