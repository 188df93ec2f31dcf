namespace Curation.Schema.Model;

/// <summary>Where a column's value comes from, as its tags say (WFAU convention).</summary>
public abstract record ColumnSource
{
    /// <summary>A short readable form for listings and the schema browser.</summary>
    public abstract string Describe();

    /// <summary>A FITS header keyword: <c>--/K KEY</c>, <c>--/K BINTABLE.KEY</c>, <c>--/K BINTABLE.Ext.KEY</c>, <c>--/K HIERARCH ESO ...</c>.</summary>
    /// <param name="Hdu">The HDU whose header holds the keyword.</param>
    /// <param name="Keyword">The keyword, with <c>HIERARCH</c> and its spaces kept.</param>
    public sealed record HeaderKeyword(HduRef Hdu, string Keyword) : ColumnSource
    {
        /// <summary>True for a <c>HIERARCH</c> keyword.</summary>
        public bool IsHierarch => Keyword.StartsWith("HIERARCH ", StringComparison.OrdinalIgnoreCase);

        /// <inheritdoc />
        public override string Describe() =>
            Hdu.Kind == HduRefKind.Default ? $"keyword {Keyword}" : $"keyword {Keyword} of {Hdu}";
    }

    /// <summary>A binary-table column: <c>--/F COL</c>, <c>--/F EXT.COL</c>, with <c>+</c> joins, <c>,</c> alternatives and <c>--/A n</c>.</summary>
    /// <param name="Alternatives">The alternatives, in order: the first one present in the file is used.</param>
    /// <param name="ArrayElement">The array element (<c>--/A n</c>, or SDSS's index after a space), when the column is an array.</param>
    public sealed record TableColumn(IReadOnlyList<TableColumnAlternative> Alternatives, int? ArrayElement) : ColumnSource
    {
        /// <inheritdoc />
        public override string Describe() =>
            "column " + string.Join(" or ", Alternatives.Select(a => a.ToString()))
            + (ArrayElement is { } n ? $" element {n}" : "");
    }

    /// <summary>Computed from other attributes or by a named computation: <c>--/Q ra,dec</c>, <c>--/Q Table.attr</c>.</summary>
    /// <param name="Inputs">The attributes (or computation name) listed.</param>
    public sealed record Computed(IReadOnlyList<AttributeRef> Inputs) : ColumnSource
    {
        /// <inheritdoc />
        public override string Describe() => "computed from " + string.Join(", ", Inputs);
    }

    /// <summary>No source tag: the column takes its default (<c>--/N</c>, else the SQL default).</summary>
    /// <param name="Value">The default value as written, or null when there is none.</param>
    public sealed record Default(string? Value) : ColumnSource
    {
        /// <inheritdoc />
        public override string Describe() => Value is null ? "" : $"default {Value}";
    }
}

/// <summary>One alternative of a <c>--/F</c> tag: a column, or several joined across extensions with <c>+</c>.</summary>
/// <param name="Columns">The columns; more than one means rows are associated across extensions by these key columns.</param>
public sealed record TableColumnAlternative(IReadOnlyList<TableColumnRef> Columns)
{
    /// <inheritdoc />
    public override string ToString() => string.Join("+", Columns);
}

/// <summary>A column of a binary table in a named, numbered or default extension.</summary>
/// <param name="Hdu">The extension.</param>
/// <param name="Column">The column's TTYPE.</param>
public sealed record TableColumnRef(HduRef Hdu, string Column)
{
    /// <inheritdoc />
    public override string ToString() => Hdu.Kind == HduRefKind.Default ? Column : $"{Hdu}.{Column}";
}

/// <summary>An attribute named by <c>--/Q</c> or <c>--/G</c>: <c>attr</c> or <c>Table.attr</c>.</summary>
/// <param name="Table">The table, when qualified.</param>
/// <param name="Attribute">The attribute (or computation) name.</param>
public sealed record AttributeRef(string? Table, string Attribute)
{
    /// <inheritdoc />
    public override string ToString() => Table is null ? Attribute : $"{Table}.{Attribute}";
}

/// <summary>An allowed range (<c>--/R min,max</c>); a bound of <c>None</c> or nothing is open.</summary>
/// <param name="Min">The lower bound as written, or null when open.</param>
/// <param name="Max">The upper bound as written, or null when open.</param>
public sealed record ValueRange(string? Min, string? Max);
