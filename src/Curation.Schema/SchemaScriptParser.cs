using Curation.Schema.Model;

namespace Curation.Schema;

/// <summary>Reads annotated T-SQL schema scripts (WFAU or SDSS tag convention) into a <see cref="SchemaModel"/>.</summary>
public static class SchemaScriptParser
{
    /// <summary>Parses one script file.</summary>
    /// <exception cref="SchemaParseException">The script is broken; the exception says where and what was expected.</exception>
    public static SchemaModel ParseFile(string path, TagConvention convention = TagConvention.Wfau)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path, convention);
    }

    /// <summary>Parses several script files into one model, in order.</summary>
    public static SchemaModel ParseFiles(IEnumerable<string> paths, TagConvention convention = TagConvention.Wfau)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var model = new SchemaModel();
        foreach (var path in paths)
            model.AddRange(ParseFile(path, convention));
        return model;
    }

    /// <summary>Parses script text; <paramref name="file"/> names it in locations and errors.</summary>
    public static SchemaModel Parse(string text, string file, TagConvention convention = TagConvention.Wfau)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        return Parsing.ScriptParser.Parse(text, file, convention);
    }
}
