using System.Globalization;
using System.Text.RegularExpressions;
using Curation.Database.Dialects;
using Curation.Schema;
using Curation.Schema.Model;
using Curation.Sessions;

namespace Curation.Release;

/// <summary>One statement of a release's trim, with what it does.</summary>
/// <param name="What">What the statement does, for the log and for errors.</param>
/// <param name="Sql">The statement.</param>
public sealed record TrimStep(string What, string Sql);

/// <summary>
/// A reference from the rows of one table to the rows of another: a foreign key of the scripts, or a detector frame
/// named by a pair of columns <c>xmfID</c>, <c>xeNum</c> (a frame set's frame in one passband, which the scripts do
/// not declare as a foreign key because a passband the set lacks holds the default instead).
/// </summary>
/// <param name="Child">The referencing table.</param>
/// <param name="Columns">Its referencing columns.</param>
/// <param name="Parent">The referenced table.</param>
/// <param name="ParentColumns">The referenced columns.</param>
/// <param name="NoneValue">For a frame pair, the value of the first column that means "no frame" (its default); null
/// for a foreign key.</param>
/// <param name="ForeignKey">The foreign key, or null for a frame pair.</param>
public sealed record RowReference(TableDef Child, IReadOnlyList<string> Columns, TableDef Parent, IReadOnlyList<string> ParentColumns, string? NoneValue,
    ForeignKeyDef? ForeignKey);

/// <summary>
/// The statements that trim a copy of the curation database into a release, made from the schema scripts (the layout
/// of the copy: its templates instantiated for its programmes and neighbour tables), in one dialect:
/// <list type="number">
/// <item>the frames left out (see <see cref="ReleaseContent"/>) are listed in a work table, <see cref="FrameTable"/>;</item>
/// <item>the tables the scripts mark private to the curation database (<c>--/P</c>) are dropped, with the foreign keys
/// that referred to them;</item>
/// <item>the frames left out are deleted from <c>Multiframe</c>, and then every row that referred to a deleted row,
/// table by table in reference order (detector frames, astrometry, provenance, programme frames, header cards,
/// detections; frame sets with any deleted frame; their sources; neighbour pairs with any deleted source);</item>
/// <item>the work table is dropped.</item>
/// </list>
/// SQLite cannot drop a constraint: the caller turns its foreign keys off for the trim and checks them after
/// (<c>PRAGMA foreign_key_check</c>), and a table with a foreign key to a dropped table is made again without it. The
/// server engines drop the foreign keys the deletions would trip and add them back at the end, which checks every row
/// left.
/// </summary>
public sealed partial class ReleaseTrim
{
    /// <summary>The work table listing the frames left out.</summary>
    public const string FrameTable = "ReleaseTrimFrame";

    /// <summary>The table the deletions start from.</summary>
    public const string RootTable = "Multiframe";

    /// <summary>The table a pair of frame columns refers to.</summary>
    public const string DetectorTable = "MultiframeDetector";

    /// <summary>The suffix of a made-again SQLite table while it is being made.</summary>
    public const string RebuildSuffix = "__release";

    private readonly SchemaModel layout;
    private readonly SqlDialect dialect;

    /// <summary>Plans the trim of a database with <paramref name="layout"/> in <paramref name="dialect"/>.</summary>
    /// <exception cref="CurationInputException">The layout has no <c>Multiframe</c> table, or a foreign key to drop has no name.</exception>
    public ReleaseTrim(SchemaModel layout, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(dialect);
        this.layout = layout;
        this.dialect = dialect;
        var root = layout.Table(RootTable) ?? throw new CurationInputException($"the schema scripts define no {RootTable} table, so no frame can be left out of a release");
        CurationOnly = layout.Tables.Where(t => t.Kind == TableKind.Table && t.CurationOnly is not null).ToList();
        var dropped = CurationOnly.ToHashSet();
        var kept = layout.Tables.Where(t => t.Kind == TableKind.Table && !dropped.Contains(t)).ToList();
        var references = kept.SelectMany(References).Where(r => !dropped.Contains(r.Parent)).ToList();

        // The tables whose rows can lose what they refer to (those the root's rows reach), parents before children.
        var reachable = new HashSet<TableDef>();
        var queue = new Queue<TableDef>([root]);
        while (queue.TryDequeue(out var parent))
        {
            foreach (var r in references.Where(r => r.Parent == parent && r.Child != root && reachable.Add(r.Child)))
                queue.Enqueue(r.Child);
        }

        var order = new List<TableDef> { root };
        bool Counts(RowReference r) => r.Parent == root || reachable.Contains(r.Parent);
        while (kept.FirstOrDefault(t => reachable.Contains(t) && !order.Contains(t)
                   && references.Where(r => r.Child == t && r.Parent != t && Counts(r)).All(r => order.Contains(r.Parent))) is { } next)
            order.Add(next);
        if (order.Count - 1 < reachable.Count)
            throw new CurationInputException($"the references between {string.Join(", ", reachable.Except(order).Select(t => t.Name))} go round in a circle, so no order of deletion keeps them");

        Cascade = order.Skip(1).SelectMany(t => references.Where(r => r.Child == t && order.Contains(r.Parent))).ToList();
        ForeignKeysToDrop = kept.SelectMany(t => t.ForeignKeys.Select(fk => (Table: t, Key: fk)))
            .Where(k => dropped.Any(d => Same(d, k.Key.ReferencedTable)) || Cascade.Any(r => r.ForeignKey == k.Key))
            .ToList();
        Rebuilt = kept.Where(t => t.ForeignKeys.Any(fk => dropped.Any(d => Same(d, fk.ReferencedTable))))
            .Select(t => WithoutKeysTo(t, dropped)).ToList();
    }

