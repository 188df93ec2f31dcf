using System.Globalization;

namespace Curation.TablePreparation.Registration;

/// <summary>One problem of a registration: where it is (the file, line and column, and the field) and what is wrong.</summary>
/// <param name="Where">The place, eg. <c>u07bh99.json:7:14: filters[1]</c>, or the file alone.</param>
/// <param name="Message">What is wrong and, where it helps, how to put it right.</param>
public sealed record RegistrationProblem(string Where, string Message)
{
    /// <summary>The problem as one line: <c>where: message</c>.</summary>
    public override string ToString() => $"{Where}: {Message}";
}

/// <summary>A registration field that names something by name or by its numeric ID (a survey, an external table).</summary>
/// <param name="Name">The name given, or null when an ID was given.</param>
/// <param name="Id">The ID given, or null when a name was given.</param>
public sealed record NameOrId(string? Name, int? Id)
{
    /// <summary>The value as the file gave it.</summary>
    public override string ToString() => Name is not null ? $"'{Name}'" : Id!.Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A passband the programme's sources are merged in (a <c>RequiredFilters</c> row to be).</summary>
/// <param name="Filter">The filter's <c>Filter.shortName</c> as given, eg. K.</param>
/// <param name="Passes">The number of passes (<c>RequiredFilters.nPass</c>).</param>
/// <param name="Where">Where the file gives it.</param>
public sealed record FilterRequest(string Filter, int Passes, string Where);

/// <summary>A neighbour table the programme wants (a <c>RequiredNeighbours</c> row to be).</summary>
/// <param name="Self">True for the programme's own sources (<c>{prog}SourceNeighbours</c>).</param>
/// <param name="Survey">For a cross-neighbour table, the external survey (<c>ExternalSurvey</c> name, database name or ID).</param>
/// <param name="Table">For a cross-neighbour table, the survey's table (<c>ExternalSurveyTable</c> name, alias or ID).</param>
/// <param name="Radius">The join criterion (arcsec).</param>
/// <param name="Where">Where the file gives it.</param>
public sealed record NeighbourRequest(bool Self, NameOrId? Survey, NameOrId? Table, double Radius, string Where);

/// <summary>
/// What a registration file asks for: a new non-survey programme (see docs/register-programme.md for the format). The
/// values are as the file gives them, checked for form (types, ranges, identifiers); <see cref="RegistrationPlanner"/>
/// checks them against the archive.
/// </summary>
public sealed record ProgrammeRegistration
{
    /// <summary>The proprietary period when the file gives none: 12 months, as the WSA's open-time programmes had.</summary>
    public const int DefaultProprietaryMonths = 12;

    /// <summary>The pairing criterion when the file gives none, that of the archive's other programmes (arcsec).</summary>
    public const double DefaultPairingCriterion = 0.8;

    /// <summary>The registration file.</summary>
    public required string File { get; init; }

    /// <summary>The PROJECT value the programme's frames carry, its <c>dfsIDString</c> (eg. <c>u/07b/h99</c>).</summary>
    public required string Project { get; init; }

    /// <summary>The acronym, or null for the default (the letters and digits of <see cref="Project"/> in capitals).</summary>
    public string? Acronym { get; init; }

    /// <summary>The title.</summary>
    public required string Title { get; init; }

    /// <summary>The principal investigator (kept in <c>Programme.description</c>, which has room; Programme has no PI column).</summary>
    public required string Pi { get; init; }

    /// <summary>A description, or null.</summary>
    public string? Description { get; init; }

    /// <summary>A reference (URL or bibcode), or null.</summary>
    public string? Reference { get; init; }

    /// <summary>The survey the programme belongs to, or null for NONSURVEY.</summary>
    public NameOrId? Survey { get; init; }

    /// <summary>The description of a new survey (required to register one).</summary>
    public string? SurveyDescription { get; init; }

    /// <summary>The programme ID, or null for the next free one of the open-time range (1000 and up).</summary>
    public int? ProgrammeId { get; init; }

    /// <summary>The table prefix, or null for the acronym in lower case.</summary>
    public string? TablePrefix { get; init; }

    /// <summary>The passbands its sources are merged in.</summary>
    public required IReadOnlyList<FilterRequest> Filters { get; init; }

    /// <summary>The proprietary period (months).</summary>
    public int ProprietaryMonths { get; init; } = DefaultProprietaryMonths;

    /// <summary>The pairing criterion of CU7 (arcsec).</summary>
    public double PairingCriterion { get; init; } = DefaultPairingCriterion;

    /// <summary>The neighbour tables wanted.</summary>
    public IReadOnlyList<NeighbourRequest> Neighbours { get; init; } = [];

    /// <summary>Where the file gives each field: its path (<c>filters[1]</c>, <c>neighbours[0].radius</c>) to
    /// <c>file:line:column: path</c>; the file alone for a field it does not give.</summary>
    public required Func<string, string> Where { get; init; }
}
