using System.Globalization;
using System.Text.RegularExpressions;
using Curation.Schema.Model;

namespace Curation.Schema.Parsing;

/// <summary>Views, indices, comment tags and the small helpers of the statement parser.</summary>
internal sealed partial class ScriptParser
{
    // A tag is "--/" and one capital letter, followed by white space or the end of the comment.
    [GeneratedRegex(@"--/([A-Z])(?=\s|$)")]
    private static partial Regex TagMarker();

    // ---- views and indices ----------------------------------------------------------------------

    private void ParseView(Token create, bool documented)
    {
        var (schema, name) = ParseQualifiedName("a view name after CREATE VIEW");
        var view = new TableDefBuilder(name, schema, documented, Location(create));
        CollectViewTags(view);
        if (Current.IsSymbol('('))
        {
            ParseNameList("view column");
            CollectViewTags(view);
        }

        if (Current.Is("WITH"))
        {
            while (Current.Kind != TokenKind.End && !Current.Is("AS"))
                _pos++;
        }

        if (!Current.Is("AS"))
            throw Fault(Current, $"AS before the query of view {name}", Current.Describe());
        _pos++;
        CollectViewTags(view);
        var first = Current;
        var last = first;
        while (Current.Kind != TokenKind.End && !Current.Is("GO") && !Current.IsSymbol(';')
               && !(Current.FirstOnLine && IsStatementStart(Current) && Current.Offset != first.Offset))
        {
            if (Current.Kind == TokenKind.LineComment)
            {
                if (Current.FirstOnLine)
                    AddTags(Current.Text, atStartOnly: true, (letter, value) => view.Tags.Add(letter, value));
            }
            else
            {
                last = Current;
            }

            _pos++;
        }

        if (first.Kind == TokenKind.End || first.Is("GO") || first.IsSymbol(';'))
            throw Fault(first, $"the query of view {name} after AS", first.Describe());
        var query = _text[first.Offset..(last.Offset + last.Length)];
        _model.Tables.Add(view.Build(query, _family));
    }

    // Words that begin a new statement at the start of a line and can never continue a view's SELECT:
    // a view not followed by GO ends before them.
    private static readonly HashSet<string> StatementStarts =
        new(StringComparer.OrdinalIgnoreCase) { "CREATE", "IF", "DROP", "ALTER", "EXEC", "EXECUTE", "PRINT", "USE", "DECLARE", "INSERT", "GRANT" };

    private static bool IsStatementStart(Token t) => t.Kind == TokenKind.Word && !t.Quoted && StatementStarts.Contains(t.Text);

    private void CollectViewTags(TableDefBuilder view)
    {
        while (Current.Kind == TokenKind.LineComment)
        {
            AddTags(Current.Text, atStartOnly: true, (letter, value) => view.Tags.Add(letter, value));
            _pos++;
        }
    }

    private void ParseIndex(Token create)
    {
        var unique = false;
        var clustered = false;
        if (Current.Is("UNIQUE"))
        {
            unique = true;
            _pos++;
        }

        if (Current.Is("CLUSTERED") || Current.Is("NONCLUSTERED"))
        {
            clustered = Current.Is("CLUSTERED");
            _pos++;
        }

        ExpectKeyword("INDEX");
        var name = ExpectName("an index name after CREATE INDEX");
        ExpectKeyword("ON");
        var (schema, table) = ParseQualifiedName($"the table of index {name} after ON");
        SkipComments();
        var open = Expect('(', $"'(' to open the column list of index {name}");
        var columns = new List<IndexColumn>();
        while (true)
        {
            SkipComments();
            var column = ExpectName($"a column of index {name}");
            var descending = false;
            if (Current.Is("ASC") || Current.Is("DESC"))
            {
                descending = Current.Is("DESC");
                _pos++;
            }

            columns.Add(new IndexColumn(column, descending));
            SkipComments();
            if (Current.IsSymbol(','))
            {
                _pos++;
                continue;
            }

            if (Current.IsSymbol(')'))
            {
                _pos++;
                break;
            }

            throw Fault(Current, $"',' or ')' in the column list of index {name} opened at column {open.Column}", Current.Describe());
        }

        IReadOnlyList<string> include = [];
        if (Current.Is("INCLUDE"))
        {
            _pos++;
            include = ParseNameList($"included column of index {name}");
        }

        _model.Indices.Add(new IndexDef
        {
            Name = name, Table = table, Schema = schema, Unique = unique, Clustered = clustered,
            Columns = columns, Include = include, Location = Location(create),
        });
    }

    // ---- comment tags ---------------------------------------------------------------------------

    /// <summary>Applies a comment's tags. On a comment-only line, only a comment starting with <c>--/</c> carries tags
    /// (others are notes or commented-out columns); <c>--/H</c> and <c>--/T</c> go to the table, the rest continue
    /// the last column. A comment on an item's own line gives its tags to that item.</summary>
    private static void ApplyComment(Token comment, TableDef table, ColumnDef? column, bool sameLine)
    {
        AddTags(comment.Text, atStartOnly: !sameLine, (letter, value) =>
        {
            if (letter is 'H' or 'T')
                table.Tags.Add(letter, value);
            else if (column is not null)
                column.Tags.Add(letter, value);
            else if (!sameLine)
                table.Tags.Add(letter, value);
        });
    }