    /// <summary>The tables the release leaves out (<c>--/P</c>), in script order.</summary>
    public IReadOnlyList<TableDef> CurationOnly { get; }

    /// <summary>The references the deletions follow, parents before children.</summary>
    public IReadOnlyList<RowReference> Cascade { get; }

    /// <summary>The foreign keys the server engines drop for the trim (those the deletions follow, and those to dropped tables).</summary>
    public IReadOnlyList<(TableDef Table, ForeignKeyDef Key)> ForeignKeysToDrop { get; }

    /// <summary>The tables with a foreign key to a dropped table, as they are made again without it (SQLite).</summary>
    public IReadOnlyList<TableDef> Rebuilt { get; }

    private bool IsSqlite => dialect is SqliteDialect;

    /// <summary>The statements before the frames are listed: the work table, and (server engines) the foreign keys dropped.</summary>
    public IReadOnlyList<TrimStep> Prepare()
    {
        var steps = new List<TrimStep>
        {
            new($"creating the work table {FrameTable}", $"CREATE TABLE {Name(FrameTable)} ({dialect.Quote("multiframeID")} bigint NOT NULL PRIMARY KEY)"),
        };
        if (!IsSqlite)
        {
            foreach (var (table, key) in ForeignKeysToDrop)
            {
                var name = key.Name ?? throw new CurationInputException($"a foreign key of {table.Name} ({string.Join(", ", key.Columns)}) has no name, so it cannot be dropped for the trim; name it in the scripts");
                steps.Add(new($"dropping the foreign key {name} of {table.Name}", $"ALTER TABLE {Name(table)} DROP CONSTRAINT {dialect.Quote(name)}"));
            }
        }

        return steps;
    }

    /// <summary>The statement that lists <paramref name="count"/> frames (parameters <c>@m0</c>, <c>@m1</c>, ...) in the work table.</summary>
    public string InsertFrames(int count) =>
        $"INSERT INTO {Name(FrameTable)} ({dialect.Quote("multiframeID")}) VALUES "
        + string.Join(", ", Enumerable.Range(0, count).Select(i => "(@m" + i.ToString(CultureInfo.InvariantCulture) + ")"));

    /// <summary>The statements after the frames are listed: the curation-only tables dropped, the deletions, the foreign
    /// keys restored (or the tables made again, SQLite), the work table dropped.</summary>
    public IReadOnlyList<TrimStep> Trim()
    {
        var steps = new List<TrimStep>();
        var root = layout.Table(RootTable)!;

        // The curation-only tables first, so that no key of theirs stands in the way of the deletions; children before
        // parents, so that a server's keys between them never do either.
        var dropped = CurationOnly.ToList();
        var dropOrder = new List<TableDef>();
        while (dropped.Count > 0)
        {
            var next = dropped.FirstOrDefault(t => !dropped.Any(o => o != t && o.ForeignKeys.Any(fk => Same(t, fk.ReferencedTable)))) ?? dropped[0];
            dropOrder.Add(next);
            dropped.Remove(next);
        }

        foreach (var t in dropOrder)
            steps.Add(new($"dropping the curation-only table {t.Name}", $"DROP TABLE {Name(t)}"));

        steps.Add(new($"deleting the frames left out from {root.Name}",
            $"DELETE FROM {Name(root)} WHERE {dialect.Quote("multiframeID")} IN (SELECT {dialect.Quote("multiframeID")} FROM {Name(FrameTable)})"));
        foreach (var r in Cascade)
            steps.Add(new($"deleting the rows of {r.Child.Name} whose {string.Join(", ", r.Columns)} {(r.Columns.Count == 1 ? "is" : "are")} no longer in {r.Parent.Name}", Orphans(r)));

        if (IsSqlite)
        {
            foreach (var t in Rebuilt)
                steps.AddRange(Rebuild(t));
        }
        else
        {
            foreach (var (table, key) in ForeignKeysToDrop.Where(k => !CurationOnly.Any(d => Same(d, k.Key.ReferencedTable))))
            {
                var single = new TableDef { Name = table.Name, Schema = table.Schema, Location = table.Location, Family = table.Family };
                single.ForeignKeys.Add(key);
                foreach (var sql in dialect.AddForeignKeys(single))
                    steps.Add(new($"adding back the foreign key {key.Name} of {table.Name} (checking every row left)", sql));
            }
        }

        steps.Add(new($"dropping the work table {FrameTable}", $"DROP TABLE {Name(FrameTable)}"));
        return steps;
    }

