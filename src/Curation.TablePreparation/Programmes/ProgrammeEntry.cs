using System.Globalization;
using Curation.Database;

namespace Curation.TablePreparation.Programmes;

/// <summary>A registered programme as programme identification needs it: one row of the <c>Programme</c> table.</summary>
/// <param name="ProgrammeId">Its <c>programmeID</c>, eg. 101.</param>
/// <param name="Acronym">Its acronym, eg. LAS.</param>
/// <param name="DfsIdString">Its identifier in the data flow system (<c>dfsIDString</c>), eg. <c>u/ukidss/las</c>: what the
/// PROJECT keyword of its frames holds.</param>
/// <param name="IsNonSurvey">True for an open-time or service programme (<c>isNonSurvey</c> = 1), matched exactly; false for a
/// survey or calibration programme, matched as a prefix.</param>
public sealed record ProgrammeEntry(int ProgrammeId, string Acronym, string DfsIdString, bool IsNonSurvey)
{
    /// <summary>Reads the programmes of a <c>Programme.csv</c> reference file (as in <c>schema-sql/data/</c>).</summary>
    /// <exception cref="FormatException">The file lacks a needed column or a value does not parse; the message names the line.</exception>
    public static IReadOnlyList<ProgrammeEntry> ReadCsv(string path)
    {
        var table = ReferenceData.ReadFile(path);
        int Column(string name)
        {
            var i = table.Columns.ToList().FindIndex(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
            return i >= 0 ? i : throw new FormatException($"{path}:1: no column {name}");
        }

        var (id, acronym, dfs, nonSurvey) = (Column("programmeID"), Column("acronym"), Column("dfsIDString"), Column("isNonSurvey"));
        return [.. table.Rows.Select(r => new ProgrammeEntry(
            Parse(r.Values[id], path, r.Line, "programmeID"),
            r.Values[acronym],
            r.Values[dfs],
            Parse(r.Values[nonSurvey], path, r.Line, "isNonSurvey") != 0))];
    }

    private static int Parse(string value, string path, int line, string column) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"{path}:{line}: {column} '{value}' is not an integer");
}
