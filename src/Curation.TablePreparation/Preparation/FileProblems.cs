namespace Curation.TablePreparation.Preparation;

/// <summary>One problem with a value in an input file: where it is (file, HDU, keyword or column) and what is wrong.</summary>
/// <param name="File">The file.</param>
/// <param name="Hdu">The HDU (0 = primary), when the problem is in one.</param>
/// <param name="Source">The keyword or table column the value came from.</param>
/// <param name="Column">The archive column it was meant for (<c>Table.column</c>).</param>
/// <param name="Message">What is wrong, and what was done about it.</param>
public sealed record IngestProblem(string File, int? Hdu, string? Source, string Column, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{File}{(Hdu is { } h ? $" HDU {h}" : "")}{(Source is null ? "" : $" {Source}")}: {Message} (for {Column})";
}

/// <summary>
/// The problems found while preparing one file's rows: values of the wrong type or outside their allowed values,
/// which are listed, and missing keywords or columns, which are only counted (an image from another instrument lacks
/// most WFCAM keywords). With <see cref="Strict"/>, the first listed problem rejects the file.
/// </summary>
public sealed class FileProblems(string file, bool strict)
{
    private readonly List<IngestProblem> problems = [];
    private readonly Dictionary<string, int> missing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RowProblem> rowProblems = new(StringComparer.Ordinal);

    /// <summary>The file.</summary>
    public string File { get; } = file;

    /// <summary>True when a problem rejects the file instead of the value taking its default.</summary>
    public bool Strict { get; } = strict;

    /// <summary>The problems listed, in the order found.</summary>
    public IReadOnlyList<IngestProblem> Problems => problems;

    /// <summary>How many values each missing source (keyword or column, with the archive column) left at its default.</summary>
    public IReadOnlyDictionary<string, int> Missing => missing;

    /// <summary>The number of values left at their default because their source was missing.</summary>
    public int MissingCount => missing.Values.Sum();

    /// <summary>Lists a problem; throws <see cref="IngestRejectedException"/> when <see cref="Strict"/>.</summary>
    public void Add(int? hdu, string? source, string column, string message)
    {
        var problem = new IngestProblem(File, hdu, source, column, message);
        if (Strict)
            throw new IngestRejectedException($"{problem} (rejected: --strict)");
        problems.Add(problem);
    }

    /// <summary>
    /// Counts a problem with one row's value (a table cell out of range, say): the first of each kind per column is
    /// kept with the count of its kind, so a bad column in a million-row table is one line, not a million. Throws
    /// <see cref="IngestRejectedException"/> when <see cref="Strict"/>.
    /// </summary>
    public void AddRowProblem(int? hdu, string? source, string column, long row, string message)
    {
        var key = $"{hdu}|{source}|{column}";
        if (rowProblems.TryGetValue(key, out var known))
        {
            rowProblems[key] = known with { Count = known.Count + 1 };
            return;
        }

        var problem = new IngestProblem(File, hdu, source, column, $"row {row}: {message}");
        if (Strict)
            throw new IngestRejectedException($"{problem} (rejected: --strict)");
        rowProblems[key] = new RowProblem(problem, 1);
    }

    /// <summary>The row problems: the first of each kind and how many rows had one.</summary>
    public IEnumerable<(IngestProblem First, long Count)> RowProblems => rowProblems.Values.Select(p => (p.First, p.Count));

    /// <summary>Counts a value whose source was missing.</summary>
    public void AddMissing(string source, string column, int count = 1)
    {
        var key = $"{source} -> {column}";
        missing[key] = missing.GetValueOrDefault(key) + count;
    }
}

internal sealed record RowProblem(IngestProblem First, long Count);

/// <summary>A file that cannot be ingested: the message names the file and, where it can, the HDU, keyword or column.</summary>
public sealed class IngestRejectedException(string message, Exception? inner = null) : Exception(message, inner);
