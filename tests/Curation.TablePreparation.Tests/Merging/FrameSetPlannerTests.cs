using Curation.TablePreparation.Merging;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Merging;

/// <summary>How CU7 groups detector frames into frame sets.</summary>
public sealed class FrameSetPlannerTests
{
    private const double Arcsec = 1.0 / 3600;
    private const int Y = 2, J = 3, H = 4, K = 5;
    private static readonly int[] Las = [Y, J, H, K];

    private static CandidateFrame Frame(long mf, int ext, int filter, double ra, double dec, double mjd, bool stack = false, int evt = 1) =>
        new(mf, ext, filter, ra, dec, 100 * Arcsec, stack, mjd, evt);

    private static string Describe(PlannedFrameSet set) =>
        string.Join(" ", set.Slots.OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value.MultiframeId}[{s.Value.ExtNum}]"));

    [Test]
    public void Frames_of_one_field_in_each_band_form_one_set_and_other_fields_their_own()
    {
        var frames = new List<CandidateFrame>
        {
            Frame(1, 2, Y, 334.10, 0.42, 54384.25), Frame(1, 3, Y, 334.13, 0.42, 54384.25),
            Frame(2, 2, J, 334.10 + 0.3 * Arcsec, 0.42, 54384.26), Frame(2, 3, J, 334.13, 0.42 + 0.2 * Arcsec, 54384.26),
            Frame(3, 2, K, 334.10, 0.42 - 0.4 * Arcsec, 54384.27),
        };
        var sets = FrameSetPlanner.Plan(frames, Las, 25 * Arcsec, []);
        Assert.That(sets.Select(Describe), Is.EqualTo(new[] { "2:1[2] 3:2[2] 5:3[2]", "2:1[3] 3:2[3]" }));
        Assert.That(sets.All(s => s.Stored is null));
    }

    [Test]
    public void A_stack_is_preferred_to_an_exposure_and_a_later_observation_to_an_earlier()
    {
        var frames = new List<CandidateFrame>
        {
            Frame(10, 2, Y, 20, 10, 54384.25, stack: true), Frame(11, 2, Y, 20, 10, 54384.30),
            Frame(12, 2, K, 20, 10, 54384.26), Frame(13, 2, K, 20, 10, 54384.40), Frame(14, 2, K, 20, 10, 54384.35),
        };
        var set = FrameSetPlanner.Plan(frames, Las, 25 * Arcsec, []).Single();
        Assert.That(Describe(set), Is.EqualTo("2:10[2] 5:13[2]"));
        Assert.That(set.Members, Has.Count.EqualTo(5), "the superseded frames are members of the field");
    }

    [Test]
    public void Filters_not_required_and_frames_off_the_sky_are_left_out()
    {
        var frames = new List<CandidateFrame> { Frame(1, 2, 1, 20, 10, 1), Frame(2, 2, J, double.NaN, 10, 2), Frame(3, 2, J, 20, 10, 3) };
        Assert.That(FrameSetPlanner.Plan(frames, Las, 25 * Arcsec, []).Select(Describe), Is.EqualTo(new[] { "3:3[2]" }));
    }

    [Test]
    public void The_plan_does_not_depend_on_the_order_the_frames_are_given_in()
    {
        var random = new Random(5);
        var frames = Enumerable.Range(0, 200).Select(i => Frame(i / 4 + 1, i % 4 + 2, Las[random.Next(4)],
            SkyField(i % 25, 0), SkyField(i % 25, 1) + random.NextDouble() * Arcsec, random.NextDouble() * 10)).ToList();
        var a = FrameSetPlanner.Plan(frames, Las, 25 * Arcsec, []).Select(Describe).ToList();
        var b = FrameSetPlanner.Plan([.. frames.OrderBy(_ => random.Next())], Las, 25 * Arcsec, []).Select(Describe).ToList();
        Assert.That(b, Is.EqualTo(a));
        Assert.That(a, Has.Count.EqualTo(25));
    }

    private static double SkyField(int i, int axis) => axis == 0 ? (359.99 + i * 0.05) % 360 : -30 + i * 0.03;

    [Test]
    public void A_stored_set_continues_in_the_planned_set_sharing_its_frames_and_a_vanished_one_is_unclaimed()
    {
        var frames = new List<CandidateFrame> { Frame(1, 2, Y, 20, 10, 1), Frame(2, 2, J, 20, 10, 2), Frame(3, 2, Y, 40, 10, 3) };
        var stored = new List<StoredFrameSet>
        {
            new(77, 5, new Dictionary<int, (long, int)> { [Y] = (1, 2) }, false),
            new(78, 5, new Dictionary<int, (long, int)> { [Y] = (9, 2) }, false),
        };
        var sets = FrameSetPlanner.Plan(frames, Las, 25 * Arcsec, stored);
        Assert.That(sets.Select(s => s.Stored?.FrameSetId), Is.EqualTo(new long?[] { 77, null }));
    }

    [Test]
    public void The_default_tolerance_is_a_quarter_of_the_median_frame_height() =>
        Assert.That(FrameSetPlanner.DefaultToleranceDeg([Frame(1, 2, Y, 0, 0, 1), Frame(1, 3, Y, 0, 0, 1) with { HeightDeg = 400 * Arcsec }, Frame(1, 4, Y, 0, 0, 1)]),
            Is.EqualTo(25 * Arcsec).Within(1e-12));
}
