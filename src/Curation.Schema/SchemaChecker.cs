using System.Globalization;
using Curation.Schema.Model;

namespace Curation.Schema;

/// <summary>How serious a finding of <see cref="SchemaChecker"/> is.</summary>
public enum FindingSeverity
{
    /// <summary>Worth a look; the scripts still work.</summary>
    Warning,

    /// <summary>The scripts are wrong: an ingest would misbehave.</summary>
    Error,
}

/// <summary>One problem found in the scripts, with where it is.</summary>
/// <param name="Severity">How serious it is.</param>
/// <param name="Location">Where: the column or table definition.</param>
/// <param name="Message">What is wrong, naming the table, column and tag.</param>
public sealed record Finding(FindingSeverity Severity, SourceLocation Location, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Location}: {(Severity == FindingSeverity.Error ? "error" : "warning")}: {Message}";
}

/// <summary>Validates parsed scripts: tags known, <c>--/Q</c> references resolvable, <c>--/N</c> equal to the SQL
/// default by value, <c>--/V</c>, <c>--/R</c>, <c>--/L</c>, <c>--/A</c> and <c>--/K</c> well formed.</summary>
public static class SchemaChecker
{
    /// <summary>The column tags of the WFAU convention.</summary>
    public static IReadOnlySet<char> WfauColumnTags { get; } = "DCUNVRXMKFAQLIGSOEWB".ToHashSet();

    /// <summary>The column tags of the SDSS convention.</summary>
    public static IReadOnlySet<char> SdssColumnTags { get; } = "DUKFRAN".ToHashSet();

    /// <summary>The table tags of both conventions: header, text, and <c>--/P</c> (private to the curation database,
    /// with why: a release leaves the table out).</summary>
    public static IReadOnlySet<char> TableTags { get; } = "HTP".ToHashSet();

