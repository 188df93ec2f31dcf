using System.Globalization;
using Curation.Fits;
using Curation.Fits.Tables;
using Curation.Schema.Model;
using Curation.TablePreparation.Computations;

namespace Curation.TablePreparation.Preparation;

/// <summary>
/// How each column of one table is filled from one source of rows, decided once from the column's tags (a header row
/// for CU3; each row of a catalogue table for CU4): a value the task gives (IDs, file names), a header keyword
/// (<c>--/K</c>, read once), a table column (<c>--/F</c>, read per row), a computation (<c>--/Q</c>), or the default.
/// A missing keyword or column takes the default and is counted, or is computed when the column also has a
/// <c>--/Q</c> tag; a value of the wrong type or outside <c>--/V</c>/<c>--/R</c> is reported and takes the default.
/// </summary>
public sealed class RowPlan
{
    private readonly object?[] template;
    private readonly List<Cell> cells = [];
    private readonly List<Computed> computed = [];
    private readonly List<int> checkedColumns = [];
    private readonly IngestContext context;

    private RowPlan(TableDef table, IngestContext context)
    {
        Table = table;
        Columns = [.. table.Columns.Where(c => !c.IsComputed)];
        template = new object?[Columns.Count];
        this.context = context;
    }

    /// <summary>The table.</summary>
    public TableDef Table { get; }

    /// <summary>The columns a row gives values for, in order (the table's, without SQL computed columns): what the bulk loader takes.</summary>
    public IReadOnlyList<ColumnDef> Columns { get; }

    /// <summary>True when some column is read from each table row.</summary>
    public bool ReadsTable => cells.Count > 0;

    /// <summary>The table columns (by index in the table) the rows read: what to ask the table reader for.</summary>
    public IReadOnlyList<int> TableColumnsRead => [.. cells.Select(c => c.TableColumn).Distinct().Order()];

    /// <summary>
    /// Plans the rows of <paramref name="table"/> from <paramref name="sources"/> (header keywords) and, for a table
    /// of rows, the columns of <paramref name="tableHdu"/>. <paramref name="given"/> holds the values the task
    /// sets itself (they win over any tag).
    /// </summary>
    public static RowPlan Create(TableDef table, HeaderSources sources, IngestContext context,
        IReadOnlyDictionary<string, object?> given, FitsHdu? tableHdu = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(given);
        var plan = new RowPlan(table, context);
        var pending = new List<(int Index, ColumnDef Column, IReadOnlyList<AttributeRef> Inputs)>();
        for (var i = 0; i < plan.Columns.Count; i++)
        {
            var column = plan.Columns[i];
            var fallback = column.Tags.Get('Q') is { Length: > 0 } q ? Schema.SourceTagGrammar.ParseComputed(q).Inputs : null;
            plan.template[i] = ColumnValues.DefaultOf(column);
            if (given.TryGetValue(column.Name, out var value))
            {
                plan.template[i] = value;
                continue;
            }

            if (column.AllowedValues.Count > 0 || column.Range is not null)
                plan.checkedColumns.Add(i);
            switch (column.Source)
            {
                case ColumnSource.HeaderKeyword k:
                    if (!plan.FromHeader(i, column, k, sources) && fallback is not null)
                        pending.Add((i, column, fallback));
                    break;
                case ColumnSource.TableColumn f:
                    if (!plan.FromTable(i, column, f, tableHdu) && fallback is not null)
                        pending.Add((i, column, fallback));
                    break;
                case ColumnSource.Computed c:
                    pending.Add((i, column, c.Inputs));
                    break;
            }
        }

        plan.Bind(pending);
        return plan;
    }

    /// <summary>The row of a header (a plan with no table columns).</summary>
    public object?[] Row()
    {
        if (ReadsTable)
            throw new InvalidOperationException($"the rows of {Table.Name} are read from a table: give the chunk and row");
        return Fill((object?[])template.Clone(), null, 0);
    }

