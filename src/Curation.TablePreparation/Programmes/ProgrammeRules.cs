namespace Curation.TablePreparation.Programmes;

/// <summary>The names of the rules by which <see cref="ProgrammeIdentifier"/> decides (<see cref="ProgrammeMatch.Rule"/>).</summary>
public static class ProgrammeRules
{
    /// <summary>PROJECT equals a registered dfsIDString (ignoring case and surrounding blanks).</summary>
    public const string Exact = "exact";

    /// <summary>A survey or calibration programme's dfsIDString is a prefix of PROJECT, which carries more after it, eg.
    /// <c>U/UKIDSS/GCS21</c> or <c>u/ukidss/las_p11b</c>; the longest such dfsIDString wins.</summary>
    public const string Prefix = "prefix";

    /// <summary>A prefix match whose remainder is <c>_sv</c>: the survey's science-verification observations, which belong
    /// to the survey itself.</summary>
    public const string ScienceVerification = "science-verification";

    /// <summary>A non-survey dfsIDString followed by one sub-project letter a, b or c, eg. <c>u/03b/h6a</c> for
    /// <c>u/03b/h6</c> (the UKIRT project-ID form <c>u/SEM/[jhdk]NN[abc]</c>).</summary>
    public const string SubProject = "sub-project";

    /// <summary>PROJECT is absent, blank or NONE: the programme is unknown.</summary>
    public const string Missing = "missing";

    /// <summary>PROJECT matches no registered programme: the programme is unknown.</summary>
    public const string Unregistered = "unregistered";
}
