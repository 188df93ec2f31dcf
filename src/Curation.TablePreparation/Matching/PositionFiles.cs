using System.Buffers.Binary;
using Curation.Database.Outgesting;

namespace Curation.TablePreparation.Matching;

/// <summary>Which columns of a position file hold a source's ID, RA and Dec (matched without regard to case, as
/// PostgreSQL folds unquoted names to lower case).</summary>
/// <param name="Id">The ID column: int64, int32 or int16.</param>
/// <param name="Ra">The RA column in degrees: float64 or float32.</param>
/// <param name="Dec">The Dec column in degrees: float64 or float32.</param>
public sealed record PositionColumns(string Id = "id", string Ra = "ra", string Dec = "dec");

/// <summary>
/// Reads source positions from a binary outgest file (docs/outgest.md: fixed-size little-endian records with a JSON
/// descriptor <c>FILE.json</c>), such as <c>Outgester.Write(..., "SELECT sourceID, ra, dec FROM lasSource ORDER BY
/// dec", ..., OutgestFormat.Binary)</c> writes: one record at a time, through a 4 MB buffer. A row with a NULL ID, RA
/// or Dec, or a position not on the sky (NaN, |Dec| above 90), is skipped and counted.
/// </summary>
public sealed class PositionFileReader : IDisposable
{
    private readonly FileStream _stream;
    private readonly byte[] _buffer;
    private readonly int _recordSize;
    private readonly BinaryColumn _id, _ra, _dec;
    private readonly int[] _columnIndex;
    private readonly bool _requireSorted;
    private int _bufferRecords;
    private int _bufferPosition;
    private long _record = -1;
    private double _previousDec = double.NegativeInfinity;

    private PositionFileReader(string path, OutgestDescriptor descriptor, PositionColumns columns, bool requireSortedByDec)
    {
        Path = path;
        Rows = descriptor.Rows;
        _recordSize = descriptor.Layout.RecordSize;
        _requireSorted = requireSortedByDec;
        (BinaryColumn, int) Find(string name, params BinaryType[] types)
        {
            for (var i = 0; i < descriptor.Layout.Columns.Count; i++)
            {
                var c = descriptor.Layout.Columns[i];
                if (string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return types.Contains(c.Type)
                        ? (c, i)
                        : throw new InvalidDataException($"{path}: column {c.Name} is {c.TypeName}; a position file's {name} must be {string.Join(" or ", types.Select(t => t.ToString().ToLowerInvariant()))}");
                }
            }

            throw new InvalidDataException($"{path}: there is no column {name} (the columns are {string.Join(", ", descriptor.Layout.Columns.Select(c => c.Name))})");
        }

        int idIndex, raIndex, decIndex;
        (_id, idIndex) = Find(columns.Id, BinaryType.Int64, BinaryType.Int32, BinaryType.Int16);
        (_ra, raIndex) = Find(columns.Ra, BinaryType.Float64, BinaryType.Float32);
        (_dec, decIndex) = Find(columns.Dec, BinaryType.Float64, BinaryType.Float32);
        _columnIndex = [idIndex, raIndex, decIndex];
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var expected = Rows * _recordSize;
        if (_stream.Length != expected)
        {
            _stream.Dispose();
            throw new InvalidDataException($"{path} holds {new FileInfo(path).Length} bytes; its descriptor says {Rows} records of {_recordSize} bytes ({expected})");
        }

        _buffer = new byte[Math.Max(1, (4 << 20) / _recordSize) * _recordSize];
    }

    /// <summary>
    /// Opens a position file (its descriptor is <c>PATH.json</c>). With <paramref name="requireSortedByDec"/>, reading
    /// throws <see cref="InvalidDataException"/> at the first row whose Dec is below the one before it (the streaming
    /// matcher needs the file sorted by Dec).
    /// </summary>
    public static PositionFileReader Open(string path, PositionColumns? columns = null, bool requireSortedByDec = false)
    {
        var descriptorPath = OutgestDescriptor.PathFor(path);
        if (!File.Exists(descriptorPath))
            throw new FileNotFoundException($"{path} has no descriptor {descriptorPath}: a position file is a binary outgest with its descriptor", descriptorPath);
        return new PositionFileReader(path, OutgestDescriptor.Read(descriptorPath), columns ?? new PositionColumns(), requireSortedByDec);
    }

    /// <summary>The data file's path.</summary>
    public string Path { get; }

    /// <summary>The records in the file (its descriptor's rows).</summary>
    public long Rows { get; }

    /// <summary>Rows read so far, skipped ones included.</summary>
    public long RowsRead => _record + 1;

