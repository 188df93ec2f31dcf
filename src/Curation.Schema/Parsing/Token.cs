namespace Curation.Schema.Parsing;

/// <summary>What a lexical token is.</summary>
internal enum TokenKind
{
    /// <summary>An identifier or keyword; bracketed and double-quoted identifiers too (<see cref="Token.Quoted"/>).</summary>
    Word,

    /// <summary>A string literal, quotes included in <see cref="Token.Text"/>.</summary>
    String,

    /// <summary>A numeric literal.</summary>
    Number,

    /// <summary>Punctuation or an operator: one character.</summary>
    Symbol,

    /// <summary>A <c>--</c> comment to the end of the line, the dashes included in <see cref="Token.Text"/>.</summary>
    LineComment,

    /// <summary>The end of the script.</summary>
    End,
}

/// <summary>A token of a schema script with its place in the file.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Text">For a word, the name without brackets or quotes; otherwise the text as written.</param>
/// <param name="Offset">Offset of the first character in the script.</param>
/// <param name="Length">Length in the script.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="FirstOnLine">True when no other token precedes it on its line.</param>
/// <param name="Quoted">True for a <c>[bracketed]</c> or <c>"quoted"</c> identifier, never a keyword.</param>
internal readonly record struct Token(TokenKind Kind, string Text, int Offset, int Length, int Line, int Column, bool FirstOnLine, bool Quoted = false)
{
    /// <summary>True when this is the unquoted keyword <paramref name="keyword"/> in any case.</summary>
    public bool Is(string keyword) =>
        Kind == TokenKind.Word && !Quoted && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when this is the symbol <paramref name="symbol"/>.</summary>
    public bool IsSymbol(char symbol) => Kind == TokenKind.Symbol && Text[0] == symbol;

    /// <summary>How an error message shows the token.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of file",
        TokenKind.LineComment => "a comment",
        TokenKind.String => $"string {Text}",
        _ => $"'{Text}'",
    };
}
