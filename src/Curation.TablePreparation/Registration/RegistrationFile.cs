using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Curation.TablePreparation.Registration;

/// <summary>
/// Reads a programme registration file: one JSON object (comments and trailing commas allowed), its fields named as in
/// docs/register-programme.md (case does not matter). Every problem of form is collected with the file, line and column
/// and the field (<c>u07bh99.json:7:14: filters[1]: ...</c>): bad JSON, a field unknown, missing or given twice, a
/// value of the wrong type or out of range, an acronym or table prefix that is not an identifier.
/// </summary>
public static partial class RegistrationFile
{
    /// <summary>The fields of a registration, as the documentation spells them.</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        "project", "acronym", "title", "pi", "description", "reference", "survey", "surveyDescription", "programmeID", "tablePrefix",
        "filters", "proprietaryMonths", "pairingCriterion", "neighbours",
    ];

    /// <summary>The lowest programme ID of the non-survey programmes: the WSA numbered open time from 1000 (service time from 10000).</summary>
    public const int FirstNonSurveyId = 1000;

    /// <summary>The largest neighbour radius accepted (arcsec): 90 degrees, as for <c>curate cu16 --radius</c>.</summary>
    public const double MaxNeighbourRadius = 324000;

    /// <summary>The largest pairing criterion accepted (arcsec), as for <c>curate cu7 --radius</c>.</summary>
    public const double MaxPairingCriterion = 3600;

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"\s*LineNumber: \d+ \| BytePositionInLine: \d+\.?$")]
    private static partial Regex JsonPositionSuffix();

    /// <summary>True when <paramref name="name"/> is a plain SQL identifier: a letter, then letters, digits and underscores.</summary>
    public static bool IsIdentifier(string name) => IdentifierPattern().IsMatch(name);

    /// <summary>Reads the file; returns the registration, or null with <paramref name="problems"/> saying why.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ProgrammeRegistration? Read(string path, List<RegistrationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble))
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        var before = problems.Count;
        var locator = Locator.Scan(path, bytes, problems);
        if (locator is null)
            return null;

        using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var reader = new FieldReader(locator, problems);
        var registration = reader.Registration(document.RootElement);
        return problems.Count == before ? registration : null;
    }

    /// <summary>Where each value (and each field's name) starts in the file, by its path: <c>filters[1]</c>, <c>neighbours[0].radius</c>.</summary>
    private sealed class Locator
    {
        private readonly string file;
        private readonly byte[] bytes;
        private readonly List<int> lineStarts = [0];
        private readonly Dictionary<string, long> values = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> names = new(StringComparer.Ordinal);

        private Locator(string file, byte[] bytes)
        {
            this.file = file;
            this.bytes = bytes;
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                    lineStarts.Add(i + 1);
            }
        }

        /// <summary>Walks the file's tokens, recording where each value starts; null (and the problem) if it is not JSON.</summary>
        public static Locator? Scan(string file, byte[] bytes, List<RegistrationProblem> problems)
        {
            var locator = new Locator(file, bytes);
            var open = new List<Container>();
            var reader = new Utf8JsonReader(bytes, ReaderOptions);
            try
            {
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            var container = open[^1];
                            container.Property = Join(container.Path, reader.GetString()!);
                            locator.names.TryAdd(container.Property, reader.TokenStartIndex);
                            break;
                        case JsonTokenType.EndObject or JsonTokenType.EndArray:
                            open.RemoveAt(open.Count - 1);
                            break;
                        default:
                            var path = open.Count == 0 ? "" : open[^1].IsArray ? $"{open[^1].Path}[{open[^1].Items++}]" : open[^1].Property;
                            locator.values.TryAdd(path, reader.TokenStartIndex);
                            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                                open.Add(new Container(reader.TokenType == JsonTokenType.StartArray, path));
                            break;
                    }
                }

                if (reader.BytesConsumed == 0)
                    throw new JsonException("the file holds no JSON: it should hold one object (see docs/register-programme.md)");
            }
            catch (JsonException e)
            {
                var where = e.LineNumber is { } line
                    ? string.Create(CultureInfo.InvariantCulture, $"{file}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}")
                    : file;
                problems.Add(new RegistrationProblem(where, "not valid JSON: " + JsonPositionSuffix().Replace(e.Message, "").TrimEnd('.')));
                return null;
            }

            return locator;
        }

        /// <summary><c>file:line:column: path</c> of a value, or <c>file: path</c> when the file does not give it.</summary>
        public string Where(string path) => At(values, path);

        /// <summary>The same for a field's name (where a field is unknown or repeated).</summary>
        public string WhereName(string path) => At(names, path);

        /// <summary>The file's name, for problems of the whole file.</summary>
        public string File => file;

        private string At(Dictionary<string, long> offsets, string path)
        {
            var label = path.Length == 0 ? "" : ": " + path;
            if (!offsets.TryGetValue(path, out var offset))
                return file + label;
            var line = lineStarts.BinarySearch((int)offset);
            if (line < 0)
                line = ~line - 1;
            var column = Encoding.UTF8.GetCharCount(bytes, lineStarts[line], (int)offset - lineStarts[line]) + 1;
            return string.Create(CultureInfo.InvariantCulture, $"{file}:{line + 1}:{column}{label}");
        }

        private sealed class Container(bool isArray, string path)
        {
            public bool IsArray { get; } = isArray;

            public string Path { get; } = path;

            public string Property { get; set; } = path;

            public int Items { get; set; }
        }
    }

    private static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    /// <summary>Reads the fields of the parsed document, reporting each problem where the file has it.</summary>
    private sealed class FieldReader(Locator locator, List<RegistrationProblem> problems)
    {
        private void Problem(string path, string message) => problems.Add(new RegistrationProblem(locator.Where(path), message));

        public ProgrammeRegistration? Registration(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problem("", $"the file must hold one JSON object with the registration's fields, not {Kind(root)}");
                return null;
            }

            var fields = Fields(root, "", RegistrationFile.Fields);
            var project = Text(fields, "project", required: true);
            if (project is not null && project.Equals("NONE", StringComparison.OrdinalIgnoreCase))
            {
                Problem(fields["project"].Path, "NONE is the value of a missing PROJECT keyword; give the programme's PROJECT value, eg. u/07b/h99");
                project = null;
            }

            var acronym = Text(fields, "acronym");
            if (acronym is not null && !IsIdentifier(acronym))
                Problem(fields["acronym"].Path, $"'{acronym}' is not an acronym: a letter, then letters, digits or underscores (eg. U07BH99)");
            else if (acronym is null && project is not null && !IsIdentifier(DefaultAcronym(project)))
                Problem(fields["project"].Path, $"no acronym can be made from the PROJECT value '{project}'; give one (\"acronym\": \"U07BH99\")");

            var prefix = Text(fields, "tablePrefix");
            if (prefix is not null && (!IsIdentifier(prefix) || prefix.Equals("NONE", StringComparison.OrdinalIgnoreCase)))
            {
                Problem(fields["tablePrefix"].Path, $"'{prefix}' is not a table prefix: it must be a letter, then letters, digits or underscores "
                    + "(eg. u07bh99 for u07bh99Detection), and not NONE");
            }

            var title = Text(fields, "title", required: true);
            var pi = Text(fields, "pi", required: true);
            var description = Text(fields, "description");
            var reference = Text(fields, "reference");
            var survey = NameOrId(fields, "survey");
            var surveyDescription = Text(fields, "surveyDescription");
            var programmeId = Integer(fields, "programmeID", FirstNonSurveyId, int.MaxValue,
                $"the programme IDs of non-survey programmes start at {FirstNonSurveyId} (open time; 10000 and up for service time), as the WSA numbered them");
            var months = Integer(fields, "proprietaryMonths", 0, short.MaxValue, "the proprietary period is a number of months, 0 or more");
            var pairing = Number(fields, "pairingCriterion", MaxPairingCriterion,
                string.Create(CultureInfo.InvariantCulture, $"the pairing criterion is a separation in arcsec, above 0 and at most {MaxPairingCriterion}"));
            var filters = Filters(fields);
            var neighbours = Neighbours(fields);
            if (project is null || title is null || pi is null || filters is null || neighbours is null)
                return null;

            return new ProgrammeRegistration
            {
                File = locator.File, Project = project, Acronym = acronym, Title = title, Pi = pi, Description = description, Reference = reference,
                Survey = survey, SurveyDescription = surveyDescription, ProgrammeId = programmeId, TablePrefix = prefix, Filters = filters,
                ProprietaryMonths = months ?? ProgrammeRegistration.DefaultProprietaryMonths,
                PairingCriterion = pairing ?? ProgrammeRegistration.DefaultPairingCriterion,
                Neighbours = neighbours, Where = locator.Where,
            };
        }

        /// <summary>The fields of an object by their documented name; unknown and repeated ones reported.</summary>
        private Dictionary<string, (JsonElement Value, string Path)> Fields(JsonElement obj, string path, IReadOnlyList<string> known)
        {
            var fields = new Dictionary<string, (JsonElement, string)>(StringComparer.Ordinal);
            foreach (var property in obj.EnumerateObject())
            {
                var at = Join(path, property.Name);
                var name = known.FirstOrDefault(k => k.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
                if (name is null)
                {
                    problems.Add(new RegistrationProblem(locator.WhereName(at), $"unknown field '{property.Name}'; the fields are {string.Join(", ", known)}"));
                    continue;
                }

                if (!fields.TryAdd(name, (property.Value, at)))
                    problems.Add(new RegistrationProblem(locator.Where(at), $"'{name}' is given twice"));
            }

            return fields;
        }

        private string? Text(Dictionary<string, (JsonElement Value, string Path)> fields, string name, bool required = false, string parent = "")
        {
            if (!fields.TryGetValue(name, out var field))
            {
                if (required)
                    problems.Add(new RegistrationProblem(locator.Where(parent), $"'{Join(parent, name)}' is required"));
                return null;
            }

            if (field.Value.ValueKind != JsonValueKind.String)
            {
                Problem(field.Path, $"must be a text (a JSON string in quotes), not {Kind(field.Value)}");
                return null;
            }

            var text = field.Value.GetString()!.Trim();
            if (text.Length == 0)
            {
                Problem(field.Path, "must not be empty");
                return null;
            }

            return text;
        }

        private int? Integer(Dictionary<string, (JsonElement Value, string Path)> fields, string name, int min, int max, string rule)
        {
            if (!fields.TryGetValue(name, out var field))
                return null;
            if (field.Value.ValueKind != JsonValueKind.Number || !field.Value.TryGetInt64(out var value))
            {
                Problem(field.Path, $"must be a whole number, not {Kind(field.Value)}");
                return null;
            }

            if (value < min || value > max)
            {
                Problem(field.Path, string.Create(CultureInfo.InvariantCulture, $"{value} is out of range: {rule}"));
                return null;
            }

            return (int)value;
        }

        private double? Number(Dictionary<string, (JsonElement Value, string Path)> fields, string name, double max, string rule)
        {
            if (!fields.TryGetValue(name, out var field))
                return null;
            if (field.Value.ValueKind != JsonValueKind.Number || !field.Value.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                Problem(field.Path, $"must be a number, not {Kind(field.Value)}");
                return null;
            }

            if (!(value > 0) || value > max)
            {
                Problem(field.Path, string.Create(CultureInfo.InvariantCulture, $"{value} is out of range: {rule}"));
                return null;
            }

            return value;
        }

        private NameOrId? NameOrId(Dictionary<string, (JsonElement Value, string Path)> fields, string name)
        {
            if (!fields.TryGetValue(name, out var field))
                return null;
            switch (field.Value.ValueKind)
            {
                case JsonValueKind.String when field.Value.GetString()!.Trim().Length > 0:
                    return new NameOrId(field.Value.GetString()!.Trim(), null);
                case JsonValueKind.Number when field.Value.TryGetInt32(out var id):
                    return new NameOrId(null, id);
                default:
                    Problem(field.Path, $"must be a name (a JSON string) or an ID (a whole number), not {Kind(field.Value)}");
                    return null;
            }
        }

        private List<FilterRequest>? Filters(Dictionary<string, (JsonElement Value, string Path)> fields)
        {
            if (!fields.TryGetValue("filters", out var field))
            {
                Problem("", "'filters' is required: the passbands the programme's sources are merged in, eg. [\"J\", \"K\"]");
                return null;
            }

            if (field.Value.ValueKind != JsonValueKind.Array || field.Value.GetArrayLength() == 0)
            {
                Problem(field.Path, $"must be a list of one or more filters, eg. [\"J\", \"K\"] or [{{\"filter\": \"K\", \"passes\": 2}}], not {Kind(field.Value)}");
                return null;
            }

            var filters = new List<FilterRequest>();
            var ok = true;
            var i = 0;
            foreach (var item in field.Value.EnumerateArray())
            {
                var at = $"{field.Path}[{i++}]";
                if (item.ValueKind == JsonValueKind.String && item.GetString()!.Trim().Length > 0)
                {
                    filters.Add(new FilterRequest(item.GetString()!.Trim(), 1, locator.Where(at)));
                    continue;
                }

                if (item.ValueKind != JsonValueKind.Object)
                {
                    Problem(at, $"must be a filter's short name, eg. \"K\", or {{\"filter\": \"K\", \"passes\": 2}}, not {Kind(item)}");
                    ok = false;
                    continue;
                }

                var parts = Fields(item, at, ["filter", "passes"]);
                var name = Text(parts, "filter", required: true, parent: at);
                var passes = Integer(parts, "passes", 1, byte.MaxValue, "the number of passes is 1 to 255");
                if (name is null || (parts.ContainsKey("passes") && passes is null))
                {
                    ok = false;
                    continue;
                }

                filters.Add(new FilterRequest(name, passes ?? 1, locator.Where(at)));
            }

            return ok ? filters : null;
        }

        private List<NeighbourRequest>? Neighbours(Dictionary<string, (JsonElement Value, string Path)> fields)
        {
            if (!fields.TryGetValue("neighbours", out var field))
                return [];
            if (field.Value.ValueKind != JsonValueKind.Array)
            {
                Problem(field.Path, $"must be a list of neighbour tables, eg. [{{\"self\": true, \"radius\": 10}}], not {Kind(field.Value)}");
                return null;
            }

            var neighbours = new List<NeighbourRequest>();
            var ok = true;
            var i = 0;
            foreach (var item in field.Value.EnumerateArray())
            {
                var at = $"{field.Path}[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    Problem(at, $"must be {{\"self\": true, \"radius\": R}} or {{\"survey\": S, \"table\": T, \"radius\": R}}, not {Kind(item)}");
                    ok = false;
                    continue;
                }

                var before = problems.Count;
                var parts = Fields(item, at, ["self", "survey", "table", "radius"]);
                var self = false;
                if (parts.TryGetValue("self", out var s))
                {
                    if (s.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                        Problem(s.Path, $"must be true or false, not {Kind(s.Value)}");
                    else
                        self = s.Value.GetBoolean();
                }

                var survey = NameOrId(parts, "survey");
                var table = NameOrId(parts, "table");
                if (self && (parts.ContainsKey("survey") || parts.ContainsKey("table")))
                    Problem(at, "a self-neighbour table (\"self\": true) pairs the programme's own sources: it takes no survey or table");
                else if (!self && (!parts.ContainsKey("survey") || !parts.ContainsKey("table")))
                    Problem(at, "say which sources to pair with: \"self\": true for the programme's own, or \"survey\" and \"table\" for an external catalogue's");
                double? radius = null;
                if (!parts.ContainsKey("radius"))
                    Problem(at, "'radius' is required: the join criterion in arcsec, eg. 10");
                else
                    radius = Number(parts, "radius", MaxNeighbourRadius, "the radius is in arcsec, above 0 and below 324000 (90 degrees)");
                if (problems.Count > before || radius is null)
                {
                    ok = false;
                    continue;
                }

                neighbours.Add(new NeighbourRequest(self, survey, table, radius.Value, locator.Where(at)));
            }

            return ok ? neighbours : null;
        }

        private static string Kind(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "a list",
            JsonValueKind.String => $"the text \"{value.GetString()}\"",
            JsonValueKind.Number => $"the number {value.GetRawText()}",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => "null",
            _ => value.ValueKind.ToString(),
        };
    }

    /// <summary>The acronym of a programme whose file gives none: the letters and digits of its PROJECT in capitals (<c>u/07b/h99</c> gives <c>U07BH99</c>).</summary>
    public static string DefaultAcronym(string project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return string.Concat(project.Where(char.IsAsciiLetterOrDigit)).ToUpperInvariant();
    }
}
