namespace Curation.Fits.Headers;

/// <summary>Keywords the FITS standard and its registered conventions reserve, named once (as nom-tam-fits' <c>Standard</c>).</summary>
public static class Keywords
{
#pragma warning disable CS1591 // The names are the documentation.
    public const string SIMPLE = "SIMPLE", XTENSION = "XTENSION", BITPIX = "BITPIX", NAXIS = "NAXIS", EXTEND = "EXTEND";
    public const string PCOUNT = "PCOUNT", GCOUNT = "GCOUNT", GROUPS = "GROUPS", END = "END";
    public const string EXTNAME = "EXTNAME", EXTVER = "EXTVER", EXTLEVEL = "EXTLEVEL", INHERIT = "INHERIT";
    public const string BSCALE = "BSCALE", BZERO = "BZERO", BLANK = "BLANK", BUNIT = "BUNIT";
    public const string TFIELDS = "TFIELDS", THEAP = "THEAP";
    public const string TTYPE = "TTYPE", TFORM = "TFORM", TUNIT = "TUNIT", TSCAL = "TSCAL", TZERO = "TZERO", TNULL = "TNULL", TDIM = "TDIM", TBCOL = "TBCOL", TDISP = "TDISP";
    public const string ZIMAGE = "ZIMAGE", ZTABLE = "ZTABLE", ZCMPTYPE = "ZCMPTYPE", ZBITPIX = "ZBITPIX", ZNAXIS = "ZNAXIS", ZQUANTIZ = "ZQUANTIZ";
    public const string CONTINUE = "CONTINUE", COMMENT = "COMMENT", HISTORY = "HISTORY", HIERARCH = "HIERARCH";
    public const string CHECKSUM = "CHECKSUM", DATASUM = "DATASUM";
#pragma warning restore CS1591

    /// <summary>An indexed keyword such as <c>NAXIS1</c> or <c>TTYPE12</c>.</summary>
    public static string Indexed(string root, int index) => root + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