    private static void AddTags(string comment, bool atStartOnly, Action<char, string> add)
    {
        var matches = TagMarker().Matches(comment);
        if (matches.Count == 0 || (atStartOnly && matches[0].Index != 0))
            return;
        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            var end = i + 1 < matches.Count ? matches[i + 1].Index : comment.Length;
            var valueStart = m.Index + m.Length;
            add(m.Groups[1].Value[0], comment[valueStart..end].Trim());
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private Token Peek(int ahead)
    {
        var i = _pos;
        for (var seen = 0; i < _tokens.Count - 1; i++)
        {
            if (_tokens[i].Kind == TokenKind.LineComment)
                continue;
            if (seen++ == ahead)
                break;
        }

        return _tokens[Math.Min(i, _tokens.Count - 1)];
    }

    private void SkipComments()
    {
        while (Current.Kind == TokenKind.LineComment)
            _pos++;
    }

    private (string? Schema, string Name) ParseQualifiedName(string expected)
    {
        SkipComments();
        var parts = new List<string> { ExpectName(expected) };
        while (Current.IsSymbol('.'))
        {
            _pos++;
            parts.Add(ExpectName(expected));
        }

        return (parts.Count >= 2 ? parts[^2] : null, parts[^1]);
    }

    private string ExpectName(string expected)
    {
        SkipComments();
        var t = Current;
        if (t.Kind != TokenKind.Word)
            throw Fault(t, expected, t.Describe());
        _pos++;
        return t.Text;
    }

    private void ExpectKeyword(string keyword)
    {
        SkipComments();
        if (!Current.Is(keyword))
            throw Fault(Current, keyword, Current.Describe());
        _pos++;
    }

    private Token Expect(char symbol, string expected)
    {
        var t = Current;
        if (!t.IsSymbol(symbol))
            throw Fault(t, expected, t.Describe());
        _pos++;
        return t;
    }

    private int ExpectInteger(string expected)
    {
        var t = Current;
        if (t.Kind != TokenKind.Number || !int.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw Fault(t, expected, t.Describe());
        _pos++;
        return n;
    }

    private List<string> ParseNameList(string what)
    {
        SkipComments();
        var open = Expect('(', $"'(' to open the {what} list");
        var names = new List<string>();
        while (true)
        {
            names.Add(ExpectName($"a {what}"));
            if (Current.Is("ASC") || Current.Is("DESC"))
                _pos++;
            SkipComments();
            if (Current.IsSymbol(','))
            {
                _pos++;
                continue;
            }

            if (Current.IsSymbol(')'))
            {
                _pos++;
                return names;
            }

            throw Fault(Current, $"',' or ')' in the {what} list opened at column {open.Column}", Current.Describe());
        }
    }

    private void SkipParenthesized()
    {
        var open = Expect('(', "'('");
        var depth = 1;
        while (depth > 0)
        {
            if (Current.Kind == TokenKind.End)
                throw Fault(Current, $"')' to match the '(' at line {open.Line}, column {open.Column}", "end of file");
            if (Current.IsSymbol('('))
                depth++;
            else if (Current.IsSymbol(')'))
                depth--;
            _pos++;
        }
    }

    private string ParenthesizedText()
    {
        var start = Current;
        SkipParenthesized();
        var end = _tokens[_pos - 1];
        return StripOuterParentheses(_text[start.Offset..(end.Offset + end.Length)]);
    }

    /// <summary>Removes parentheses that enclose the whole expression: <c>((0))</c> becomes <c>0</c>.</summary>
    internal static string StripOuterParentheses(string text)
    {
        text = text.Trim();
        while (text.Length >= 2 && text[0] == '(' && text[^1] == ')' && ClosingParenthesis(text) == text.Length - 1)
            text = text[1..^1].Trim();
        return text;
    }

    private static int ClosingParenthesis(string text)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
                inString = !inString;
            else if (!inString && c == '(')
                depth++;
            else if (!inString && c == ')' && --depth == 0)
                return i;
        }

        return -1;
    }

    private SourceLocation Location(Token t) => new(_lines.File, t.Line, t.Column);

    private SchemaParseException Fault(Token t, string expected, string found) =>
        new(Location(t), expected, found, _lines.Text(t.Line));

    /// <summary>Collects a view's tags before the definition is complete.</summary>
    private sealed class TableDefBuilder(string name, string? schema, bool documented, SourceLocation location)
    {
        public TagSet Tags { get; } = new();

        public TableDef Build(string query, string family)
        {
            var view = new TableDef
            {
                Name = name, Schema = schema, Kind = TableKind.View, Documented = documented,
                Location = location, Family = family, ViewQuery = query,
            };
            foreach (var (k, v) in Tags)
                view.Tags.Add(k, v);
            return view;
        }
    }
}
