using System.Text.Encodings.Web;
using System.Text.Json;
using Curation.Schema.Model;

namespace Curation.Schema;

/// <summary>Writes a schema model as the JSON document of <c>curate schema dump --json</c>.</summary>
public static class SchemaJsonWriter
{
    /// <summary>Writes <paramref name="model"/> to <paramref name="stream"/>, indented, in script order.</summary>
    public static void Write(SchemaModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var w = new Utf8JsonWriter(stream, options);
        w.WriteStartObject();
        w.WriteStartArray("tables");
        foreach (var table in model.Tables)
            WriteTable(w, table);
        w.WriteEndArray();
        w.WriteStartArray("indices");
        foreach (var index in model.Indices)
        {
            w.WriteStartObject();
            w.WriteString("name", index.Name);
            w.WriteString("table", index.Table);
            WriteNullable(w, "schema", index.Schema);
            w.WriteBoolean("unique", index.Unique);
            w.WriteStartArray("columns");
            foreach (var c in index.Columns)
                w.WriteStringValue(c.Descending ? c.Name + " DESC" : c.Name);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("routines");
        foreach (var r in model.Routines)
        {
            w.WriteStartObject();
            w.WriteString("name", r.Name);
            WriteNullable(w, "schema", r.Schema);
            w.WriteString("kind", r.Kind.ToString().ToLowerInvariant());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The JSON document as a string.</summary>
    public static string ToJson(SchemaModel model)
    {
        using var ms = new MemoryStream();
        Write(model, ms);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void WriteTable(Utf8JsonWriter w, TableDef table)
    {
        w.WriteStartObject();
        w.WriteString("name", table.Name);
        WriteNullable(w, "schema", table.Schema);
        w.WriteString("kind", table.Kind == TableKind.View ? "view" : "table");
        w.WriteBoolean("documented", table.Documented);
        WriteNullable(w, "header", table.Header);
        WriteNullable(w, "text", table.Text);
        w.WriteString("family", table.Family);
        w.WriteString("location", table.Location.ToString());
        w.WriteStartArray("primaryKey");
        foreach (var k in table.PrimaryKey)
            w.WriteStringValue(k);
        w.WriteEndArray();
        if (table.ForeignKeys.Count > 0)
        {
            w.WriteStartArray("foreignKeys");
            foreach (var fk in table.ForeignKeys)
            {
                w.WriteStartObject();
                WriteNullable(w, "name", fk.Name);
                w.WriteString("columns", string.Join(",", fk.Columns));
                w.WriteString("references", fk.ReferencedTable);
                w.WriteString("referencedColumns", string.Join(",", fk.ReferencedColumns));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (table.ViewQuery is not null)
            w.WriteString("query", table.ViewQuery);
        if (table.Tags.Count > 0)
            WriteTags(w, table.Tags);
        w.WriteStartArray("columns");
        foreach (var c in table.Columns)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("type", c.Type.Name);
            if (c.Type.IsMax)
                w.WriteString("length", "max");
            else if (c.Type.Length is { } length)
                w.WriteNumber("length", length);
            else
                w.WriteNull("length");
            if (c.Type.Scale is { } scale)
                w.WriteNumber("scale", scale);
            w.WriteBoolean("nullable", c.Nullable);
            WriteNullable(w, "default", c.Default);
            if (c.IsIdentity)
                w.WriteBoolean("identity", true);
            if (c.ComputedExpression is { } expression)
                w.WriteString("computed", expression);
            WriteTags(w, c.Tags);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTags(Utf8JsonWriter w, TagSet tags)
    {
        w.WriteStartObject("tags");
        foreach (var (letter, value) in tags)
            w.WriteString(letter.ToString(), value);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
            w.WriteNull(name);
        else
            w.WriteString(name, value);
    }
}
