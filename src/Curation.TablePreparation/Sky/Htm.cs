namespace Curation.TablePreparation.Sky;

/// <summary>
/// The SDSS/JHU Hierarchical Triangular Mesh (Kunszt, Szalay and Thakar 2001): the ID of the trixel holding a sky
/// position, as the archive's <c>htmID</c> columns store it (level 20).
/// </summary>
/// <remarks>
/// This is the lookup of the JHU HTM library's <c>HTMfunc.lookupId(ra, dec, depth)</c>, which is what STILTS's
/// <c>htmIndex(level, ra, dec)</c> calls, done with the same floating-point operations in the same order so that
/// points on trixel edges get the same ID: the position becomes a unit vector (<c>cos(ra·π/180)·cos(dec·π/180)</c>,
/// ...); one of the eight level-0 triangles is picked by the signs of x, y and z (S0..S3 are IDs 8..11, N0..N3 are
/// 12..15); then at each level the triangle is split at the normalised midpoints of its edges and the first of the
/// four children (0, 1, 2, 3) whose three edge planes have the point on their inner side, within 1e-15, is taken,
/// adding two bits to the ID. Nothing is allocated per call.
/// </remarks>
public static class Htm
{
    /// <summary>The deepest level whose IDs fit a signed 64-bit integer (2·level + 4 bits).</summary>
    public const int MaxLevel = 29;

    /// <summary>The ID returned for a position that is not a finite number (no trixel has it).</summary>
    public const long InvalidId = -1;

    // The JHU library's constants: Pr = 3.1415926535897932385/180 is Math.PI/180 as a double; gEpsilon the tolerance of
    // its inside test.
    private const double DegreesToRadians = 3.1415926535897932385E0 / 180.0;
    private const double Epsilon = 1.0E-15;

    /// <summary>
    /// The HTM ID of (<paramref name="raDeg"/>, <paramref name="decDeg"/>) at <paramref name="level"/> (0 gives 8..15;
    /// level L gives IDs in [8·4^L, 16·4^L)); identical to STILTS's <c>htmIndex(level, ra, dec)</c>. Any RA is
    /// accepted (it is only used through sine and cosine). <see cref="InvalidId"/> for a NaN or infinite position.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="level"/> is outside 0..<see cref="MaxLevel"/>.</exception>
    public static long Index(double raDeg, double decDeg, int level)
    {
        if ((uint)level > MaxLevel)
            throw new ArgumentOutOfRangeException(nameof(level), level, $"the HTM level must be 0..{MaxLevel}");

        var cd = Math.Cos(decDeg * DegreesToRadians);
        var x = Math.Cos(raDeg * DegreesToRadians) * cd;
        var y = Math.Sin(raDeg * DegreesToRadians) * cd;
        var z = Math.Sin(decDeg * DegreesToRadians);
        return IndexOfVector(x, y, z, level);
    }

