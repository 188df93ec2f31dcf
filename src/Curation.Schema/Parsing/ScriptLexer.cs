using System.Text;
using Curation.Schema.Model;

namespace Curation.Schema.Parsing;

/// <summary>Splits T-SQL into tokens, keeping line comments (they carry the tags) and dropping block comments.</summary>
/// <remarks>String literals are read first, so <c>default '--'</c> is a string, not a comment; block comments nest,
/// as T-SQL's do, so an old <c>CREATE TABLE</c> commented out with <c>/* */</c> leaves no token.</remarks>
internal sealed class ScriptLexer
{
    private readonly string _text;
    private readonly string _file;
    private readonly List<int> _lineStarts = [0];
    private int _pos;
    private int _line = 1;
    private int _lastTokenLine;

    private ScriptLexer(string text, string file)
    {
        _text = text;
        _file = file;
    }

    /// <summary>All tokens of the script, ending with one <see cref="TokenKind.End"/>.</summary>
    public static (List<Token> Tokens, ScriptLines Lines) Tokenize(string text, string file)
    {
        var lexer = new ScriptLexer(text, file);
        var tokens = lexer.Run();
        return (tokens, new ScriptLines(text, file));
    }

    private List<Token> Run()
    {
        var tokens = new List<Token>(_text.Length / 6);
        while (true)
        {
            SkipSpaceAndBlockComments();
            if (_pos >= _text.Length)
            {
                tokens.Add(Make(TokenKind.End, "", _pos, 0));
                return tokens;
            }

            tokens.Add(Next());
        }
    }

    private Token Next()
    {
        var c = _text[_pos];
        var start = _pos;
        if (c == '-' && Peek(1) == '-')
        {
            var end = _text.IndexOf('\n', _pos);
            if (end < 0)
                end = _text.Length;
            _pos = end;
            return Make(TokenKind.LineComment, _text[start..end].TrimEnd('\r'), start, end - start);
        }

        if (c == '\'' || ((c == 'N' || c == 'n') && Peek(1) == '\''))
            return ReadString(start);
        if (c == '[')
            return ReadDelimited(start, ']');
        if (c == '"')
            return ReadDelimited(start, '"');
        if (char.IsDigit(c) || (c == '.' && char.IsDigit(Peek(1))))
            return ReadNumber(start);
        if (IsWordChar(c))
        {
            while (_pos < _text.Length && IsWordChar(_text[_pos]))
                _pos++;
            return Make(TokenKind.Word, _text[start.._pos], start, _pos - start);
        }

        _pos++;
        return Make(TokenKind.Symbol, c.ToString(), start, 1);
    }

    private Token ReadString(int start)
    {
        if (_text[_pos] != '\'')
            _pos++; // N prefix of a Unicode literal
        _pos++;
        var startLine = _line;
        while (true)
        {
            if (_pos >= _text.Length)
                throw Error(start, startLine, "a closing quote (') for the string literal that starts here", "end of file");
            var ch = _text[_pos];
            if (ch == '\n')
                NewLine(_pos + 1);
            if (ch == '\'')
            {
                if (Peek(1) == '\'')
                {
                    _pos += 2;
                    continue;
                }

                _pos++;
                break;
            }

            _pos++;
        }

        return Make(TokenKind.String, _text[start.._pos], start, _pos - start, startLine);
    }

    private Token ReadDelimited(int start, char close)
    {
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
                throw Error(start, _line, $"'{close}' to close the identifier that starts here", _pos >= _text.Length ? "end of file" : "end of line");
            var ch = _text[_pos];
            if (ch == close)
            {
                if (Peek(1) == close)
                {
                    sb.Append(close);
                    _pos += 2;
                    continue;
                }

                _pos++;
                break;
            }

            sb.Append(ch);
            _pos++;
        }

        return Make(TokenKind.Word, sb.ToString(), start, _pos - start, quoted: true);
    }

    private Token ReadNumber(int start)
    {
        // A binary literal: 0x followed by hex digits (SQL Server's varbinary defaults).
        if (_text[_pos] == '0' && (Peek(1) == 'x' || Peek(1) == 'X'))
        {
            _pos += 2;
            while (_pos < _text.Length && char.IsAsciiHexDigit(_text[_pos]))
                _pos++;
            return Make(TokenKind.Number, _text[start.._pos], start, _pos - start);
        }

        while (_pos < _text.Length && (char.IsDigit(_text[_pos]) || _text[_pos] == '.'))
            _pos++;
        if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            var save = _pos;
            _pos++;
            if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-'))
                _pos++;
            if (_pos < _text.Length && char.IsDigit(_text[_pos]))
            {
                while (_pos < _text.Length && char.IsDigit(_text[_pos]))
                    _pos++;
            }
            else
            {
                _pos = save;
            }
        }

        return Make(TokenKind.Number, _text[start.._pos], start, _pos - start);
    }

    private void SkipSpaceAndBlockComments()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                NewLine(_pos);
            }
            else if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                _pos++;
            }
            else if (c == '/' && Peek(1) == '*')
            {
                SkipBlockComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipBlockComment()
    {
        var start = _pos;
        var startLine = _line;
        var depth = 0;
        while (_pos < _text.Length)
        {
            if (_text[_pos] == '/' && Peek(1) == '*')
            {
                depth++;
                _pos += 2;
            }
            else if (_text[_pos] == '*' && Peek(1) == '/')
            {
                depth--;
                _pos += 2;
                if (depth == 0)
                    return;
            }
            else
            {
                if (_text[_pos] == '\n')
                    NewLine(_pos + 1);
                _pos++;
            }
        }

        throw Error(start, startLine, "'*/' to close the block comment that starts here", "end of file");
    }

    private void NewLine(int lineStart)
    {
        _line++;
        _lineStarts.Add(lineStart);
    }

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private Token Make(TokenKind kind, string text, int offset, int length, int? line = null, bool quoted = false)
    {
        var tokenLine = line ?? _line;
        var column = offset - _lineStarts[tokenLine - 1] + 1;
        var first = tokenLine != _lastTokenLine;
        _lastTokenLine = _line;
        return new Token(kind, text, offset, length, tokenLine, column, first, quoted);
    }

    private SchemaParseException Error(int offset, int line, string expected, string found)
    {
        var lines = new ScriptLines(_text, _file);
        var column = offset - _lineStarts[line - 1] + 1;
        return new SchemaParseException(new SourceLocation(_file, line, column), expected, found, lines.Text(line));
    }

    // Braces belong to words so that template names such as {prog}Detection are one identifier.
    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '@' or '#' or '$' or '{' or '}';
}

/// <summary>The lines of a script, for quoting the offending line in an error.</summary>
internal sealed class ScriptLines(string text, string file)
{
    private readonly string[] _lines = text.Split('\n');

    /// <summary>The script's name as given.</summary>
    public string File { get; } = file;

    /// <summary>Line <paramref name="line"/> (1-based) without its line break; empty past the end.</summary>
    public string Text(int line) => line >= 1 && line <= _lines.Length ? _lines[line - 1].TrimEnd('\r') : "";

    /// <summary>The number of lines.</summary>
    public int Count => _lines.Length;
}
