using System.Text.RegularExpressions;
using Curation.Schema.Model;

namespace Curation.Schema.Parsing;

/// <summary>Parses the token stream of one script: tables, views, indices and routine names; everything else is skipped.</summary>
internal sealed partial class ScriptParser
{
    private static readonly HashSet<string> TableConstraintKeywords = ["CONSTRAINT", "PRIMARY", "FOREIGN", "UNIQUE", "CHECK", "INDEX"];

    private readonly List<Token> _tokens;
    private readonly ScriptLines _lines;
    private readonly string _text;
    private readonly string _family;
    private readonly TagConvention _convention;
    private readonly SchemaModel _model = new();
    private int _pos;

    private ScriptParser(string text, string file, TagConvention convention)
    {
        (_tokens, _lines) = ScriptLexer.Tokenize(text, file);
        _text = text;
        _convention = convention;
        _family = Path.GetFileNameWithoutExtension(file);
        _model.Files.Add(file);
    }

    /// <summary>Parses a whole script.</summary>
    public static SchemaModel Parse(string text, string file, TagConvention convention) =>
        new ScriptParser(text, file, convention).ParseScript();

    private Token Current => _tokens[_pos];

    private SchemaModel ParseScript()
    {
        while (Current.Kind != TokenKind.End)
        {
            if (Current.Is("CREATE"))
                ParseCreate();
            else if (Current.Is("ALTER") && Peek(1).Is("TABLE"))
                ParseAlterTable();
            else
                _pos++;
        }

        return _model;
    }

    private void ParseCreate()
    {
        var create = Current;
        _pos++;
        SkipComments();
        if (Current.Is("OR") && Peek(1).Is("ALTER"))
            _pos += 2;
        var what = Current;
        if (what.Is("TABLE"))
        {
            _pos++;
            ParseTable(create, documented: create.Text == "CREATE" && what.Text == "TABLE");
        }
        else if (what.Is("VIEW"))
        {
            _pos++;
            ParseView(create, documented: create.Text == "CREATE" && what.Text == "VIEW");
        }
        else if (what.Is("INDEX") || what.Is("UNIQUE") || what.Is("CLUSTERED") || what.Is("NONCLUSTERED"))
        {
            ParseIndex(create);
        }
        else if (what.Is("PROC") || what.Is("PROCEDURE") || what.Is("FUNCTION") || what.Is("TRIGGER"))
        {
            _pos++;
            var (schema, name) = ParseQualifiedName("the name of the " + what.Text.ToLowerInvariant());
            var kind = what.Is("FUNCTION") ? RoutineKind.Function : what.Is("TRIGGER") ? RoutineKind.Trigger : RoutineKind.Procedure;
            _model.Routines.Add(new RoutineDef(name, schema, kind, Location(create)));
            // A routine's body may create temporary tables: nothing in it is schema, up to the batch separator.
            while (Current.Kind != TokenKind.End && !Current.Is("GO"))
                _pos++;
        }
    }

    // ---- tables ---------------------------------------------------------------------------------