    /// <summary>
    /// The HTM ID of the direction (<paramref name="x"/>, <paramref name="y"/>, <paramref name="z"/>) (need not be
    /// normalised) at <paramref name="level"/>, as <c>HTMfunc.lookupId(x, y, z, depth)</c> gives it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="level"/> is outside 0..<see cref="MaxLevel"/>.</exception>
    public static long IndexOfVector(double x, double y, double z, int level)
    {
        if ((uint)level > MaxLevel)
            throw new ArgumentOutOfRangeException(nameof(level), level, $"the HTM level must be 0..{MaxLevel}");

        // The level-0 triangle (HTMfunc.startpane): its vertices are the anchors ±x, ±y, ±z in the library's order.
        long id;
        Vector v0, v1, v2;
        if (x > 0 && y >= 0)
        {
            if (z >= 0) { id = 15; v0 = Vector.PlusY; v1 = Vector.PlusZ; v2 = Vector.PlusX; }       // N3
            else { id = 8; v0 = Vector.PlusX; v1 = Vector.MinusZ; v2 = Vector.PlusY; }               // S0
        }
        else if (x <= 0 && y > 0)
        {
            if (z >= 0) { id = 14; v0 = Vector.MinusX; v1 = Vector.PlusZ; v2 = Vector.PlusY; }      // N2
            else { id = 9; v0 = Vector.PlusY; v1 = Vector.MinusZ; v2 = Vector.MinusX; }              // S1
        }
        else if (x < 0 && y <= 0)
        {
            if (z >= 0) { id = 13; v0 = Vector.MinusY; v1 = Vector.PlusZ; v2 = Vector.MinusX; }     // N1
            else { id = 10; v0 = Vector.MinusX; v1 = Vector.MinusZ; v2 = Vector.MinusY; }            // S2
        }
        else if (x >= 0 && y < 0)
        {
            if (z >= 0) { id = 12; v0 = Vector.PlusX; v1 = Vector.PlusZ; v2 = Vector.MinusY; }      // N0
            else { id = 11; v0 = Vector.MinusY; v1 = Vector.MinusZ; v2 = Vector.PlusX; }             // S3
        }
        else
        {
            // NaN, or the origin: the library gives up (ErrorHandler.PANIC) and so does STILTS.
            return InvalidId;
        }

        var p = new Vector(x, y, z);
        for (var depth = level; depth > 0; depth--)
        {
            var w2 = Vector.Midpoint(v0, v1);
            var w0 = Vector.Midpoint(v1, v2);
            var w1 = Vector.Midpoint(v2, v0);
            if (IsInside(p, v0, w2, w1))
            {
                id <<= 2;
                v1 = w2;
                v2 = w1;
            }
            else if (IsInside(p, v1, w0, w2))
            {
                id = (id << 2) | 1;
                v0 = v1;
                v1 = w0;
                v2 = w2;
            }
            else if (IsInside(p, v2, w1, w0))
            {
                id = (id << 2) | 2;
                v0 = v2;
                v1 = w1;
                v2 = w0;
            }
            else if (IsInside(p, w0, w1, w2))
            {
                id = (id << 2) | 3;
                v0 = w0;
                v1 = w1;
                v2 = w2;
            }
            else
            {
                // Not reached for a finite direction (the children cover their parent, with a tolerance).
                return InvalidId;
            }
        }

        return id;
    }

    /// <summary>The level of an HTM ID (the inverse of the ID's range), or -1 when it is not a valid ID.</summary>
    public static int LevelOf(long id)
    {
        if (id < 8)
            return -1;
        var bits = 64 - long.LeadingZeroCount(id);
        // A valid ID has an even number of bits (the leading '1N'/'10' pair and two bits a level).
        return bits % 2 == 0 ? (int)(bits - 4) / 2 : -1;
    }

    // HTMfunc.isinside: p is inside (or within 1e-15 of) the triangle v1 v2 v3 (counter-clockwise). The operations are
    // written in the library's order on purpose.
    private static bool IsInside(in Vector p, in Vector v1, in Vector v2, in Vector v3)
    {
        var c0 = v1.Y * v2.Z - v2.Y * v1.Z;
        var c1 = v1.Z * v2.X - v2.Z * v1.X;
        var c2 = v1.X * v2.Y - v2.X * v1.Y;
        if (p.X * c0 + p.Y * c1 + p.Z * c2 < -Epsilon)
            return false;

        c0 = v2.Y * v3.Z - v3.Y * v2.Z;
        c1 = v2.Z * v3.X - v3.Z * v2.X;
        c2 = v2.X * v3.Y - v3.X * v2.Y;
        if (p.X * c0 + p.Y * c1 + p.Z * c2 < -Epsilon)
            return false;

        c0 = v3.Y * v1.Z - v1.Y * v3.Z;
        c1 = v3.Z * v1.X - v1.Z * v3.X;
        c2 = v3.X * v1.Y - v1.X * v3.Y;
        return !(p.X * c0 + p.Y * c1 + p.Z * c2 < -Epsilon);
    }

    private readonly record struct Vector(double X, double Y, double Z)
    {
        public static readonly Vector PlusX = new(1, 0, 0);
        public static readonly Vector PlusY = new(0, 1, 0);
        public static readonly Vector PlusZ = new(0, 0, 1);
        public static readonly Vector MinusX = new(-1, 0, 0);
        public static readonly Vector MinusY = new(0, -1, 0);
        public static readonly Vector MinusZ = new(0, 0, -1);

        // HTMfunc.m4_midpoint: the normalised sum.
        public static Vector Midpoint(in Vector a, in Vector b)
        {
            var x = a.X + b.X;
            var y = a.Y + b.Y;
            var z = a.Z + b.Z;
            var length = Math.Sqrt(x * x + y * y + z * z);
            return new Vector(x / length, y / length, z / length);
        }
    }
}
