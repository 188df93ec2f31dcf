using Curation.Schema;
using Curation.Schema.Model;

namespace Curation.Database;

/// <summary>The tables an archive holds: the scripts' concrete tables plus the templates instantiated for each
/// registered programme (<c>Programme.tablePrefix</c>) and each registered neighbour table (<c>RequiredNeighbours.neighbourTable</c>).</summary>
public static class ArchiveLayout
{
    /// <summary>The table that registers programmes.</summary>
    public const string ProgrammeTable = "Programme";

    /// <summary>The column of <see cref="ProgrammeTable"/> giving the prefix of a programme's own tables (<c>NONE</c> when it has none).</summary>
    public const string TablePrefixColumn = "tablePrefix";

    /// <summary>The table that registers the neighbour tables to build.</summary>
    public const string NeighboursTable = "RequiredNeighbours";

    /// <summary>The column of <see cref="NeighboursTable"/> naming each neighbour table.</summary>
    public const string NeighbourTableColumn = "neighbourTable";

    /// <summary>The placeholder a programme's table prefix fills.</summary>
    public const string ProgrammePlaceholder = "prog";

    /// <summary>The scripts' tables and indices with templates instantiated for these programmes and neighbour tables.</summary>
    /// <param name="scripts">The parsed schema scripts.</param>
    /// <param name="programmePrefixes">Table prefixes of the programmes that have their own tables.</param>
    /// <param name="neighbourTables">Names of the registered neighbour tables.</param>
    public static SchemaModel Resolve(SchemaModel scripts, IEnumerable<string> programmePrefixes, IEnumerable<string> neighbourTables)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        var prefixes = programmePrefixes.Where(IsRealName).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var neighbours = neighbourTables.Where(IsRealName).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return TemplateNames.InstantiateAll(scripts, template => BindingsFor(template, prefixes, neighbours));
    }

    /// <summary>
    /// The tables and indices one programme has of its own: the templates instantiated for its table prefix and for its
    /// neighbour tables alone, as <see cref="Resolve"/> makes them for every registered programme (so <c>curate init</c>
    /// and a programme's registration make the same tables). The scripts' concrete tables are not included.
    /// </summary>
    /// <param name="scripts">The parsed schema scripts.</param>
    /// <param name="tablePrefix">The programme's <c>Programme.tablePrefix</c>.</param>
    /// <param name="neighbourTables">The names of its <c>RequiredNeighbours.neighbourTable</c> rows.</param>
    public static SchemaModel ForProgramme(SchemaModel scripts, string tablePrefix, IEnumerable<string> neighbourTables)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(tablePrefix);
        var concrete = Resolve(scripts, [], []);
        var all = Resolve(scripts, [tablePrefix], neighbourTables);
        var own = new SchemaModel();
        own.Files.AddRange(all.Files);
        own.Tables.AddRange(all.Tables.Where(t => !concrete.Tables.Contains(t)));
        own.Indices.AddRange(all.Indices.Where(i => !concrete.Indices.Contains(i)));
        return own;
    }

    private static List<IReadOnlyDictionary<string, string>> BindingsFor(string template, List<string> prefixes, List<string> neighbours)
    {
        var placeholders = TemplateNames.Placeholders(template);
        if (placeholders.Count == 1 && placeholders[0] == ProgrammePlaceholder)
            return prefixes.Select(p => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { [ProgrammePlaceholder] = p }).ToList();

        // Any other template is a neighbour table: one table per registered name the template matches.
        var bindings = new List<IReadOnlyDictionary<string, string>>();
        foreach (var name in neighbours)
        {
            if (TemplateNames.Match(template, name) is not { } b)
                continue;
            if (b.TryGetValue(ProgrammePlaceholder, out var prog))
            {
                var known = prefixes.Find(p => p.Equals(prog, StringComparison.OrdinalIgnoreCase));
                if (known is null)
                    continue;
                b = new Dictionary<string, string>(b) { [ProgrammePlaceholder] = known };
            }

            bindings.Add(b);
        }

        return bindings;
    }

    private static bool IsRealName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && !name.Equals("NONE", StringComparison.OrdinalIgnoreCase);
}
