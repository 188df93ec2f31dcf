namespace Curation.Schema.Model;

/// <summary>How a source tag addresses an HDU of a FITS file.</summary>
public enum HduRefKind
{
    /// <summary>No HDU named: the HDU the table is being filled from (the primary for a file, the detector's extension for a detector).</summary>
    Default,

    /// <summary>The primary HDU (<c>PRIMARY.</c>, or <c>NoName0.</c>).</summary>
    Primary,

    /// <summary>The first binary-table extension (<c>BINTABLE.KEY</c>).</summary>
    FirstBinaryTable,

    /// <summary>The extension whose EXTNAME is <see cref="HduRef.Name"/> (<c>BINTABLE.Fibinfo.KEY</c>, <c>PHOTOM.RA</c>).</summary>
    Named,

    /// <summary>The extension at <see cref="HduRef.Position"/>, counting the primary HDU as 0 (<c>NoName4.NSPEC</c>).</summary>
    Position,
}

/// <summary>An HDU addressed by a <c>--/K</c> or <c>--/F</c> tag.</summary>
/// <param name="Kind">How the HDU is found.</param>
/// <param name="Name">The EXTNAME for <see cref="HduRefKind.Named"/>.</param>
/// <param name="Position">The HDU index for <see cref="HduRefKind.Position"/>.</param>
/// <param name="BinaryTableOnly">True when the tag said <c>BINTABLE.</c>, so only a binary table qualifies.</param>
public sealed record HduRef(HduRefKind Kind, string? Name = null, int? Position = null, bool BinaryTableOnly = false)
{
    /// <summary>The HDU being filled from.</summary>
    public static HduRef Default { get; } = new(HduRefKind.Default);

    /// <summary>The tag's own spelling of this reference, without the trailing dot (empty for the default).</summary>
    public override string ToString() => Kind switch
    {
        HduRefKind.Default => "",
        HduRefKind.Primary => "PRIMARY",
        HduRefKind.FirstBinaryTable => "BINTABLE",
        HduRefKind.Named => BinaryTableOnly ? $"BINTABLE.{Name}" : Name!,
        HduRefKind.Position => $"NoName{Position}",
        _ => Kind.ToString(),
    };
}
