namespace Curation.Fits.Images;

/// <summary>Statistics of an image's finite physical pixel values (NaN and BLANK pixels excluded).</summary>
/// <param name="Finite">Number of finite pixels.</param>
/// <param name="Min">Smallest finite value, or null when there is none.</param>
/// <param name="Max">Largest finite value, or null when there is none.</param>
/// <param name="Mean">Mean of the finite values, or null when there is none.</param>
public sealed record ImageStatistics(long Finite, double? Min, double? Max, double? Mean)
{
    /// <summary>Accumulates statistics over chunks of pixels (Kahan-compensated sum).</summary>
    public sealed class Accumulator
    {
        private long finite;
        private double min = double.PositiveInfinity, max = double.NegativeInfinity, sum, compensation;

        /// <summary>Adds a chunk of physical values.</summary>
        public void Add(ReadOnlySpan<double> values)
        {
            var lo = min;
            var hi = max;
            var s = sum;
            var c = compensation;
            long n = 0;
            foreach (var v in values)
            {
                if (!double.IsFinite(v))
                    continue;
                n++;
                if (v < lo)
                    lo = v;
                if (v > hi)
                    hi = v;
                var y = v - c;
                var t = s + y;
                c = t - s - y;
                s = t;
            }

            min = lo;
            max = hi;
            sum = s;
            compensation = c;
            finite += n;
        }

        /// <summary>The statistics so far.</summary>
        public ImageStatistics Result() => finite == 0
            ? new ImageStatistics(0, null, null, null)
            : new ImageStatistics(finite, min, max, sum / finite);
    }
}