    /// <summary>The references from the rows of <paramref name="table"/>: its foreign keys and its frame pairs.</summary>
    private IEnumerable<RowReference> References(TableDef table)
    {
        foreach (var fk in table.ForeignKeys)
        {
            if (layout.Table(fk.ReferencedTable) is not { } parent)
                continue;
            yield return new RowReference(table, fk.Columns, parent, fk.ReferencedColumns.Count > 0 ? fk.ReferencedColumns : parent.PrimaryKey, null, fk);
        }

        if (layout.Table(DetectorTable) is not { } detector || table == detector)
            yield break;
        foreach (var column in table.Columns)
        {
            var m = FramePair().Match(column.Name);
            if (!m.Success || table.Column(m.Groups[1].Value + "eNum") is not { } extension)
                continue;
            yield return new RowReference(table, [column.Name, extension.Name], detector, ["multiframeID", "extNum"],
                column.DefaultValue is { } d ? SqlLiterals.Unquote(d) : null, null);
        }
    }

    private string Orphans(RowReference r)
    {
        var child = Name(r.Child);
        var match = string.Join(" AND ", r.Columns.Select((c, i) => $"parent.{dialect.Quote(r.ParentColumns[i])} = {child}.{dialect.Quote(c)}"));
        var none = r.NoneValue is { } v ? $"{dialect.Quote(r.Columns[0])} <> {v} AND " : "";
        return $"DELETE FROM {child} WHERE {none}NOT EXISTS (SELECT 1 FROM {Name(r.Parent)} parent WHERE {match})";
    }

    private IEnumerable<TrimStep> Rebuild(TableDef table)
    {
        var temporary = Copy(table, table.Name + RebuildSuffix, table.ForeignKeys);
        var columns = string.Join(", ", table.Columns.Where(c => !c.IsComputed).Select(c => dialect.Quote(c.Name)));
        foreach (var sql in dialect.CreateTable(temporary))
            yield return new($"making {table.Name} again without its foreign keys to curation-only tables", sql);
        yield return new($"copying the rows of {table.Name}", $"INSERT INTO {Name(temporary)} ({columns}) SELECT {columns} FROM {Name(table)}");
        yield return new($"dropping the old {table.Name}", $"DROP TABLE {Name(table)}");
        yield return new($"renaming {temporary.Name} to {table.Name}", $"ALTER TABLE {Name(temporary)} RENAME TO {dialect.Quote(table.Name)}");
    }

    private static TableDef WithoutKeysTo(TableDef table, IReadOnlySet<TableDef> dropped) =>
        Copy(table, table.Name, table.ForeignKeys.Where(fk => !dropped.Any(d => Same(d, fk.ReferencedTable))));

    private static TableDef Copy(TableDef table, string name, IEnumerable<ForeignKeyDef> keys)
    {
        var copy = new TableDef { Name = name, Schema = table.Schema, Kind = table.Kind, Documented = table.Documented, Location = table.Location, Family = table.Family };
        foreach (var (k, v) in table.Tags)
            copy.Tags.Add(k, v);
        copy.Columns.AddRange(table.Columns.Select(c => c.Copy()));
        copy.PrimaryKey.AddRange(table.PrimaryKey);
        copy.PrimaryKeyName = table.PrimaryKeyName;
        copy.ForeignKeys.AddRange(keys);
        copy.Uniques.AddRange(table.Uniques);
        copy.Checks.AddRange(table.Checks);
        return copy;
    }

    private static bool Same(TableDef table, string name) => table.Name.Equals(name, StringComparison.OrdinalIgnoreCase);

    private string Name(TableDef table) => dialect.TableName(table.Name, table.Schema);

    private string Name(string table) => dialect.TableName(table, null);

    [GeneratedRegex("^(.+)mfID$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FramePair();
}
