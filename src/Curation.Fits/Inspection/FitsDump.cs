using System.Globalization;
using System.Text;
using System.Text.Json;
using Curation.Fits.Headers;
using Curation.Fits.Images;
using Curation.Fits.Tables;

namespace Curation.Fits.Inspection;

/// <summary>
/// What <c>curate fits dump</c> prints for one file: every HDU's kind, shape, columns and cards, optionally the
/// statistics of its data, as one JSON document or as a <c>fitsinfo</c>-like summary. A problem in one HDU is
/// recorded on that HDU and the rest is still dumped; <see cref="Failed"/> says whether anything went wrong.
/// </summary>
public sealed class FitsDump
{
    private readonly List<HduDump> hdus = [];
    private readonly List<string> warnings = [];

    private FitsDump(string file) => File = file;

    /// <summary>The file as named on the command line.</summary>
    public string File { get; }

    /// <summary>The HDUs read.</summary>
    public IReadOnlyList<HduDump> Hdus => hdus;

    /// <summary>File-level warnings and every card warning, as "HDU n card m (KEY): text".</summary>
    public IReadOnlyList<string> Warnings => warnings;

    /// <summary>Why the file (or the HDU list) could not be read completely, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>True when the file or any HDU could not be read.</summary>
    public bool Failed => Error is not null || hdus.Any(h => h.Error is not null);

    /// <summary>Every error message (file and HDUs), for reporting.</summary>
    public IEnumerable<string> Errors => (Error is null ? [] : new[] { Error }).Concat(hdus.Where(h => h.Error is not null).Select(h => h.Error!)).Distinct();

    /// <summary>Reads a file; never throws for a bad file (the problem is in <see cref="Error"/> or an HDU's error).</summary>
    public static FitsDump Read(string path, bool statistics, FitsReadOptions? options = null)
    {
        var dump = new FitsDump(path);
        FitsFile file;
        try
        {
            file = FitsFile.Open(path, options);
        }
        catch (FitsException e)
        {
            dump.Error = e.Message;
            return dump;
        }

        using (file)
        {
            dump.warnings.AddRange(file.Warnings);
            foreach (var hdu in file.Hdus)
            {
                foreach (var (card, warning) in hdu.Header.Warnings)
                    dump.warnings.Add($"HDU {hdu.Index} card {card.Position} ({card.Keyword}): {warning}");
                dump.hdus.Add(HduDump.Read(hdu, statistics));
            }

            if (file.Truncation is { } truncation)
                dump.Error = truncation.Message;
        }

        return dump;
    }

    /// <summary>Writes the JSON document (one line).</summary>
    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("file", File);
        json.WriteStartArray("hdus");
        foreach (var h in hdus)
            h.WriteJson(json);
        json.WriteEndArray();
        if (warnings.Count > 0)
        {
            json.WriteStartArray("warnings");
            foreach (var w in warnings)
                json.WriteStringValue(w);
            json.WriteEndArray();
        }

        if (Error is not null)
            json.WriteString("error", Error);
        json.WriteEndObject();
    }

    /// <summary>The JSON document as a string.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WriteJson(json);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the readable summary: one line per HDU, like astropy's <c>fitsinfo</c>.</summary>
    public void WriteSummary(TextWriter o, bool statistics)
    {
        o.WriteLine($"Filename: {File}");
        if (hdus.Count > 0)
        {
            o.WriteLine($"{"No.",3}  {"Name",-20} {"Kind",-16} {"Cards",5}  {"Dimensions",-18} Format");
            foreach (var h in hdus)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{h.Index,3}  {Clip(h.ExtName ?? (h.Index == 0 ? "PRIMARY" : ""), 20),-20} {h.Kind.Name(),-16} {h.Cards.Count,5}  {h.Dimensions,-18} {h.Format}"));
                if (statistics && h.ImageStatistics is { } s)
                {
                    o.WriteLine(s.Finite == 0
                        ? "       no finite pixels"
                        : string.Create(CultureInfo.InvariantCulture, $"       min {s.Min:G7}  max {s.Max:G7}  mean {s.Mean:G7}  finite {s.Finite}"));
                }

                if (statistics && h.ColumnStatistics is { } cs)
                {
                    foreach (var (column, stat) in h.Columns.Zip(cs))
                    {
                        if (stat is { } st)
                            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"       {column.Name ?? $"col{column.Index + 1}",-24} sum {st.Sum:G10}  finite {st.Finite}"));
                    }
                }

                if (h.Error is not null)
                    o.WriteLine($"       error: {h.Error}");
            }
        }

        if (warnings.Count > 0)
        {
            o.WriteLine($"{warnings.Count} warning(s):");
            foreach (var w in warnings)
                o.WriteLine($"  {w}");
        }

        if (Error is not null)
            o.WriteLine($"error: {Error}");
    }

    private static string Clip(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "~";
}

