using Curation.Fits.Headers;

namespace Curation.Imaging;

/// <summary>
/// Which way round a frame is shown. Every preview is flipped top to bottom, because FITS row 1 is the bottom row of
/// the image and a JPEG's first row is its top: the frame appears as FITS viewers (DS9, astropy) show it, north up
/// for a frame taken with north along +y. A frame is also <em>mirrored</em> (flipped left to right) when its
/// celestial WCS has the parity of a mirror image, east to the right of north as on a sky map seen from outside:
/// then, flipped, it has the sky's own parity, east counter-clockwise from north (to the left when north is up). The
/// parity is the sign of the determinant of the CD matrix (CDi_j, else PCi_j x CDELTi, else CDELTi, with CROTA2 not
/// changing it), reversed when axis 1 is latitude. Rotation is not undone: a frame whose north is not up keeps its
/// angle.
/// </summary>
public static class Orientation
{
    /// <summary>True when the header's celestial WCS has east to the right of north (the determinant of the CD matrix,
    /// in longitude-latitude order, is positive); false without a celestial WCS.</summary>
    public static bool IsMirrored(Header header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var axis1 = Kind(header.GetString("CTYPE1"));
        var axis2 = Kind(header.GetString("CTYPE2"));
        if (axis1 == axis2 || axis1 == Axis.Other || axis2 == Axis.Other)
            return false;
        var determinant = Determinant(header);
        if (double.IsNaN(determinant) || determinant == 0)
            return false;
        return (axis1 == Axis.Longitude ? determinant : -determinant) > 0;
    }

    private static double Determinant(Header header)
    {
        double Get(string keyword, double fallback) => header.TryGetDouble(keyword, out var v) ? v : fallback;
        if (header.Contains("CD1_1") || header.Contains("CD1_2") || header.Contains("CD2_1") || header.Contains("CD2_2"))
            return Get("CD1_1", 0) * Get("CD2_2", 0) - Get("CD1_2", 0) * Get("CD2_1", 0);
        var pc = Get("PC1_1", 1) * Get("PC2_2", 1) - Get("PC1_2", 0) * Get("PC2_1", 0);
        return pc * Get("CDELT1", 1) * Get("CDELT2", 1);
    }

    private static Axis Kind(string? ctype)
    {
        if (ctype is null || ctype.Length < 4)
            return Axis.Other;
        var name = ctype.Trim().ToUpperInvariant();
        var head = name.Length >= 4 ? name[..4] : name;
        if (head == "RA--" || head == "RA" || head[1..] == "LON")
            return Axis.Longitude;
        if (head == "DEC-" || head == "DEC" || head[1..] == "LAT")
            return Axis.Latitude;
        return Axis.Other;
    }

    private enum Axis
    {
        Other,
        Longitude,
        Latitude,
    }
}
