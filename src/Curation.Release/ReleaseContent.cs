using System.Globalization;
using Curation.Database;
using Curation.Sessions;

namespace Curation.Release;

/// <summary>A survey of the <c>Survey</c> table: the unit a release is made of.</summary>
/// <param name="Id">Its <c>surveyID</c>.</param>
/// <param name="Name">Its <c>surveyName</c>, eg. UKIDSS.</param>
public sealed record Survey(int Id, string Name)
{
    /// <summary>The survey's name in messages: <c>UKIDSS (1)</c>.</summary>
    public override string ToString() => $"{Name} ({Id})";

    /// <summary>Finds a survey by ID or name (case-insensitive); the error lists the surveys known.</summary>
    /// <exception cref="CuRefusedException">No survey matches.</exception>
    public static Survey Find(Session session, string idOrName)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(idOrName);
        var all = session.Table("Survey").Rows.Select(r => new Survey(r.Get<int>("surveyID"), r.Get<string>("surveyName").TrimEnd())).OrderBy(s => s.Id).ToList();
        var key = idOrName.Trim();
        var found = int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? all.FirstOrDefault(s => s.Id == id)
            : all.FirstOrDefault(s => s.Name.Equals(key, StringComparison.OrdinalIgnoreCase));
        return found ?? throw new CuRefusedException(
            $"no survey '{key}' in {session.Url?.ToString() ?? "the archive"}; known: {string.Join(", ", all.Select(s => s.ToString()))}");
    }
}

/// <summary>A programme as a release sees it: the programme, its survey and its proprietary period.</summary>
/// <param name="Programme">The programme.</param>
/// <param name="SurveyId">Its survey.</param>
/// <param name="PropPeriodMonths">Its proprietary period (<c>Programme.propPeriod</c>), in months; negative when unknown.</param>
public sealed record ReleaseProgramme(Programme Programme, int SurveyId, int PropPeriodMonths);

/// <summary>One frame of <c>Multiframe</c> and when it becomes public.</summary>
/// <param name="MultiframeId">The frame.</param>
/// <param name="ProgrammeId">Its programme (<c>Multiframe.programmeID</c>).</param>
/// <param name="PublicFrom">The first day it is public, or null when that cannot be known (no date of observation, or
/// no proprietary period): such a frame is never released.</param>
public sealed record FrameDate(long MultiframeId, int ProgrammeId, DateOnly? PublicFrom);

/// <summary>What one programme brings to a release.</summary>
/// <param name="Programme">The programme.</param>
/// <param name="Public">Its frames public on the release date: released.</param>
/// <param name="Proprietary">Its frames still proprietary on the release date: left out.</param>
/// <param name="Undated">Its frames with no date of observation or no proprietary period: left out.</param>
/// <param name="NextPublic">The first day one of its proprietary frames becomes public, or null.</param>
public sealed record ProgrammeContent(ReleaseProgramme Programme, int Public, int Proprietary, int Undated, DateOnly? NextPublic);

/// <summary>
/// What a release of a survey on a date holds: the survey's programmes with tables of their own and frames public on
/// that date, and the frames that are public. A frame is public on the release date when the UTC date of its observation
/// (<c>Multiframe.dateObs</c>, else <c>mjdObs</c>) plus its programme's proprietary period (<c>Programme.propPeriod</c>
/// months) is on or before that date. Every other frame is left out of the release: frames still proprietary, frames of
/// other surveys' programmes and of programmes without tables (calibration, unidentified), and frames whose date or
/// proprietary period is unknown.
/// </summary>
public sealed class ReleaseContent
{
    private ReleaseContent(Survey survey, DateOnly date, IReadOnlyList<ProgrammeContent> programmes, IReadOnlyList<FrameDate> frames,
        IReadOnlySet<long> released)
    {
        Survey = survey;
        Date = date;
        Candidates = programmes;
        Frames = frames;
        Released = released;
    }

    /// <summary>The survey released.</summary>
    public Survey Survey { get; }

