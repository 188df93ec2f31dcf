namespace Curation.TablePreparation.Programmes;

/// <summary>The programme a PROJECT keyword was found to belong to, or why none was found.</summary>
/// <param name="ProgrammeId">The programme; null when unknown (the frame gets the default programme, -99).</param>
/// <param name="Rule">The rule that decided (one of <see cref="ProgrammeRules"/>).</param>
/// <param name="Problem">Why the programme is unknown, eg. <c>PROJECT 'U/07B/H99' matches no registered programme</c>; null
/// when it is known.</param>
public sealed record ProgrammeMatch(int? ProgrammeId, string Rule, string? Problem)
{
    /// <summary>True when a registered programme was found.</summary>
    public bool IsKnown => ProgrammeId is not null;
}
