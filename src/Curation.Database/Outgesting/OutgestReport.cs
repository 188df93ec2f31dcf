namespace Curation.Database.Outgesting;

/// <summary>The kind of file an <see cref="Outgester"/> writes (both are described in docs/outgest.md).</summary>
public enum OutgestFormat
{
    /// <summary>RFC 4180 CSV, UTF-8 without BOM, LF line endings: a header line of column names, then one record per row.</summary>
    Csv,

    /// <summary>Fixed-size little-endian records, no header, with a JSON descriptor alongside (<c>FILE.json</c>).</summary>
    Binary,
}

/// <summary>How one column's values are stored in the records of a binary outgest.</summary>
public enum BinaryType
{
    /// <summary>One byte, 0 or 1 (numpy <c>?</c>).</summary>
    Bool,

    /// <summary>One unsigned byte (numpy <c>u1</c>): SQL Server's tinyint.</summary>
    UInt8,

    /// <summary>Two-byte signed integer (numpy <c>&lt;i2</c>).</summary>
    Int16,

    /// <summary>Four-byte signed integer (numpy <c>&lt;i4</c>).</summary>
    Int32,

    /// <summary>Eight-byte signed integer (numpy <c>&lt;i8</c>).</summary>
    Int64,

    /// <summary>IEEE 754 single precision (numpy <c>&lt;f4</c>).</summary>
    Float32,

    /// <summary>IEEE 754 double precision (numpy <c>&lt;f8</c>).</summary>
    Float64,

    /// <summary>UTF-8 bytes padded with zero bytes to the field's width (numpy <c>S</c><i>width</i>).</summary>
    String,

    /// <summary>Eight-byte signed integer: microseconds since 1970-01-01T00:00:00 UTC (numpy <c>&lt;M8[us]</c>).</summary>
    DateTime,

    /// <summary>Eight-byte signed integer: days since 1970-01-01 (numpy <c>&lt;M8[D]</c>).</summary>
    Date,

    /// <summary>Eight-byte signed integer: microseconds since midnight, or of an interval (numpy <c>&lt;m8[us]</c>).</summary>
    Time,
}

/// <summary>One column of a binary outgest's records, as its descriptor gives it.</summary>
/// <param name="Name">The column's name (from the query).</param>
/// <param name="Type">How its values are stored.</param>
/// <param name="Size">Its width in bytes.</param>
/// <param name="Offset">Its first byte within a record.</param>
/// <param name="SourceType">The engine's type for it, when the engine declares one (SQLite expressions have none).</param>
public sealed record BinaryColumn(string Name, BinaryType Type, int Size, int Offset, string? SourceType)
{
    /// <summary>The type's name in the descriptor: <c>bool</c>, <c>uint8</c>, <c>int16</c>, <c>int32</c>, <c>int64</c>,
    /// <c>float32</c>, <c>float64</c>, <c>string</c>, <c>datetime</c>, <c>date</c> or <c>time</c>.</summary>
    public string TypeName => Type switch
    {
        BinaryType.Bool => "bool",
        BinaryType.UInt8 => "uint8",
        BinaryType.Int16 => "int16",
        BinaryType.Int32 => "int32",
        BinaryType.Int64 => "int64",
        BinaryType.Float32 => "float32",
        BinaryType.Float64 => "float64",
        BinaryType.String => "string",
        BinaryType.DateTime => "datetime",
        BinaryType.Date => "date",
        _ => "time",
    };

    /// <summary>The numpy type string of the field: <c>&lt;i8</c>, <c>S12</c>, <c>&lt;M8[us]</c>...</summary>
    public string NumpyFormat => Type switch
    {
        BinaryType.Bool => "?",
        BinaryType.UInt8 => "u1",
        BinaryType.Int16 => "<i2",
        BinaryType.Int32 => "<i4",
        BinaryType.Int64 => "<i8",
        BinaryType.Float32 => "<f4",
        BinaryType.Float64 => "<f8",
        BinaryType.String => "S" + Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
        BinaryType.DateTime => "<M8[us]",
        BinaryType.Date => "<M8[D]",
        _ => "<m8[us]",
    };
}

/// <summary>The record layout of a binary outgest: a null bitmap, then each column at its offset, no padding.</summary>
/// <param name="NullBitmapSize">Bytes of null bitmap at the start of each record: one bit per column, column <c>i</c>
/// in bit <c>i % 8</c> (least significant first) of byte <c>i / 8</c>, set when the value is NULL.</param>
/// <param name="RecordSize">Bytes per record.</param>
/// <param name="Columns">The columns in query order.</param>
public sealed record BinaryLayout(int NullBitmapSize, int RecordSize, IReadOnlyList<BinaryColumn> Columns);

/// <summary>What an outgest wrote, after checking it.</summary>
/// <param name="Format">The file's format.</param>
/// <param name="Path">The data file's full path.</param>
/// <param name="DescriptorPath">The descriptor's full path (binary outgests), else null.</param>
/// <param name="Rows">Rows written: the query's rows, checked against the file.</param>
/// <param name="Columns">The column names in query order.</param>
/// <param name="Bytes">The data file's size in bytes (the descriptor not included).</param>
/// <param name="Layout">The record layout (binary outgests), else null.</param>
public sealed record OutgestReport(
    OutgestFormat Format, string Path, string? DescriptorPath, long Rows, IReadOnlyList<string> Columns, long Bytes, BinaryLayout? Layout);