    /// <summary><c>ALTER TABLE t ADD [CONSTRAINT n] PRIMARY KEY|FOREIGN KEY|UNIQUE|CHECK ...</c> on a table of this script
    /// adds the constraint to it; any other ALTER is not schema the scripts describe, and is skipped.</summary>
    private void ParseAlterTable()
    {
        _pos += 2;
        var (schema, name) = ParseQualifiedName("a table name after ALTER TABLE");
        SkipComments();
        if (!Current.Is("ADD"))
            return;
        _pos++;
        SkipComments();
        var table = _model.Tables.Find(t => t.Kind == TableKind.Table && string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)
            && (schema is null || string.Equals(t.Schema, schema, StringComparison.OrdinalIgnoreCase)));
        if (table is null || !IsTableConstraintStart())
            return;
        ParseTableConstraint(table);
    }

    private void ParseTable(Token create, bool documented)
    {
        SkipComments();
        var nameToken = Current;
        var (schema, name) = ParseQualifiedName("a table name after CREATE TABLE");
        var table = new TableDef { Name = name, Schema = schema, Documented = documented, Location = Location(create), Family = _family };
        if (name.StartsWith('#'))
            throw Fault(nameToken, "a permanent table name", $"temporary table '{name}' outside a procedure");

        SkipComments();
        var open = Expect('(', $"'(' to open the column list of table {name}");
        ColumnDef? lastColumn = null;
        var sawItem = false;
        while (true)
        {
            // Comments between items: table tags, continuation tags of the previous column, or notes to ignore.
            while (Current.Kind == TokenKind.LineComment)
            {
                ApplyComment(Current, table, lastColumn, sameLine: false);
                _pos++;
            }

            if (Current.IsSymbol(')'))
            {
                if (!sawItem)
                    throw Fault(Current, $"a column definition in table {name}", "')'");
                _pos++;
                break;
            }

            if (Current.Kind == TokenKind.End)
                throw Fault(Current, $"')' to close table {name} opened at line {open.Line}", "end of file");

            var column = IsTableConstraintStart() ? null : ParseColumn(table);
            if (column is null)
                ParseTableConstraint(table);
            else
                table.Columns.Add(column);
            sawItem = true;
            lastColumn = column ?? lastColumn;

            // After an item: comments on its own lines belong to it, comment-only lines continue the last column,
            // and one comma separates it from the next item (a trailing comma before ')' is accepted).
            var commas = 0;
            while (true)
            {
                if (Current.Kind == TokenKind.LineComment)
                {
                    if (Current.FirstOnLine)
                        ApplyComment(Current, table, lastColumn, sameLine: false);
                    else
                        ApplyComment(Current, table, column, sameLine: true);
                    _pos++;
                }
                else if (Current.IsSymbol(','))
                {
                    if (++commas > 1)
                        throw Fault(Current, $"a column definition in table {name}", "a second ','");
                    _pos++;
                }
                else
                {
                    break;
                }
            }

            // SQL Server also accepts a table constraint right after the last column without a comma (GES does this).
            if (Current.Kind == TokenKind.End)
                throw Fault(Current, $"')' to close table {name} opened at line {open.Line}", "end of file");
            if (commas == 0 && !Current.IsSymbol(')') && !IsTableConstraintStart())
            {
                var what = column is null ? "the constraint" : $"column {column.Name}";
                throw Fault(Current, $"',' or ')' after {what} in table {name}", Current.Describe());
            }
        }

        // Primary-key columns are never null, whatever the column line says.
        foreach (var key in table.PrimaryKey)
        {
            var col = table.Column(key) ?? throw Fault(open, $"primary-key column '{key}' to be a column of table {name}", "no such column");
            if (col.Nullable)
                table.Columns[table.Columns.IndexOf(col)] = col.Copy(nullable: false);
        }

        _model.Tables.Add(table);
    }

    private bool IsTableConstraintStart()
    {
        if (Current.Kind != TokenKind.Word || Current.Quoted)
            return false;
        var upper = Current.Text.ToUpperInvariant();
        if (!TableConstraintKeywords.Contains(upper))
            return false;
        // A column may be called "index" or "check" only when followed by its type, never by a keyword or '('.
        var next = Peek(1);
        return upper switch
        {
            "PRIMARY" or "FOREIGN" => next.Is("KEY"),
            "UNIQUE" or "CHECK" => next.IsSymbol('(') || next.Is("CLUSTERED") || next.Is("NONCLUSTERED"),
            _ => true,
        };
    }

    private ColumnDef ParseColumn(TableDef table)
    {
        var nameToken = Current;
        if (nameToken.Kind != TokenKind.Word)
            throw Fault(nameToken, $"a column name in table {table.Name}", nameToken.Describe());
        _pos++;
        if (Current.Is("AS"))
            return ParseComputedColumn(nameToken);
        var type = ParseType(nameToken.Text, table.Name);
        var nullable = true;
        string? defaultValue = null;
        var identity = false;
        while (!Current.IsSymbol(',') && !Current.IsSymbol(')') && Current.Kind is not TokenKind.LineComment and not TokenKind.End)
        {
            var t = Current;
            if (t.Is("NOT") && Peek(1).Is("NULL"))
            {
                nullable = false;
                _pos += 2;
            }
            else if (t.Is("NULL"))
            {
                nullable = true;
                _pos++;
            }
            else if (t.Is("DEFAULT"))
            {
                _pos++;
                defaultValue = ParseDefaultExpression(nameToken.Text);
            }
            else if (t.Is("IDENTITY"))
            {
                identity = true;
                _pos++;
                if (Current.IsSymbol('('))
                    SkipParenthesized();
            }
            else if (t.Is("CONSTRAINT"))
            {
                _pos += 2; // CONSTRAINT name; what it constrains follows
            }
            else if (t.Is("PRIMARY") && Peek(1).Is("KEY"))
            {
                _pos += 2;
                SkipClusteredness();
                table.PrimaryKey.Clear();
                if (Current.IsSymbol('('))
                {
                    // A key with a column list after a column is the table's key, written without a comma.
                    table.PrimaryKey.AddRange(ParseNameList("primary-key column"));
                }
                else
                {
                    table.PrimaryKey.Add(nameToken.Text);
                    nullable = false;
                }
            }
            else if (t.Is("REFERENCES"))
            {
                _pos++;
                var (_, refTable) = ParseQualifiedName("the referenced table after REFERENCES");
                var refColumns = Current.IsSymbol('(') ? ParseNameList("referenced column") : [];
                table.ForeignKeys.Add(new ForeignKeyDef(null, [nameToken.Text], refTable, refColumns));
            }
            else if (t.Is("UNIQUE"))
            {
                _pos++;
                table.Uniques.Add(new UniqueDef(null, [nameToken.Text]));
            }
            else if (t.Is("CHECK"))
            {
                _pos++;
                table.Checks.Add(ParenthesizedText());
            }
            else if (t.Is("COLLATE"))
            {
                _pos += 2;
            }
            else if (t.Is("ROWGUIDCOL") || t.Is("SPARSE") || t.Is("FILESTREAM") || t.Is("CLUSTERED") || t.Is("NONCLUSTERED"))
            {
                _pos++;
            }
            else
            {
                throw Fault(t, $"NOT NULL, NULL, DEFAULT, a constraint, ',' or ')' after the type of column {nameToken.Text}", t.Describe());
            }
        }

        return new ColumnDef
        {
            Name = nameToken.Text,
            Type = type,
            Nullable = nullable,
            Default = defaultValue,
            IsIdentity = identity,
            Location = Location(nameToken),
            Convention = _convention,
        };
    }

    /// <summary><c>name AS expression [PERSISTED] [NOT NULL]</c>: SQL Server derives the type from the expression.</summary>
    private ColumnDef ParseComputedColumn(Token nameToken)
    {
        _pos++;
        var first = Current;
        var depth = 0;
        while (Current.Kind is not TokenKind.End and not TokenKind.LineComment
               && !(depth == 0 && (Current.IsSymbol(',') || Current.IsSymbol(')') || Current.Is("PERSISTED") || Current.Is("NOT") || Current.Is("NULL"))))
        {
            if (Current.IsSymbol('('))
                depth++;
            else if (Current.IsSymbol(')'))
                depth--;
            _pos++;
        }

        if (Current.Offset == first.Offset)
            throw Fault(first, $"an expression after AS for computed column {nameToken.Text}", first.Describe());
        var last = _tokens[_pos - 1];
        var expression = _text[first.Offset..(last.Offset + last.Length)];
        var persisted = false;
        var nullable = true;
        while (true)
        {
            if (Current.Is("PERSISTED"))
            {
                persisted = true;
                _pos++;
            }
            else if (Current.Is("NOT") && Peek(1).Is("NULL"))
            {
                nullable = false;
                _pos += 2;
            }
            else if (Current.Is("NULL"))
            {
                _pos++;
            }
            else
            {
                break;
            }
        }

        return new ColumnDef
        {
            Name = nameToken.Text, Type = SqlType.Computed, Nullable = nullable, ComputedExpression = expression,
            Persisted = persisted, Location = Location(nameToken), Convention = _convention,
        };
    }

    private SqlType ParseType(string column, string table)
    {
        var t = Current;
        if (t.Kind != TokenKind.Word)
            throw Fault(t, $"a type for column {column} of table {table}", t.Describe());
        var name = t.Text.ToLowerInvariant();
        var startOffset = t.Offset;
        _pos++;
        if (name == "double" && Current.Is("PRECISION"))
        {
            name = "double precision";
            _pos++;
        }

        if (!SqlType.KnownNames.Contains(name))
            throw Fault(t, $"a SQL Server type for column {column} of table {table}", t.Describe());
        int? length = null, scale = null;
        var isMax = false;
        if (Current.IsSymbol('('))
        {
            var open = Current;
            _pos++;
            if (Current.Is("MAX"))
            {
                isMax = true;
                _pos++;
            }
            else
            {
                length = ExpectInteger($"a length for type {name}");
                if (Current.IsSymbol(','))
                {
                    _pos++;
                    scale = ExpectInteger($"a scale for type {name}");
                }
            }

            if (!Current.IsSymbol(')'))
                throw Fault(Current, $"')' to close the arguments of type {name} opened at column {open.Column}", Current.Describe());
            _pos++;
        }

        var written = _text[startOffset..(_tokens[_pos - 1].Offset + _tokens[_pos - 1].Length)];
        return new SqlType(name, written, length, scale, isMax);
    }

    private string ParseDefaultExpression(string column)
    {
        // A default is a signed literal, a name, a function call or a parenthesized expression,
        // optionally combined with arithmetic operators: enough for every default the scripts use.
        var first = Current;
        ParseDefaultOperand(column);
        while (Current.Kind == TokenKind.Symbol && Current.Text is "+" or "-" or "*" or "/")
        {
            _pos++;
            ParseDefaultOperand(column);
        }

        var last = _tokens[_pos - 1];
        return StripOuterParentheses(_text[first.Offset..(last.Offset + last.Length)]);
    }

    private void ParseDefaultOperand(string column)
    {
        while (Current.IsSymbol('-') || Current.IsSymbol('+'))
            _pos++;
        var t = Current;
        if (t.Kind is TokenKind.Number or TokenKind.String)
        {
            _pos++;
        }
        else if (t.IsSymbol('('))
        {
            SkipParenthesized();
        }
        else if (t.Kind == TokenKind.Word)
        {
            _pos++;
            if (Current.IsSymbol('('))
                SkipParenthesized();
        }
        else
        {
            throw Fault(t, $"a default value for column {column}", t.Describe());
        }
    }

    private void ParseTableConstraint(TableDef table)
    {
        string? name = null;
        if (Current.Is("CONSTRAINT"))
        {
            _pos++;
            name = ExpectName("a constraint name after CONSTRAINT");
        }

        var t = Current;
        if (t.Is("PRIMARY"))
        {
            _pos++;
            ExpectKeyword("KEY");
            SkipClusteredness();
            table.PrimaryKey.Clear();
            table.PrimaryKey.AddRange(ParseNameList("primary-key column"));
            table.PrimaryKeyName = name;
        }
        else if (t.Is("FOREIGN"))
        {
            _pos++;
            ExpectKeyword("KEY");
            var columns = ParseNameList("foreign-key column");
            ExpectKeyword("REFERENCES");
            var (_, refTable) = ParseQualifiedName("the referenced table after REFERENCES");
            var refColumns = Current.IsSymbol('(') ? ParseNameList("referenced column") : [];
            table.ForeignKeys.Add(new ForeignKeyDef(name, columns, refTable, refColumns));
        }
        else if (t.Is("UNIQUE"))
        {
            _pos++;
            SkipClusteredness();
            table.Uniques.Add(new UniqueDef(name, ParseNameList("unique column")));
        }
        else if (t.Is("CHECK"))
        {
            _pos++;
            table.Checks.Add(ParenthesizedText());
        }
        else if (t.Is("INDEX"))
        {
            _pos++;
        }
        else
        {
            throw Fault(t, "PRIMARY KEY, FOREIGN KEY, UNIQUE or CHECK after the constraint name", t.Describe());
        }

        // Options such as WITH (...), ON filegroup, ON DELETE CASCADE: not schema, skipped to the item's end.
        var depth = 0;
        while (Current.Kind != TokenKind.End && !(depth == 0 && (Current.IsSymbol(',') || Current.IsSymbol(')')))
               && !(depth == 0 && Current.Kind == TokenKind.LineComment))
        {
            if (Current.IsSymbol('('))
                depth++;
            else if (Current.IsSymbol(')'))
                depth--;
            _pos++;
        }
    }

    private void SkipClusteredness()
    {
        if (Current.Is("CLUSTERED") || Current.Is("NONCLUSTERED"))
            _pos++;
    }
}
