namespace Curation.Fits;

/// <summary>What an HDU holds, as <c>curate fits dump</c> names it.</summary>
public enum HduKind
{
    /// <summary>A primary array or an IMAGE extension (possibly without data).</summary>
    Image,

    /// <summary>A tile-compressed image (a BINTABLE with <c>ZIMAGE = T</c>), read as the image it holds.</summary>
    CompressedImage,

    /// <summary>A binary table (BINTABLE, or the legacy A3DTABLE).</summary>
    BinaryTable,

    /// <summary>An ASCII table (TABLE).</summary>
    AsciiTable,

    /// <summary>A random-groups primary array (listed; its data are not read).</summary>
    RandomGroups,

    /// <summary>An extension of a type this layer does not know (such as HST's HDRLET): listed, header only.</summary>
    Other,
}

/// <summary>Names of <see cref="HduKind"/> as written in dumps.</summary>
public static class HduKinds
{
    /// <summary>The dump name: image, compressed-image, bintable, table, random-groups or other.</summary>
    public static string Name(this HduKind kind) => kind switch
    {
        HduKind.Image => "image",
        HduKind.CompressedImage => "compressed-image",
        HduKind.BinaryTable => "bintable",
        HduKind.AsciiTable => "table",
        HduKind.RandomGroups => "random-groups",
        _ => "other",
    };

    /// <summary>True for kinds whose data are read as an image.</summary>
    public static bool IsImage(this HduKind kind) => kind is HduKind.Image or HduKind.CompressedImage;

    /// <summary>True for kinds whose data are read as a table.</summary>
    public static bool IsTable(this HduKind kind) => kind is HduKind.BinaryTable or HduKind.AsciiTable;
}
