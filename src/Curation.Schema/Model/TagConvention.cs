namespace Curation.Schema.Model;

/// <summary>Which meaning the comment tags of a script carry.</summary>
public enum TagConvention
{
    /// <summary>WFAU (WSA/VSA): <c>--/K</c> is a FITS keyword, <c>--/C</c> a UCD, <c>--/A</c> an array element of <c>--/F</c>.</summary>
    Wfau,

    /// <summary>SDSS SkyServer: <c>--/K</c> is a UCD, <c>--/R</c> an enumeration name, <c>--/A</c> an admin flag.</summary>
    Sdss,
}