    /// <summary>Rows skipped so far: NULL or not on the sky.</summary>
    public long Skipped { get; private set; }

    /// <summary>The current row's ID (after <see cref="Next"/> returned true).</summary>
    public long Id { get; private set; }

    /// <summary>The current row's RA in degrees.</summary>
    public double Ra { get; private set; }

    /// <summary>The current row's Dec in degrees.</summary>
    public double Dec { get; private set; }

    /// <summary>The current row's record number in the file (0-based).</summary>
    public long Record => _record;

    /// <summary>Moves to the next row on the sky; false at the end of the file.</summary>
    public bool Next()
    {
        while (true)
        {
            if (_bufferPosition == _bufferRecords && !Fill())
                return false;
            var record = _buffer.AsSpan(_bufferPosition * _recordSize, _recordSize);
            _bufferPosition++;
            _record++;
            if (IsNull(record, _columnIndex[0]) || IsNull(record, _columnIndex[1]) || IsNull(record, _columnIndex[2]))
            {
                Skipped++;
                continue;
            }

            var ra = ReadReal(record, _ra);
            var dec = ReadReal(record, _dec);
            if (!ZonedPositions.OnSky(ra, dec))
            {
                Skipped++;
                continue;
            }

            if (_requireSorted)
            {
                if (dec < _previousDec)
                    throw new InvalidDataException($"{Path}: record {_record + 1} has Dec {dec:R}, below the {_previousDec:R} of a record before it: the file must be sorted by Dec (ORDER BY dec) to be matched in zones");
                _previousDec = dec;
            }

            Id = _id.Type switch
            {
                BinaryType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(record[_id.Offset..]),
                BinaryType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(record[_id.Offset..]),
                _ => BinaryPrimitives.ReadInt16LittleEndian(record[_id.Offset..]),
            };
            Ra = ra;
            Dec = dec;
            return true;
        }
    }

    /// <summary>Reads every remaining row on the sky into memory.</summary>
    public SkyPositions ReadAll()
    {
        var ids = new List<long>();
        var ra = new List<double>();
        var dec = new List<double>();
        while (Next())
        {
            ids.Add(Id);
            ra.Add(Ra);
            dec.Add(Dec);
        }

        return new SkyPositions([.. ids], [.. ra], [.. dec]);
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private static bool IsNull(ReadOnlySpan<byte> record, int column) => (record[column / 8] & (1 << (column % 8))) != 0;

    private static double ReadReal(ReadOnlySpan<byte> record, BinaryColumn column) => column.Type == BinaryType.Float64
        ? BinaryPrimitives.ReadDoubleLittleEndian(record[column.Offset..])
        : BinaryPrimitives.ReadSingleLittleEndian(record[column.Offset..]);

    private bool Fill()
    {
        var read = 0;
        while (read < _buffer.Length)
        {
            var n = _stream.Read(_buffer, read, _buffer.Length - read);
            if (n == 0)
                break;
            read += n;
        }

        if (read % _recordSize != 0)
            throw new InvalidDataException($"{Path} ends inside a record ({read % _recordSize} bytes of {_recordSize})");
        _bufferRecords = read / _recordSize;
        _bufferPosition = 0;
        return _bufferRecords > 0;
    }
}

/// <summary>
/// Writes records of three numeric columns (an int64, an int64 or float64, a float64) as a binary outgest file with
/// its descriptor, the format <see cref="PositionFileReader"/> and numpy read: position files (ID, RA, Dec) and pair
/// files (two IDs and a separation). Written under a temporary name and renamed into place by
/// <see cref="Complete"/>; disposed without it, nothing is left.
/// </summary>
public sealed class OutgestRecordWriter : IDisposable
{
    private const int RecordSize = 1 + 3 * 8;
    private readonly string _path;
    private readonly string _temporary;
    private readonly FileStream _stream;
    private readonly byte[] _buffer = new byte[(1 << 20) / RecordSize * RecordSize];
    private readonly BinaryLayout _layout;
    private int _used;
    private bool _completed;

    /// <summary>A writer of records (int64 <paramref name="first"/>, <paramref name="second"/> as int64 or float64,
    /// float64 <paramref name="third"/>) to <paramref name="path"/>.</summary>
    public OutgestRecordWriter(string path, string first, string second, bool secondIsInteger, string third)
    {
        _path = System.IO.Path.GetFullPath(path);
        _temporary = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(_path)!, $".{System.IO.Path.GetFileName(_path)}.{Guid.NewGuid():N}.tmp");
        _layout = new BinaryLayout(1, RecordSize,
        [
            new BinaryColumn(first, BinaryType.Int64, 8, 1, null),
            new BinaryColumn(second, secondIsInteger ? BinaryType.Int64 : BinaryType.Float64, 8, 9, null),
            new BinaryColumn(third, BinaryType.Float64, 8, 17, null),
        ]);
        _stream = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
    }

