using Curation.Database.Tests;
using Curation.TablePreparation.Programmes;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Programmes;

/// <summary>Programme identification from the PROJECT keyword, over the archive's own Programme.csv and small made-up lists.</summary>
public sealed class ProgrammeIdentifierTests
{
    private static readonly ProgrammeIdentifier Registered =
        new(ProgrammeEntry.ReadCsv(Path.Combine(TestPaths.SchemaSql, "data", "Programme.csv")));

    private static ProgrammeMatch Identify(string? project) => Registered.Identify(project);

    [TestCase("u/ukidss/las", 101)]
    [TestCase("U/UKIDSS/LAS", 101)]
    [TestCase("u/ukidss/gps", 102)]
    [TestCase("U/UKIDSS/GCS", 103)]
    [TestCase("u/ukidss/dxs", 104)]
    [TestCase("U/UKIDSS/UDS", 105)]
    [TestCase("UKIRTCAL", 1)]
    [TestCase("u/05a/37", 1001)]
    [TestCase("U/07B/H11", 1002)]
    public void A_registered_dfsIDString_matches_exactly_whatever_its_case(string project, int programme) =>
        Assert.That(Identify(project), Is.EqualTo(new ProgrammeMatch(programme, ProgrammeRules.Exact, null)));

    [TestCase("  U/UKIDSS/LAS  ", 101)]
    [TestCase("UKIRTCAL ", 1)]
    [TestCase("\tu/05a/37", 1001)]
    public void Blanks_around_the_value_are_ignored(string project, int programme) =>
        Assert.That(Identify(project).ProgrammeId, Is.EqualTo(programme));

    [TestCase("U/UKIDSS/GCS21", 103)]
    [TestCase("u/ukidss/gcs21", 103)]
    [TestCase("U/UKIDSS/LAS2", 101)]
    [TestCase("u/ukidss/las_xyz", 101)]
    [TestCase("u/ukidss/las15", 101)]
    [TestCase("U/UKIDSS/LAS7D", 101)]
    [TestCase("u/ukidss/las_p11b", 101)]
    [TestCase("U/UKIDSS/LAS_J2_12A", 101)]
    [TestCase("U/UKIDSS/GPS14", 102)]
    [TestCase("u/ukidss/dxs_p09a", 104)]
    [TestCase("U/UKIDSS/UDS7", 105)]
    public void A_survey_name_with_appended_junk_belongs_to_that_survey(string project, int programme) =>
        Assert.That(Identify(project), Is.EqualTo(new ProgrammeMatch(programme, ProgrammeRules.Prefix, null)));

    [TestCase("u/ukidss/las_sv", 101)]
    [TestCase("U/UKIDSS/GPS_SV", 102)]
    [TestCase("u/ukidss/gcs_sv", 103)]
    [TestCase("U/UKIDSS/DXS_SV", 104)]
    [TestCase("u/ukidss/uds_sv", 105)]
    public void Science_verification_frames_belong_to_their_survey(string project, int programme) =>
        Assert.That(Identify(project), Is.EqualTo(new ProgrammeMatch(programme, ProgrammeRules.ScienceVerification, null)));

    [Test]
    public void A_survey_prefix_followed_by_more_than_sv_is_an_ordinary_prefix_match() =>
        Assert.That(Identify("u/ukidss/las_sv2").Rule, Is.EqualTo(ProgrammeRules.Prefix));

    [TestCase("U/UKIDSS/SV")]
    [TestCase("u/ukidss/sv_1")]
    [TestCase("U/UKIDSS/0")]
    [TestCase("u/ukidss/uhs")]
    public void A_UKIDSS_project_naming_no_registered_survey_is_unknown_and_the_surveys_are_listed(string project)
    {
        var match = Identify(project);
        Assert.Multiple(() =>
        {
            Assert.That(match.ProgrammeId, Is.Null);
            Assert.That(match.Rule, Is.EqualTo(ProgrammeRules.Unregistered));
            Assert.That(match.Problem, Does.StartWith($"PROJECT '{project}' matches no registered programme: it is a UKIDSS project naming none"));
            Assert.That(match.Problem, Does.Contain("u/ukidss/dxs, u/ukidss/gcs, u/ukidss/gps, u/ukidss/las, u/ukidss/uds"));
        });
    }