    /// <summary>The release date.</summary>
    public DateOnly Date { get; }

    /// <summary>Every programme of the survey with tables of its own and frames, with what it brings.</summary>
    public IReadOnlyList<ProgrammeContent> Candidates { get; }

    /// <summary>The programmes released: those with frames public on the release date.</summary>
    public IReadOnlyList<ProgrammeContent> Programmes => Candidates.Where(p => p.Public > 0).ToList();

    /// <summary>Every frame of the archive.</summary>
    public IReadOnlyList<FrameDate> Frames { get; }

    /// <summary>The frames released.</summary>
    public IReadOnlySet<long> Released { get; }

    /// <summary>The frames left out (every frame not released).</summary>
    public IEnumerable<long> LeftOut => Frames.Where(f => !Released.Contains(f.MultiframeId)).Select(f => f.MultiframeId);

    /// <summary>Frames left out because they belong to other surveys or to programmes without tables of their own.</summary>
    public int OtherFrames => Frames.Count - Candidates.Sum(p => p.Public + p.Proprietary + p.Undated);

    /// <summary>The first day a frame is public, given when it was observed (UTC) and the proprietary period in months;
    /// null when either is unknown.</summary>
    public static DateOnly? PublicFrom(DateTime? observed, int propPeriodMonths) =>
        observed is { } o && propPeriodMonths >= 0 ? DateOnly.FromDateTime(o).AddMonths(propPeriodMonths) : null;

    /// <summary>Reads the survey's programmes and every frame of the archive, and decides what a release on
    /// <paramref name="date"/> holds.</summary>
    public static ReleaseContent Read(Session session, Survey survey, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(survey);
        var programmes = session.Table("Programme").Rows.Select(r => new ReleaseProgramme(
                new Programme(r.Get<int>("programmeID"), r.Get<string>("acronym").TrimEnd(), r.Get<string>("title").TrimEnd(), r.Get<string>("tablePrefix").TrimEnd()),
                r.Get<int>("surveyID"), r.Get<int>("propPeriod")))
            .ToDictionary(p => p.Programme.Id);
        var frames = session.Query<(long Id, long Programme, DateTime DateObs, double MjdObs)>(
                $"SELECT multiframeID, programmeID, dateObs, mjdObs FROM {session.Name("Multiframe")} ORDER BY multiframeID")
            .Select(f => new FrameDate(f.Id, (int)f.Programme,
                programmes.TryGetValue((int)f.Programme, out var p) ? PublicFrom(Observed(f.DateObs, f.MjdObs), p.PropPeriodMonths) : null))
            .ToList();

        var candidates = new List<ProgrammeContent>();
        var released = new HashSet<long>();
        foreach (var group in frames.GroupBy(f => f.ProgrammeId).OrderBy(g => g.Key))
        {
            if (!programmes.TryGetValue(group.Key, out var programme) || programme.SurveyId != survey.Id || !programme.Programme.HasTables)
                continue;
            var isPublic = group.Where(f => f.PublicFrom <= date).ToList();
            released.UnionWith(isPublic.Select(f => f.MultiframeId));
            var proprietary = group.Where(f => f.PublicFrom > date).ToList();
            candidates.Add(new ProgrammeContent(programme, isPublic.Count, proprietary.Count, group.Count(f => f.PublicFrom is null),
                proprietary.Count == 0 ? null : proprietary.Min(f => f.PublicFrom)));
        }

        return new ReleaseContent(survey, date, candidates, frames, released);
    }

    /// <summary>The time of observation: <c>dateObs</c>, else the MJD, else unknown (both at their defaults).</summary>
    private static DateTime? Observed(DateTime dateObs, double mjdObs)
    {
        if (dateObs.Year < 9999)
            return dateObs;
        if (mjdObs > 0 && mjdObs < 2_900_000)
            return new DateTime(1858, 11, 17, 0, 0, 0, DateTimeKind.Unspecified).AddDays(mjdObs);
        return null;
    }
}
