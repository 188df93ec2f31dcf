namespace Curation.Fits;

/// <summary>How strictly to read: the one policy for malformed input used everywhere in this layer.</summary>
public sealed record FitsReadOptions
{
    /// <summary>
    /// Lenient (the default): read what can be read and record what is not standard as warnings (per card for
    /// headers; per file for an unpadded last block). Strict: the first such problem is a <see cref="FitsException"/>.
    /// </summary>
    public bool Lenient { get; init; } = true;

    /// <summary>The default, lenient options.</summary>
    public static FitsReadOptions Default { get; } = new();

    /// <summary>Strict options.</summary>
    public static FitsReadOptions Strict { get; } = new() { Lenient = false };
}
