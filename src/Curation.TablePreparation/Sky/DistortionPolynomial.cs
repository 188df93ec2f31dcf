namespace Curation.TablePreparation.Sky;

/// <summary>
/// A polynomial of two variables (and of their radius) with its gradient: a SIP <c>A_p_q</c> or <c>B_p_q</c> set, or one
/// axis of a TPV distortion. Terms are u^P·v^Q·r^R with r = √(u² + v²). Evaluation allocates nothing.
/// </summary>
internal sealed class DistortionPolynomial
{
    private const int MaxPower = 16;

    private readonly int[] p;
    private readonly int[] q;
    private readonly int[] r;
    private readonly double[] coefficients;
    private readonly int maxP;
    private readonly int maxQ;

    /// <summary>Creates the polynomial from its non-zero terms.</summary>
    public DistortionPolynomial(IEnumerable<(int P, int Q, int R, double Coefficient)> terms)
    {
        var list = terms.Where(t => t.Coefficient != 0).ToList();
        if (list.Any(t => t.P is < 0 or > MaxPower || t.Q is < 0 or > MaxPower || t.R is < 0 or > MaxPower))
            throw new ArgumentOutOfRangeException(nameof(terms), $"powers must be 0..{MaxPower}");
        p = [.. list.Select(t => t.P)];
        q = [.. list.Select(t => t.Q)];
        r = [.. list.Select(t => t.R)];
        coefficients = [.. list.Select(t => t.Coefficient)];
        maxP = p.Length == 0 ? 0 : p.Max();
        maxQ = q.Length == 0 ? 0 : q.Max();
    }

    /// <summary>The terms (u power, v power, r power, coefficient).</summary>
    public IEnumerable<(int P, int Q, int R, double Coefficient)> Terms => coefficients.Select((c, i) => (p[i], q[i], r[i], c));

    /// <summary>True when the polynomial has no terms.</summary>
    public bool IsZero => coefficients.Length == 0;

    /// <summary>The value at (u, v).</summary>
    public double Evaluate(double u, double v)
    {
        Span<double> up = stackalloc double[maxP + 1];
        Span<double> vp = stackalloc double[maxQ + 1];
        Powers(u, up);
        Powers(v, vp);
        var radius = Math.Sqrt(u * u + v * v);
        var sum = 0.0;
        for (var i = 0; i < coefficients.Length; i++)
        {
            var term = coefficients[i] * up[p[i]] * vp[q[i]];
            if (r[i] != 0)
                term *= IntegerPower(radius, r[i]);
            sum += term;
        }

        return sum;
    }

    /// <summary>The value and the partial derivatives at (u, v).</summary>
    public (double Value, double DU, double DV) EvaluateWithGradient(double u, double v)
    {
        Span<double> up = stackalloc double[maxP + 1];
        Span<double> vp = stackalloc double[maxQ + 1];
        Powers(u, up);
        Powers(v, vp);
        var radius = Math.Sqrt(u * u + v * v);
        double value = 0, du = 0, dv = 0;
        for (var i = 0; i < coefficients.Length; i++)
        {
            int pi = p[i], qi = q[i], ri = r[i];
            var c = coefficients[i];
            var rp = ri == 0 ? 1.0 : IntegerPower(radius, ri);
            value += c * up[pi] * vp[qi] * rp;
            if (pi > 0)
                du += c * pi * up[pi - 1] * vp[qi] * rp;
            if (qi > 0)
                dv += c * qi * up[pi] * vp[qi - 1] * rp;
            if (ri > 0 && radius > 0)
            {
                // d(r^n)/du = n·r^(n-2)·u
                var dr = c * up[pi] * vp[qi] * ri * IntegerPower(radius, ri - 2);
                du += dr * u;
                dv += dr * v;
            }
        }

        return (value, du, dv);
    }

    private static void Powers(double x, Span<double> powers)
    {
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
            powers[i] = powers[i - 1] * x;
    }

    private static double IntegerPower(double x, int n)
    {
        if (n < 0)
            return 1 / IntegerPower(x, -n);
        var result = 1.0;
        for (var i = 0; i < n; i++)
            result *= x;
        return result;
    }
}
