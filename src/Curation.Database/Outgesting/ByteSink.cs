namespace Curation.Database.Outgesting;

/// <summary>Writes bytes to a new file through one large buffer, handing out spans to format into (no per-value
/// allocation); <see cref="Complete"/> flushes and syncs the file to disk.</summary>
internal sealed class ByteSink : IDisposable
{
    private const int BufferSize = 1 << 20;

    private readonly FileStream _stream;
    private byte[] _buffer = new byte[BufferSize];
    private int _used;

    /// <summary>Creates the file, which must not exist.</summary>
    public ByteSink(string path) =>
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);

    /// <summary>Bytes written so far.</summary>
    public long Length => _stream.Position + _used;

    /// <summary>A span of at least <paramref name="size"/> bytes to write into; <see cref="Advance"/> then says how many were.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (_buffer.Length - _used < size)
        {
            FlushBuffer();
            if (size > _buffer.Length)
                _buffer = new byte[size];
        }

        return _buffer.AsSpan(_used);
    }

    /// <summary>Counts <paramref name="count"/> bytes written into the last <see cref="GetSpan"/>.</summary>
    public void Advance(int count) => _used += count;

    /// <summary>Appends bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _used += bytes.Length;
    }

    /// <summary>Appends one byte.</summary>
    public void WriteByte(byte value)
    {
        if (_used == _buffer.Length)
            FlushBuffer();
        _buffer[_used++] = value;
    }

    /// <summary>Writes what is buffered and syncs the file to disk.</summary>
    public void Complete()
    {
        FlushBuffer();
        _stream.Flush(flushToDisk: true);
    }

    /// <summary>Closes the file (without flushing what <see cref="Complete"/> did not).</summary>
    public void Dispose() => _stream.Dispose();

    private void FlushBuffer()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }
}

/// <summary>Reads a file front to back through one large buffer.</summary>
internal sealed class ByteSource : IDisposable
{
    private readonly FileStream _stream;
    private readonly byte[] _buffer = new byte[1 << 20];
    private int _position;
    private int _end;

    /// <summary>Opens the file.</summary>
    public ByteSource(string path) =>
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);

    /// <summary>True when every byte has been read.</summary>
    public bool AtEnd => _position == _end && _stream.Position == _stream.Length;

    /// <summary>The next bytes of the file (empty at its end); <see cref="Consume"/> says how many of them were read.</summary>
    public ReadOnlySpan<byte> Peek()
    {
        if (_position == _end)
            Fill();
        return _buffer.AsSpan(_position, _end - _position);
    }

    /// <summary>Counts bytes of the last <see cref="Peek"/> as read.</summary>
    public void Consume(int count) => _position += count;

    /// <summary>Fills <paramref name="destination"/> from the file.</summary>
    /// <exception cref="InvalidDataException">The file ends first.</exception>
    public void Read(Span<byte> destination)
    {
        while (destination.Length > 0)
        {
            var available = Peek();
            if (available.Length == 0)
                throw new InvalidDataException($"{_stream.Name} ends {destination.Length} bytes early");
            var n = Math.Min(available.Length, destination.Length);
            available[..n].CopyTo(destination);
            _position += n;
            destination = destination[n..];
        }
    }

    /// <summary>Reads one byte.</summary>
    public byte ReadByte()
    {
        if (_position == _end && Peek().Length == 0)
            throw new InvalidDataException($"{_stream.Name} ends 1 byte early");
        return _buffer[_position++];
    }

    /// <summary>Reads a little-endian 32-bit integer.</summary>
    public int ReadInt32()
    {
        Span<byte> four = stackalloc byte[4];
        Read(four);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(four);
    }

    /// <summary>Reads a little-endian 64-bit integer.</summary>
    public long ReadInt64()
    {
        Span<byte> eight = stackalloc byte[8];
        Read(eight);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(eight);
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private void Fill()
    {
        _position = 0;
        _end = _stream.Read(_buffer, 0, _buffer.Length);
    }
}
