using System.Data.Common;
using Curation.Database.Dialects;
using Dapper;

namespace Curation.Database.Outgesting;

/// <summary>
/// Writes the result of any query to a file for publication (the original's Outgester): RFC 4180 CSV, or fixed-size
/// little-endian binary records with a JSON descriptor alongside that numpy reads directly. The file is written under
/// a temporary name in the target's directory, checked (records written against rows read, then the file itself
/// re-read or measured), and only then renamed into place, so a failed outgest never leaves a partial file under the
/// final name, and an earlier file of that name stays as it was. Formats and type rules: docs/outgest.md.
/// </summary>
public static partial class Outgester
{
    /// <summary>
    /// Runs <paramref name="query"/> (with Dapper-style <paramref name="parameters"/>, e.g. <c>new { ra = 180.0 }</c>
    /// for <c>@ra</c>) and writes its rows to <paramref name="path"/>; a binary outgest also writes the descriptor
    /// <c><paramref name="path"/>.json</c>. Files of those names are replaced. The query runs without a command
    /// timeout; its rows are streamed, never held in memory.
    /// </summary>
    /// <returns>What was written: rows, columns, bytes, paths and, for binary files, the record layout.</returns>
    /// <exception cref="CurationDatabaseException">The query fails (the message names its first line and gives the
    /// engine's message), a value cannot be stored in its column's binary type, the written file does not hold the
    /// rows read, or the file cannot be written. Nothing is left under the final names.</exception>
    public static OutgestReport Write(
        DbConnection connection, SqlDialect dialect, string query, object? parameters, string path, OutgestFormat format) =>
        Write(connection, null, dialect, query, parameters, path, format);

    /// <summary>
    /// As <see cref="Write(DbConnection, SqlDialect, string, object?, string, OutgestFormat)"/>, with the query run in
    /// <paramref name="transaction"/> (open on <paramref name="connection"/>), so that it sees that transaction's own
    /// changes and a snapshot consistent with what the transaction then writes (CU16 outgests the positions it matches
    /// in the transaction that replaces the neighbour table).
    /// </summary>
    public static OutgestReport Write(
        DbConnection connection, DbTransaction? transaction, SqlDialect dialect, string query, object? parameters, string path, OutgestFormat format)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!Enum.IsDefined(format))
            throw new ArgumentOutOfRangeException(nameof(format), format, "unknown outgest format");

        var files = new OutgestFiles(Path.GetFullPath(path), format == OutgestFormat.Binary);
        try
        {
            using var reader = Execute(connection, transaction, query, parameters);
            var rows = new RowReader(reader, QueryColumn.Describe(reader, dialect, query), query, files.Target);
            files.CreateDirectory();
            return format == OutgestFormat.Csv ? WriteCsv(rows, files) : WriteBinary(rows, files);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CurationDatabaseException($"cannot outgest to {files.Target}: {e.Message}", e);
        }
        finally
        {
            files.RemoveTemporaries();
        }
    }

    /// <summary>The first non-blank line of a query, trimmed: how error messages name it.</summary>
    internal static string FirstLine(string query)
    {
        foreach (var line in query.Split('\n'))
        {
            if (!string.IsNullOrWhiteSpace(line))
                return line.Trim();
        }

        return query.Trim();
    }

    /// <summary>An engine's message on one line (Npgsql's add lines such as <c>POSITION: 6</c>): its lines joined by "; ".</summary>
    internal static string OneLine(string message) =>
        string.Join("; ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static DbDataReader Execute(DbConnection connection, DbTransaction? transaction, string query, object? parameters)
    {
        try
        {
            // Dapper's reader is a DbDataReader wrapping the provider's; no timeout: a release table takes as long as it takes.
            return (DbDataReader)connection.ExecuteReader(new CommandDefinition(query, parameters, transaction, commandTimeout: 0));
        }
        catch (DbException e)
        {
            throw new CurationDatabaseException($"query '{FirstLine(query)}' failed: {OneLine(e.Message)}", e);
        }
    }

    /// <summary>Checks what was written against the rows read; throws naming the file when they differ.</summary>
    internal static void Verify(OutgestFiles files, long rowsRead, long recordsWritten, string? fileProblem)
    {
        if (recordsWritten != rowsRead)
            fileProblem = $"{recordsWritten} records were written for the {rowsRead} rows read";
        if (fileProblem is not null)
            throw new CurationDatabaseException($"the outgest to {files.Target} failed its check, so the file was not written: {fileProblem}");
    }
}

