namespace Curation.TablePreparation.Programmes;

/// <summary>
/// Decides which registered programme a frame belongs to from its PROJECT keyword, as the WSA did: the programme whose
/// <c>dfsIDString</c> the PROJECT value holds (see <see cref="ProgrammeRules"/> for each rule and docs/programmes.md for
/// where the rules come from). A value that matches no programme is reported as unknown with the reason, never guessed.
/// </summary>
/// <remarks>
/// Matching ignores case and surrounding blanks. A survey or calibration programme (<c>isNonSurvey</c> = 0) matches any
/// PROJECT that begins with its dfsIDString (<c>U/UKIDSS/GCS21</c>, <c>u/ukidss/las_sv</c>); a non-survey programme
/// matches only its exact dfsIDString or that followed by one sub-project letter (<c>u/03b/h6a</c>), since open-time
/// identifiers are prefixes of one another (<c>u/05a/3</c>, <c>u/05a/37</c>). When several match, the longest dfsIDString
/// wins. Rows whose dfsIDString is blank or NONE (the default programme, -99) never match.
/// </remarks>
public sealed class ProgrammeIdentifier
{
    private const string UkidssPrefix = "u/ukidss/";
    private const string EngineeringPrefix = "u/ec/";

    private readonly List<ProgrammeEntry> programmes;

    /// <summary>Creates an identifier over the registered programmes.</summary>
    /// <exception cref="ArgumentException">Two programmes have the same dfsIDString (ignoring case), so a frame's programme
    /// would be ambiguous.</exception>
    public ProgrammeIdentifier(IEnumerable<ProgrammeEntry> programmes)
    {
        ArgumentNullException.ThrowIfNull(programmes);
        this.programmes = [.. programmes.Where(p => IsMatchable(p.DfsIdString))];
        var duplicate = this.programmes.GroupBy(p => p.DfsIdString.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException(
                $"programmes {string.Join(" and ", duplicate.Select(p => $"{p.Acronym} ({p.ProgrammeId})"))} have the same dfsIDString "
                + $"'{duplicate.Key}': a frame's programme would be ambiguous", nameof(programmes));
        }
    }

    /// <summary>The programmes that can be matched (those with a dfsIDString other than blank or NONE).</summary>
    public IReadOnlyList<ProgrammeEntry> Programmes => programmes;

    /// <summary>The programme of a frame whose PROJECT keyword has the given value (null when the keyword is absent).</summary>
    public ProgrammeMatch Identify(string? project)
    {
        var value = project?.Trim() ?? "";
        if (value.Length == 0)
        {
            return new ProgrammeMatch(null, ProgrammeRules.Missing,
                project is null ? "no PROJECT keyword: the programme is unknown" : "PROJECT is blank: the programme is unknown");
        }

        if (value.Equals("NONE", StringComparison.OrdinalIgnoreCase))
            return new ProgrammeMatch(null, ProgrammeRules.Missing, "PROJECT is 'NONE' (the value of a missing keyword): the programme is unknown");

        ProgrammeEntry? best = null;
        var rule = "";
        foreach (var p in programmes)
        {
            if (RuleFor(p, value) is { } r && (best is null || p.DfsIdString.Trim().Length > best.DfsIdString.Trim().Length))
                (best, rule) = (p, r);
        }

        return best is not null
            ? new ProgrammeMatch(best.ProgrammeId, rule, null)
            : new ProgrammeMatch(null, ProgrammeRules.Unregistered, Unmatched(project!, value));
    }

    /// <summary>The rule by which a programme matches a (trimmed) PROJECT value, or null when it does not.</summary>
    private static string? RuleFor(ProgrammeEntry programme, string project)
    {
        var dfs = programme.DfsIdString.Trim();
        if (project.Equals(dfs, StringComparison.OrdinalIgnoreCase))
            return ProgrammeRules.Exact;
        if (!project.StartsWith(dfs, StringComparison.OrdinalIgnoreCase))
            return null;

        var rest = project[dfs.Length..];
        if (programme.IsNonSurvey)
            return rest.Length == 1 && "abcABC".Contains(rest[0], StringComparison.Ordinal) && char.IsAsciiDigit(dfs[^1]) ? ProgrammeRules.SubProject : null;
        return rest.Equals("_sv", StringComparison.OrdinalIgnoreCase) ? ProgrammeRules.ScienceVerification : ProgrammeRules.Prefix;
    }

    /// <summary>Why nothing matched, in words an operator can act on.</summary>
    private string Unmatched(string project, string value)
    {
        var text = $"PROJECT '{project}' matches no registered programme";
        if (value.StartsWith(EngineeringPrefix, StringComparison.OrdinalIgnoreCase))
            return text + ": it is a UKIRT engineering and commissioning (E&C) project, and none is registered with that dfsIDString";
        if (value.StartsWith(UkidssPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var surveys = programmes.Where(p => !p.IsNonSurvey && p.DfsIdString.Trim().StartsWith(UkidssPrefix, StringComparison.OrdinalIgnoreCase))
                .Select(p => p.DfsIdString.Trim()).Order(StringComparer.Ordinal).ToList();
            return text + ": it is a UKIDSS project naming none of the registered surveys"
                + (surveys.Count > 0 ? $" ({string.Join(", ", surveys)})" : "");
        }

        var near = programmes.Where(p => p.IsNonSurvey && value.StartsWith(p.DfsIdString.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(p => p.DfsIdString.Trim().Length).FirstOrDefault();
        return near is null
            ? text
            : text + $" (non-survey programme {near.Acronym} ({near.ProgrammeId}), '{near.DfsIdString.Trim()}', is matched exactly, not as a prefix)";
    }

    private static bool IsMatchable(string? dfs) =>
        !string.IsNullOrWhiteSpace(dfs) && !dfs.Trim().Equals("NONE", StringComparison.OrdinalIgnoreCase);
}
