using System.Numerics;
using System.Runtime.InteropServices;

namespace Curation.Fits.Tables;

/// <summary>Sum (in double precision) and count of the finite values of an array, vectorised.</summary>
internal static class FiniteSum
{
    /// <summary>Sum and count of the finite values (NaN and infinities left out).</summary>
    public static (double Sum, long Count) Of(ReadOnlySpan<float> values)
    {
        var lo = Vector<double>.Zero;
        var hi = Vector<double>.Zero;
        var counts = Vector<int>.Zero;
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        foreach (var v in vectors)
        {
            // v - v is 0 for finite values and NaN for NaN and the infinities.
            var finite = Vector.Equals(v - v, Vector<float>.Zero);
            Vector.Widen(Vector.ConditionalSelect(finite, v, Vector<float>.Zero), out var a, out var b);
            lo += a;
            hi += b;
            counts -= finite;
        }

        var sum = Vector.Sum(lo + hi);
        long count = 0;
        for (var i = 0; i < Vector<int>.Count; i++)
            count += counts[i];
        foreach (var f in values[(vectors.Length * Vector<float>.Count)..])
        {
            if (float.IsFinite(f))
            {
                sum += f;
                count++;
            }
        }

        return (sum, count);
    }

    /// <summary>Sum and count of the finite values (NaN and infinities left out).</summary>
    public static (double Sum, long Count) Of(ReadOnlySpan<double> values)
    {
        var total = Vector<double>.Zero;
        var counts = Vector<long>.Zero;
        var vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
        foreach (var v in vectors)
        {
            var finite = Vector.Equals(v - v, Vector<double>.Zero);
            total += Vector.ConditionalSelect(finite, v, Vector<double>.Zero);
            counts -= finite;
        }

        var sum = Vector.Sum(total);
        var count = Vector.Sum(counts);
        foreach (var d in values[(vectors.Length * Vector<double>.Count)..])
        {
            if (double.IsFinite(d))
            {
                sum += d;
                count++;
            }
        }

        return (sum, count);
    }
}
