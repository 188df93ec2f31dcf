using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Curation.Release;

/// <summary>One programme of a release, with what it holds there.</summary>
/// <param name="Id">Its <c>programmeID</c>.</param>
/// <param name="Acronym">Its acronym.</param>
/// <param name="Title">Its title.</param>
/// <param name="Frames">Its frames in the release.</param>
/// <param name="FramesLeftOut">Its frames left out (still proprietary on the release date, or undated).</param>
/// <param name="Detections">Rows of its <c>{prog}Detection</c> in the release.</param>
/// <param name="Sources">Rows of its <c>{prog}Source</c> in the release.</param>
public sealed record ReleasedProgramme(int Id, string Acronym, string Title, int Frames, int FramesLeftOut, long Detections, long Sources);

/// <summary>What a release holds, written beside it as <c>NAME_summary.json</c> and printed by <c>curate release</c>.</summary>
public sealed record ReleaseSummary
{
    /// <summary>The survey.</summary>
    public required Survey Survey { get; init; }

    /// <summary>The release number.</summary>
    public required int ReleaseNum { get; init; }

    /// <summary>The release date.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Its description (<c>Release.description</c>).</summary>
    public required string Description { get; init; }

    /// <summary>The release database (URL, password hidden).</summary>
    public required string Database { get; init; }

    /// <summary>Its name as <c>Release.dbName</c> records it.</summary>
    public required string DbName { get; init; }

    /// <summary>The curation event that made it.</summary>
    public required int CuEventId { get; init; }

    /// <summary>Its programmes.</summary>
    public required IReadOnlyList<ReleasedProgramme> Programmes { get; init; }

    /// <summary>Frames left out because they were still proprietary on the release date.</summary>
    public required int ProprietaryFrames { get; init; }

    /// <summary>Frames left out because their date of observation or their programme's proprietary period is unknown.</summary>
    public required int UndatedFrames { get; init; }

    /// <summary>Frames left out because they belong to other surveys or to programmes without tables.</summary>
    public required int OtherFrames { get; init; }

    /// <summary>The curation-only tables left out.</summary>
    public required IReadOnlyList<string> TablesLeftOut { get; init; }

    /// <summary>Every table of the release with its rows.</summary>
    public required IReadOnlyList<(string Table, long Rows)> Tables { get; init; }

    /// <summary>Indices CU18 created on the release, and those already there.</summary>
    public required (int Created, int Present) Indices { get; init; }

    /// <summary>The schema browser's directory.</summary>
    public required string SchemaDirectory { get; init; }

    /// <summary>Seconds each stage took, in order.</summary>
    public required IReadOnlyList<(string Stage, double Seconds)> Timings { get; init; }

    /// <summary>The summary as indented JSON.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("surveyID", Survey.Id);
            w.WriteString("survey", Survey.Name);
            w.WriteNumber("releaseNum", ReleaseNum);
            w.WriteString("releaseDate", Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("description", Description);
            w.WriteString("database", Database);
            w.WriteString("dbName", DbName);
            w.WriteNumber("cuEventID", CuEventId);
            w.WriteStartArray("programmes");
            foreach (var p in Programmes)
            {
                w.WriteStartObject();
                w.WriteNumber("programmeID", p.Id);
                w.WriteString("acronym", p.Acronym);
                w.WriteString("title", p.Title);
                w.WriteNumber("frames", p.Frames);
                w.WriteNumber("framesLeftOut", p.FramesLeftOut);
                w.WriteNumber("detections", p.Detections);
                w.WriteNumber("sources", p.Sources);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("framesLeftOut");
            w.WriteNumber("proprietary", ProprietaryFrames);
            w.WriteNumber("undated", UndatedFrames);
            w.WriteNumber("otherSurveys", OtherFrames);
            w.WriteEndObject();
            w.WriteStartArray("tablesLeftOut");
            foreach (var t in TablesLeftOut)
                w.WriteStringValue(t);
            w.WriteEndArray();
            w.WriteStartArray("tables");
            foreach (var (table, rows) in Tables)
            {
                w.WriteStartObject();
                w.WriteString("name", table);
                w.WriteNumber("rows", rows);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("indices");
            w.WriteNumber("created", Indices.Created);
            w.WriteNumber("present", Indices.Present);
            w.WriteEndObject();
            w.WriteString("schemaBrowser", Path.Combine(SchemaDirectory, "index.html"));
            w.WriteStartObject("seconds");
            foreach (var (stage, seconds) in Timings)
                w.WriteNumber(stage, Math.Round(seconds, 3));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>The summary as the lines <c>curate release</c> prints.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        void Line(string text) => sb.Append(text).Append('\n');
        Line(string.Create(CultureInfo.InvariantCulture,
            $"Release {ReleaseNum} of {Survey} dated {Date:yyyy-MM-dd} ('{Description}', event {CuEventId}): {Database}"));
        var rows = Programmes.Select(p => new[]
        {
            "  " + p.Acronym, p.Id.ToString(CultureInfo.InvariantCulture), p.Frames.ToString(CultureInfo.InvariantCulture),
            p.FramesLeftOut.ToString(CultureInfo.InvariantCulture), p.Detections.ToString(CultureInfo.InvariantCulture), p.Sources.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        Columns(sb, ["  programme", "ID", "frames", "left out", "detections", "sources"], rows);
        Line(string.Create(CultureInfo.InvariantCulture,
            $"Frames left out: {ProprietaryFrames} still proprietary on {Date:yyyy-MM-dd}, {UndatedFrames} undated, {OtherFrames} of other surveys or of programmes without tables"));
        Line($"Curation-only tables left out: {string.Join(", ", TablesLeftOut)}");
        Line(string.Create(CultureInfo.InvariantCulture, $"Indices (cu18 on the release): {Indices.Created} created, {Indices.Present} already there"));
        Line(string.Create(CultureInfo.InvariantCulture, $"Tables ({Tables.Count}, {Tables.Sum(t => t.Rows)} rows):"));
        Columns(sb, ["  table", "rows"], Tables.Select(t => new[] { "  " + t.Table, t.Rows.ToString(CultureInfo.InvariantCulture) }).ToList());
        Line(string.Create(CultureInfo.InvariantCulture,
            $"Made in {Timings.Sum(t => t.Seconds):F1} s ({string.Join(", ", Timings.Select(t => $"{t.Stage} {t.Seconds:F1} s"))})"));
        Line($"Schema browser: {Path.Combine(SchemaDirectory, "index.html")}");
        return sb.ToString();
    }

    private static void Columns(StringBuilder sb, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Format(string[] cells) => string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
        sb.Append(Format(header)).Append('\n');
        foreach (var r in rows)
            sb.Append(Format(r)).Append('\n');
    }
}
