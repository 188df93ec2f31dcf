using System.Text.Encodings.Web;
using System.Text.Json;

namespace Curation.Database.Outgesting;

/// <summary>
/// The JSON descriptor (<c>FILE.json</c>) of a binary outgest file: which data file it describes, how many records of
/// which layout it holds (docs/outgest.md). The <see cref="Outgester"/> writes it; readers of binary outgests (the sky
/// matcher's position files, numpy) read it.
/// </summary>
/// <param name="DataFile">The data file's name, relative to the descriptor's directory.</param>
/// <param name="Rows">The number of records in the data file.</param>
/// <param name="Layout">The record layout.</param>
public sealed record OutgestDescriptor(string DataFile, long Rows, BinaryLayout Layout)
{
    /// <summary>The <c>format</c> member of every descriptor.</summary>
    public const string FormatName = "curation-outgest-binary";

    /// <summary>The descriptor's path for a data file: the data file's path with <c>.json</c> appended.</summary>
    public static string PathFor(string dataPath) => dataPath + ".json";

    /// <summary>
    /// Writes the descriptor as the Outgester does: format, version, byte order, record size, rows, null bitmap and
    /// each column's name, type, size, offset, numpy type and source type; indented, UTF-8, ending with a newline.
    /// </summary>
    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("format_version", Outgester.BinaryFormatVersion);
            json.WriteString("data_file", DataFile);
            json.WriteString("byte_order", "little");
            json.WriteNumber("record_size", Layout.RecordSize);
            json.WriteNumber("rows", Rows);
            json.WriteStartObject("null_bitmap");
            json.WriteNumber("offset", 0);
            json.WriteNumber("size", Layout.NullBitmapSize);
            json.WriteString("bit_order", "little");
            json.WriteEndObject();
            json.WriteStartArray("columns");
            foreach (var c in Layout.Columns)
            {
                json.WriteStartObject();
                json.WriteString("name", c.Name);
                json.WriteString("type", c.TypeName);
                json.WriteNumber("size", c.Size);
                json.WriteNumber("offset", c.Offset);
                json.WriteString("numpy", c.NumpyFormat);
                json.WriteString("source_type", c.SourceType);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    /// <summary>
    /// Reads a descriptor. Throws <see cref="InvalidDataException"/>, naming the file and the member, when it is not a
    /// binary outgest descriptor of a version this code reads, or its layout is inconsistent.
    /// </summary>
    public static OutgestDescriptor Read(string descriptorPath)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(descriptorPath));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{descriptorPath} is not JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            string Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()!
                : throw new InvalidDataException($"{descriptorPath}: '{name}' is missing or not a string");
            long Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)
                ? n
                : throw new InvalidDataException($"{descriptorPath}: '{name}' is missing or not an integer");

            if (Text("format") != FormatName)
                throw new InvalidDataException($"{descriptorPath}: format is '{Text("format")}', not '{FormatName}'");
            if (Number(root, "format_version") != Outgester.BinaryFormatVersion)
                throw new InvalidDataException($"{descriptorPath}: format_version {Number(root, "format_version")} is not {Outgester.BinaryFormatVersion}, the version this reads");
            if (Text("byte_order") != "little")
                throw new InvalidDataException($"{descriptorPath}: byte_order is '{Text("byte_order")}', not 'little'");
            var recordSize = checked((int)Number(root, "record_size"));
            var rows = Number(root, "rows");
            if (!root.TryGetProperty("null_bitmap", out var bitmap))
                throw new InvalidDataException($"{descriptorPath}: 'null_bitmap' is missing");
            var bitmapSize = checked((int)Number(bitmap, "size"));
            if (!root.TryGetProperty("columns", out var columnsElement) || columnsElement.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"{descriptorPath}: 'columns' is missing or not an array");
            var columns = new List<BinaryColumn>();
            foreach (var c in columnsElement.EnumerateArray())
            {
                var name = c.GetProperty("name").GetString() ?? throw new InvalidDataException($"{descriptorPath}: a column has no name");
                var typeName = c.GetProperty("type").GetString();
                var type = TypeFromName(typeName) ?? throw new InvalidDataException($"{descriptorPath}: column {name} has the unknown type '{typeName}'");
                var size = checked((int)Number(c, "size"));
                var offset = checked((int)Number(c, "offset"));
                if (offset < bitmapSize || offset + size > recordSize)
                    throw new InvalidDataException($"{descriptorPath}: column {name} ({size} bytes at offset {offset}) does not fit a record of {recordSize} bytes after a {bitmapSize}-byte null bitmap");
                var source = c.TryGetProperty("source_type", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                columns.Add(new BinaryColumn(name, type, size, offset, source));
            }

            return new OutgestDescriptor(Text("data_file"), rows, new BinaryLayout(bitmapSize, recordSize, columns));
        }
    }

    private static BinaryType? TypeFromName(string? name) => name switch
    {
        "bool" => BinaryType.Bool,
        "uint8" => BinaryType.UInt8,
        "int16" => BinaryType.Int16,
        "int32" => BinaryType.Int32,
        "int64" => BinaryType.Int64,
        "float32" => BinaryType.Float32,
        "float64" => BinaryType.Float64,
        "string" => BinaryType.String,
        "datetime" => BinaryType.DateTime,
        "date" => BinaryType.Date,
        "time" => BinaryType.Time,
        _ => null,
    };
}