/// <summary>Sum and count of a numeric table column's finite physical values.</summary>
/// <param name="Sum">Sum of the values (array elements included, nulls excluded).</param>
/// <param name="Finite">Number of values summed.</param>
public sealed record ColumnStatistics(double Sum, long Finite);

/// <summary>One HDU of a <see cref="FitsDump"/>.</summary>
public sealed class HduDump
{
    private HduDump(FitsHdu hdu)
    {
        Index = hdu.Index;
        Kind = hdu.Kind;
        ExtName = hdu.ExtName;
        Bitpix = hdu.Bitpix;
        Axes = hdu.Axes;
        Rows = hdu.Rows;
        Cards = hdu.Header;
        Compression = hdu.Kind == HduKind.CompressedImage ? hdu.StoredHeader.GetText(Keywords.ZCMPTYPE) : null;
    }

    /// <summary>0-based index.</summary>
    public int Index { get; }

    /// <summary>Kind of HDU.</summary>
    public HduKind Kind { get; }

    /// <summary>EXTNAME or null.</summary>
    public string? ExtName { get; }

    /// <summary>BITPIX (of the image held, for a compressed image).</summary>
    public int Bitpix { get; }

    /// <summary>NAXISn in FITS order.</summary>
    public IReadOnlyList<long> Axes { get; }

    /// <summary>Rows of a table, else null.</summary>
    public long? Rows { get; }

    /// <summary>The columns of a table (empty otherwise, or when their definitions are unreadable).</summary>
    public IReadOnlyList<TableColumn> Columns { get; private set; } = [];

    /// <summary>The header cards (for a compressed image, of the image it holds).</summary>
    public Header Cards { get; }

    /// <summary>ZCMPTYPE of a compressed image.</summary>
    public string? Compression { get; }

    /// <summary>Image statistics, when asked for and the HDU is an image with data.</summary>
    public ImageStatistics? ImageStatistics { get; private set; }

    /// <summary>Per-column statistics (null entries for non-numeric columns), when asked for and the HDU is a table.</summary>
    public IReadOnlyList<ColumnStatistics?>? ColumnStatistics { get; private set; }

    /// <summary>Why the HDU's columns or data could not be read, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>Dimensions for the summary: "300 x 300", "3152 rows x 80 cols" or "()".</summary>
    public string Dimensions => Kind.IsTable()
        ? $"{Rows} rows x {Columns.Count} cols"
        : Axes.Count == 0 ? "()" : string.Join(" x ", Axes);

    /// <summary>Data format for the summary.</summary>
    public string Format
    {
        get
        {
            if (Kind.IsTable())
                return string.Join(",", Columns.Take(6).Select(c => c.TForm)) + (Columns.Count > 6 ? ",..." : "");
            var type = Bitpix switch { 8 => "uint8", 16 => "int16", 32 => "int32", 64 => "int64", -32 => "float32", -64 => "float64", _ => $"BITPIX {Bitpix}" };
            if (Cards.Contains(Keywords.BSCALE) || Cards.Contains(Keywords.BZERO))
                type += " (scaled)";
            return Compression is null ? type : $"{type} {Compression}";
        }
    }

    internal static HduDump Read(FitsHdu hdu, bool statistics)
    {
        var dump = new HduDump(hdu);
        try
        {
            dump.Columns = hdu.Columns;
            if (statistics && hdu.Kind.IsImage() && hdu.PixelCount > 0)
                dump.ImageStatistics = hdu.ComputeImageStatistics();
            if (statistics && hdu.Kind.IsTable())
                dump.ColumnStatistics = TableStatistics(hdu);
        }
        catch (FitsException e)
        {
            dump.Error = e.Message;
        }

        return dump;
    }

