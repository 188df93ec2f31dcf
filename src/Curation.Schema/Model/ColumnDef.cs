namespace Curation.Schema.Model;

/// <summary>A column of a table or view, with its SQL definition and its tags.</summary>
public sealed class ColumnDef
{
    /// <summary>The column's name, brackets removed.</summary>
    public required string Name { get; init; }

    /// <summary>The declared type.</summary>
    public required SqlType Type { get; init; }

    /// <summary>False when declared NOT NULL (or part of the primary key).</summary>
    public bool Nullable { get; init; } = true;

    /// <summary>The SQL default expression as written, outer parentheses removed; null when none.</summary>
    public string? Default { get; init; }

    /// <summary>True for an <c>IDENTITY</c> column.</summary>
    public bool IsIdentity { get; init; }

    /// <summary>For a computed column (<c>name AS expr [PERSISTED]</c>), its T-SQL expression as written; null otherwise.</summary>
    public string? ComputedExpression { get; init; }

    /// <summary>True for a computed column declared <c>PERSISTED</c>.</summary>
    public bool Persisted { get; init; }

    /// <summary>True for a computed column.</summary>
    public bool IsComputed => ComputedExpression is not null;

    /// <summary>The comment tags, by letter.</summary>
    public TagSet Tags { get; } = new();

    /// <summary>Where the column is defined.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>The convention the tags were read with.</summary>
    public TagConvention Convention { get; init; } = TagConvention.Wfau;

    /// <summary>Description (<c>--/D</c>).</summary>
    public string? Description => Tags.Get('D');

    /// <summary>Units (<c>--/U</c>).</summary>
    public string? Unit => Tags.Get('U');

    /// <summary>Unified content descriptor: <c>--/C</c> in the WFAU convention, <c>--/K</c> in SDSS's.</summary>
    public string? Ucd => Tags.Get(Convention == TagConvention.Sdss ? 'K' : 'C');

    /// <summary>The value used when the source gives none: <c>--/N</c>, else the SQL default.</summary>
    public string? DefaultValue => Tags.Get('N') ?? Default;

    /// <summary>HTM level (<c>--/L</c>), when the column is an HTM index.</summary>
    public int? HtmLevel => SourceTagGrammar.ParseHtmLevel(Tags.Get('L'));

    /// <summary>Allowed values (<c>--/V</c>, comma separated), empty when unrestricted.</summary>
    public IReadOnlyList<string> AllowedValues => SourceTagGrammar.ParseAllowedValues(Tags.Get('V'));

    /// <summary>Allowed range (<c>--/R</c> in the WFAU convention), null when unrestricted.</summary>
    public ValueRange? Range => Convention == TagConvention.Wfau ? SourceTagGrammar.ParseRange(Tags.Get('R')) : null;

    /// <summary>A copy of this column, optionally with another nullability and with each tag value mapped.</summary>
    /// <param name="nullable">The copy's nullability, or null to keep this column's.</param>
    /// <param name="mapTagValue">Applied to every tag value (a template's placeholders filled), or null to copy them as they are.</param>
    public ColumnDef Copy(bool? nullable = null, Func<string, string>? mapTagValue = null)
    {
        var copy = new ColumnDef
        {
            Name = Name, Type = Type, Nullable = nullable ?? Nullable, Default = Default, IsIdentity = IsIdentity,
            ComputedExpression = ComputedExpression, Persisted = Persisted, Location = Location, Convention = Convention,
        };
        foreach (var (k, v) in Tags)
            copy.Tags.Add(k, mapTagValue is null ? v : mapTagValue(v));
        return copy;
    }

    /// <summary>Where the value comes from, as the source tags say.</summary>
    public ColumnSource Source => SourceTagGrammar.SourceOf(this);
}