    [TestCase("UKIRTCAL", 1)]
    [TestCase("ukirtcal", 1)]
    [TestCase("UkirtCal", 1)]
    public void UKIRTCAL_is_the_calibration_programme(string project, int programme) =>
        Assert.That(Identify(project).ProgrammeId, Is.EqualTo(programme));

    [TestCase("u/05a/37b", 1001)]
    [TestCase("U/05A/37A", 1001)]
    [TestCase("U/07B/H11C", 1002)]
    public void A_non_survey_code_with_one_sub_project_letter_belongs_to_that_programme(string project, int programme) =>
        Assert.That(Identify(project), Is.EqualTo(new ProgrammeMatch(programme, ProgrammeRules.SubProject, null)));

    [TestCase("u/05a/370")]
    [TestCase("u/05a/37d")]
    [TestCase("u/05a/37ab")]
    [TestCase("u/05a/37_x")]
    [TestCase("u/07b/h11/1")]
    public void A_non_survey_code_is_not_matched_as_a_prefix_and_the_near_miss_is_named(string project)
    {
        var match = Identify(project);
        Assert.Multiple(() =>
        {
            Assert.That(match.ProgrammeId, Is.Null);
            Assert.That(match.Rule, Is.EqualTo(ProgrammeRules.Unregistered));
            Assert.That(match.Problem, Does.Contain("is matched exactly, not as a prefix"));
        });
    }

    [Test]
    public void A_sub_project_letter_only_counts_after_a_digit()
    {
        var identifier = new ProgrammeIdentifier([new ProgrammeEntry(1003, "SERVX", "u/serv/x", true)]);
        Assert.That(identifier.Identify("u/serv/xa").ProgrammeId, Is.Null, "'u/serv/x' does not end in a project number");
    }

    [TestCase("U/07B/H99")]
    [TestCase("u/06a/12")]
    [TestCase("JCMTCAL")]
    [TestCase("m07bu12")]
    [TestCase("u/serv/1724")]
    [TestCase("UKIRT")]
    public void A_project_matching_nothing_is_unknown_and_reported_with_its_value(string project) =>
        Assert.That(Identify(project), Is.EqualTo(new ProgrammeMatch(null, ProgrammeRules.Unregistered, $"PROJECT '{project}' matches no registered programme")));

    [TestCase("u/ec/1")]
    [TestCase("U/EC/12")]
    public void An_unregistered_engineering_and_commissioning_project_is_unknown_and_says_so(string project)
    {
        var match = Identify(project);
        Assert.Multiple(() =>
        {
            Assert.That(match.ProgrammeId, Is.Null);
            Assert.That(match.Problem, Is.EqualTo($"PROJECT '{project}' matches no registered programme: it is a UKIRT engineering and commissioning (E&C) project, and none is registered with that dfsIDString"));
        });
    }

    [Test]
    public void A_registered_engineering_and_commissioning_project_is_its_own_non_survey_programme()
    {
        var identifier = new ProgrammeIdentifier([.. Registered.Programmes, new ProgrammeEntry(1010, "EC1", "u/ec/1", true)]);
        Assert.Multiple(() =>
        {
            Assert.That(identifier.Identify("U/EC/1"), Is.EqualTo(new ProgrammeMatch(1010, ProgrammeRules.Exact, null)));
            Assert.That(identifier.Identify("u/ec/12").ProgrammeId, Is.Null, "u/ec/1 is not a prefix of u/ec/12");
        });
    }

    [TestCase(null, "no PROJECT keyword: the programme is unknown")]
    [TestCase("", "PROJECT is blank: the programme is unknown")]
    [TestCase("   ", "PROJECT is blank: the programme is unknown")]
    [TestCase("NONE", "PROJECT is 'NONE' (the value of a missing keyword): the programme is unknown")]
    [TestCase("none", "PROJECT is 'NONE' (the value of a missing keyword): the programme is unknown")]
    public void A_missing_or_blank_project_is_unknown_with_a_reason(string? project, string problem) =>
        Assert.That(Identify(project), Is.EqualTo(new ProgrammeMatch(null, ProgrammeRules.Missing, problem)));