    private static List<ColumnStatistics?> TableStatistics(FitsHdu hdu)
    {
        var columns = hdu.Columns;
        var sums = new double[columns.Count];
        var counts = new long[columns.Count];
        var numeric = columns.Where(c => c.IsNumeric).Select(c => c.Index).ToList();
        if (numeric.Count > 0)
        {
            var reader = hdu.OpenTable(numeric);
            foreach (var chunk in reader.ReadChunks())
            {
                for (var i = 0; i < numeric.Count; i++)
                    chunk.Columns[i].AccumulateSum(ref sums[numeric[i]], ref counts[numeric[i]]);
            }
        }

        return [.. columns.Select(c => c.IsNumeric ? new ColumnStatistics(sums[c.Index], counts[c.Index]) : null)];
    }

    internal void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteNumber("index", Index);
        json.WriteString("kind", Kind.Name());
        WriteNullableString(json, "extname", ExtName);
        json.WriteNumber("bitpix", Bitpix);
        json.WriteStartArray("naxis");
        foreach (var a in Axes)
            json.WriteNumberValue(a);
        json.WriteEndArray();
        if (Rows is { } rows)
            json.WriteNumber("rows", rows);
        else
            json.WriteNull("rows");
        if (Kind.IsTable())
        {
            json.WriteStartArray("columns");
            for (var i = 0; i < Columns.Count; i++)
            {
                var c = Columns[i];
                json.WriteStartObject();
                WriteNullableString(json, "name", c.Name);
                json.WriteString("tform", c.TForm);
                WriteNullableString(json, "unit", c.Unit);
                if (ColumnStatistics is { } stats)
                {
                    if (stats[i] is { } s)
                    {
                        json.WriteStartObject("stats");
                        WriteDouble(json, "sum", s.Sum);
                        json.WriteNumber("finite", s.Finite);
                        json.WriteEndObject();
                    }
                    else
                    {
                        json.WriteNull("stats");
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteNull("columns");
        }

        json.WriteStartArray("cards");
        foreach (var card in Cards)
            WriteCard(json, card);
        json.WriteEndArray();
        if (ImageStatistics is { } image)
        {
            json.WriteStartObject("stats");
            WriteNullableDouble(json, "min", image.Min);
            WriteNullableDouble(json, "max", image.Max);
            WriteNullableDouble(json, "mean", image.Mean);
            json.WriteNumber("finite", image.Finite);
            json.WriteEndObject();
        }

        if (Error is not null)
            json.WriteString("error", Error);
        json.WriteEndObject();
    }

    private static void WriteCard(Utf8JsonWriter json, Card card)
    {
        json.WriteStartObject();
        json.WriteString("keyword", card.Keyword);
        json.WritePropertyName("value");
        var v = card.Value;
        switch (v.Kind)
        {
            case CardValueKind.String or CardValueKind.Text:
                json.WriteStringValue(v.TextValue);
                break;
            case CardValueKind.Logical:
                json.WriteBooleanValue(v.Logical);
                break;
            case CardValueKind.Integer:
                json.WriteRawValue(v.Integer is { } i ? i.ToString(CultureInfo.InvariantCulture) : v.Raw.TrimStart('+'));
                break;
            case CardValueKind.Float:
                WriteFloatValue(json, v.Real);
                break;
            case CardValueKind.Complex:
                json.WriteStartObject();
                json.WritePropertyName("re");
                WriteFloatValue(json, v.Real);
                json.WritePropertyName("im");
                WriteFloatValue(json, v.Imaginary);
                json.WriteEndObject();
                break;
            default:
                json.WriteNullValue();
                break;
        }

        WriteNullableString(json, "comment", card.Comment);
        if (card.Warnings.Count > 0)
        {
            json.WriteStartArray("warnings");
            foreach (var w in card.Warnings)
                json.WriteStringValue(w);
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>A float always written with a point or exponent, so readers keep it a float (1.0, not 1).</summary>
    private static void WriteFloatValue(Utf8JsonWriter json, double value)
    {
        if (!double.IsFinite(value))
        {
            json.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
            return;
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.IndexOfAny(['.', 'E', 'e']) < 0)
            text += ".0";
        json.WriteRawValue(text);
    }

    private static void WriteDouble(Utf8JsonWriter json, string name, double value)
    {
        json.WritePropertyName(name);
        WriteFloatValue(json, value);
    }

    private static void WriteNullableDouble(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
            WriteDouble(json, name, v);
        else
            json.WriteNull(name);
    }

    private static void WriteNullableString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }
}