    /// <summary>The row for row <paramref name="row"/> of <paramref name="chunk"/>.</summary>
    public object?[] Row(TableChunk chunk, int row)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return Fill((object?[])template.Clone(), chunk, row);
    }

    private object?[] Fill(object?[] values, TableChunk? chunk, int row)
    {
        var rowNumber = (chunk?.FirstRow ?? 0) + row + 1;
        foreach (var cell in cells)
        {
            var data = chunk!.Columns[cell.ChunkColumn];
            object? value = null;
            string? problem = null;
            bool ok;
            if (data.Strings is not null)
            {
                ok = ColumnValues.FromText(data.GetString(row)?.TrimEnd() ?? "", cell.Column.Type, out value, out problem);
            }
            else
            {
                var number = data.GetPhysical(row, cell.Element);
                if (double.IsNaN(number))
                    continue; // a null cell keeps the default
                ok = cell.Target.Convert(number * cell.Factor, cell.Column.Type, out value, out problem);
            }

            if (ok)
                values[cell.Index] = value;
            else
                context.Problems.AddRowProblem(context.Hdu, cell.Source, Name(cell.Column), rowNumber, $"{problem}; the default is used");
        }

        foreach (var c in computed)
        {
            var result = c.Function(values);
            if (result is null)
                continue;
            var ok = result is string s
                ? ColumnValues.FromText(s, c.Column.Type, out var value, out var problem)
                : result is DateTime
                    ? (value = result, problem = null, ok: true).ok
                    : c.Target.Convert(ColumnValues.NumberOf(result) ?? double.NaN, c.Column.Type, out value, out problem);
            if (ok)
                values[c.Index] = value;
            else if (chunk is null)
                context.Problems.Add(context.Hdu, null, Name(c.Column), $"computed value: {problem}; the default is used");
            else
                context.Problems.AddRowProblem(context.Hdu, null, Name(c.Column), rowNumber, $"computed value: {problem}; the default is used");
        }

        foreach (var i in checkedColumns)
        {
            var column = Columns[i];
            if (ColumnValues.CheckAllowed(column, values[i]) is not { } problem)
                continue;
            var source = column.Tags.Get('K') ?? column.Tags.Get('F');
            if (chunk is null)
                context.Problems.Add(context.Hdu, source, Name(column), $"{problem}; the default is used");
            else
                context.Problems.AddRowProblem(context.Hdu, source, Name(column), rowNumber, $"{problem}; the default is used");
            values[i] = ColumnValues.DefaultOf(column);
        }

        return values;
    }

    private bool FromHeader(int index, ColumnDef column, ColumnSource.HeaderKeyword tag, HeaderSources sources)
    {
        var (card, hdu) = sources.Lookup(tag.Hdu, tag.Keyword);
        var source = tag.Hdu.Kind == HduRefKind.Default ? tag.Keyword : $"{tag.Hdu}.{tag.Keyword}";
        if (card is null || card.Value.Kind == Fits.Headers.CardValueKind.Undefined)
        {
            context.Problems.AddMissing(source, Name(column));
            return false;
        }

        if (ColumnValues.FromCard(card.Value, column.Type, out var value, out var problem))
        {
            template[index] = value;
            return true;
        }

        context.Problems.Add(hdu?.Index, tag.Keyword, Name(column), $"{problem} (value {card.Value.Raw.Trim()}); the default is used");
        return true; // present but bad: reported, not computed instead
    }

    private bool FromTable(int index, ColumnDef column, ColumnSource.TableColumn tag, FitsHdu? tableHdu)
    {
        if (tableHdu is null)
            return false; // a header row: table columns do not apply
        foreach (var alternative in tag.Alternatives)
        {
            if (alternative.Columns.Count != 1 || alternative.Columns[0].Hdu.Kind != HduRefKind.Default)
                throw new IngestRejectedException($"{Name(column)}: --/F {alternative} joins or names another extension; only columns of the table being ingested are supported");
            var name = alternative.Columns[0].Column;
            var fits = tableHdu.Columns.FirstOrDefault(c => string.Equals(c.Name?.Trim(), name, StringComparison.OrdinalIgnoreCase));
            if (fits is null)
                continue;
            var element = (tag.ArrayElement ?? 1) - 1;
            if (element < 0 || element >= Math.Max(fits.Repeat, 1))
                throw new IngestRejectedException($"{tableHdu.File.Path} HDU {tableHdu.Index} column {name}: element {element + 1} (--/A) is beyond its {fits.Repeat} elements");
            cells.Add(new Cell(index, column, fits.Index, -1, element, UnitFactor(fits.Unit, column.Unit), name, NumberTarget.Of(column.Type)));
            return true;
        }

        context.Problems.AddMissing(tag.ToString().Replace("column ", "", StringComparison.Ordinal), Name(column), (int)Math.Min(int.MaxValue, tableHdu.Rows ?? 0));
        return false;
    }

    private void Bind(List<(int Index, ColumnDef Column, IReadOnlyList<AttributeRef> Inputs)> pending)
    {
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Columns.Count; i++)
            byName[Columns[i].Name] = i;
        var pendingIndex = pending.ToDictionary(p => p.Index);
        var done = new HashSet<int>();
        var visiting = new HashSet<int>();

        void Visit((int Index, ColumnDef Column, IReadOnlyList<AttributeRef> Inputs) item)
        {
            if (done.Contains(item.Index))
                return;
            if (!visiting.Add(item.Index))
                throw new IngestRejectedException($"{Name(item.Column)} is computed from itself (a --/Q cycle)");
            foreach (var input in item.Inputs.Where(IsLocal))
            {
                if (byName.TryGetValue(input.Attribute, out var i) && pendingIndex.TryGetValue(i, out var dependency))
                    Visit(dependency);
            }

            var computation = ComputationRegistry.For(item.Column, item.Inputs)
                ?? throw new IngestRejectedException($"{Name(item.Column)}: --/Q {string.Join(",", item.Inputs)} names no computation of the registry (curate schema check lists them)");
            var binding = new ComputationBinding(Table, item.Column, item.Inputs, context, Resolve);
            computed.Add(new Computed(item.Index, item.Column, computation.Bind(binding), NumberTarget.Of(item.Column.Type)));
            done.Add(item.Index);
        }

        bool IsLocal(AttributeRef a) => a.Table is null || a.Table.Equals(Table.Name, StringComparison.OrdinalIgnoreCase);

        ComputationInput? Resolve(AttributeRef a)
        {
            if (IsLocal(a) && byName.TryGetValue(a.Attribute, out var i))
                return ComputationInput.Column(i, ColumnValues.DefaultOf(Columns[i]));
            if (a.Table is { } t && context.Parents.TryGetValue(t, out var parent) && parent.TryGet(a.Attribute, out var value, out var missing))
                return ComputationInput.Fixed(value, missing);
            return null;
        }

        foreach (var p in pending)
            Visit(p);
    }

    private string Name(ColumnDef column) => $"{Table.Name}.{column.Name}";

    /// <summary>The factor from a FITS column's unit to the archive column's: radians to degrees, else 1.</summary>
    private static double UnitFactor(string? from, string? to)
    {
        static bool Radians(string? u) => u?.Trim().ToLowerInvariant() is "rad" or "radian" or "radians";
        static bool Degrees(string? u) => u?.Trim().ToLowerInvariant() is "deg" or "degree" or "degrees";
        return Radians(from) && Degrees(to) ? 180 / Math.PI : 1;
    }

    /// <summary>Maps the chunk columns: the plan reads the table through a reader opened on <see cref="TableColumnsRead"/>.</summary>
    public void MapChunkColumns(TableReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        for (var i = 0; i < cells.Count; i++)
        {
            var position = reader.Columns.ToList().FindIndex(c => c.Index == cells[i].TableColumn);
            if (position < 0)
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"the reader does not read table column {cells[i].TableColumn}"));
            cells[i] = cells[i] with { ChunkColumn = position };
        }
    }

    private sealed record Cell(int Index, ColumnDef Column, int TableColumn, int ChunkColumn, int Element, double Factor, string Source, NumberTarget Target);

    private sealed record Computed(int Index, ColumnDef Column, Func<object?[], object?> Function, NumberTarget Target);

    /// <summary>
    /// What a number becomes in a column, decided once per column: <see cref="ColumnValues.FromNumber"/> decides it from
    /// the type's name for every value (set look-ups by name, a few per value: a third of CU4's time preparing rows).
    /// Numbers that convert plainly are converted here to the same value; any other (NaN, not an integer, out of range,
    /// too large for a real, decimal and text columns) goes through <see cref="ColumnValues.FromNumber"/>, so the
    /// problems reported are its own.
    /// </summary>
    private readonly struct NumberTarget
    {
        private readonly Kind kind;
        private readonly double min;
        private readonly double max;

        private NumberTarget(Kind kind, double min = 0, double max = 0)
        {
            this.kind = kind;
            this.min = min;
            this.max = max;
        }

        private enum Kind
        {
            Other,
            Single,
            Double,
            Bit,
            Byte,
            Int16,
            Int32,
            Int64,
        }

        public static NumberTarget Of(SqlType type) =>
            type.IsFloat ? new(type.IsSinglePrecision ? Kind.Single : Kind.Double)
            : !type.IsInteger ? new(Kind.Other)
            : type.Name switch
            {
                "bit" => new(Kind.Bit, 0, 1),
                "tinyint" => new(Kind.Byte, 0, 255),
                "smallint" => new(Kind.Int16, short.MinValue, short.MaxValue),
                "int" or "integer" => new(Kind.Int32, int.MinValue, int.MaxValue),
                _ => new(Kind.Int64, long.MinValue, long.MaxValue),
            };

        /// <summary>As <see cref="ColumnValues.FromNumber"/>, with the same values and problems.</summary>
        public bool Convert(double number, SqlType type, out object? value, out string? problem)
        {
            problem = null;
            switch (kind)
            {
                case Kind.Single when !double.IsNaN(number):
                    var f = (float)number;
                    if (float.IsInfinity(f) && !double.IsInfinity(number))
                        break;
                    value = f;
                    return true;
                case Kind.Double when !double.IsNaN(number):
                    value = number;
                    return true;
                case Kind.Bit or Kind.Byte or Kind.Int16 or Kind.Int32 or Kind.Int64
                    when number == Math.Floor(number) && !double.IsInfinity(number) && number >= min && number <= max:
                    var n = (long)number;
                    value = kind switch
                    {
                        Kind.Bit => (object)(n != 0),
                        Kind.Byte => (object)(byte)n,
                        Kind.Int16 => (object)(short)n,
                        Kind.Int32 => (object)(int)n,
                        _ => (object)n,
                    };
                    return true;
            }

            return ColumnValues.FromNumber(number, type, out value, out problem);
        }
    }
}
