using System.Collections;

namespace Curation.Schema.Model;

/// <summary>The comment tags of a table or column, keyed by their letter, in the order first seen.</summary>
/// <remarks>A tag given more than once (a multi-line <c>--/T</c>, a <c>--/D</c> continued on the next line)
/// keeps one value: the parts joined with a newline. A valueless tag (<c>--/O</c>) has the empty string.</remarks>
public sealed class TagSet : IReadOnlyDictionary<char, string>
{
    private readonly List<char> _order = [];
    private readonly Dictionary<char, string> _values = [];

    /// <summary>Adds a value for a tag, joining it to any value already there with a newline.</summary>
    public void Add(char letter, string value)
    {
        if (_values.TryGetValue(letter, out var existing))
        {
            _values[letter] = existing + "\n" + value;
        }
        else
        {
            _order.Add(letter);
            _values[letter] = value;
        }
    }

    /// <summary>The tag's value, or null when the tag is absent.</summary>
    public string? Get(char letter) => _values.TryGetValue(letter, out var v) ? v : null;

    /// <inheritdoc />
    public string this[char key] => _values[key];

    /// <inheritdoc />
    public IEnumerable<char> Keys => _order;

    /// <inheritdoc />
    public IEnumerable<string> Values => _order.Select(k => _values[k]);

    /// <inheritdoc />
    public int Count => _order.Count;

    /// <inheritdoc />
    public bool ContainsKey(char key) => _values.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(char key, out string value) => _values.TryGetValue(key, out value!);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<char, string>> GetEnumerator() =>
        _order.Select(k => new KeyValuePair<char, string>(k, _values[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
