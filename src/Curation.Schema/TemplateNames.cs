using System.Text.RegularExpressions;
using Curation.Schema.Model;

namespace Curation.Schema;

/// <summary>Placeholders in template names (<c>{prog}Detection</c>, <c>{prog}SourceX{ext}</c>) and their instantiation.</summary>
/// <remarks>A programme's tables are made from the template by replacing <c>{prog}</c> with its table prefix;
/// neighbour tables by matching their registered names against the template (<c>lasSourceXGaiaDR3Source</c>
/// gives <c>prog=las</c>, <c>ext=GaiaDR3Source</c>).</remarks>
public static partial class TemplateNames
{
    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();

    /// <summary>The placeholder names in <paramref name="text"/>, in order, without braces.</summary>
    public static IReadOnlyList<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();

    /// <summary>Replaces every <c>{name}</c> that <paramref name="values"/> binds; others are left as they are.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    /// <summary>The bindings that turn <paramref name="template"/> into <paramref name="name"/> (case-insensitive), or null when it cannot.</summary>
    public static IReadOnlyDictionary<string, string>? Match(string template, string name)
    {
        var names = new List<string>();
        var pattern = "^" + string.Concat(Placeholder().Split(template).Select((part, i) =>
        {
            if (i % 2 == 0)
                return Regex.Escape(part);
            if (names.Contains(part))
                return $@"\k<{part}>";
            names.Add(part);
            return $"(?<{part}>.+?)";
        })) + "$";
        var m = Regex.Match(name, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return m.Success ? names.ToDictionary(n => n, n => m.Groups[n].Value) : null;
    }

    /// <summary>The model with every template table replaced by its instances, one per binding <paramref name="bindingsFor"/>
    /// gives its name (none drops it), and each template index instantiated with the bindings of its table.</summary>
    public static SchemaModel InstantiateAll(SchemaModel model, Func<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> bindingsFor)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(bindingsFor);
        var result = new SchemaModel();
        result.Files.AddRange(model.Files);
        result.Routines.AddRange(model.Routines);
        var bindingsByTemplate = new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>(StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<IReadOnlyDictionary<string, string>> BindingsOf(string template)
        {
            if (!bindingsByTemplate.TryGetValue(template, out var b))
                bindingsByTemplate[template] = b = bindingsFor(template);
            return b;
        }

        foreach (var table in model.Tables)
        {
            if (table.IsTemplate)
                result.Tables.AddRange(BindingsOf(table.Name).Select(b => Instantiate(table, b)));
            else
                result.Tables.Add(table);
        }

        foreach (var index in model.Indices)
        {
            if (index.IsTemplate)
                result.Indices.AddRange(BindingsOf(index.Table).Select(b => Instantiate(index, b)));
            else
                result.Indices.Add(index);
        }

        return result;
    }

    /// <summary>A copy of a template table with its placeholders filled everywhere: name, keys, references and tag values.</summary>
    public static TableDef Instantiate(TableDef template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        string F(string s) => Fill(s, values);
        var table = new TableDef
        {
            Name = F(template.Name), Schema = template.Schema, Kind = template.Kind, Documented = template.Documented,
            ViewQuery = template.ViewQuery is null ? null : F(template.ViewQuery), Location = template.Location, Family = template.Family,
        };
        foreach (var (k, v) in template.Tags)
            table.Tags.Add(k, F(v));
        table.Columns.AddRange(template.Columns.Select(c => c.Copy(mapTagValue: F)));

        table.PrimaryKey.AddRange(template.PrimaryKey);
        table.PrimaryKeyName = template.PrimaryKeyName is null ? null : F(template.PrimaryKeyName);
        table.ForeignKeys.AddRange(template.ForeignKeys.Select(fk =>
            fk with { Name = fk.Name is null ? null : F(fk.Name), ReferencedTable = F(fk.ReferencedTable) }));
        table.Uniques.AddRange(template.Uniques.Select(u => u with { Name = u.Name is null ? null : F(u.Name) }));
        table.Checks.AddRange(template.Checks);
        return table;
    }

    /// <summary>A copy of a template index with its placeholders filled.</summary>
    public static IndexDef Instantiate(IndexDef template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new IndexDef
        {
            Name = Fill(template.Name, values), Table = Fill(template.Table, values), Schema = template.Schema,
            Unique = template.Unique, Clustered = template.Clustered, Columns = template.Columns,
            Include = template.Include, Location = template.Location,
        };
    }
}
