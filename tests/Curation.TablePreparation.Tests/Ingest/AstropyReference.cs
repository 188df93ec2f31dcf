using System.Globalization;
using System.Text.Json;
using Curation.TablePreparation.Tests.Sky;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Ingest;

/// <summary>astropy's reading of a FITS file (Ingest/astropy-reference.py): every HDU's cards and table columns.</summary>
internal sealed class AstropyReference
{
    private readonly JsonElement root;

    private AstropyReference(JsonElement root) => this.root = root;

    /// <summary>Reads <paramref name="path"/> with astropy (the test is skipped, visibly, when astropy is missing).</summary>
    public static AstropyReference Read(string path, bool columns = false)
    {
        using var dir = Fixtures.NewTempDir();
        var script = File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "tests", "Curation.TablePreparation.Tests", "Ingest", "astropy-reference.py"));
        var text = columns ? ReferenceTools.RunAstropy(dir, script, path, "--columns") : ReferenceTools.RunAstropy(dir, script, path);
        using var doc = JsonDocument.Parse(text);
        return new AstropyReference(doc.RootElement.Clone());
    }

    public int HduCount => root.GetProperty("hdus").GetArrayLength();

    /// <summary>The cards of HDU <paramref name="hdu"/>: keyword, type letter, value (null when undefined).</summary>
    public IReadOnlyList<(string Keyword, string Type, JsonElement Value)> Cards(int hdu) =>
        [.. root.GetProperty("hdus")[hdu].GetProperty("cards").EnumerateArray()
            .Select(c => (c[0].GetString()!, c[1].GetString()!, c[2]))];

    /// <summary>The value of a keyword in HDU <paramref name="hdu"/>, or null when the header lacks it or it has no value.</summary>
    public JsonElement? Keyword(int hdu, string keyword)
    {
        foreach (var (k, type, value) in Cards(hdu))
        {
            if (string.Equals(k, keyword, StringComparison.OrdinalIgnoreCase))
                return type is "U" or "X" ? null : value;
        }

        return null;
    }

    /// <summary>A table column's unit and values (NaN for null).</summary>
    public (string? Unit, IReadOnlyList<JsonElement> Values) Column(int hdu, string name)
    {
        var c = root.GetProperty("hdus")[hdu].GetProperty("columns").GetProperty(name);
        return (c.GetProperty("unit").ValueKind == JsonValueKind.String ? c.GetProperty("unit").GetString() : null, [.. c.GetProperty("values").EnumerateArray()]);
    }

    /// <summary>A JSON value as a number (logicals as 1/0, numeric strings parsed), or null.</summary>
    public static double? Number(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}