    /// <summary>Records written.</summary>
    public long Rows { get; private set; }

    /// <summary>Writes a position file: every source of <paramref name="positions"/>, sorted by Dec when
    /// <paramref name="sortByDec"/> (as the streaming matcher needs), columns named as <paramref name="columns"/> says.</summary>
    public static void WritePositions(string path, SkyPositions positions, bool sortByDec, PositionColumns? columns = null)
    {
        ArgumentNullException.ThrowIfNull(positions);
        columns ??= new PositionColumns();
        var order = new int[positions.Count];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        if (sortByDec)
            Array.Sort((double[])positions.Dec.Clone(), order);
        using var writer = new OutgestRecordWriter(path, columns.Id, columns.Ra, secondIsInteger: false, columns.Dec);
        foreach (var i in order)
            writer.Write(positions.Ids[i], positions.Ra[i], positions.Dec[i]);
        writer.Complete();
    }

    /// <summary>Adds a record whose second column is a float64.</summary>
    public void Write(long first, double second, double third)
    {
        var r = Reserve();
        BinaryPrimitives.WriteDoubleLittleEndian(r[9..], second);
        Finish(r, first, third);
    }

    /// <summary>Adds a record whose second column is an int64.</summary>
    public void Write(long first, long second, double third)
    {
        var r = Reserve();
        BinaryPrimitives.WriteInt64LittleEndian(r[9..], second);
        Finish(r, first, third);
    }

    /// <summary>Flushes, writes the descriptor and renames both into place.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _stream.Write(_buffer, 0, _used);
        _used = 0;
        _stream.Flush();
        _stream.Dispose();
        var descriptorTemporary = _temporary + ".json";
        using (var d = new FileStream(descriptorTemporary, FileMode.CreateNew, FileAccess.Write))
            new OutgestDescriptor(System.IO.Path.GetFileName(_path), Rows, _layout).Write(d);
        File.Move(_temporary, _path, overwrite: true);
        File.Move(descriptorTemporary, OutgestDescriptor.PathFor(_path), overwrite: true);
        _completed = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_completed)
            return;
        _stream.Dispose();
        File.Delete(_temporary);
        _completed = true;
    }

    private Span<byte> Reserve()
    {
        if (_used == _buffer.Length)
        {
            _stream.Write(_buffer, 0, _used);
            _used = 0;
        }

        var r = _buffer.AsSpan(_used, RecordSize);
        _used += RecordSize;
        return r;
    }

    private void Finish(Span<byte> r, long first, double third)
    {
        r[0] = 0;
        BinaryPrimitives.WriteInt64LittleEndian(r[1..], first);
        BinaryPrimitives.WriteDoubleLittleEndian(r[17..], third);
        Rows++;
    }
}

/// <summary>
/// A pair sink that writes the pairs to a binary outgest file (int64 <c>masterObjID</c>, int64 <c>slaveObjID</c>,
/// float64 <c>distanceMins</c> by default: the neighbour tables' columns and unit), streamed: memory stays one 1 MB
/// buffer. <see cref="Complete"/> puts the file and its descriptor in place.
/// </summary>
public sealed class PairFileWriter : IPairSink, IDisposable
{
    private readonly OutgestRecordWriter _writer;
    private readonly double _scale;

    /// <summary>A pair file at <paramref name="path"/>; the separation is written in degrees times
    /// <paramref name="separationScale"/> (60 for arcminutes, 3600 for arcseconds).</summary>
    public PairFileWriter(string path, string masterColumn = "masterObjID", string slaveColumn = "slaveObjID", string separationColumn = "distanceMins", double separationScale = 60.0)
    {
        _writer = new OutgestRecordWriter(path, masterColumn, slaveColumn, secondIsInteger: true, separationColumn);
        _scale = separationScale;
    }

    /// <summary>Pairs written.</summary>
    public long Rows => _writer.Rows;

    /// <inheritdoc />
    public void Write(ReadOnlySpan<SkyPair> pairs)
    {
        foreach (var p in pairs)
            _writer.Write(p.IdA, p.IdB, p.SeparationDeg * _scale);
    }

    /// <summary>Flushes and puts the file and its descriptor in place.</summary>
    public void Complete() => _writer.Complete();

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
