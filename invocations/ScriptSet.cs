using Curation.Schema;
using Curation.Schema.Model;

namespace Curation.Invocations;

/// <summary>Finds the schema scripts a command reads: the files given, else the archive's own <c>schema-sql/</c>.</summary>
internal static class ScriptSet
{
    /// <summary>The environment variable that names the archive's schema directory.</summary>
    public const string SchemaDirVariable = "CURATION_SCHEMA_DIR";

    /// <summary>The archive's schema directory: the option, else <c>CURATION_SCHEMA_DIR</c>, else <c>schema-sql/</c> beside curate.</summary>
    public static string SchemaDirectory(DirectoryInfo? option)
    {
        var dir = option?.FullName
            ?? (Environment.GetEnvironmentVariable(SchemaDirVariable) is { Length: > 0 } env ? Path.GetFullPath(env) : null)
            ?? Path.Combine(AppContext.BaseDirectory, "schema-sql");
        if (!Directory.Exists(dir))
            throw new CurationUsageException($"schema directory {dir} not found: give --schema-dir DIR or set {SchemaDirVariable}");
        return dir;
    }

    /// <summary>The script paths: the files given (each must exist), else every <c>*.sql</c> of the schema directory.</summary>
    public static IReadOnlyList<string> Paths(FileInfo[]? files, DirectoryInfo? schemaDir)
    {
        if (files is { Length: > 0 })
        {
            foreach (var f in files)
            {
                if (!f.Exists)
                    throw new CurationUsageException($"{f.FullName}: no such schema script");
            }

            return files.Select(f => f.ToString()).ToList();
        }

        var dir = SchemaDirectory(schemaDir);
        var paths = Directory.GetFiles(dir, "*.sql").Order(StringComparer.Ordinal).ToList();
        if (paths.Count == 0)
            throw new CurationUsageException($"schema directory {dir} holds no *.sql scripts");
        return paths;
    }

    /// <summary>Parses the scripts with the convention named by <c>--tags</c>.</summary>
    public static SchemaModel Parse(IReadOnlyList<string> paths, string tags) =>
        SchemaScriptParser.ParseFiles(paths, tags == "sdss" ? TagConvention.Sdss : TagConvention.Wfau);
}