    /// <summary>Names a <c>--/Q</c> may give that are computations rather than attributes (filled as the computations are written).</summary>
    public static ISet<string> ComputationNames { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every finding, errors and warnings, in script order.</summary>
    public static IReadOnlyList<Finding> Check(SchemaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var findings = new List<Finding>();
        foreach (var table in model.Tables)
        {
            foreach (var letter in table.Tags.Keys.Where(k => !TableTags.Contains(k)))
                findings.Add(new(FindingSeverity.Warning, table.Location, $"{table.Name}: tag --/{letter} is not a table tag (tables take --/H, --/T and --/P)"));
            if (table.Documented && table.Kind == TableKind.Table && table.Header is null)
                findings.Add(new(FindingSeverity.Warning, table.Location, $"{table.Name}: documented table has no --/H header"));
            foreach (var column in table.Columns)
                CheckColumn(model, table, column, findings);
        }

        foreach (var index in model.Indices)
        {
            var table = model.Table(index.Schema is null ? index.Table : $"{index.Schema}.{index.Table}");
            if (table is null)
            {
                findings.Add(new(FindingSeverity.Error, index.Location, $"index {index.Name}: table {index.Table} is not defined by the scripts"));
                continue;
            }

            foreach (var c in index.Columns.Select(c => c.Name).Concat(index.Include).Where(c => table.Column(c) is null))
                findings.Add(new(FindingSeverity.Error, index.Location, $"index {index.Name}: {table.Name} has no column {c}"));
        }

        return findings;
    }

    private static void CheckColumn(SchemaModel model, TableDef table, ColumnDef column, List<Finding> findings)
    {
        void Add(FindingSeverity s, string message) => findings.Add(new(s, column.Location, $"{table.Name}.{column.Name}: {message}"));
        var known = column.Convention == TagConvention.Sdss ? SdssColumnTags : WfauColumnTags;
        foreach (var letter in column.Tags.Keys.Where(k => !known.Contains(k)))
            Add(FindingSeverity.Error, $"unknown tag --/{letter} in the {column.Convention.ToString().ToUpperInvariant()} convention");
        if (table.Documented && string.IsNullOrWhiteSpace(column.Description))
            Add(FindingSeverity.Warning, "no description (--/D)");

        if (column.Tags.Get('N') is { } n && column.Default is { } sqlDefault && !SameValue(n, sqlDefault, column.Type))
            Add(FindingSeverity.Error, $"--/N {n} differs from the SQL default {sqlDefault}");
        if (column.Convention == TagConvention.Sdss)
            return;

        if (column.Tags.Get('K') is { } k && !string.IsNullOrWhiteSpace(k))
        {
            var keyword = SourceTagGrammar.ParseHeaderKeyword(k).Keyword;
            if (!SourceTagGrammar.IsValidKeyword(keyword))
                Add(FindingSeverity.Error, $"--/K {k}: '{keyword}' is not a FITS keyword (1-8 of A-Z 0-9 - _, or HIERARCH ...)");
        }

        if (column.Tags.Get('A') is { } a)
        {
            if (SourceTagGrammar.ParseArrayElement(a) is not ({ } element and >= 0))
                Add(FindingSeverity.Error, $"--/A {a} is not an array element number");
            if (column.Tags.Get('F') is null)
                Add(FindingSeverity.Error, "--/A without --/F: an array element of no column");
        }

        if (column.Tags.Get('L') is { } l)
        {
            if (SourceTagGrammar.ParseHtmLevel(l) is not ({ } level and >= 0 and <= 29))
                Add(FindingSeverity.Error, $"--/L {l} is not an HTM level from 0 to 29");
            else if (column.Type.Name != "bigint")
                Add(FindingSeverity.Error, $"--/L needs a bigint column for HTM IDs, not {column.Type}");
        }

        if (column.Tags.Get('Q') is { } q)
            CheckComputed(model, table, q, Add);
        if (column.Tags.Get('V') is { } v)
        {
            var values = column.AllowedValues;
            if (values.Any(x => x.Length == 0))
                Add(FindingSeverity.Error, $"--/V {v} has an empty value");
            else if (column.Type.IsNumeric && values.FirstOrDefault(x => !IsNumber(SqlLiterals.Unquote(x))) is { } bad)
                Add(FindingSeverity.Error, $"--/V value '{bad}' is not a number, as the {column.Type} column needs");
        }

        if (column.Tags.Get('R') is { } r)
        {
            if (column.Range is not { } range)
            {
                Add(FindingSeverity.Error, $"--/R {r} is not 'min,max' (use None for an open bound)");
            }
            else
            {
                var bad = new[] { range.Min, range.Max }.OfType<string>().FirstOrDefault(b => !IsNumber(b));
                if (bad is not null)
                    Add(FindingSeverity.Error, $"--/R bound '{bad}' is not a number");
                else if (range.Min is { } min && range.Max is { } max && ParseNumber(min) > ParseNumber(max))
                    Add(FindingSeverity.Error, $"--/R {r}: the minimum is above the maximum");
            }
        }
    }

    private static void CheckComputed(SchemaModel model, TableDef table, string q, Action<FindingSeverity, string> add)
    {
        foreach (var input in SourceTagGrammar.ParseComputed(q).Inputs)
        {
            if (input.Table is null)
            {
                if (table.Column(input.Attribute) is null && !ComputationNames.Contains(input.Attribute))
                    add(FindingSeverity.Error, $"--/Q names '{input.Attribute}', which is neither a column of {table.Name} nor a known computation");
                continue;
            }

            var target = model.Table(input.Table);
            if (target is null)
                add(FindingSeverity.Error, $"--/Q names table {input.Table}, which the scripts do not define");
            else if (target.Column(input.Attribute) is null)
                add(FindingSeverity.Error, $"--/Q names {input}, but {target.Name} has no column {input.Attribute}");
        }
    }

    /// <summary>True when a <c>--/N</c> value and a SQL default denote the same value for the column's type:
    /// numbers by value (<c>-0.9999995e9</c> = <c>-9.999995e+08</c>), dates by date (<c>12-31-9999</c> = <c>'9999-12-31 23:59:59'</c>),
    /// strings exactly once quotes are removed.</summary>
    public static bool SameValue(string nValue, string sqlDefault, SqlType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var n = SqlLiterals.Unquote(nValue.Trim());
        var d = SqlLiterals.Unquote(sqlDefault.Trim());
        if (IsNumber(n) && IsNumber(d))
        {
            double a = ParseNumber(n), b = ParseNumber(d);
            return a == b || Math.Abs(a - b) <= 1e-12 * Math.Max(Math.Abs(a), Math.Abs(b));
        }

        if (type.IsDateTime && ParseDate(n) is { } nd && ParseDate(d) is { } dd)
            return nd.HasTime && dd.HasTime ? nd.Value == dd.Value : nd.Value.Date == dd.Value.Date;
        return string.Equals(n, d, StringComparison.Ordinal);
    }

    private static readonly string[] DateFormats =
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.fff", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd", "MM-dd-yyyy", "MM-dd-yyyy HH:mm:ss", "MM/dd/yyyy", "yyyyMMdd"];

    private static (DateTime Value, bool HasTime)? ParseDate(string s) =>
        DateTime.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var v)
            ? (v, s.Contains(':', StringComparison.Ordinal))
            : null;

    private static bool IsNumber(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static double ParseNumber(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
