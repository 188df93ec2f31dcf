using System.Data.Common;
using System.Globalization;
using System.Text;
using Curation.Database.Dialects;
using Dapper;

namespace Curation.Database;

/// <summary>
/// An external table the cross-neighbour tables join to: a row of <c>ExternalSurveyTable</c> with its survey's row of
/// <c>ExternalSurvey</c>. The table itself lives in the archive's own database under <see cref="TableName"/>.
/// </summary>
/// <param name="SurveyId">Its <c>surveyID</c>.</param>
/// <param name="ExtTableId">Its <c>extTableID</c> within the survey.</param>
/// <param name="SurveyName">The survey's <c>surveyName</c> (eg. Gaia DR3).</param>
/// <param name="DatabaseName">The survey's <c>databaseName</c> (eg. GAIADR3).</param>
/// <param name="ExtTableName">The table's <c>extTableName</c> (eg. gaia_source).</param>
/// <param name="Alias">The table's <c>extTableAlias</c>, which names the cross-neighbour tables (eg. GaiaDR3Source).</param>
/// <param name="IdColumn">The table's source identifier column (<c>sourceIDName</c>).</param>
/// <param name="RaColumn">Its right ascension column in degrees (<c>coord1</c>).</param>
/// <param name="DecColumn">Its declination column in degrees (<c>coord2</c>).</param>
public sealed record ExternalTable(int SurveyId, int ExtTableId, string SurveyName, string DatabaseName, string ExtTableName, string Alias,
    string IdColumn, string RaColumn, string DecColumn)
{
    /// <summary>The name of the table in the archive's database (<see cref="ExternalTables.TableName"/>).</summary>
    public string TableName => ExternalTables.TableName(DatabaseName, ExtTableName, SurveyId);

    /// <summary>How messages name the registration: <c>ExternalSurveyTable 1/1 (gaia_source of Gaia DR3)</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"ExternalSurveyTable {SurveyId}/{ExtTableId} ({ExtTableName} of {SurveyName})");
}

/// <summary>
/// The external tables registered in <c>ExternalSurvey</c> and <c>ExternalSurveyTable</c>, and where each lives. The
/// WSA kept each external survey in a database of its own (<c>TWOMASS..twomass_psc</c>); here every table is in the
/// archive's database, named <c>{databaseName}_{extTableName}</c> (<c>GAIADR3_gaia_source</c>, <c>TWOMASS_twomass_psc</c>):
/// the survey's database name keeps two surveys' tables of the same name apart, and the underscore keeps them apart
/// from the tables of the schema scripts, whose names have none. One rule for every engine, since SQLite has no schemas.
/// </summary>
public static class ExternalTables
{
    /// <summary>The table that registers external surveys.</summary>
    public const string SurveyTable = "ExternalSurvey";

    /// <summary>The table that registers their tables.</summary>
    public const string TableTable = "ExternalSurveyTable";

    /// <summary>The longest table name every engine keeps whole (PostgreSQL cuts names at 63 bytes).</summary>
    public const int MaxNameLength = 63;

    /// <summary>
    /// The name of an external table in the archive's database: <c>{databaseName}_{extTableName}</c>, every character
    /// other than an ASCII letter, digit or underscore replaced by an underscore; <c>EXT{surveyID}</c> stands for a
    /// database name that is NONE or empty.
    /// </summary>
    public static string TableName(string databaseName, string extTableName, int surveyId)
    {
        ArgumentNullException.ThrowIfNull(databaseName);
        ArgumentNullException.ThrowIfNull(extTableName);
        var database = databaseName.Trim();
        if (database.Length == 0 || database.Equals("NONE", StringComparison.OrdinalIgnoreCase))
            database = string.Create(CultureInfo.InvariantCulture, $"EXT{surveyId}");
        return Identifier(database) + "_" + Identifier(extTableName.Trim());
    }

    /// <summary>A name made a plain SQL identifier: characters other than ASCII letters, digits and underscores become
    /// underscores, and a name starting with a digit (or empty) gets a leading <c>c</c>.</summary>
    public static string Identifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length + 1);
        foreach (var ch in name)
            sb.Append(char.IsAsciiLetterOrDigit(ch) || ch == '_' ? ch : '_');
        if (sb.Length == 0 || char.IsAsciiDigit(sb[0]))
            sb.Insert(0, 'c');
        return sb.ToString();
    }

    /// <summary>Every registered external table, by survey and table ID.</summary>
    public static IReadOnlyList<ExternalTable> Registered(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Registered(session.Connection, session.Transaction, session.Dialect);
    }

    /// <summary>Every registered external table, by survey and table ID; none when the archive has no such tables.</summary>
    public static IReadOnlyList<ExternalTable> Registered(DbConnection connection, DbTransaction? transaction, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        var live = LiveSchemaReader.Read(connection, dialect, transaction)
            .Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!live.Contains(dialect.CatalogName(SurveyTable)) || !live.Contains(dialect.CatalogName(TableTable)))
            return [];
        var q = dialect.Quote;
        var sql = $"SELECT t.{q("surveyID")} AS surveyid, t.{q("extTableID")} AS exttableid, s.{q("surveyName")} AS surveyname, "
            + $"s.{q("databaseName")} AS databasename, t.{q("extTableName")} AS exttablename, t.{q("extTableAlias")} AS alias, "
            + $"t.{q("sourceIDName")} AS idcolumn, t.{q("coord1")} AS racolumn, t.{q("coord2")} AS deccolumn "
            + $"FROM {dialect.TableName(TableTable, null)} t JOIN {dialect.TableName(SurveyTable, null)} s ON s.{q("surveyID")} = t.{q("surveyID")} "
            + $"ORDER BY t.{q("surveyID")}, t.{q("extTableID")}";
        try
        {
            return connection.Query(sql, transaction: transaction).Select(r =>
            {
                var row = (IDictionary<string, object?>)r;
                string S(string c) => Convert.ToString(row[c], CultureInfo.InvariantCulture)!.TrimEnd();
                int I(string c) => Convert.ToInt32(row[c], CultureInfo.InvariantCulture);
                return new ExternalTable(I("surveyid"), I("exttableid"), S("surveyname"), S("databasename"), S("exttablename"), S("alias"),
                    S("idcolumn"), S("racolumn"), S("deccolumn"));
            }).ToList();
        }
        catch (DbException e)
        {
            throw new CurationDatabaseException($"cannot read the external tables ({TableTable}, {SurveyTable}): {e.Message}", e);
        }
    }

    /// <summary>The registration (<paramref name="surveyId"/>, <paramref name="extTableId"/>), or null.</summary>
    public static ExternalTable? Find(Session session, int surveyId, int extTableId) =>
        Registered(session).FirstOrDefault(t => t.SurveyId == surveyId && t.ExtTableId == extTableId);
}
