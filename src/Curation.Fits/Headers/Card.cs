namespace Curation.Fits.Headers;

/// <summary>
/// One header card (or, for a long string, a card and the <c>CONTINUE</c> cards joined to it): keyword, typed value,
/// comment, and what a lenient read had to forgive.
/// </summary>
public sealed class Card
{
    /// <summary>Creates a card.</summary>
    public Card(string keyword, CardValue value, string? comment, int position, string image, bool isHierarch = false, IReadOnlyList<string>? warnings = null)
    {
        Keyword = keyword;
        Value = value;
        Comment = comment;
        Position = position;
        Image = image;
        IsHierarch = isHierarch;
        Warnings = warnings ?? [];
    }

    /// <summary>The keyword, upper case as written; for a HIERARCH card the name after <c>HIERARCH</c> (<c>ESO DET CHIP</c>).</summary>
    public string Keyword { get; }

    /// <summary>The typed value (commentary cards: their text).</summary>
    public CardValue Value { get; }

    /// <summary>The comment after the <c>/</c>, without trailing blanks; null when there is none.</summary>
    public string? Comment { get; }

    /// <summary>1-based position of the (first) card in its header, as <c>fitsverify</c> numbers keywords.</summary>
    public int Position { get; }

    /// <summary>The 80-character card image(s) as read (several joined by newlines for a long string).</summary>
    public string Image { get; }

    /// <summary>True for an ESO HIERARCH card.</summary>
    public bool IsHierarch { get; }

    /// <summary>True for COMMENT, HISTORY, blank-keyword and other cards without a value indicator.</summary>
    public bool IsCommentary => Value.Kind == CardValueKind.Text;

    /// <summary>What was not standard about the card and how it was read anyway (empty for a clean card).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <inheritdoc/>
    public override string ToString() => IsCommentary ? $"{Keyword} {Value.TextValue}" : $"{Keyword} = {Value}{(Comment is null ? "" : " / " + Comment)}";
}
