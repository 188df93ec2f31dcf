using System.Buffers.Binary;
using System.IO.Compression;

namespace Curation.Fits;

/// <summary>
/// Whole-file compression containers: gzip (.gz) and Unix compress (.Z), decompressed here rather than by CFITSIO,
/// because CFITSIO's decompressors accept a cut-short stream and can then corrupt memory. A damaged or truncated
/// container is an error naming the file.
/// </summary>
internal static class Containers
{
    /// <summary>True when the file starts with the gzip or compress magic number.</summary>
    public static bool IsCompressed(ReadOnlySpan<byte> start) => start.Length >= 2 && start[0] == 0x1f && start[1] is 0x8b or 0x9d;

    /// <summary>The decompressed content of a gzip or compress file.</summary>
    public static byte[] Decompress(string path, byte[] content)
    {
        try
        {
            return content[1] == 0x8b ? Gunzip(path, content) : Uncompress(path, content);
        }
        catch (InvalidDataException e)
        {
            throw new FitsException(path, null, $"compressed file is damaged: {e.Message}");
        }
    }

    private static byte[] Gunzip(string path, byte[] content)
    {
        using var output = new MemoryStream(content.Length * 4);
        using (var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress))
            gzip.CopyTo(output);

        // The trailer's ISIZE is the uncompressed length modulo 2^32: a cut-short stream does not end in its own trailer.
        var isize = BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(content.Length - 4));
        if (content.Length < 18 || (uint)output.Length != isize)
            throw new FitsException(path, null, $"gzip file is truncated or damaged: {output.Length} bytes decompressed, its trailer says {isize}");
        return output.ToArray();
    }

    /// <summary>LZW as written by Unix compress (ncompress): 9 to 16-bit codes, block mode with CLEAR.</summary>
    private static byte[] Uncompress(string path, byte[] input)
    {
        if (input.Length < 3)
            throw new FitsException(path, null, "compress (.Z) file is truncated: no header");
        var maxBits = input[2] & 0x1f;
        var blockMode = (input[2] & 0x80) != 0;
        if (maxBits is < 9 or > 16)
            throw new FitsException(path, null, $"compress (.Z) file uses {maxBits}-bit codes (9 to 16 are defined)");
        const int clear = 256;
        var maxMaxCode = 1 << maxBits;
        var prefix = new ushort[maxMaxCode];
        var suffix = new byte[maxMaxCode];
        for (var i = 0; i < 256; i++)
            suffix[i] = (byte)i;
        var stack = new byte[maxMaxCode];
        using var output = new MemoryStream(input.Length * 3);

        var bits = 9;
        var maxCode = (1 << bits) - 1;
        var freeEntry = blockMode ? 257 : 256;
        long totalBits = (long)input.Length * 8;
        long position = 24;   // after the 3-byte header
        long groupStart = 24; // codes come in groups of 'bits' bytes; a code-size change skips to the next group
        var oldCode = -1;
        var finalChar = 0;

        long NextGroup() => groupStart + ((position - groupStart + bits * 8 - 1) / (bits * 8) * (bits * 8));

        while (true)
        {
            if (freeEntry > maxCode && oldCode != -1)
            {
                position = NextGroup();
                groupStart = position;
                bits++;
                maxCode = bits == maxBits ? maxMaxCode : (1 << bits) - 1;
            }

            if (position + bits > totalBits)
                break;
            var code = ReadCode(input, position, bits);
            position += bits;

            if (oldCode == -1)
            {
                if (code >= 256)
                    throw new FitsException(path, null, "compress (.Z) file is damaged: first code is not a literal");
                finalChar = oldCode = code;
                output.WriteByte((byte)code);
                continue;
            }

            if (code == clear && blockMode)
            {
                position = NextGroup();
                bits = 9;
                groupStart = position;
                maxCode = (1 << bits) - 1;
                freeEntry = 256;
                oldCode = -1;

                // The next code is a literal again.
                if (position + bits > totalBits)
                    break;
                var literal = ReadCode(input, position, bits);
                position += bits;
                if (literal >= 256)
                    throw new FitsException(path, null, "compress (.Z) file is damaged after a CLEAR code");
                finalChar = oldCode = literal;
                output.WriteByte((byte)literal);
                freeEntry = 257;
                continue;
            }

            var inCode = code;
            var top = stack.Length;
            if (code >= freeEntry)
            {
                if (code > freeEntry)
                    throw new FitsException(path, null, $"compress (.Z) file is damaged or truncated (code {code} before it is defined)");
                stack[--top] = (byte)finalChar;
                code = oldCode;
            }

            while (code >= 256)
            {
                stack[--top] = suffix[code];
                code = prefix[code];
            }

            finalChar = suffix[code];
            stack[--top] = (byte)finalChar;
            output.Write(stack, top, stack.Length - top);

            if (freeEntry < maxMaxCode)
            {
                prefix[freeEntry] = (ushort)oldCode;
                suffix[freeEntry] = (byte)finalChar;
                freeEntry++;
            }

            oldCode = inCode;
        }

        return output.ToArray();
    }

    private static int ReadCode(byte[] input, long position, int bits)
    {
        var index = (int)(position >> 3);
        var shift = (int)(position & 7);
        int word = input[index];
        if (index + 1 < input.Length)
            word |= input[index + 1] << 8;
        if (index + 2 < input.Length)
            word |= input[index + 2] << 16;
        return (word >> shift) & ((1 << bits) - 1);
    }
}