    [Test]
    public void The_default_programme_is_never_matched()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Registered.Programmes.Select(p => p.ProgrammeId), Does.Not.Contain(-99));
            Assert.That(Identify("NONE").ProgrammeId, Is.Null);
        });
    }

    [Test]
    public void The_longest_matching_prefix_wins()
    {
        var identifier = new ProgrammeIdentifier(
        [
            new ProgrammeEntry(101, "LAS", "u/ukidss/las", false),
            new ProgrammeEntry(111, "LAS2", "u/ukidss/las2", false),
        ]);
        Assert.Multiple(() =>
        {
            Assert.That(identifier.Identify("U/UKIDSS/LAS2"), Is.EqualTo(new ProgrammeMatch(111, ProgrammeRules.Exact, null)));
            Assert.That(identifier.Identify("U/UKIDSS/LAS2_P1"), Is.EqualTo(new ProgrammeMatch(111, ProgrammeRules.Prefix, null)));
            Assert.That(identifier.Identify("U/UKIDSS/LAS3"), Is.EqualTo(new ProgrammeMatch(101, ProgrammeRules.Prefix, null)));
        });
    }

    [Test]
    public void An_exactly_registered_non_survey_code_beats_the_survey_it_extends()
    {
        var identifier = new ProgrammeIdentifier(
        [
            new ProgrammeEntry(101, "LAS", "u/ukidss/las", false),
            new ProgrammeEntry(1500, "LASSV", "u/ukidss/las_sv", true),
        ]);
        Assert.Multiple(() =>
        {
            Assert.That(identifier.Identify("u/ukidss/las_sv"), Is.EqualTo(new ProgrammeMatch(1500, ProgrammeRules.Exact, null)));
            Assert.That(identifier.Identify("u/ukidss/las_sv3"), Is.EqualTo(new ProgrammeMatch(101, ProgrammeRules.Prefix, null)));
        });
    }

    [Test]
    public void Two_programmes_with_the_same_dfsIDString_are_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => _ = new ProgrammeIdentifier(
        [
            new ProgrammeEntry(101, "LAS", "u/ukidss/las", false),
            new ProgrammeEntry(901, "LASCOPY", "U/UKIDSS/LAS ", false),
        ]));
        Assert.That(e!.Message, Does.StartWith("programmes LAS (101) and LASCOPY (901) have the same dfsIDString 'u/ukidss/las'"));
    }

    [Test]
    public void Rows_without_a_dfsIDString_are_left_out()
    {
        var identifier = new ProgrammeIdentifier(
        [
            new ProgrammeEntry(-99, "NONE", "NONE", true),
            new ProgrammeEntry(7, "BLANK", " ", false),
            new ProgrammeEntry(101, "LAS", "u/ukidss/las", false),
        ]);
        Assert.That(identifier.Programmes.Select(p => p.ProgrammeId), Is.EqualTo(new[] { 101 }));
    }

    [Test]
    public void The_archive_programme_file_reads_into_entries()
    {
        var entries = ProgrammeEntry.ReadCsv(Path.Combine(TestPaths.SchemaSql, "data", "Programme.csv"));
        Assert.Multiple(() =>
        {
            Assert.That(entries, Does.Contain(new ProgrammeEntry(101, "LAS", "u/ukidss/las", false)));
            Assert.That(entries, Does.Contain(new ProgrammeEntry(1, "CAL", "UKIRTCAL", false)));
            Assert.That(entries, Does.Contain(new ProgrammeEntry(1001, "U05A37", "u/05a/37", true)));
            Assert.That(entries, Does.Contain(new ProgrammeEntry(-99, "NONE", "NONE", true)));
        });
    }

    [Test]
    public void A_programme_file_without_the_dfsIDString_column_is_refused_with_the_file()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "Programme.csv");
        File.WriteAllText(path, "programmeID,acronym,isNonSurvey\n101,LAS,0\n");
        var e = Assert.Throws<FormatException>(() => ProgrammeEntry.ReadCsv(path));
        Assert.That(e!.Message, Is.EqualTo($"{path}:1: no column dfsIDString"));
    }
}