/// <summary>The rows of the query, read one at a time into <see cref="Cells"/>; failures name the query, row and column.</summary>
internal sealed class RowReader(DbDataReader reader, IReadOnlyList<QueryColumn> columns, string query, string target)
{
    /// <summary>The columns.</summary>
    public IReadOnlyList<QueryColumn> Columns { get; } = columns;

    /// <summary>The current row's values.</summary>
    public Cell[] Cells { get; } = new Cell[columns.Count];

    /// <summary>Rows read so far (the current row's number).</summary>
    public long Rows { get; private set; }

    /// <summary>Moves to the next row and reads its values; false after the last row.</summary>
    public bool Next()
    {
        try
        {
            if (!reader.Read())
                return false;
        }
        catch (DbException e)
        {
            throw new CurationDatabaseException(
                $"query '{Outgester.FirstLine(query)}' failed after {Rows} rows, so nothing was written to {target}: {Outgester.OneLine(e.Message)}", e);
        }

        Rows++;
        for (var i = 0; i < Columns.Count; i++)
        {
            try
            {
                Cells[i].Read(reader, Columns[i]);
            }
            catch (Exception e) when (e is InvalidCastException or NotSupportedException or FormatException or OverflowException or DbException)
            {
                throw ValueError(i, $"cannot be read: {Outgester.OneLine(e.Message)}");
            }
        }

        return true;
    }

    /// <summary>The error for a column whose values, taken together, cannot be written.</summary>
    public CurationDatabaseException ColumnError(int column, string problem) =>
        new($"nothing was written to {target}: column {Columns[column].Name} of query '{Outgester.FirstLine(query)}' {problem}");

    /// <summary>The error for a value of the current row that cannot be written.</summary>
    public CurationDatabaseException ValueError(int column, string problem) =>
        new($"nothing was written to {target}: row {Rows} of query '{Outgester.FirstLine(query)}': column {Columns[column].Name} {problem}");
}

/// <summary>The final and temporary names of an outgest's files. Temporary files sit beside the target (so that the
/// rename into place stays on one file system), hidden, with a random part.</summary>
internal sealed class OutgestFiles
{
    private readonly string _directory;
    private readonly List<string> _temporaries = [];

    public OutgestFiles(string target, bool binary)
    {
        Target = target;
        Descriptor = binary ? target + ".json" : null;
        _directory = Path.GetDirectoryName(target) ?? ".";
        var id = Guid.NewGuid().ToString("N")[..12];
        var name = Path.GetFileName(target);
        DataTemporary = Temporary($".{name}.{id}.outgest-tmp");
        if (binary)
        {
            DescriptorTemporary = Temporary($".{name}.json.{id}.outgest-tmp");
            Spool = Temporary($".{name}.{id}.outgest-spool");
        }
    }

    /// <summary>The data file's final path.</summary>
    public string Target { get; }

    /// <summary>The descriptor's final path (binary outgests).</summary>
    public string? Descriptor { get; }

    /// <summary>Where the data file is written before it is checked.</summary>
    public string DataTemporary { get; }

    /// <summary>Where the descriptor is written before the rename (binary outgests).</summary>
    public string? DescriptorTemporary { get; }

    /// <summary>The spool of a binary outgest whose layout depends on the values (strings, SQLite expressions).</summary>
    public string? Spool { get; }

    public void CreateDirectory() => Directory.CreateDirectory(_directory);

    /// <summary>Renames the checked files into place: the data file, then the descriptor (if the second rename fails,
    /// the first is undone by removing the data file, so that no data file stands without its descriptor).</summary>
    public void MoveIntoPlace()
    {
        File.Move(DataTemporary, Target, overwrite: true);
        if (Descriptor is null)
            return;
        try
        {
            File.Move(DescriptorTemporary!, Descriptor, overwrite: true);
        }
        catch
        {
            File.Delete(Target);
            throw;
        }
    }

    /// <summary>Removes whatever temporary file is left (all of them after a failure).</summary>
    public void RemoveTemporaries()
    {
        foreach (var t in _temporaries)
        {
            try
            {
                File.Delete(t);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: the outgest's own error (if any) is the one worth reporting.
            }
        }
    }

    private string Temporary(string name)
    {
        var path = Path.Combine(_directory, name);
        _temporaries.Add(path);
        return path;
    }
}
