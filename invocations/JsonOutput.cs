using System.Text.Json;

namespace Curation.Invocations;

/// <summary>Indented JSON documents written to a command's output.</summary>
internal static class JsonOutput
{
    /// <summary>Writes the document <paramref name="write"/> produces, then a new line.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            write(json);
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
