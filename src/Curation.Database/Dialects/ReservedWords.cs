namespace Curation.Database.Dialects;

/// <summary>SQL words that must be quoted when used as names in SQLite or PostgreSQL.</summary>
internal static class ReservedWords
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "abort", "action", "add", "after", "all", "alter", "analyse", "analyze", "and", "any", "array", "as", "asc",
        "asymmetric", "authorization", "autoincrement", "before", "begin", "between", "binary", "both", "by", "cascade",
        "case", "cast", "check", "collate", "column", "commit", "concurrently", "conflict", "constraint", "create",
        "cross", "current", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
        "current_timestamp", "current_user", "database", "default", "deferrable", "deferred", "delete", "desc",
        "detach", "distinct", "do", "drop", "each", "else", "end", "escape", "except", "exclusive", "exists", "explain",
        "false", "fetch", "for", "foreign", "freeze", "from", "full", "glob", "grant", "group", "having", "if", "ilike",
        "immediate", "in", "index", "initially", "inner", "insert", "instead", "intersect", "into", "is", "isnull",
        "join", "key", "lateral", "leading", "left", "like", "limit", "localtime", "localtimestamp", "match",
        "natural", "no", "not", "notnull", "null", "of", "offset", "on", "only", "or", "order", "outer", "overlaps",
        "placing", "plan", "pragma", "primary", "query", "raise", "recursive", "references", "regexp", "reindex",
        "release", "rename", "replace", "restrict", "returning", "right", "rollback", "row", "savepoint", "select",
        "session_user", "set", "similar", "some", "symmetric", "table", "temp", "temporary", "then", "to", "trailing",
        "transaction", "trigger", "true", "union", "unique", "update", "user", "using", "vacuum", "values", "variadic",
        "verbose", "view", "virtual", "when", "where", "window", "with", "without",
    };

    public static bool IsReserved(string word) => Words.Contains(word);
}
