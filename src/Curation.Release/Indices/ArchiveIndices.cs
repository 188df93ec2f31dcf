using Curation.Database;
using Curation.Schema.Model;
using Curation.Sessions;

namespace Curation.Release.Indices;

/// <summary>The indices of the schema scripts (Indices.sql) an archive should have, and which of them it lacks.</summary>
public static class ArchiveIndices
{
    /// <summary>
    /// Every index of <paramref name="scripts"/> on the archive's tables (templates instantiated for the programmes and
    /// neighbour tables the archive registers, as <c>curate init</c> does), with whether the archive has it already.
    /// </summary>
    /// <exception cref="CurationInputException">An index is on a table the scripts do not define.</exception>
    public static IReadOnlyList<(IndexDef Index, bool Present)> Read(Session session, SchemaModel scripts)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(scripts);
        var layout = ArchiveInitializer.RegisteredLayout(session.Connection, session.Transaction, session.Dialect, scripts);
        var existing = LiveSchemaReader.ReadIndexNames(session.Connection, session.Dialect, session.Transaction);
        var tables = layout.Tables.Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return layout.Indices.Select(index => tables.Contains(index.Table)
                ? (index, existing.Contains(session.Dialect.CatalogName(index.Name).ToLowerInvariant()))
                : throw new CurationInputException($"index {index.Name} is on table {index.Table}, which the schema scripts do not define"))
            .ToList();
    }

    /// <summary>The statement that creates <paramref name="index"/> unless it exists, in the session's dialect.</summary>
    public static string CreateStatement(Session session, IndexDef index)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Dialect.CreateIndex(index, ifMissing: true);
    }
}
