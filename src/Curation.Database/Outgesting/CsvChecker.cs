using System.Buffers;

namespace Curation.Database.Outgesting;

/// <summary>Reads a CSV file back as RFC 4180 (quoted fields may hold commas, doubled quotes and line breaks; records
/// end with LF) and counts its records, checking that each has the expected number of fields.</summary>
internal static class CsvChecker
{
    private static readonly SearchValues<byte> UnquotedStops = SearchValues.Create(","u8 + "\n"u8 + "\""u8);

    private enum State
    {
        RecordStart,
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }

    /// <summary>The number of records in the file (its header line included).</summary>
    /// <exception cref="InvalidDataException">The file is not well-formed CSV, or a record has another number of
    /// fields; the message gives the record's number (1 = the header line).</exception>
    public static long CountRecords(string path, int fields)
    {
        using var source = new ByteSource(path);
        var state = State.RecordStart;
        long records = 0;
        var fieldsInRecord = 0;
        for (var chunk = source.Peek(); chunk.Length > 0; chunk = source.Peek())
        {
            var i = 0;
            while (i < chunk.Length)
            {
                switch (state)
                {
                    case State.Quoted:
                        var quote = chunk[i..].IndexOf((byte)'"');
                        if (quote < 0)
                        {
                            i = chunk.Length;
                        }
                        else
                        {
                            i += quote + 1;
                            state = State.QuoteInQuoted;
                        }

                        break;
                    case State.Unquoted:
                        var stop = chunk[i..].IndexOfAny(UnquotedStops);
                        if (stop < 0)
                        {
                            i = chunk.Length;
                            break;
                        }

                        i += stop;
                        if (chunk[i] == '"')
                            throw Malformed(records, "a quote inside an unquoted field");
                        state = EndField(chunk[i++]);
                        break;
                    case State.QuoteInQuoted:
                        var afterQuote = chunk[i++];
                        if (afterQuote == '"')
                            state = State.Quoted; // a doubled quote stands for one
                        else if (afterQuote is (byte)',' or (byte)'\n')
                            state = EndField(afterQuote);
                        else
                            throw Malformed(records, "text after the closing quote of a field");
                        break;
                    default:
                        var first = chunk[i++];
                        state = first switch
                        {
                            (byte)'"' => State.Quoted,
                            (byte)',' or (byte)'\n' => EndField(first),
                            _ => State.Unquoted,
                        };
                        break;
                }
            }

            source.Consume(chunk.Length);
        }

        return state switch
        {
            State.RecordStart => records,
            State.Quoted => throw Malformed(records, "the file ends inside a quoted field"),
            _ => throw Malformed(records, "the file ends inside a record (no line feed after it)"),
        };

        State EndField(byte delimiter)
        {
            fieldsInRecord++;
            if (delimiter == ',')
                return State.FieldStart;
            if (fieldsInRecord != fields)
                throw Malformed(records, $"{fieldsInRecord} fields where there are {fields} columns");
            records++;
            fieldsInRecord = 0;
            return State.RecordStart;
        }
    }

    private static InvalidDataException Malformed(long recordsBefore, string problem) =>
        new($"record {recordsBefore + 1}: {problem}");
}
