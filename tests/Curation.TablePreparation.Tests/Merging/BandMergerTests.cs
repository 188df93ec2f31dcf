using Curation.TablePreparation.Merging;
using Curation.TablePreparation.Sky;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Merging;

/// <summary>CU7's cross-band pairing against the brute-force reference, on generated fields.</summary>
public sealed class BandMergerTests
{
    private const double Arcsec = 1.0 / 3600;

    /// <summary>Objects scattered over a field, each seen in each band with probability <paramref name="completeness"/>
    /// at its position plus a Gaussian error of <paramref name="sigmaArcsec"/>; a few close doubles (1 arcsec apart) so
    /// that one-to-one pairing matters; and spurious detections in each band.</summary>
    private static List<BandDetections> Field(int objects, int bands, double raCentre, double decCentre, double sizeDeg, double sigmaArcsec,
        double completeness, int seed)
    {
        var random = new Random(seed);
        var ra = new List<double>();
        var dec = new List<double>();
        for (var i = 0; i < objects; i++)
        {
            var d = decCentre + (random.NextDouble() - 0.5) * sizeDeg;
            var r = raCentre + (random.NextDouble() - 0.5) * sizeDeg / Math.Cos(d * Math.PI / 180);
            ra.Add(r);
            dec.Add(d);
            if (i % 20 == 0)
            {
                ra.Add(r + 1.0 * Arcsec / Math.Cos(d * Math.PI / 180));
                dec.Add(d);
            }
        }

        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var result = new List<BandDetections>();
        for (var b = 0; b < bands; b++)
        {
            var (bra, bdec) = (new List<double>(), new List<double>());
            for (var i = 0; i < ra.Count; i++)
            {
                if (random.NextDouble() > completeness)
                    continue;
                var dd = dec[i] + Gauss() * sigmaArcsec * Arcsec;
                bra.Add(SkyMath.Longitude(ra[i] + Gauss() * sigmaArcsec * Arcsec / Math.Cos(dd * Math.PI / 180)));
                bdec.Add(dd);
            }

            for (var k = 0; k < objects / 10; k++)
            {
                var dd = decCentre + (random.NextDouble() - 0.5) * sizeDeg;
                bra.Add(SkyMath.Longitude(raCentre + (random.NextDouble() - 0.5) * sizeDeg / Math.Cos(dd * Math.PI / 180)));
                bdec.Add(dd);
            }

            // Shuffled, as a catalogue lists its detections in no sky order.
            var order = Enumerable.Range(0, bra.Count).OrderBy(_ => random.Next()).ToList();
            result.Add(new BandDetections([.. order.Select(i => bra[i])], [.. order.Select(i => bdec[i])]));
        }

        return result;
    }

    private static void AssertSameAsBruteForce(List<BandDetections> bands, double radiusDeg, int minMultiBand)
    {
        var merged = BandMerger.Merge(bands, radiusDeg, threads: 2);
        var expected = BruteForceMerge.Merge(bands, radiusDeg);
        var got = merged.Select(s => string.Join(",", s.Detections)).ToList();
        var want = expected.Select(s => string.Join(",", s)).ToList();
        Assert.That(got, Is.EqualTo(want), "the same sources, in the same order, made of the same detections");
        Assert.That(merged.Count(s => s.Detections.Count(d => d >= 0) >= 2), Is.GreaterThanOrEqualTo(minMultiBand), "the data pair many detections");
        for (var b = 0; b < bands.Count; b++)
        {
            var used = merged.Select(s => s.Detections[b]).Where(d => d >= 0).ToList();
            Assert.That(used.Order(), Is.EqualTo(Enumerable.Range(0, bands[b].Count)), $"band {b}: every detection in exactly one source");
        }

        for (var s = 0; s < merged.Count; s++)
        {
            var mean = BruteForceMerge.MeanPosition(bands, expected[s]);
            if (mean is null)
            {
                Assert.That(merged[s].Ra, Is.Null);
                continue;
            }

            Assert.That(SkyMath.SeparationDeg(merged[s].Ra!.Value, merged[s].Dec!.Value, mean.Value.Ra, mean.Value.Dec), Is.LessThan(1e-9 * Arcsec),
                $"source {s}: its position is the mean of its detections'");
        }
    }

    [Test]
    public void Four_bands_of_a_field_pair_as_the_brute_force_does() =>
        AssertSameAsBruteForce(Field(1500, 4, 334.1, 0.4, 0.05, 0.15, 0.9, seed: 1), 0.8 * Arcsec, minMultiBand: 1200);

    [Test]
    public void A_field_across_RA_0_pairs_as_the_brute_force_does()
    {
        var bands = Field(800, 3, 0.0, -1.0, 0.03, 0.2, 0.85, seed: 2);
        Assert.That(bands[0].Ra.Any(r => r > 359.99) && bands[0].Ra.Any(r => r < 0.01), "the field straddles RA 0");
        AssertSameAsBruteForce(bands, 1.0 * Arcsec, minMultiBand: 500);
    }

    [Test]
    public void A_field_at_the_pole_pairs_as_the_brute_force_does() =>
        AssertSameAsBruteForce(Field(600, 3, 45.0, 89.995, 0.005, 0.1, 0.9, seed: 3), 0.8 * Arcsec, minMultiBand: 300);

    [Test]
    public void A_crowded_field_with_large_errors_pairs_one_to_one_as_the_brute_force_does() =>
        AssertSameAsBruteForce(Field(3000, 5, 83.8, -5.4, 0.02, 0.5, 0.8, seed: 4), 1.0 * Arcsec, minMultiBand: 1500);

    [Test]
    public void Detections_off_the_sky_become_sources_of_their_own_with_no_position()
    {
        var bands = new List<BandDetections>
        {
            new([10.0, -0.9999995e9], [20.0, -0.9999995e9]),
            new([10.0 + 0.1 * Arcsec, double.NaN], [20.0, double.NaN]),
        };
        var merged = BandMerger.Merge(bands, 1 * Arcsec);
        Assert.That(merged.Select(s => string.Join(",", s.Detections)), Is.EqualTo(new[] { "0,0", "1,-1", "-1,1" }));
        Assert.That(merged[1].Ra, Is.Null);
        Assert.That(merged[2].Dec, Is.Null);
        Assert.That(merged[0].Ra, Is.EqualTo(10.0 + 0.05 * Arcsec).Within(1e-9));
    }

    [Test]
    public void A_pair_beyond_the_radius_is_two_sources_and_one_within_is_one()
    {
        var bands = new List<BandDetections> { new([0.0, 1.0], [0.0, 0.0]), new([0.8 * Arcsec, 1.0 + 0.81 * Arcsec], [0.0, 0.0]) };
        var merged = BandMerger.Merge(bands, 0.8 * Arcsec + 1e-12);
        Assert.That(merged.Select(s => string.Join(",", s.Detections)), Is.EqualTo(new[] { "0,0", "1,-1", "-1,1" }));
    }

    [Test]
    public void A_radius_of_zero_or_over_a_degree_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BandMerger.Merge([], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BandMerger.Merge([], 1.5));
    }
}
