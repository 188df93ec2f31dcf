using System.Globalization;
using System.Text.RegularExpressions;

namespace Curation.TablePreparation.Transfer;

/// <summary>A file a night's <c>OK_TO_COPY</c> marker lists, with the checksum the provider gives for it, if any.</summary>
/// <param name="Name">The file's name in the night directory.</param>
/// <param name="Checksum">The provider's checksum in lower-case hexadecimal (SHA-256: 64 digits, MD5: 32), or null.</param>
public sealed record ReadyEntry(string Name, string? Checksum)
{
    /// <summary>The checksum's algorithm: <c>SHA-256</c>, <c>MD5</c>, or null when none is listed.</summary>
    public string? Algorithm => Checksum?.Length switch { 64 => "SHA-256", 32 => "MD5", _ => null };
}

/// <summary>
/// A night directory's <c>OK_TO_COPY</c> marker, written by the data provider when the night (or part of it) may be
/// copied. An empty marker releases every file of the directory. Otherwise each line names one file released, alone or
/// in the format of <c>sha256sum</c>/<c>md5sum</c> (<c>checksum␠␠name</c>, or <c>checksum␠*name</c>); blank lines and
/// lines starting with <c>#</c> are ignored. Files the marker does not list are not ready.
/// </summary>
public sealed partial class ReadyMarker
{
    /// <summary>The marker's file name.</summary>
    public const string FileName = "OK_TO_COPY";

    private ReadyMarker(IReadOnlyList<ReadyEntry>? entries) => Entries = entries;

    /// <summary>The files listed, or null when the marker is empty and releases the whole directory.</summary>
    public IReadOnlyList<ReadyEntry>? Entries { get; }

    /// <summary>True when the marker releases every file of its directory.</summary>
    public bool ReleasesAll => Entries is null;

    /// <summary>The entry for <paramref name="name"/>, or null when the marker does not release it.</summary>
    public ReadyEntry? Find(string name) =>
        Entries is null ? new ReadyEntry(name, null) : Entries.FirstOrDefault(e => e.Name == name);

    /// <summary>Reads a marker's text. <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="FormatException">A line is neither a file name nor <c>checksum name</c>; the message names the marker and the line.</exception>
    public static ReadyMarker Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<ReadyEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            ReadyEntry entry;
            if (ChecksumLine().Match(line) is { Success: true } m)
                entry = new ReadyEntry(m.Groups["name"].Value, m.Groups["sum"].Value.ToLowerInvariant());
            else if (!line.Any(char.IsWhiteSpace))
                entry = new ReadyEntry(line, null);
            else
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}, line {lineNumber}: '{Shorten(line)}' is neither a file name nor 'checksum  name' (a SHA-256 or MD5 in hexadecimal, then the name)"));
            if (entry.Name.Contains('/', StringComparison.Ordinal) || entry.Name is "." or "..")
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}, line {lineNumber}: '{entry.Name}' is not a file name in the night directory"));
            if (!seen.Add(entry.Name))
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{source}, line {lineNumber}: '{entry.Name}' is listed twice"));
            entries.Add(entry);
        }

        return new ReadyMarker(entries.Count == 0 ? null : entries);
    }

    /// <summary>Reads the marker file at <paramref name="path"/>.</summary>
    public static ReadyMarker Read(string path) => Parse(File.ReadAllText(path), path);

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..77] + "...";

    [GeneratedRegex(@"^(?<sum>[0-9A-Fa-f]{64}|[0-9A-Fa-f]{32})\s+\*?(?<name>\S+)$")]
    private static partial Regex ChecksumLine();
}
