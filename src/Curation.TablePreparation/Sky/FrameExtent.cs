namespace Curation.TablePreparation.Sky;

/// <summary>
/// Where a frame of pixels lies on the sky (see <see cref="Wcs.Extent"/>), in degrees unless named otherwise.
/// </summary>
/// <param name="CentralRa">RA of the central pixel ((nx + 1)/2, (ny + 1)/2), in [0, 360).</param>
/// <param name="CentralDec">Dec of the central pixel.</param>
/// <param name="MinRa">
/// The least RA of the four corner pixels. For a frame straddling RA = 0 it is negative (the corners' RAs are taken
/// within 180° of the centre's and the range is shifted down by 360° when it would reach 360), so that
/// <see cref="MinRa"/> ≤ <see cref="MaxRa"/> always holds; 0 when the frame holds a celestial pole.
/// </param>
/// <param name="MaxRa">The greatest RA of the four corner pixels, in [0, 360); 360 when the frame holds a celestial pole.</param>
/// <param name="MinDec">The least Dec of the four corner pixels (-90 when the frame holds the south pole).</param>
/// <param name="MaxDec">The greatest Dec of the four corner pixels (90 when the frame holds the north pole).</param>
/// <param name="XPixSizeArcsec">The size of a pixel along the X axis at the reference point, in arcseconds.</param>
/// <param name="YPixSizeArcsec">The size of a pixel along the Y axis at the reference point, in arcseconds.</param>
/// <param name="PosAngleDeg">
/// The position angle of the Y axis (the direction of increasing Y) at the reference point, from north through east,
/// in (-180, 180].
/// </param>
public sealed record FrameExtent(
    double CentralRa,
    double CentralDec,
    double MinRa,
    double MaxRa,
    double MinDec,
    double MaxDec,
    double XPixSizeArcsec,
    double YPixSizeArcsec,
    double PosAngleDeg);
