using System.Data.Common;

namespace Curation.Database.Outgesting;

/// <summary>What a <see cref="Cell"/> holds.</summary>
internal enum CellKind : byte
{
    Null,

    /// <summary><see cref="Cell.Integer"/>.</summary>
    Integer,

    /// <summary><see cref="Cell.Integer"/>, 0 or 1.</summary>
    Boolean,

    /// <summary><see cref="Cell.Real"/>, a double.</summary>
    Real,

    /// <summary><see cref="Cell.Real"/>, a float widened (written as the float it is).</summary>
    Single,

    /// <summary><see cref="Cell.Decimal"/>.</summary>
    Decimal,

    /// <summary><see cref="Cell.Text"/>.</summary>
    Text,

    /// <summary><see cref="Cell.Integer"/>: ticks of a date and time in no declared zone (the archive's UTC).</summary>
    DateTime,

    /// <summary><see cref="Cell.Integer"/>: ticks of a UTC date and time (timestamptz).</summary>
    UtcDateTime,

    /// <summary><see cref="Cell.Integer"/>: the day number (days since 0001-01-01).</summary>
    Date,

    /// <summary><see cref="Cell.Integer"/>: ticks since midnight, or of an interval.</summary>
    Time,
}

/// <summary>One value of the current row, read without boxing.</summary>
internal struct Cell
{
    public CellKind Kind;
    public long Integer;
    public double Real;
    public decimal Decimal;
    public string? Text;

    /// <summary>Reads the column's value of the reader's current row.</summary>
    /// <exception cref="InvalidCastException">The provider cannot give the value as that type.</exception>
    /// <exception cref="NotSupportedException">SQLite holds a value an outgest cannot write (a blob).</exception>
    public void Read(DbDataReader reader, QueryColumn column)
    {
        var i = column.Ordinal;
        Text = null;
        if (reader.IsDBNull(i))
        {
            Kind = CellKind.Null;
            return;
        }

        switch (column.Source)
        {
            case CellSource.Dynamic:
                var type = reader.GetFieldType(i);
                if (type == typeof(long))
                    Set(CellKind.Integer, reader.GetInt64(i));
                else if (type == typeof(double))
                    SetReal(CellKind.Real, reader.GetDouble(i));
                else if (type == typeof(string))
                    SetText(reader.GetString(i));
                else
                    throw new NotSupportedException($"holds a {reader.GetDataTypeName(i)} value, which an outgest cannot write");
                break;
            case CellSource.Boolean:
                Set(CellKind.Boolean, reader.GetBoolean(i) ? 1 : 0);
                break;
            case CellSource.Byte:
                Set(CellKind.Integer, reader.GetByte(i));
                break;
            case CellSource.Int16:
                Set(CellKind.Integer, reader.GetInt16(i));
                break;
            case CellSource.Int32:
                Set(CellKind.Integer, reader.GetInt32(i));
                break;
            case CellSource.Int64:
                Set(CellKind.Integer, reader.GetInt64(i));
                break;
            case CellSource.Single:
                SetReal(CellKind.Single, reader.GetFloat(i));
                break;
            case CellSource.Double:
                SetReal(CellKind.Real, reader.GetDouble(i));
                break;
            case CellSource.Decimal:
                Kind = CellKind.Decimal;
                Decimal = reader.GetDecimal(i);
                break;
            case CellSource.String:
                SetText(reader.GetString(i));
                break;
            case CellSource.Char:
                SetText(reader.GetChar(i).ToString());
                break;
            case CellSource.Guid:
                SetText(reader.GetGuid(i).ToString("D"));
                break;
            case CellSource.DateTime:
                var d = reader.GetDateTime(i);
                Set(d.Kind == DateTimeKind.Utc ? CellKind.UtcDateTime : CellKind.DateTime, d.Ticks);
                break;
            case CellSource.DateTimeOffset:
                Set(CellKind.UtcDateTime, reader.GetFieldValue<DateTimeOffset>(i).UtcTicks);
                break;
            case CellSource.DateOnly:
                Set(CellKind.Date, reader.GetFieldValue<DateOnly>(i).DayNumber);
                break;
            case CellSource.TimeOnly:
                Set(CellKind.Time, reader.GetFieldValue<TimeOnly>(i).Ticks);
                break;
            default:
                Set(CellKind.Time, reader.GetFieldValue<TimeSpan>(i).Ticks);
                break;
        }
    }

    private void Set(CellKind kind, long value)
    {
        Kind = kind;
        Integer = value;
    }

    private void SetReal(CellKind kind, double value)
    {
        Kind = kind;
        Real = value;
    }

    private void SetText(string value)
    {
        Kind = CellKind.Text;
        Text = value;
    }
}
